package sgdfast

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRowLoops: dotEvenOdd and subScaled (in assembly on amd64) give the
// bits of dotEvenOddGo and subScaledGo, and dotEvenOddChecked those of
// dotEvenOddGo, for rows of every length up to 40, indices repeated
// (subScaled then subtracts twice, in order) and values of every scale;
// dotEvenOddChecked refuses an index outside [0, len(w)).
func TestRowLoops(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	const width = 50
	w := make([]float64, width)
	for range 2000 {
		for j := range w {
			w[j] = math.Ldexp(r.NormFloat64(), r.IntN(40)-20)
		}
		n := r.IntN(41)
		idx, val := make([]int32, n), make([]float64, n)
		for k := range idx {
			idx[k] = int32(r.IntN(width))
			val[k] = math.Ldexp(r.Float64(), -r.IntN(30))
		}
		a0, a1 := dotEvenOdd(w, idx, val)
		g0, g1 := dotEvenOddGo(w, idx, val)
		c0, c1, ok := dotEvenOddChecked(w, idx, val)
		if a0 != g0 || a1 != g1 || c0 != g0 || c1 != g1 || !ok {
			t.Fatalf("%d nonzeros: dotEvenOdd %v %v, Go %v %v, checked %v %v %v", n, a0, a1, g0, g1, c0, c1, ok)
		}
		tr := r.NormFloat64()
		got, want := slices.Clone(w), slices.Clone(w)
		subScaled(got, idx, val, tr)
		subScaledGo(want, idx, val, tr)
		if !slices.Equal(got, want) {
			t.Fatalf("%d nonzeros: subScaled differs from subScaledGo", n)
		}
		if n > 0 {
			bad := slices.Clone(idx)
			bad[r.IntN(n)] = []int32{-1, width, math.MaxInt32, math.MinInt32}[r.IntN(4)]
			if _, _, ok := dotEvenOddChecked(w, bad, val); ok {
				t.Fatalf("dotEvenOddChecked takes index outside [0, %d): %v", width, bad)
			}
		}
	}
}
