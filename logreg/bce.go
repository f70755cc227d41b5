package logreg

import "math"

// The explicit float64(...) and float32(...) conversions around products
// below are not no-ops: they forbid the compiler to fuse a product and a sum
// into one FMA (which Go may do on arm64 and others), so every platform
// rounds each operation, as the seed programs do.

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

// BCE32 is BCE evaluated as PyTorch does for float32 tensors, every
// operation rounded to float32 (the logs are log32; see libm32.go).
func BCE32(p, y float32) float32 {
	return float32((y-1)*max(log32(1-p), -100)) - float32(y*max(log32(p), -100))
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

// ClippedBCE32 is ClippedBCE in float32, as NumPy evaluates it for float32
// arrays: the bounds are rounded to float32 too, and 1 − 10⁻⁹ rounds to 1,
// so only the lower clip has an effect.
func ClippedBCE32(p, y float32) float32 {
	return float32(-y*log32(clip32(p))) - float32((1-y)*log32(clip32(1-p)))
}

// clip limits p to [clipLo, clipHi] as np.clip does, propagating NaN.
func clip(p float64) float64 { return math.Min(math.Max(p, clipLo), clipHi) }

// clip32 is clip with the bounds rounded to float32.
func clip32(p float32) float32 {
	return float32(math.Min(math.Max(float64(p), float64(float32(clipLo))), float64(float32(clipHi))))
}
