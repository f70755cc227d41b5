package logreg

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFastForms checks the inner loops' forms of BCE against the exported
// functions, for labels 0 and 1 and probabilities of every scale, the ends
// included: the same value (±0 aside, which a sum of losses cannot tell
// apart).
func TestFastForms(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	ps := []float64{0, 1, 0.5, 1e-300, 5e-324, 1e-44, 3.7e-44, 1 - 0x1p-53, math.Nextafter(1, 0), 1e-12, 1 - 1e-12, math.NaN()}
	for range 200_000 {
		ps = append(ps, r.Float64(), math.Ldexp(r.Float64(), -r.IntN(1100)), 1-math.Ldexp(r.Float64(), -r.IntN(60)))
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	bad := 0
	for _, p := range ps {
		for _, y := range []float64{0, 1} {
			s, _ := bcePart([]float64{p}, []float64{y}, []int{0})
			if got, want := s.sum(), BCE(p, y); !same(got, want) {
				if bad++; bad <= 5 {
					t.Errorf("bcePart of p=%v y=%v: %v, BCE %v", p, y, got, want)
				}
			}
			p32, y32 := float32(p), float32(y)
			if got, want := bceLabel32(p32, y32), BCE32(p32, y32); !same(float64(got), float64(want)) {
				if bad++; bad <= 5 {
					t.Errorf("bceLabel32(%v, %v) = %v, BCE32 %v", p32, y32, got, want)
				}
			}
		}
	}
	if got, want := bceLabel32(0.25, 0.5), BCE32(0.25, 0.5); got != want {
		t.Errorf("bceLabel32 with y = 0.5: %v, BCE32 %v", got, want)
	}
}
