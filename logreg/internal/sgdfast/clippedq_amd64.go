//go:build amd64 && !purego

package sgdfast

import (
	"math"

	"golang.org/x/sys/cpu"
)

// haveClippedQAVX2 reports whether clippedQAVX2 can run: it uses AVX2.
var haveClippedQAVX2 = cpu.X86.HasAVX2

// clippedQAVX2 is clippedQGo with the samples taken four at a time by
// clippedQAsm (clippedq_amd64.s). The assembly
// does Go's operations in Go's order and rounds each (no fused
// multiply-adds, as Go compiles for GOAMD64=v1), so the q's are the same
// bits, and adds reg left to right in one chain, so the sum is too. The
// last samples, fewer than four, are clippedQGo's, their reg added here to
// the assembly's chain. At an index in order outside y the assembly stops,
// and clippedQGo does the samples again, from the first: it writes the
// same q's and panics as Go does.
func clippedQAVX2(q, z, reg, y []float64, order []int) float64 {
	// The slicing is clippedQGo's, so it fails as that does; after it the
	// assembly may read and write len(order) of each.
	q, z, reg = q[:len(order)], z[:len(order)], reg[:len(order)]
	regSum, ok := clippedQAsm(q, z, reg, y, order)
	if !ok {
		return clippedQGo(q, z, reg, y, order)
	}
	m := len(order) &^ 3
	clippedQGo(q[m:], z[m:], reg[m:], y, order[m:])
	for _, v := range reg[m:] { // continuing the assembly's chain
		regSum += v
	}
	return regSum
}

// clippedQAsm does clippedQGo's work for the first len(order) &^ 3
// samples, which q, z and reg must hold, and returns the sum of their reg;
// or, at an order index outside y, stops and returns ok false.
//
//go:noescape
func clippedQAsm(q, z, reg, y []float64, order []int) (regSum float64, ok bool)

// clippedQConsts are clippedQAsm's constants, each four times, a YMM
// register's worth, so that the assembly uses them from memory as they
// are; the offsets are those clippedq_amd64.s names (TestClippedQLayout).
type clippedQConsts struct {
	sign, mask          [4]uint64  // 0, 32: −0 for x = −z, N−1 for k mod N
	expLo, expHi        [4]float64 // 64, 96: ∓expMax
	invLn2N, round      [4]float64 // 128, 160
	ln2Hi, ln2Lo        [4]float64 // 192, 224
	half, sixth         [4]float64 // 256, 288
	inv24, inv120       [4]float64 // 320, 352
	one, clipLo, clipHi [4]float64 // 384, 416, 448
}

// clippedQK holds the values, converted from the constants as Go converts
// them where expFast and clippedQGo use them.
var clippedQK = clippedQConsts{
	sign:    four64(math.Float64bits(math.Copysign(0, -1))),
	mask:    four64(expN - 1),
	expLo:   four(-expMax),
	expHi:   four(expMax),
	invLn2N: four(expInvLn2N),
	round:   four(expRound),
	ln2Hi:   four(expLn2NHi),
	ln2Lo:   four(expLn2NLo),
	half:    four(0.5),
	sixth:   four(1.0 / 6),
	inv24:   four(1.0 / 24),
	inv120:  four(1.0 / 120),
	one:     four(1),
	clipLo:  four(clipLo),
	clipHi:  four(clipHi),
}

// four returns v four times.
func four(v float64) [4]float64 { return [4]float64{v, v, v, v} }

// four64 returns v four times.
func four64(v uint64) [4]uint64 { return [4]uint64{v, v, v, v} }
