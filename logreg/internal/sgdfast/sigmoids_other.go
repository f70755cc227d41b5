//go:build !amd64 || purego

package sgdfast

// sigmoidsAVX2 is never called here (haveClippedQAVX2 is false); it is
// sigmoidsGo, so that sigmoids compiles.
func sigmoidsAVX2(q, m []float64) { sigmoidsGo(q, m) }
