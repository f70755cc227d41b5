package sgdfast

import "math"

// logreg predicts a row positive when σ(z) = 1/(1 + e⁻ᶻ) ≥ 1/2, with
// math.Exp. σ is non-decreasing, so that is z ≥ sigmoidHalf for the
// smallest z with σ(z) ≥ 1/2, which spares an exponential per row. It is
// not 0: 1/(1 + e⁻ᶻ) rounds to 1/2 also for z a little below 0, where e⁻ᶻ
// rounds to at most 1 + 2⁻⁵² (and 1 + e to 2). It is found by bisection on
// the float's bits; a test checks the equivalence around it.
var sigmoidHalf = halfPoint()

// halfPoint bisects over the magnitudes m in [0, 1]: σ(−0) = 1/2 and
// σ(−1) < 1/2; positive floats are ordered as their bits.
func halfPoint() float64 {
	in, out := uint64(0), math.Float64bits(1) // σ(−in) ≥ 1/2 > σ(−out)
	for out-in > 1 {
		mid := in + (out-in)/2
		if 1/(1+math.Exp(math.Float64frombits(mid))) >= 0.5 {
			in = mid
		} else {
			out = mid
		}
	}
	return -math.Float64frombits(in)
}

// HalfPoint32 returns the smallest float32 z with sigmoid(z) ≥ 1/2, for a
// sigmoid in float32 that does not decrease (pytorch's Sigmoid32): a row
// is then predicted positive when z ≥ HalfPoint32(sigmoid), without its
// exponential. It bisects over the magnitudes in [0, 1] as halfPoint does.
func HalfPoint32(sigmoid func(float32) float32) float32 {
	in, out := uint32(0), math.Float32bits(1) // σ(−in) ≥ 1/2 > σ(−out)
	for out-in > 1 {
		mid := in + (out-in)/2
		if sigmoid(-math.Float32frombits(mid)) >= 0.5 {
			in = mid
		} else {
			out = mid
		}
	}
	return -math.Float32frombits(in)
}
