//go:build cgo && sgdlab_libm

package libm

// A call through cgo costs tens of nanoseconds; the engine's own steps do
// not call these, only the readable step and the steps the engine leaves
// to it.

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

// Exact reports whether Exp, Pow, Expf and Logf are the C library's.
const Exact = true

// Exp returns the C library's exp(x).
func Exp(x float64) float64 { return float64(C.exp(C.double(x))) }

// Pow returns the C library's pow(x, y).
func Pow(x, y float64) float64 { return float64(C.pow(C.double(x), C.double(y))) }

// Expf returns the C library's expf(x), as PyTorch's CPU kernels call it.
func Expf(x float32) float32 { return float32(C.expf(C.float(x))) }

// Logf returns the C library's logf(x).
func Logf(x float32) float32 { return float32(C.logf(C.float(x))) }
