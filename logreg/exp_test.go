package logreg

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLibm64 compares exp64 and log64 with math.Exp and math.Log bit for
// bit on a million random arguments of every magnitude, and on the special
// ones they hand to package math. Where the pieces do not match package
// math (a CPU without FMA, another architecture), libmExact64 must say so;
// the test then checks only that exp64 and log64 still equal package math.
func TestLibm64(t *testing.T) {
	if !libmExact64() {
		t.Log("math.Exp or math.Log computes otherwise here; the loops call them")
	}
	r := rand.New(rand.NewPCG(7, 8))
	bad := 0
	check := func(name string, x, got, want float64) {
		if math.Float64bits(got) != math.Float64bits(want) {
			if bad++; bad <= 10 {
				t.Errorf("%s(%v) = %v, package math %v", name, x, got, want)
			}
		}
	}
	for i := range 1_000_000 {
		var x float64
		switch i % 4 {
		case 0:
			x = (2*r.Float64() - 1) * 750
		case 1:
			x = (2*r.Float64() - 1) * 40
		case 2:
			x = math.Ldexp(2*r.Float64()-1, -r.IntN(60))
		default:
			x = math.Float64frombits(r.Uint64() &^ (1 << 63)) // any positive float64, NaN and Inf included
		}
		check("exp64", x, exp64(x), math.Exp(x))
		check("log64", math.Abs(x), log64(math.Abs(x)), math.Log(math.Abs(x)))
	}
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 710, -710, -745, -746,
		709.7, -708.5, 5e-324, 0x1p-1022, math.MaxFloat64, -1, logHSqrt2, math.Nextafter(logHSqrt2, 0),
		math.Nextafter(logHSqrt2, 1), 1, math.Nextafter(1, 0), math.Nextafter(1, 2)}
	for _, x := range special {
		check("exp64", x, exp64(x), math.Exp(x))
		check("log64", x, log64(x), math.Log(x))
	}
	// Every scale of the log reduction boundary.
	for e := -1000; e <= 1000; e++ {
		for _, m := range []float64{logHSqrt2, math.Nextafter(logHSqrt2, 0), math.Nextafter(logHSqrt2, 1)} {
			x := math.Ldexp(m, e)
			check("log64", x, log64(x), math.Log(x))
		}
	}
}
