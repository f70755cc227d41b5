//go:build !amd64 || purego

package sgdfast

// dotEvenOdd is dotEvenOddGo where there is no assembly for it.
func dotEvenOdd(w []float64, idx []int32, val []float64) (a0, a1 float64) {
	return dotEvenOddGo(w, idx, val)
}

// subScaled is subScaledGo where there is no assembly for it.
func subScaled(w []float64, idx []int32, val []float64, t float64) {
	subScaledGo(w, idx, val, t)
}
