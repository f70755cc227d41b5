package sgdfast

import "unsafe"

// The row loops of the Go steps: Torch's dot product and update, and
// Sklearn's dot product. They are functions of their own, which keep their
// few values in registers, and index w without Go's bounds check: the steps
// call them on rows they have checked. On amd64 the two a checked row takes
// run in assembly (rowloops_amd64.s), with the same operations in the same
// order, as Go's compiler still spends about half their instructions on
// bookkeeping.

// dotEvenOddGo returns the sums of w[idx[k]]·val[k] over the even and
// over the odd k, each left to right: two chains of additions, each half
// as long as one. Every index must be in [0, len(w)). dotEvenOdd is the
// same, in assembly where there is some.
func dotEvenOddGo(w []float64, idx []int32, val []float64) (a0, a1 float64) {
	wp := unsafe.Pointer(unsafe.SliceData(w))
	val = val[:len(idx)]
	k := 1
	for ; k < len(val); k += 2 {
		a0 += *at(wp, idx[k-1]) * val[k-1]
		a1 += *at(wp, idx[k]) * val[k]
	}
	if k == len(val) {
		a0 += *at(wp, idx[k-1]) * val[k-1]
	}
	return a0, a1
}

// dotEvenOddChecked is dotEvenOddGo for a row not yet checked: ok is false,
// and the sums are not found, if an index is outside [0, len(w)).
func dotEvenOddChecked(w []float64, idx []int32, val []float64) (a0, a1 float64, ok bool) {
	wp, width := unsafe.Pointer(unsafe.SliceData(w)), uint32(len(w))
	val = val[:len(idx)]
	k := 1
	for ; k < len(val); k += 2 {
		j0, j1 := idx[k-1], idx[k]
		if uint32(j0) >= width || uint32(j1) >= width {
			return 0, 0, false
		}
		a0 += *at(wp, j0) * val[k-1]
		a1 += *at(wp, j1) * val[k]
	}
	if k == len(val) {
		j := idx[k-1]
		if uint32(j) >= width {
			return 0, 0, false
		}
		a0 += *at(wp, j) * val[k-1]
	}
	return a0, a1, true
}

// subScaledGo subtracts t·val[k] from w[idx[k]] for each k, in order.
// Every index must be in [0, len(w)). subScaled is the same, in assembly
// where there is some.
func subScaledGo(w []float64, idx []int32, val []float64, t float64) {
	wp := unsafe.Pointer(unsafe.SliceData(w))
	val = val[:len(idx)]
	for k, j := range idx {
		p := at(wp, j)
		*p -= t * val[k]
	}
}

// at returns the address of w[j], w being the first element of a slice
// longer than j ≥ 0.
func at(w unsafe.Pointer, j int32) *float64 { return (*float64)(unsafe.Add(w, uintptr(j)*8)) }
