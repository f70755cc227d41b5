package logreg

import "math"

// The loops and ErrorRate predict a row positive when Sigmoid(z) ≥ 0.5, as
// both seed programs decide. Sigmoid is non-decreasing, so that is z ≥ h
// for the smallest z with Sigmoid(z) ≥ 0.5, which spares an exponential
// per row. h is not 0: 1/(1 + e⁻ᶻ) rounds to 0.5 also for z a little below
// 0, where e⁻ᶻ rounds to at most 1 + 2⁻⁵² (and 1 + e to 2). The thresholds
// are found once, by bisection on the float's bits with the very Sigmoid
// and Sigmoid32 the package uses (so with the C library's expf under the
// sgdlab_libm tag too), and a test checks the equivalence around them.
var (
	// sigmoidHalf64 is the smallest float64 z with Sigmoid(z) ≥ 0.5.
	sigmoidHalf64 = halfPoint64()
	// sigmoidHalf32 is the smallest float32 z with Sigmoid32(z) ≥ 0.5.
	sigmoidHalf32 = halfPoint32()
)

// halfPoint64 bisects over the magnitudes m in [0, 1]: Sigmoid(−0) = 0.5
// and Sigmoid(−1) < 0.5; positive floats are ordered as their bits.
func halfPoint64() float64 {
	in, out := uint64(0), math.Float64bits(1) // Sigmoid(−in) ≥ 0.5 > Sigmoid(−out)
	for out-in > 1 {
		mid := in + (out-in)/2
		if Sigmoid(-math.Float64frombits(mid)) >= 0.5 {
			in = mid
		} else {
			out = mid
		}
	}
	return -math.Float64frombits(in)
}

// halfPoint32 is halfPoint64 for Sigmoid32.
func halfPoint32() float32 {
	in, out := uint32(0), math.Float32bits(1)
	for out-in > 1 {
		mid := in + (out-in)/2
		if Sigmoid32(-math.Float32frombits(mid)) >= 0.5 {
			in = mid
		} else {
			out = mid
		}
	}
	return -math.Float32frombits(in)
}
