package sgdfast

import (
	"math"
	"sync"
)

// The loss sums take one logarithm per sum, of a product whose binary
// exponent is kept apart (losssum.go), so they need log(m·2ᵉ) for an e
// beyond a float64's range. The functions below perform the floating-point
// operations of Go's math.Log on amd64 (FreeBSD's e_log.c), in the same
// order, in pieces the exponent can be added between: so a sum of one
// loss is what the per-sample formula gives, bit for bit. Every product is
// wrapped in float64(...), which forbids the compiler to fuse it with a
// following addition (it may with GOAMD64=v3): math.Log rounds both.
//
// Whether the bits really are the same depends on the architecture (other
// assembly, or none): libmExact64 checks once, on a few thousand
// arguments, and the engine does not take a run when it is false.

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

// libmExact64 reports whether the pieces return math.Log's bits on this
// machine: it compares them, on its first call, on a few thousand arguments
// spread over their range (tests compare a million).
var libmExact64 = sync.OnceValue(func() bool { return libmMatches(libmProbes()) })

// libmProbes returns arguments that exercise every step of the method: the
// reduction boundary √2/2 and a deterministic spread of scales.
func libmProbes() []float64 {
	xs := []float64{1e-300, 0x1p-53, 0.5, 1, 699.9, logHSqrt2, math.Nextafter(logHSqrt2, 0),
		math.Nextafter(logHSqrt2, 1), 1 - 0x1p-53, 0x1p32 * logHSqrt2, 0x1p-40 * logHSqrt2}
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

// libmMatches compares the pieces with math.Log on xs.
func libmMatches(xs []float64) bool {
	for _, x := range xs {
		if x >= logMin {
			f, k := logReduce(x)
			s, r := logSeries(f)
			if math.Float64bits(logCombine(f, k, s, r)) != math.Float64bits(math.Log(x)) {
				return false
			}
		}
	}
	return true
}
