package sgdfast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBCEPartOfOne checks bcePart of one sample against nn.BCELoss's
// formula, −max(log p, −100) for y = 1 and −max(log(1 − p), −100) for
// y = 0, for probabilities of every scale, the ends included: the same
// value (±0 aside, which a sum of losses cannot tell apart).
func TestBCEPartOfOne(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	ps := []float64{0, 1, 0.5, 1e-300, 5e-324, 1e-44, 3.7e-44, 1 - 0x1p-53, math.Nextafter(1, 0), 1e-12, 1 - 1e-12, math.NaN()}
	for range 200_000 {
		ps = append(ps, r.Float64(), math.Ldexp(r.Float64(), -r.IntN(1100)), 1-math.Ldexp(r.Float64(), -r.IntN(60)))
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	bad := 0
	for _, p := range ps {
		for _, y := range []float64{0, 1} {
			want := -math.Max(math.Log(p), -100)
			if y == 0 {
				want = -math.Max(math.Log(1-p), -100)
			}
			s, _ := bcePart([]float64{p}, []float64{y}, []int{0})
			if got := s.sum(); !same(got, want) {
				if bad++; bad <= 5 {
					t.Errorf("bcePart of p=%v y=%v: %v, BCE %v", p, y, got, want)
				}
			}
		}
	}
}
