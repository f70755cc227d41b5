//go:build !amd64 || purego

package sgdfast

// haveClippedQAVX2 is false where there is no assembly: clippedQ is
// clippedQGo.
const haveClippedQAVX2 = false

// clippedQAVX2 is never called here; it is clippedQGo, so that clippedQ
// compiles.
func clippedQAVX2(q, z, reg, y []float64, order []int) float64 {
	return clippedQGo(q, z, reg, y, order)
}
