package pytorch

import "github.com/sgdlab/sgdlab/logreg/internal/libm"

// The explicit float32(...) conversions around products below are not
// no-ops: they forbid the compiler to fuse a product and a sum into one FMA
// (which Go may do on arm64 and others), so every platform rounds each
// operation, as PyTorch does.

// Sigmoid32 returns σ(z) as PyTorch computes it for a float32 tensor of one
// element: every operation in float32,
//
//	e = expf(−z); p = 1 / (1 + e).
//
// expf is libm.Expf: e**z rounded once to float32 from float64, which
// equals glibc's expf except in rare last-bit cases, or glibc's own with
// the build tag sgdlab_libm (libm.Exact). σ(z) rounds to exactly 1 for z > 16.6, and
// to 0 for z < −88.7 where expf overflows.
//
// Special cases are as for logreg's Sigmoid.
func Sigmoid32(z float32) float32 {
	return 1 / (1 + libm.Expf(-z))
}

// bce32 is logreg's BCE evaluated as PyTorch does for float32 tensors,
// every operation rounded to float32:
//
//	(y − 1)·max(logf(1 − p), −100) − y·max(logf p, −100).
func bce32(p, y float32) float32 {
	return float32((y-1)*max(libm.Logf(1-p), -100)) - float32(y*max(libm.Logf(p), -100))
}

// backwardEps is the floor PyTorch's binary_cross_entropy_backward puts under
// p(1 − p) to avoid dividing by zero (logreg's LogitGrad has its own, in
// float64).
const backwardEps = 1e-12

// LogitGrad32 is logreg's LogitGrad in float32, the exact sequence of
// float32 operations PyTorch's autograd performs (checked bit for bit
// against PyTorch 1.13 on 10,000 pairs):
//
//	g_p = (p − y) / max((1 − p)·p, 1e-12)
//	g_z = g_p·(1 − p)·p.
//
// In float32, σ(z) rounds to 1 for z > 16.6, so PyTorch's float32 gradient
// is exactly 0 for every sample with z > 16.6, even a negative one.
func LogitGrad32(p, y float32) float32 {
	gp := (p - y) / max((1-p)*p, float32(backwardEps))
	return gp * (1 - p) * p
}
