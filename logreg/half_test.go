package logreg

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSigmoidHalf checks z ≥ sigmoidHalf ⇔ Sigmoid(z) ≥ 0.5 for every
// float within 2²⁰ steps of the threshold, either side, and on random
// arguments of every scale, in both precisions.
func TestSigmoidHalf(t *testing.T) {
	t.Logf("thresholds: float64 %g (≈ −1.5·2⁻⁵²), float32 %g", sigmoidHalf64, sigmoidHalf32)
	if !(sigmoidHalf64 < 0 && sigmoidHalf64 > -1e-15) || !(sigmoidHalf32 < 0 && sigmoidHalf32 > -1e-6) {
		t.Fatalf("thresholds %g %g not just below 0", sigmoidHalf64, sigmoidHalf32)
	}
	bad := 0
	check64 := func(z float64) {
		if (Sigmoid(z) >= 0.5) != (z >= sigmoidHalf64) {
			if bad++; bad <= 5 {
				t.Errorf("float64 z = %g: Sigmoid %v, threshold %g", z, Sigmoid(z), sigmoidHalf64)
			}
		}
	}
	check32 := func(z float32) {
		if (Sigmoid32(z) >= 0.5) != (z >= sigmoidHalf32) {
			if bad++; bad <= 5 {
				t.Errorf("float32 z = %g: Sigmoid32 %v, threshold %g", z, Sigmoid32(z), sigmoidHalf32)
			}
		}
	}
	const steps = 1 << 20
	// The negative floats near the threshold, by bits, and the zeros.
	for d := -int64(steps); d <= steps; d++ {
		if m := int64(math.Float64bits(-sigmoidHalf64)) + d; m >= 0 {
			check64(-math.Float64frombits(uint64(m)))
		}
		if m := int64(math.Float32bits(-sigmoidHalf32)) + d; m >= 0 {
			check32(-math.Float32frombits(uint32(m)))
		}
	}
	r := rand.New(rand.NewPCG(3, 3))
	for range 1_000_000 {
		z := math.Ldexp(2*r.Float64()-1, 10-r.IntN(70))
		check64(z)
		check32(float32(z))
	}
	for _, z := range []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, -1e-300} {
		check64(z)
		check32(float32(z))
	}
}
