package logreg

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestCheckRows: rows as data.Read makes them pass; an index out of range
// or, when sorted, out of order, anywhere in a row, is ErrData naming the
// row and the index, as is a row whose end comes before its start or
// after the last index (which panicked before).
func TestCheckRows(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 44))
	d := randomDataset(r, 60, 30, 0.4)
	for _, sorted := range []bool{false, true} {
		if err := checkRows(d, sorted); err != nil {
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
		for row := range d.Rows() {
			lo, hi := d.RowPtr[row], d.RowPtr[row+1]
			if hi-lo < 2 {
				continue
			}
			for _, k := range []int{0, 1, (hi - lo) / 2, hi - lo - 1} {
				e := *d
				e.Index = slices.Clone(d.Index)
				tc.spoil(e.Index[lo:hi], k)
				for sorted, want := range map[bool]string{false: tc.plain, true: tc.sorted} {
					err := checkRows(&e, sorted)
					switch {
					case want == "" && err != nil:
						t.Errorf("%s at %d of row %d, sorted %v: %v", tc.name, k, row, sorted, err)
					case want != "" && (!errors.Is(err, ErrData) || !strings.Contains(err.Error(), want)):
						t.Errorf("%s at %d of row %d, sorted %v: error %v, want ErrData with %q", tc.name, k, row, sorted, err, want)
					}
				}
			}
		}
	}
	e := *d
	e.RowPtr = slices.Clone(d.RowPtr)
	e.RowPtr[5], e.RowPtr[6] = e.RowPtr[6], e.RowPtr[5]
	if err := checkRows(&e, false); !errors.Is(err, ErrData) || !strings.Contains(err.Error(), "ends at") {
		t.Errorf("bounds decreasing: %v", err)
	}
	e.RowPtr = slices.Clone(d.RowPtr)
	e.RowPtr[1] = len(d.Index) + 10
	if err := checkRows(&e, false); !errors.Is(err, ErrData) || !strings.Contains(err.Error(), "after the") {
		t.Errorf("a row past the indices: %v", err)
	}
}
