package logreg

import (
	"math"
	"sync"
)

// Go's math.Exp and math.Log on amd64 are assembly routines. A per-sample
// loop is one chain of dependent operations (z → e⁻ᶻ → p → gradient →
// weights → next z), and a call to assembly costs that chain twice: it
// cannot be inlined, and since Go keeps no register across a call, every
// value the loop holds is stored before it and loaded after it. The
// functions below perform the same floating-point operations in the same
// order as the assembly, so they return the same bits, in pieces small
// enough for the compiler to inline. Where a step can be shortened without
// changing its result it is: rounding x·log₂e to an integer is an add and a
// subtract of 1.5·2⁵² (round half to even, as CVTSD2SL does in the default
// rounding mode) instead of two conversions.
//
// Every product is wrapped in float64(...), which forbids the compiler to
// fuse it with a following addition (it may with GOAMD64=v3): the
// assembly rounds both.
//
// Whether the bits really are the same depends on the CPU (math.Exp takes
// another path without FMA) and on the architecture (other assembly, or
// none): libmExact64 checks once, on a few thousand arguments, and the
// loops fall back to math.Exp and math.Log when it is false.

// Constants of math.Exp's amd64 assembly, digit for digit.
const (
	expLog2e = 1.4426950408889634073599246810018920                  // 1/ln 2
	expLn2U  = 0.69314718055966295651160180568695068359375           // upper part of ln 2
	expLn2L  = 0.28235290563031577122588448175013436025525412068e-12 // lower part
	expRound = 0x1.8p52                                              // x + 1.5·2⁵² − 1.5·2⁵² rounds x half to even
	// expMax bounds the arguments the pieces handle: for |x| < expMax the
	// result is a normal number, so math.Exp's special paths (NaN, ±Inf,
	// overflow, subnormal results) are never taken.
	expMax = 700
)

// expReduce is the first piece of exp(x) for |x| < expMax: k = round(x·log₂e)
// and r = (x − k·ln2ᵤ − k·ln2ₗ)/16, the subtractions fused. The assembly
// divides by 16 last; here x and the two constants are divided first,
// which is exact (powers of two) and takes a multiplication off the chain.
func expReduce(x float64) (r, k float64) {
	k = float64(float64(x*expLog2e)+expRound) - expRound
	r = math.FMA(-k, expLn2U/16, x*0.0625)
	r = math.FMA(-k, expLn2L/16, r)
	return r, k
}

// expPoly is the second piece: eʳ − 1 by a Taylor polynomial in Horner's
// form (fused).
func expPoly(r float64) float64 {
	p := math.FMA(2.4801587301587301587e-5, r, 1.9841269841269841270e-4)
	p = math.FMA(p, r, 1.3888888888888888889e-3)
	p = math.FMA(p, r, 8.3333333333333333333e-3)
	p = math.FMA(p, r, 4.1666666666666666667e-2)
	p = math.FMA(p, r, 1.6666666666666666667e-1)
	p = math.FMA(p, r, 0.5)
	p = math.FMA(p, r, 1.0)
	return float64(r * p)
}

// expSquare is the third piece: e^(16r) from e = e^r − 1, by four
// squarings e ← e·(e + 2), the last fused with the + 1.
func expSquare(e float64) float64 {
	e = float64(e * (e + 2))
	e = float64(e * (e + 2))
	e = float64(e * (e + 2))
	return math.FMA(e, e+2, 1.0)
}

// expScale is the last piece: e·2ᵏ.
func expScale(e, k float64) float64 {
	return e * math.Float64frombits(uint64(int64(k)+1023)<<52)
}

// exp64 returns math.Exp(x), the same bits when libmExact64() (the pieces
// above, for |x| < expMax), else by calling it.
func exp64(x float64) float64 {
	if !(x > -expMax && x < expMax) || !libmExact64() {
		return math.Exp(x)
	}
	r, k := expReduce(x)
	return expScale(expSquare(expPoly(r)), k)
}

