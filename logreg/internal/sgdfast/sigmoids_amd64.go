//go:build amd64 && !purego

package sgdfast

// sigmoidsAVX2 is sigmoidsGo with the margins taken four at a time by
// sigmoidsAsm, in Go's operations and order, each rounded (as clippedQAsm
// does): the same bits, but on builds where Go fuses multiply-adds
// (clippedq_fma_test.go). The last margins, fewer than four, are
// sigmoidsGo's.
func sigmoidsAVX2(q, m []float64) {
	q = q[:len(m)] // sigmoidsGo's slicing, so that it fails as that does
	sigmoidsAsm(q, m)
	n := len(m) &^ 3
	sigmoidsGo(q[n:], m[n:])
}

// sigmoidsAsm does sigmoidsGo's work for the first len(m) &^ 3 margins,
// which q must hold.
//
//go:noescape
func sigmoidsAsm(q, m []float64)
