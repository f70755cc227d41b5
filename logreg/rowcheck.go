package logreg

import (
	"fmt"

	"github.com/sgdlab/sgdlab/data"
)

// checkRows returns an error wrapping ErrData for the first row of d that
// is not as data.Read makes rows: bounds in RowPtr that run from 0 to
// len(Index) without decreasing, indices in [0, Width), and, if sorted,
// indices increasing strictly within a row (MomentumSGD's engines merge
// and catch up by index and need that; TorchLoop does not).
//
// It is a pass over the indices, about half a millisecond on a9a, so the
// loops run it only where the one-hot kernel, which checks rows as it
// goes, is not running or has stopped on a row, and the evaluator runs it
// on the other core for test and before MomentumSGD's pre-pass.
func checkRows(d *data.Dataset, sorted bool) error {
	rowPtr, index := d.RowPtr, d.Index
	if len(rowPtr) != d.Rows()+1 || rowPtr[0] != 0 || rowPtr[len(rowPtr)-1] != len(index) {
		return fmt.Errorf("%w: RowPtr has %d bounds for %d rows and does not run from 0 to its %d indices", ErrData, len(rowPtr), d.Rows(), len(index))
	}
	width := int64(d.Width)
	for i := range d.Rows() {
		lo, hi := rowPtr[i], rowPtr[i+1]
		switch {
		case lo > hi:
			return fmt.Errorf("%w: row %d ends at %d before it starts at %d", ErrData, i, hi, lo)
		case hi > len(index):
			return fmt.Errorf("%w: row %d ends at %d, after the %d indices", ErrData, i, hi, len(index))
		}
		if idx := index[lo:hi]; !rowFits(idx, width, sorted) {
			return rowError(i, idx, width, sorted)
		}
	}
	return nil
}

// rowFits reports whether every index of idx is in [0, width) and, if
// sorted, greater than the one before: for sorted rows by checking each
// step and the two ends, one comparison an index, which takes a third off
// checkRows against checking each index against both bounds and the last.
func rowFits(idx []int32, width int64, sorted bool) bool {
	if len(idx) == 0 {
		return true
	}
	bad := 0
	if !sorted {
		w := uint64(max(width, 0))
		for _, j := range idx {
			bad |= b2i(uint64(int64(j)) >= w) // a negative j too
		}
		return bad == 0
	}
	prev := idx[0]
	for _, j := range idx[1:] {
		bad |= b2i(j <= prev)
		prev = j
	}
	return bad == 0 && idx[0] >= 0 && int64(prev) < width
}

// rowError returns the error for row i, whose indices idx rowFits does
// not accept: the first index out of range or out of order.
func rowError(i int, idx []int32, width int64, sorted bool) error {
	prev := int64(-1)
	for _, j := range idx {
		switch {
		case int64(j) < 0 || int64(j) >= width:
			return fmt.Errorf("%w: row %d has index %d, outside [0, %d)", ErrData, i, j, width)
		case sorted && int64(j) <= prev:
			return fmt.Errorf("%w: row %d has index %d after %d; MomentumSGD needs increasing indices, as data.Read makes them", ErrData, i, j, prev)
		}
		prev = int64(j)
	}
	panic("logreg: rowError on a row that fits")
}
