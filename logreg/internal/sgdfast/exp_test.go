package sgdfast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLibm64 compares log64 with math.Log bit for bit on a million random
// arguments of every magnitude, and on the special ones it hands to package
// math. Where the pieces do not match package math (another architecture),
// libmExact64 must say so; the test then checks only that log64 still
// equals package math.
func TestLibm64(t *testing.T) {
	if !libmExact64() {
		t.Log("math.Log computes otherwise here; the loops call it")
	}
	r := rand.New(rand.NewPCG(7, 8))
	bad := 0
	check := func(x, got, want float64) {
		if math.Float64bits(got) != math.Float64bits(want) {
			if bad++; bad <= 10 {
				t.Errorf("log64(%v) = %v, math.Log %v", x, got, want)
			}
		}
	}
	for i := range 1_000_000 {
		var x float64
		switch i % 4 {
		case 0:
			x = r.Float64() * 750
		case 1:
			x = r.Float64() * 40
		case 2:
			x = math.Ldexp(r.Float64(), -r.IntN(60))
		default:
			x = math.Float64frombits(r.Uint64() &^ (1 << 63)) // any positive float64, NaN and Inf included
		}
		check(x, log64(x), math.Log(x))
	}
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, 0x1p-1022,
		math.MaxFloat64, -1, logHSqrt2, math.Nextafter(logHSqrt2, 0), math.Nextafter(logHSqrt2, 1), 1,
		math.Nextafter(1, 0), math.Nextafter(1, 2)}
	for _, x := range special {
		check(x, log64(x), math.Log(x))
	}
	// Every scale of the reduction boundary.
	for e := -1000; e <= 1000; e++ {
		for _, m := range []float64{logHSqrt2, math.Nextafter(logHSqrt2, 0), math.Nextafter(logHSqrt2, 1)} {
			x := math.Ldexp(m, e)
			check(x, log64(x), math.Log(x))
		}
	}
}

// ulps returns how many float64 steps apart two positive finite numbers are.
func ulps(a, b float64) float64 {
	return math.Abs(float64(int64(math.Float64bits(a)) - int64(math.Float64bits(b))))
}

// TestExpFast bounds expFast's error against math.Exp (itself up to about
// 1.5 ulp from eˣ: at the worst argument found here, −663.729…, expFast is
// the correctly rounded one and math.Exp is 1.5 ulp off) over the whole range the loops give it, [−expMax, expMax]: random
// arguments of every scale, the ends, and the table's seams, where the
// reduction's remainder r is largest.
func TestExpFast(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	xs := []float64{0, math.Copysign(0, -1), expMax, -expMax, 1, -1, math.Ln2, 25, -25, 1e-300, -1e-300}
	for k := -expN * 1010; k <= expN*1010; k++ {
		x := (float64(k) + 0.5) * math.Ln2 / expN // a seam between two table entries
		if math.Abs(x) <= expMax {
			xs = append(xs, x, math.Nextafter(x, 0), math.Nextafter(x, 2*x))
		}
	}
	for i := range 3_000_000 {
		s := 2*r.Float64() - 1
		switch i % 3 {
		case 0:
			xs = append(xs, s*expMax)
		case 1:
			xs = append(xs, s*30)
		default:
			xs = append(xs, math.Ldexp(s, -r.IntN(60)))
		}
	}
	worst, at := 0.0, 0.0
	for _, x := range xs {
		if d := ulps(expFast(x), math.Exp(x)); d > worst {
			worst, at = d, x
		}
	}
	t.Logf("%d arguments: expFast within %v ulp of math.Exp (at x = %v)", len(xs), worst, at)
	if worst > 2 {
		t.Errorf("expFast(%v) = %v, math.Exp %v: %v ulp apart", at, expFast(at), math.Exp(at), worst)
	}
	if got := expFast(math.NaN()); !math.IsNaN(got) {
		t.Errorf("expFast(NaN) = %v", got)
	}
	// The test can fail: a table entry off by eight ulp is seen.
	saved := expTab[5]
	expTab[5].bits += 8
	defer func() { expTab[5] = saved }()
	x := 5 * math.Ln2 / expN
	if d := ulps(expFast(x), math.Exp(x)); d <= 2 {
		t.Errorf("a perturbed table entry went unseen: %v ulp", d)
	}
}

// log64 returns math.Log(x), the same bits when libmExact64() (the pieces
// above, for normal positive finite x), else by calling it.
func log64(x float64) float64 {
	if !(x >= logMin && x <= math.MaxFloat64) || !libmExact64() {
		return math.Log(x)
	}
	f, k := logReduce(x)
	s, r := logSeries(f)
	return logCombine(f, k, s, r)
}
