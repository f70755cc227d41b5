package sgdfast

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestCheckRows: rows as data.Read makes them pass; an index out of range
// or, when sorted, out of order, anywhere in a row, is a *RowError naming the
// row and the index, as is a row whose end comes before its start or
// after the last index (which panicked before).
func TestCheckRows(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 44))
	d := dataOf(testkit.Random(r, 60, 30, 0.4))
	for _, sorted := range []bool{false, true} {
		if err := CheckRows(d, "train", sorted); err != nil {
			t.Fatalf("sorted %v: valid rows: %v", sorted, err)
		}
	}
	for _, tc := range []struct {
		name          string
		spoil         func(idx []int32, k int)
		plain, sorted string // the error's words, "" for none
	}{
		{"index −1", func(idx []int32, k int) { idx[k] = -1 }, "outside [0, 30)", "outside [0, 30)"},
		{"index Width", func(idx []int32, k int) { idx[k] = 30 }, "outside [0, 30)", "outside [0, 30)"},
		{"repeated", func(idx []int32, k int) {
			if k == 0 {
				idx[0] = idx[1]
			} else {
				idx[k] = idx[k-1]
			}
		}, "", "after"},
		{"swapped", func(idx []int32, k int) {
			k = min(k, len(idx)-2)
			idx[k], idx[k+1] = idx[k+1], idx[k]
		}, "", "after"},
	} {
		for row := range d.rows() {
			lo, hi := d.RowPtr[row], d.RowPtr[row+1]
			if hi-lo < 2 {
				continue
			}
			for _, k := range []int{0, 1, (hi - lo) / 2, hi - lo - 1} {
				e := *d
				e.Index = slices.Clone(d.Index)
				tc.spoil(e.Index[lo:hi], k)
				for sorted, want := range map[bool]string{false: tc.plain, true: tc.sorted} {
					err := CheckRows(&e, "train", sorted)
					switch {
					case want == "" && err != nil:
						t.Errorf("%s at %d of row %d, sorted %v: %v", tc.name, k, row, sorted, err)
					case want != "" && (!isRowError(err) || !strings.Contains(err.Error(), want)):
						t.Errorf("%s at %d of row %d, sorted %v: error %v, want a *RowError with %q", tc.name, k, row, sorted, err, want)
					}
				}
			}
		}
	}
	e := *d
	e.RowPtr = slices.Clone(d.RowPtr)
	e.RowPtr[5], e.RowPtr[6] = e.RowPtr[6], e.RowPtr[5]
	if err := CheckRows(&e, "train", false); !isRowError(err) || !strings.Contains(err.Error(), "ends at") {
		t.Errorf("bounds decreasing: %v", err)
	}
	e.RowPtr = slices.Clone(d.RowPtr)
	e.RowPtr[1] = len(d.Index) + 10
	if err := CheckRows(&e, "train", false); !isRowError(err) || !strings.Contains(err.Error(), "after the") {
		t.Errorf("a row past the indices: %v", err)
	}
}

// isRowError reports whether err is a *RowError.
func isRowError(err error) bool {
	var e *RowError
	return errors.As(err, &e)
}

// TestDataChecks checks allOnes and BinaryLabels on every length up to 9
// with one odd value at each position, the values a loop must not miss
// among them (NaN, and −0, which is 0).
func TestDataChecks(t *testing.T) {
	for n := range 10 {
		ones, labels := make([]float64, n), make([]float64, n)
		for k := range ones {
			ones[k], labels[k] = 1, float64(k%2)
		}
		if !allOnes(ones) || !BinaryLabels(labels) {
			t.Errorf("n=%d: allOnes %v, BinaryLabels %v, want true", n, allOnes(ones), BinaryLabels(labels))
		}
		for k := range n {
			for _, v := range []float64{0, 2, math.Nextafter(1, 2), math.NaN(), math.Inf(1)} {
				ones[k] = v
				if allOnes(ones) {
					t.Errorf("n=%d: allOnes true with %v at %d", n, v, k)
				}
				ones[k] = 1
			}
			for _, v := range []float64{0.5, -1, 2, math.NaN(), math.Inf(-1)} {
				old := labels[k]
				labels[k] = v
				if BinaryLabels(labels) {
					t.Errorf("n=%d: BinaryLabels true with %v at %d", n, v, k)
				}
				labels[k] = math.Copysign(0, -1)
				if !BinaryLabels(labels) {
					t.Errorf("n=%d: BinaryLabels false with −0 at %d", n, k)
				}
				labels[k] = old
			}
		}
	}
}

// TestCheckValues: finite values pass; a NaN or an infinity anywhere is a
// *RowError naming its row (empty rows before it included) and its
// feature, counted from 1; a RowPtr that does not fit is one too.
func TestCheckValues(t *testing.T) {
	// Rows 0 and 2 are empty.
	d := &Data{RowPtr: []int{0, 0, 2, 2, 5}, Index: []int32{0, 3, 1, 2, 4}, Value: []float64{1, -2, 0.5, 3, 7}, Y: []float64{0, 1, 0, 1}, Width: 5}
	if err := CheckValues(d, "test"); err != nil {
		t.Fatalf("finite values: %v", err)
	}
	for _, c := range []struct {
		at   int
		v    float64
		want string
	}{
		{0, math.NaN(), "test set: row 1 has value NaN at feature 1"},
		{1, math.Inf(1), "test set: row 1 has value +Inf at feature 4"},
		{2, math.Inf(-1), "test set: row 3 has value -Inf at feature 2"},
		{4, math.NaN(), "test set: row 3 has value NaN at feature 5"},
	} {
		bad := *d
		bad.Value = slices.Clone(d.Value)
		bad.Value[c.at] = c.v
		var re *RowError
		if err := CheckValues(&bad, "test"); !errors.As(err, &re) || err.Error() != c.want {
			t.Errorf("value %v at %d: %v, want %q", c.v, c.at, err, c.want)
		}
	}
	short := *d
	short.RowPtr = d.RowPtr[:3]
	if err := CheckValues(&short, "train"); err == nil || !strings.Contains(err.Error(), "RowPtr") {
		t.Errorf("a RowPtr too short: %v", err)
	}
}
