//go:build !(cgo && sgdlab_libm)

package libm

import (
	"math"

	"github.com/sgdlab/sgdlab/logreg/internal/crmath"
)

// Exact reports whether Exp and Pow are the C library's.
const Exact = false

// Exp returns eˣ, correctly rounded.
func Exp(x float64) float64 { return crmath.Exp(x) }

// Pow returns xʸ as math.Pow does.
func Pow(x, y float64) float64 { return math.Pow(x, y) }
