//go:build !amd64 || purego

package sgdfast

// countOnes is countOnesGo where there is no assembly for it; Go checks
// every index anyway.
func countOnes(w []float64, b float64, rowPtr []int, index []int32, label []float64, _ bool, from float64, z []float64) Counts {
	return countOnesGo(w, b, rowPtr, index, label, from, z)
}
