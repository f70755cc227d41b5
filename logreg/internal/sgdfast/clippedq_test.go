package sgdfast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// clippedQTol is how far, relative to 1, clippedQ's q's may be from
// clippedQGo's: none, but for builds where Go fuses multiply-adds
// (clippedq_fma_test.go), which the assembly does not.
var clippedQTol = 0.0

// clippedQSpecial are logits at the edges: zeros, subnormals, the ends of
// expArg's range and beyond, infinities, and NaN's, one of them signaling.
var clippedQSpecial = []float64{
	0, math.Copysign(0, -1), 5e-324, -5e-324, 1e-300, -1e-300,
	30, -30, 699.9, -699.9, 700, -700, 701, -701, 1e300, -1e300,
	math.Inf(1), math.Inf(-1), math.NaN(),
	math.Float64frombits(0xFFF8000000000123), math.Float64frombits(0x7FF0000000000042),
}

// clippedQLabels are the labels drawn, mostly 0 and 1, with some that are
// not labels, NaN's (of other payloads than the logits') included.
var clippedQLabels = []float64{
	0, 1, 0, 1, 0, 1, 0, 1, 0.25, -3, math.Inf(1), math.Inf(-1),
	math.Float64frombits(0x7FF8000000000777), math.Float64frombits(0xFFF8000000000999),
}

// TestClippedQ: clippedQ (the assembly where there is that) gives
// clippedQGo's q's and sum bit for bit, for every length up to 300 and
// every remainder mod 4, with z and y at their edges and NaN, and order a
// permutation or a list of indices that repeat, and writes no q beyond
// len(order).
func TestClippedQ(t *testing.T) {
	r := rand.New(rand.NewPCG(57, 58))
	for n := range 301 {
		for trial := range 4 {
			ny := n
			if trial%2 == 1 {
				ny = 1 + r.IntN(n+5)
			}
			y := make([]float64, ny)
			for i := range y {
				y[i] = clippedQLabels[r.IntN(len(clippedQLabels))]
			}
			order := make([]int, n)
			if ny == n {
				order = r.Perm(n)
			} else {
				for pos := range order {
					order[pos] = r.IntN(ny)
				}
			}
			// Off by one word from an allocation's alignment, for trials 2, 3.
			off := trial / 2
			z := randomLogits(r, n+off)[off:]
			reg := randomPenalties(r, n+off)[off:]
			got, want := make([]float64, n+off+3), make([]float64, n+off+3)
			for i := range got {
				got[i], want[i] = -1, -1
			}
			gs := clippedQ(got[off:], z, reg, y, order)
			ws := clippedQGo(want[off:], z, reg, y, order)
			if math.Float64bits(gs) != math.Float64bits(ws) {
				t.Fatalf("n %d trial %d: sum %v (%#x), Go's %v (%#x)", n, trial, gs, math.Float64bits(gs), ws, math.Float64bits(ws))
			}
			for i := range got {
				if !sameQ(got[i], want[i]) {
					pos := i - off
					t.Fatalf("n %d trial %d: q[%d] = %v (%#x), Go's %v (%#x); z %v",
						n, trial, pos, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]), z[min(max(pos, 0), n-1)])
				}
			}
		}
	}
}

// sameQ reports whether a q is Go's: the same bits, or within clippedQTol
// where Go fuses multiply-adds (both NaN counting as the same there).
func sameQ(got, want float64) bool {
	if math.Float64bits(got) == math.Float64bits(want) {
		return true
	}
	if clippedQTol == 0 {
		return false
	}
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	return math.Abs(got-want) <= clippedQTol*max(1, math.Abs(want))
}

// randomLogits returns n logits, a quarter of them special, the others
// around 0 or of any magnitude.
func randomLogits(r *rand.Rand, n int) []float64 {
	z := make([]float64, n)
	for i := range z {
		switch r.IntN(4) {
		case 0:
			z[i] = clippedQSpecial[r.IntN(len(clippedQSpecial))]
		case 1:
			z[i] = math.Copysign(math.Pow(10, 600*r.Float64()-300), r.NormFloat64())
		default:
			z[i] = 10 * r.NormFloat64()
		}
	}
	return z
}

// randomPenalties returns n penalties, non-negative, of magnitudes far
// enough apart that adding them in another order would round differently.
func randomPenalties(r *rand.Rand, n int) []float64 {
	reg := make([]float64, n)
	for i := range reg {
		reg[i] = r.ExpFloat64() * math.Pow(10, float64(r.IntN(12)-6))
		if r.IntN(10) == 0 {
			reg[i] = 0
		}
	}
	return reg
}

// TestClippedQPanics: an index in order outside y, in a block of four or
// among the last samples, and slices shorter than order, fail as in
// clippedQGo, with the same q's written before.
func TestClippedQPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(59, 60))
	y := []float64{0, 1, 1, 0, 1, 0, 0, 1, 1, 0}
	for _, n := range []int{1, 3, 4, 5, 8, 11, 13} {
		for bad := range n {
			for _, idx := range []int{len(y), -1, math.MaxInt, math.MinInt} {
				order := make([]int, n)
				for pos := range order {
					order[pos] = r.IntN(len(y))
				}
				order[bad] = idx
				z, reg := randomLogits(r, n), randomPenalties(r, n)
				got, gotPanic := clippedQRecover(clippedQ, z, reg, y, order, n)
				want, wantPanic := clippedQRecover(clippedQGo, z, reg, y, order, n)
				if gotPanic != wantPanic || wantPanic == "" {
					t.Fatalf("n %d, order[%d] = %d: panic %q, Go's %q", n, bad, idx, gotPanic, wantPanic)
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("n %d, order[%d] = %d: q[%d] = %v, Go's %v", n, bad, idx, i, got[i], want[i])
					}
				}
			}
		}
	}
	order := []int{0, 1, 2, 3, 4}
	for _, lens := range [][3]int{{4, 5, 5}, {5, 4, 5}, {5, 5, 4}} {
		z, reg := randomLogits(r, lens[1]), randomPenalties(r, lens[2])
		_, gotPanic := clippedQRecover(clippedQ, z, reg, y, order, lens[0])
		_, wantPanic := clippedQRecover(clippedQGo, z, reg, y, order, lens[0])
		if gotPanic != wantPanic || wantPanic == "" {
			t.Errorf("lengths %v: panic %q, Go's %q", lens, gotPanic, wantPanic)
		}
	}
}

// clippedQRecover runs f on a q of length n, marked, and returns the q
// and what f panicked with, as text.
func clippedQRecover(f func(q, z, reg, y []float64, order []int) float64, z, reg, y []float64, order []int, n int) (q []float64, panicked string) {
	q = make([]float64, n)
	for i := range q {
		q[i] = -1
	}
	defer func() {
		if v := recover(); v != nil {
			panicked = fmt.Sprint(v)
		}
	}()
	f(q[:n:n], z, reg, y, order)
	return q, ""
}
