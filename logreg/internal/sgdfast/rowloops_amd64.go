//go:build amd64 && !purego

package sgdfast

import "unsafe"

// dotEvenOdd is dotEvenOddGo in assembly (rowloops_amd64.s).
func dotEvenOdd(w []float64, idx []int32, val []float64) (a0, a1 float64) {
	val = val[:len(idx)]
	return dotEvenOddAsm(unsafe.SliceData(w), unsafe.SliceData(idx), unsafe.SliceData(val), len(idx))
}

// subScaled is subScaledGo in assembly (rowloops_amd64.s).
func subScaled(w []float64, idx []int32, val []float64, t float64) {
	val = val[:len(idx)]
	subScaledAsm(unsafe.SliceData(w), unsafe.SliceData(idx), unsafe.SliceData(val), len(idx), t)
}

//go:noescape
func dotEvenOddAsm(w *float64, idx *int32, val *float64, n int) (a0, a1 float64)

//go:noescape
func subScaledAsm(w *float64, idx *int32, val *float64, n int, t float64)
