package sgdfast

import (
	"math"

	"github.com/sgdlab/sgdlab/logreg/internal/crmath"
)

// The fast loops' exponential. math.Exp spends about 75 cycles of dependent
// operations on an argument (a reduction by ln 2/16, a degree-8 polynomial,
// four squarings), and in a per-sample loop every one of them is on the
// chain z → e⁻ᶻ → p → gradient → next z. expFast takes about 30, by the
// usual table method:
//
//	x = (k/N)·ln 2 + r,  |r| ≤ ln 2/(2N),  N = 128
//	eˣ = 2^(k div N) · 2^((k mod N)/N) · eʳ
//
// with 2^(j/N) from a table (to twice float64's precision: the value and a
// correction), eʳ − 1 by its Taylor polynomial of degree 5 (the first term
// left out is r⁶/720 < 10⁻¹⁸), evaluated in two halves that run side by
// side, and the power of two added to the table value's exponent. It is
// within 2 ulp of math.Exp, which is itself up to about 1.5 ulp off (a
// test measures it over the range the loops use, TestExpFast). The result is normal for |x| ≤ expMax; callers clamp
// their argument to that range or fall back to math.Exp outside it.

const (
	expTableBits = 7
	expN         = 1 << expTableBits
	// expMax bounds the arguments expFast takes: for |x| ≤ expMax, eˣ is a
	// normal number and the exponent arithmetic cannot overflow.
	expMax = 700
	// expRound added to and subtracted from x·N/ln 2 rounds it to an
	// integer, which is then in the low bits of the sum.
	expRound = 0x1.8p52
	// expInvLn2N is N/ln 2; expLn2NHi + expLn2NLo is ln 2/N, the first part
	// with 21 significant bits so that k·expLn2NHi is exact for |k| < 2³².
	expInvLn2N = expN / math.Ln2
	expLn2NHi  = logLn2Hi / expN
	expLn2NLo  = logLn2Lo / expN
	// expLn2N is ln 2/N rounded to a float64, for reducing by one FMA
	// (the one-hot kernel); expLn2NRest = ln 2/N − expLn2N, below 10⁻¹⁸.
	expLn2N     = math.Ln2 / expN
	expLn2NRest = (expLn2NHi - float64(expLn2N)) + expLn2NLo
)

// expTab holds, for j < N, 2^(j/N) as the bits of its float64 rounding,
// less j·2⁴⁵ (so that adding k·2⁴⁵ for any k ≡ j mod N yields the bits of
// 2^(k/N) with k div N added to the exponent), and the rounding's relative
// error, tail = (2^(j/N) − rounded)/rounded.
var expTab = newExpTab()

type expEntry struct {
	bits uint64
	tail float64
}

// newExpTab derives the table from crmath's 2^(j/N), known to twice
// float64's precision.
func newExpTab() (t [expN]expEntry) {
	for j := range expN {
		hi, lo := crmath.Pow2(j)
		t[j] = expEntry{bits: math.Float64bits(hi) - uint64(j)<<(52-expTableBits), tail: lo / hi}
	}
	return t
}

// expFast returns eˣ within 2 ulp of math.Exp for |x| ≤ expMax; outside
// that range its result is meaningless (NaN stays NaN). It is two pieces
// small enough for the compiler to inline, and it uses no math.FMA: on a
// GOAMD64=v1 build that is a test of the CPU and a call on the other branch,
// and a loop with a call in it keeps its values in memory, not registers.
func expFast(x float64) float64 {
	r, k := expReduce(x)
	return expTable(r, k)
}

// expReduce returns r = x − (k/N)·ln 2 (exactly, but for the last
// product) and the bits of k + 1.5·2⁵², whose low bits are k's.
func expReduce(x float64) (r float64, k uint64) {
	kd := x*expInvLn2N + expRound
	k = math.Float64bits(kd)
	kd -= expRound
	return (x - kd*expLn2NHi) - kd*expLn2NLo, k
}

// expTable returns 2^(k/N)·eʳ from the table and the polynomial.
func expTable(r float64, k uint64) float64 {
	e := &expTab[k%expN]
	scale := math.Float64frombits(e.bits + k<<(52-expTableBits))
	r2 := r * r
	// tail + eʳ − 1 = tail + r + r²·(1/2 + r/6) + r⁴·(1/24 + r/120)
	p := (r + e.tail) + r2*(0.5+r*(1.0/6)) + (r2*r2)*(1.0/24+r*(1.0/120))
	return scale + scale*p
}

// expArg returns −z clamped to [−expMax, expMax], the argument of expFast
// in σ(z) = 1/(1 + e⁻ᶻ). Beyond the range σ(z) is taken at ±expMax:
// exactly 1 below −expMax, as Sigmoid; above expMax, 9.9·10⁻³⁰⁵ where
// Sigmoid gives something smaller or 0. The fast paths are exact only to
// rounding anyway, and such a difference moves no weight that is not itself
// below 10⁻²⁹⁰. NaN stays NaN.
func expArg(z float64) float64 {
	x := -z
	if x < -expMax {
		x = -expMax
	}
	if x > expMax {
		x = expMax
	}
	return x
}
