package sgdfast

import (
	"fmt"
	"math"
	"sort"
)

// CheckRows returns a *RowError for the first row of d, the set named
// set, that is not as data.Read makes rows: bounds in RowPtr that run
// from 0 to len(Index) without decreasing, indices in [0, Width), and, if
// sorted, indices increasing strictly within a row (NumPy's trainers
// merge and catch up by index and need that; Torch does not).
//
// It is a pass over the indices, as long as a third of a training pass, so the
// trainers run it only where they do not check rows as they go (the
// one-hot kernel and Torch's steps do), and the evaluator runs it on the
// other core for test and before NumPy's pre-pass.
func CheckRows(d *Data, set string, sorted bool) error {
	if err := CheckRowPtr(d, set); err != nil {
		return err
	}
	rowPtr, index, width := d.RowPtr, d.Index, int64(d.Width)
	for i := range d.rows() {
		// Each row starts where the one before ends, so bounds that do
		// not decrease and end within Index fit.
		lo, hi := rowPtr[i], rowPtr[i+1]
		if lo > hi || hi > len(index) || !rowFits(index[lo:hi], width, sorted) {
			return checkRow(d, set, i, sorted)
		}
	}
	return nil
}

// checkRowsOf is CheckRows for the rows of d listed in rows, in that
// order, whose RowPtr need not run from 0 without decreasing but has a
// bound for each row and one more.
func checkRowsOf(d *Data, set string, rows []int, sorted bool) error {
	rowPtr, index, width := d.RowPtr, d.Index, int64(d.Width)
	for _, i := range rows {
		lo, hi := rowPtr[i], rowPtr[i+1]
		if lo < 0 || lo > hi || hi > len(index) || !rowFits(index[lo:hi], width, sorted) {
			return checkRow(d, set, i, sorted)
		}
	}
	return nil
}

// CheckRowPtr returns a *RowError unless d's RowPtr has a bound for each
// row and one more, from 0 to len(Index), and Value a value for each index:
// the shape every loop needs before it reads a row, checked in O(1).
func CheckRowPtr(d *Data, set string) error {
	rowPtr := d.RowPtr
	if len(rowPtr) != d.rows()+1 || rowPtr[0] != 0 || rowPtr[len(rowPtr)-1] != len(d.Index) {
		return &RowError{Set: set, Row: -1, Msg: fmt.Sprintf("RowPtr has %d bounds for %d rows and does not run from 0 to its %d indices", len(rowPtr), d.rows(), len(d.Index))}
	}
	if len(d.Value) != len(d.Index) {
		return &RowError{Set: set, Row: -1, Msg: fmt.Sprintf("%d values for %d indices", len(d.Value), len(d.Index))}
	}
	return nil
}

// checkRow returns a *RowError if row i of d, whose RowPtr CheckRowPtr
// has accepted, does not fit: CheckRows for one row, in any order.
func checkRow(d *Data, set string, i int, sorted bool) error {
	lo, hi := d.RowPtr[i], d.RowPtr[i+1]
	switch {
	case lo < 0:
		return &RowError{Set: set, Row: i, Msg: fmt.Sprintf("starts at %d, before 0", lo)}
	case lo > hi:
		return &RowError{Set: set, Row: i, Msg: fmt.Sprintf("ends at %d before it starts at %d", hi, lo)}
	case hi > len(d.Index):
		return &RowError{Set: set, Row: i, Msg: fmt.Sprintf("ends at %d, after the %d indices", hi, len(d.Index))}
	}
	if idx := d.Index[lo:hi]; !rowFits(idx, int64(d.Width), sorted) {
		return rowError(set, i, idx, int64(d.Width), sorted)
	}
	return nil
}

// rowFits reports whether every index of idx is in [0, width) and, if
// sorted, greater than the one before: for sorted rows by checking each
// step and the two ends, one comparison an index.
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
func rowError(set string, i int, idx []int32, width int64, sorted bool) error {
	prev := int64(-1)
	for _, j := range idx {
		switch {
		case int64(j) < 0 || int64(j) >= width:
			return &RowError{Set: set, Row: i, Msg: fmt.Sprintf("has index %d, outside [0, %d)", j, width)}
		case sorted && int64(j) <= prev:
			return &RowError{Set: set, Row: i, Msg: fmt.Sprintf("has index %d after %d; NumPyLoop and AdaGrad need increasing indices, as data.Read makes them", j, prev)}
		}
		prev = int64(j)
	}
	panic("sgdfast: rowError on a row that fits")
}

// allOnes reports whether every value is 1: whether the bits of every
// value are those of 1, tested four values at a time.
// CheckValues returns a *RowError for the first value of d, the set named
// set, that is not finite, which data.Read never gives. It is a pass over
// the values, which the one-hot steps do not read after the first pass, so
// it runs where that costs little: for test beside the training, once; for
// train once a run has stopped being finite, to tell bad data from a
// diverging run.
func CheckValues(d *Data, set string) error {
	if err := CheckRowPtr(d, set); err != nil {
		return err
	}
	for k, v := range d.Value {
		if v-v != 0 { // NaN and ±Inf only
			return &RowError{Set: set, Row: d.RowOf(k), Msg: fmt.Sprintf("has value %v at feature %d", v, d.Index[k]+1)}
		}
	}
	return nil
}

// RowOf returns the row that holds the k-th value of d, whose RowPtr
// CheckRowPtr has accepted.
func (d *Data) RowOf(k int) int {
	return sort.Search(d.rows(), func(i int) bool { return d.RowPtr[i+1] > k })
}

func allOnes(v []float64) bool {
	const one = 0x3FF0000000000000 // the bits of 1
	for ; len(v) >= 4; v = v[4:] {
		if (math.Float64bits(v[0])^one)|(math.Float64bits(v[1])^one)|
			(math.Float64bits(v[2])^one)|(math.Float64bits(v[3])^one) != 0 {
			return false
		}
	}
	for _, x := range v {
		if x != 1 {
			return false
		}
	}
	return true
}

// BinaryLabels reports whether every label is 0 (or −0) or 1. It tests
// on the bits, without a branch per label, which random labels would make
// a coin toss for the predictor.
func BinaryLabels(y []float64) bool {
	var other uint64
	for ; len(y) >= 4; y = y[4:] {
		other |= (notBinary(y[0]) | notBinary(y[1])) | (notBinary(y[2]) | notBinary(y[3]))
	}
	for _, v := range y {
		other |= notBinary(v)
	}
	return other == 0
}

// notBinary is 0 for ±0 and 1, not 0 for any other v.
func notBinary(v float64) uint64 {
	const one = 0x3FF0000000000000 // the bits of 1
	b := math.Float64bits(v)
	return min(b<<1, b^one)
}
