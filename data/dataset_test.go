package data

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestDense(t *testing.T) {
	d, err := Read(strings.NewReader("1 1:0.5 3:2\n-1\n0 2:-1\n"), ReadOptions{Width: 4})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		bias bool
		want *mat.Dense
	}{
		{false, mat.NewDense(3, 4, []float64{
			0.5, 0, 2, 0,
			0, 0, 0, 0,
			0, -1, 0, 0,
		})},
		{true, mat.NewDense(3, 5, []float64{
			1, 0.5, 0, 2, 0,
			1, 0, 0, 0, 0,
			1, 0, -1, 0, 0,
		})},
	}
	for _, tt := range tests {
		if got := d.Dense(tt.bias); !mat.Equal(got, tt.want) {
			t.Errorf("Dense(%v) =\n%v\nwant\n%v", tt.bias, mat.Formatted(got), mat.Formatted(tt.want))
		}
	}
}

func TestDenseEmpty(t *testing.T) {
	for _, in := range []string{"", "1\n-1\n"} { // no rows; rows but no features
		d, err := Read(strings.NewReader(in), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !d.Dense(false).IsEmpty() {
			t.Errorf("Dense of %q is not empty", in)
		}
	}
}

func TestRowAliases(t *testing.T) {
	d, err := Read(strings.NewReader("1 1:1\n1 2:3 4:5\n"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	idx, val := d.Row(1)
	if len(idx) != 2 || idx[0] != 1 || idx[1] != 3 || val[0] != 3 || val[1] != 5 {
		t.Fatalf("Row(1) = %v, %v", idx, val)
	}
	if &val[0] != &d.Value[1] || cap(val) != 2 {
		t.Errorf("Row(1) copies, or its capacity reaches past the row")
	}
}
