package sgdfast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSigmoidHalf checks z ≥ sigmoidHalf ⇔ 1/(1 + e⁻ᶻ) ≥ 0.5 (the sigmoid
// as logreg computes it) for every float within 2²⁰ steps of the
// threshold, either side, and on random arguments of every scale.
func TestSigmoidHalf(t *testing.T) {
	t.Logf("threshold %g (≈ −1.5·2⁻⁵²)", sigmoidHalf)
	if !(sigmoidHalf < 0 && sigmoidHalf > -1e-15) {
		t.Fatalf("threshold %g not just below 0", sigmoidHalf)
	}
	bad := 0
	check := func(z float64) {
		if s := 1 / (1 + math.Exp(-z)); (s >= 0.5) != (z >= sigmoidHalf) {
			if bad++; bad <= 5 {
				t.Errorf("z = %g: σ %v, threshold %g", z, s, sigmoidHalf)
			}
		}
	}
	const steps = 1 << 20
	// The negative floats near the threshold, by bits, and the zeros.
	for d := -int64(steps); d <= steps; d++ {
		if m := int64(math.Float64bits(-sigmoidHalf)) + d; m >= 0 {
			check(-math.Float64frombits(uint64(m)))
		}
	}
	r := rand.New(rand.NewPCG(3, 3))
	for range 1_000_000 {
		check(math.Ldexp(2*r.Float64()-1, 10-r.IntN(70)))
	}
	for _, z := range []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, -1e-300} {
		check(z)
	}
}
