//go:build amd64 && !purego

package sgdfast

import "unsafe"

// countOnes is countOnesGo in assembly (count_amd64.s), which the
// evaluator runs on every row of train and test after every epoch: Go's
// loop spends about four instructions a nonzero on bounds checks and
// bookkeeping, the assembly three, and checks an index only against the
// width; for rows already checked (trusted: every index in [0, len(w))),
// two. It sums each row left to right as countOnesGo does, so the counts
// are the same; on a row it does not take (bounds or an index out of
// range) it leaves the counting to countOnesGo, which fails as Go fails.
// Unless z is nil it stores each row's logit there, as countOnesGo does.
func countOnes(w []float64, b float64, rowPtr []int, index []int32, label []float64, trusted bool, from float64, z []float64) Counts {
	if len(rowPtr) < len(label)+1 || len(label) == 0 || z != nil && len(z) < len(label) {
		return countOnesGo(w, b, rowPtr, index, label, from, z)
	}
	a := countArgs{
		w: unsafe.SliceData(w), width: len(w), b: b, from: from, one: 1,
		rowPtr: unsafe.SliceData(rowPtr), index: unsafe.SliceData(index), nnz: len(index),
		label: unsafe.SliceData(label), n: len(label),
		trusted: b2i(trusted),
		z:       unsafe.SliceData(z),
	}
	countOnesAsm(&a)
	if a.bad != 0 {
		return countOnesGo(w, b, rowPtr, index, label, from, z)
	}
	return Counts{Pos: a.pos, PredPos: a.predPos, Wrong: a.wrong}
}

// countArgs is countOnesAsm's view of its arguments and results; the
// assembly names the offsets (TestCountArgsLayout checks them).
type countArgs struct {
	w            *float64 // 0
	width        int      // 8
	b, from, one float64  // 16, 24, 32
	rowPtr       *int     // 40
	index        *int32   // 48
	nnz          int      // 56
	label        *float64 // 64
	n            int      // 72
	pos, predPos int      // 80, 88
	wrong, bad   int      // 96, 104
	trusted      int      // 112
	z            *float64 // 120: nil, or n logits out
}

//go:noescape
func countOnesAsm(a *countArgs)
