package datacheck

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// TestChecks: each kind of bad set is one error wrapping ErrData that
// names the set, and the train set is checked before the test set.
func TestChecks(t *testing.T) {
	good := func() *data.Dataset {
		return &data.Dataset{RowPtr: []int{0, 2, 3}, Index: []int32{0, 2, 1}, Value: []float64{1, 1, 1}, Label: []float64{-1, 1}, Y: []float64{0, 1}, Width: 3}
	}
	with := func(change func(d *data.Dataset)) *data.Dataset {
		d := good()
		change(d)
		return d
	}
	for _, tc := range []struct {
		name        string
		train, test *data.Dataset
		check       func(train, test *data.Dataset) error
		want        string // in the message; "" for no error
	}{
		{"good sets", good(), good(), Sets, ""},
		{"no train set", nil, good(), Sets, "no train set"},
		{"empty test set", good(), &data.Dataset{Width: 3}, Sets, "empty test set"},
		{"label 2", with(func(d *data.Dataset) { d.Y[1] = 2 }), nil, Sets, "train set: row 1 has label 2"},
		{"widths differ", good(), with(func(d *data.Dataset) { d.Width = 4 }), Sets, "test set has 4 columns"},
		{"good rows", good(), good(), rows(true, true), ""},
		{"index out of range, both bad", with(func(d *data.Dataset) { d.Index[2] = 3 }), with(func(d *data.Dataset) { d.Index[0] = 5 }), rows(false, false), "train"},
		{"indices decreasing, sorted", with(func(d *data.Dataset) { d.Index[0], d.Index[1] = 2, 0 }), nil, rows(true, false), "train"},
		{"indices decreasing, not sorted", with(func(d *data.Dataset) { d.Index[0], d.Index[1] = 2, 0 }), nil, rows(false, false), ""},
		{"NaN in test", good(), with(func(d *data.Dataset) { d.Value[0] = math.NaN() }), rows(false, false), "test"},
		{"Inf in train, unchecked", with(func(d *data.Dataset) { d.Value[0] = math.Inf(1) }), nil, rows(false, false), ""},
		{"Inf in train, checked", with(func(d *data.Dataset) { d.Value[0] = math.Inf(1) }), nil, rows(false, true), "train"},
	} {
		err := tc.check(tc.train, tc.test)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (!errors.Is(err, ErrData) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an ErrData naming %q", tc.name, err, tc.want)
		}
	}
}

func rows(sorted, trainValues bool) func(train, test *data.Dataset) error {
	return func(train, test *data.Dataset) error { return Rows(train, test, sorted, trainValues) }
}