// Constants of math.Log's amd64 assembly (FreeBSD's e_log.c).
const (
	logHSqrt2 = 7.07106781186547524401e-01 // √2/2
	logLn2Hi  = 6.93147180369123816490e-01
	logLn2Lo  = 1.90821492927058770002e-10
	logL1     = 6.666666666666735130e-01
	logL2     = 3.999999999940941908e-01
	logL3     = 2.857142874366239149e-01
	logL4     = 2.222219843214978396e-01
	logL5     = 1.818357216161805012e-01
	logL6     = 1.531383769920937332e-01
	logL7     = 1.479819860511658591e-01
	// logMin bounds the arguments the pieces handle from below: they take
	// normal positive numbers, up to and including +Inf excluded.
	logMin = 0x1p-1022
	// logTiny is a normal number whose log, −101.3, is below BCE's clamp
	// of −100: every probability under it has the same clamped loss.
	logTiny = 1e-44
)

// logReduce is the first piece of log(x) for a normal positive finite x:
// x = 2ᵏ·(1 + f) with √2/2 < 1 + f ≤ √2, without a branch.
func logReduce(x float64) (f, k float64) {
	bits := math.Float64bits(x)
	f1 := math.Float64frombits(bits&(1<<52-1) | 0x3FE0000000000000) // [0.5, 1)
	k = float64(int64(bits>>52&0x7FF) - 0x3FE)
	// if f1 ≤ √2/2 { k--; f1 *= 2 }, as the assembly does it: with a mask
	// (and ≤ where the Go version has <).
	c := float64(b2i(f1 <= logHSqrt2))
	k -= c
	f1 = float64(f1 * (1 + c))
	return f1 - 1, k
}

// logSeries is the second piece: s = f/(2 + f) and the series R(s) with
// log(1 + f) = f − f²/2 + s·(f²/2 + R).
func logSeries(f float64) (s, r float64) {
	s = f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * (logL1 + float64(s4*(logL3+float64(s4*(logL5+float64(s4*logL7)))))))
	t2 := float64(s4 * (logL2 + float64(s4*(logL4+float64(s4*logL6)))))
	return s, t1 + t2
}

// logCombine is the last piece: k·ln 2 + log(1 + f), ln 2 in two parts.
func logCombine(f, k, s, r float64) float64 {
	hfsq := float64(float64(0.5*f) * f)
	return float64(k*logLn2Hi) - ((hfsq - float64(float64(s*(hfsq+r))+float64(k*logLn2Lo))) - f)
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

// libm64 holds whether the pieces equal math.Exp and math.Log here.
var libm64 struct {
	once  sync.Once
	exact bool
}

// libmExact64 reports whether exp64's and log64's pieces return math.Exp's
// and math.Log's bits on this machine: it compares them, once, on a few
// thousand arguments spread over their ranges (tests compare a million).
func libmExact64() bool {
	libm64.once.Do(func() {
		libm64.exact = libmMatches(libmProbes())
	})
	return libm64.exact
}

// libmProbes returns arguments that exercise every step of both methods:
// both signs and all scales for exp, the reduction boundary √2/2 for log,
// and a deterministic spread.
func libmProbes() []float64 {
	xs := []float64{0, 1e-300, 0x1p-53, 0.5, 1, math.Ln2 / 2, 3 * math.Ln2 / 2, 699.9,
		logHSqrt2, math.Nextafter(logHSqrt2, 0), math.Nextafter(logHSqrt2, 1), 1 - 0x1p-53,
		0x1p32 * logHSqrt2, 0x1p-40 * logHSqrt2}
	u := uint64(0x9e3779b97f4a7c15)
	for i := range 4000 {
		u ^= u << 13
		u ^= u >> 7
		u ^= u << 17
		f := float64(u>>11) / (1 << 53) // [0,1)
		switch i % 4 {
		case 0:
			xs = append(xs, f*700)
		case 1:
			xs = append(xs, f*40)
		case 2:
			xs = append(xs, f)
		default:
			xs = append(xs, math.Ldexp(f, -int(u%60)))
		}
	}
	return xs
}

// libmMatches compares the pieces with package math on ±x for exp and on x
// for log.
func libmMatches(xs []float64) bool {
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	for _, x := range xs {
		for _, v := range []float64{x, -x} {
			if v > -expMax && v < expMax {
				r, k := expReduce(v)
				if !same(expScale(expSquare(expPoly(r)), k), math.Exp(v)) {
					return false
				}
			}
		}
		if x >= logMin {
			f, k := logReduce(x)
			s, r := logSeries(f)
			if !same(logCombine(f, k, s, r), math.Log(x)) {
				return false
			}
		}
	}
	return true
}
