//go:build !(cgo && sgdlab_libm)

package libm

import (
	"math"

	"github.com/sgdlab/sgdlab/logreg/internal/crmath"
)

// Exact reports whether Exp, Pow, Expf and Logf are the C library's.
const Exact = false

// Exp returns eˣ, correctly rounded.
func Exp(x float64) float64 { return crmath.Exp(x) }

// Pow returns xʸ as math.Pow does.
func Pow(x, y float64) float64 { return math.Pow(x, y) }

// Go has no float32 exp or log. PyTorch's CPU kernels call the C library's
// expf and logf on single elements. Expf and Logf compute in float64 and round once to
// float32. The float64 result is within about 1 ulp (2⁻⁵²) of the exact value,
// far below float32's half ulp (2⁻²⁴), so the rounded value is the correctly
// rounded float32 unless the exact value lies within 2⁻⁵² of a midpoint
// between two float32 numbers (double rounding): roughly one argument in 2²⁸.
//
// glibc's expf and logf are not correctly rounded themselves (documented
// errors up to 0.502 and 0.82 ulp), so PyTorch and these functions disagree by
// one ulp now and then. Measured against PyTorch 1.13 on this machine: expf in
// about 7 of 20,000 sigmoids, logf in about 1 of 100 losses. That is the one
// place where float32 mode is not bit for bit PyTorch: over 10 epochs on a9a
// it moves the loss sums by up to 3·10⁻⁹ relative. Building with the tag
// sgdlab_libm (and cgo) calls the C library's functions instead
// (libm_cgo.go), and the float32 trace then equals PyTorch's to the bit.

// Expf returns eˣ rounded to float32.
func Expf(x float32) float32 { return float32(math.Exp(float64(x))) }

// Logf returns the natural logarithm of x rounded to float32.
func Logf(x float32) float32 { return float32(math.Log(float64(x))) }
