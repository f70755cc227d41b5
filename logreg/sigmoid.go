package logreg

import "math"

// Sigmoid returns the logistic function of z,
//
//	σ(z) = 1 / (1 + e⁻ᶻ),
//
// evaluated by exactly that formula, because it is the one both seed programs
// evaluate (NumPy in float64, PyTorch's scalar kernel), so the loops agree
// with them to the last bit of the formula. The formula is stable at both
// tails: for z ≥ 0, e⁻ᶻ ≤ 1 and the result is within a couple of ulps of the
// true value; for z < 0 it stays within a few ulps in relative terms down to
// z ≈ −709, where e⁻ᶻ overflows to +Inf and the result becomes 0 (the true
// value is then below 2⁻¹⁰²², subnormal). It never returns NaN for a non-NaN z.
// What is not stable is taking the log of its result: use LogSigmoid.
//
// Special cases are:
//
//	Sigmoid(+Inf) = 1
//	Sigmoid(-Inf) = 0
//	Sigmoid(NaN) = NaN
func Sigmoid(z float64) float64 {
	return 1 / (1 + math.Exp(-z))
}

// LogSigmoid returns log σ(z) without forming σ(z),
//
//	log σ(z) = min(z, 0) − log1p(e^−|z|),
//
// so it keeps full relative precision where log(Sigmoid(z)) fails: for large
// negative z it returns z − log1p(eᶻ) ≈ z instead of log(0) = −Inf, and for
// large positive z it returns −e⁻ᶻ instead of log(1) = 0. The loss of a
// sample with label y is −LogSigmoid(z) for y = 1 and −LogSigmoid(−z) for y = 0.
//
// Special cases are:
//
//	LogSigmoid(+Inf) = 0
//	LogSigmoid(-Inf) = -Inf
//	LogSigmoid(NaN) = NaN
func LogSigmoid(z float64) float64 {
	return math.Min(z, 0) - math.Log1p(math.Exp(-math.Abs(z)))
}
