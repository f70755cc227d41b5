package logreg

import "math"

// The explicit float64(...) conversions around products below are not
// no-ops: they forbid the compiler to fuse a product and a sum into one FMA
// (which Go may do on arm64 and others), so every platform rounds each
// operation, as the seed programs do.

// BCE returns the binary cross-entropy of probability p against label y as
// PyTorch's nn.BCELoss computes it for one element:
//
//	BCE(p, y) = (y − 1)·max(log(1 − p), −100) − y·max(log p, −100).
//
// Clamping each log at −100 keeps the loss finite (at most 100) when p
// reaches exactly 0 or 1, and keeps 0·log 0 from becoming NaN. For y in
// {0,1} only one term is nonzero: −log p for y = 1, −log(1 − p) for y = 0.
// Note that PyTorch forms 1 − p, not log1p(−p).
//
// Special cases are:
//
//	BCE(0, 1) = BCE(1, 0) = 100
//	BCE(p, y) = NaN if p or y is NaN, or p is outside [0,1]
func BCE(p, y float64) float64 {
	return float64((y-1)*math.Max(math.Log(1-p), -100)) - float64(y*math.Max(math.Log(p), -100))
}

// Clip bounds of the NumPy program's loss.
const (
	clipLo = 1e-9
	clipHi = 1 - 1e-9
)

// ClippedBCE returns the binary cross-entropy as the NumPy program computes
// it, with both probabilities clipped to [10⁻⁹, 1 − 10⁻⁹]:
//
//	ClippedBCE(p, y) = −y·log(clip(p)) − (1 − y)·log(clip(1 − p)),
//
// so a sample's loss is at most −log 10⁻⁹ ≈ 20.72 (PyTorch's BCE allows 100).
//
// Special cases are:
//
//	ClippedBCE(0, 1) = ClippedBCE(1, 0) = −log(1e-9)
//	ClippedBCE(NaN, y) = NaN
func ClippedBCE(p, y float64) float64 {
	return float64(-y*math.Log(clip(p))) - float64((1-y)*math.Log(clip(1-p)))
}

// clip limits p to [clipLo, clipHi] as np.clip does, propagating NaN.
func clip(p float64) float64 { return math.Min(math.Max(p, clipLo), clipHi) }

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
