//go:build !amd64 || purego

package logreg

// countOnes is countOnesGo where there is no assembly for it.
func countOnes(w []float64, b float64, rowPtr []int, index []int32, label []float64) counts {
	return countOnesGo(w, b, rowPtr, index, label)
}
