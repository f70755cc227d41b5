package crmath

import (
	"math"
	"math/big"
)

// Exp returns eˣ correctly rounded to float64.
//
// Most arguments take a guess in float64 arithmetic with a known error
// bound, whose rounding is decided where no value within that bound of it
// rounds otherwise (expGuess). The rest take the fast path, the table
// method in double-double arithmetic (a value and its correction):
//
//	x = (k/N)·ln 2 + r,   |r| ≤ ln 2/(2N),   N = 128
//	eˣ = 2^(k div N) · 2^((k mod N)/N) · (1 + q(r))
//
// with ln 2/N in three parts so that r is exact to about 2⁻¹⁰⁰, 2^(j/N)
// from a table to twice float64's precision, and q(r) = eʳ − 1 by its
// Taylor polynomial of degree 9, the terms up to r² in double-double and
// the rest in float64. The result's relative error is below 2⁻⁷⁸; unless
// that leaves the rounding in doubt, the rounded value is returned.
//
// Special cases are:
//
//	Exp(+Inf) = +Inf
//	Exp(NaN) = NaN
//	Exp(x > 710) = +Inf, Exp(x < −746) = 0
//
// Results below 2⁻¹⁰²² (x < −708.4, subnormal) come from the math/big path.
func Exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 710:
		return math.Inf(1)
	case x < -746:
		return 0
	case x < minNormalArg:
		return expBig(x)
	}
	if hi, rest, k := expGuess(x); decided(hi, rest, k) {
		return hi * exp2(k)
	}
	if hi, k, ok := expFast(x); ok {
		return math.Ldexp(hi, k)
	}
	return expBig(x)
}

// expGuess returns eˣ = (hi + rest)·2ᵏ in float64 arithmetic from Exp's
// table, with |eˣ/2ᵏ − (hi + rest)| ≤ guessErr: where every value within
// guessErr of hi + rest rounds to hi, hi·2ᵏ is the correctly rounded
// result. That holds for all but about 1 argument in 60
// (TestExpGuessDecides), and the rest take expFast. A loop whose next step
// waits for eˣ waits for hi alone, about half as long as for expFast, and
// the test is a branch the processor predicts.
//
// It is written for a short chain: the sum with roundShift rounds to an
// integer in two additions, where math.RoundToEven takes longer, the
// polynomial's halves are computed side by side (Estrin's scheme), and the
// small terms are summed apart, off the chain.
func expGuess(x float64) (hi, rest float64, k int) {
	kd := (float64(x*invLn2N) + roundShift) - roundShift // float64(): no FMA, so that kd is RoundToEven's
	a := x - kd*ln2N[0]                                  // exact (guessErr)
	b := kd * ln2N[1]
	r := a - b
	rl := (a - r) - b // r's rounding error
	j := int(kd)
	t := &table[j&(tableN-1)]
	r2 := r * r
	pr := r2 * ((0.5 + r*c3) + r2*((c4+r*c5)+r2*c6)) // eʳ − 1 − r
	lo := t.lo + (t.hi*rl + t.lo*r)
	s := t.hi*r + (t.hi*pr + lo)
	hi = t.hi + s
	return hi, s - (hi - t.hi), j >> tableBits
}

// decided reports whether hi·2ᵏ is the correctly rounded eˣ, for hi, rest
// and k from expGuess(x): whether every value within guessErr of hi + rest
// rounds to hi (rounding is monotone, so the two ends tell), and hi·2ᵏ is
// normal.
func decided(hi, rest float64, k int) bool {
	return k >= minGuessK && k <= maxGuessK && hi+(rest+guessErr) == hi && hi+(rest-guessErr) == hi
}

// guessErr bounds expGuess's error, |eˣ/2ᵏ − (hi + rest)|, for
// minNormalArg ≤ x ≤ 710, in units of u = 2⁻⁵³ and with |r| ≤ ln 2/256 <
// 2⁻⁸·⁵², t.hi < 2:
//
//   - t.hi·r and s are rounded once each: 2·u·2⁻⁷·⁵³ = 1.38·2⁻⁶⁰;
//   - x − kd·ln2N[0] is exact (kd·ln2N[0] has at most 50 bits, and for
//     |x| ≥ 2⁻⁹ the difference is a multiple of ulp(x) below 2⁻⁸; for
//     smaller x, kd = 0), and r + rl is x − kd·ln 2/N to 2⁻⁷³;
//   - the polynomial's truncation (|r|⁷/7!), its rounding and its
//     argument (r, not r + rl), the small terms' rounding, the terms left
//     out (t.lo·(eʳ − 1 − r), t.lo·rl) and the table's own error are
//     below 2⁻⁶⁶ together.
//
// So 1.4·2⁻⁶⁰ at most, and guessErr is 2⁻⁵⁹. Where Go fuses a product
// with a sum (FMA), one rounding goes and the bound holds.
const guessErr = 0x1p-59

// roundShift is 1.5·2⁵²: for |v| < 2⁵¹, v + roundShift has no bits below
// its units, so (v + roundShift) − roundShift is v rounded to the nearest
// integer, ties to even, as math.RoundToEven rounds it.
const roundShift = 0x1.8p52

// exp2 returns 2ᵏ for minGuessK ≤ k ≤ maxGuessK, a normal float64.
func exp2(k int) float64 {
	return math.Float64frombits(uint64(k+1023) << 52)
}

// The powers of 2 a guess may be scaled by: hi lies in [1/2, 2], so
// hi·2ᵏ is normal and exact.
const (
	minGuessK = -1020
	maxGuessK = 1022
)

// expFast returns eˣ = hi·2ᵏ with hi correctly rounded, and whether the
// rounding is decided, for minNormalArg ≤ x ≤ 710.
func expFast(x float64) (hi float64, k int, ok bool) {
	kd := math.RoundToEven(x * invLn2N)
	rh, rl := reduce(x, kd)
	j := int(kd)
	t := &table[j&(tableN-1)]

	// q = r + r²/2 + r³·(1/3! + r/4! + ... + r⁶/9!) as qh + ql.
	sh, sl := twoProd(rh, rh)
	cube := rh * rh * rh * (c3 + rh*(c4+rh*(c5+rh*(c6+rh*(c7+rh*(c8+rh*c9))))))
	qh, ql := twoSum(rh, sh/2)
	ql += rl + (sl/2 + rh*rl) + cube

	// 2^(j/N)·(1 + q) = th + (th·q + tl + tl·q)
	ph, pl := twoProd(t.hi, qh)
	hi, lo := twoSum(t.hi, ph)
	lo += pl + t.hi*ql + t.lo + t.lo*qh
	hi, lo = fastTwoSum(hi, lo)

	// Ziv's test: if moving lo by more than the error bound does not
	// change the rounding, hi is the correctly rounded value.
	return hi, j >> tableBits, hi == hi+lo*zivFactor
}

const (
	tableBits = 7
	tableN    = 1 << tableBits
	invLn2N   = tableN / math.Ln2
	// minNormalArg is log(2⁻¹⁰²²): below it eˣ is subnormal.
	minNormalArg = -708.3964185322641
	// zivFactor is 1 + 2⁻²⁰: a relative error of 2⁻⁷⁴ in the result moves
	// lo by at most 2⁻²⁰·|lo| where lo is near half an ulp of hi, the only
	// place the rounding can turn.
	zivFactor = 1 + 0x1p-20

	c3 = 1.0 / 6
	c4 = 1.0 / 24
	c5 = 1.0 / 120
	c6 = 1.0 / 720
	c7 = 1.0 / 5040
	c8 = 1.0 / 40320
	c9 = 1.0 / 362880
)

// ln2N holds ln 2/N in three parts: the first with 32 significant bits, so
// that k·ln2N[0] is exact for |k| < 2²¹, each next one the rest rounded.
var ln2N = splitLn2N()

// table holds 2^(j/N) for j < N as a value and its correction.
var table = newTable()

// Pow2 returns 2^(j/128), for 0 ≤ j < 128, as hi + lo: hi is its float64
// rounding and lo the rest, rounded. It is Exp's table, which the fast
// loops' exponential derives its own from.
func Pow2(j int) (hi, lo float64) { return table[j].hi, table[j].lo }

type doubleDouble struct{ hi, lo float64 }

// ln2Digits is ln 2 to 80 digits.
const ln2Digits = "0.69314718055994530941723212145817656807550013436025525412068000949339362196969472"

func splitLn2N() (parts [3]float64) {
	v, _, err := big.ParseFloat(ln2Digits, 10, 300, big.ToNearestEven)
	if err != nil {
		panic("crmath: ln 2: " + err.Error())
	}
	v.Quo(v, big.NewFloat(tableN))
	for i := range parts {
		f := new(big.Float).SetPrec(53).SetMode(big.ToNearestEven)
		if i == 0 {
			f.SetPrec(32)
		}
		f.Set(v)
		parts[i], _ = f.Float64()
		v.Sub(v, f)
	}
	return parts
}

// newTable computes the table in 300-bit arithmetic: 2^(1/N) by square
// roots of 2, its powers by products.
func newTable() (t [tableN]doubleDouble) {
	const prec = 300
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range tableBits {
		root.Sqrt(root)
	}
	v := new(big.Float).SetPrec(prec).SetInt64(1)
	rest := new(big.Float).SetPrec(prec)
	for j := range t {
		hi, _ := v.Float64()
		lo, _ := rest.Sub(v, big.NewFloat(hi)).Float64()
		t[j] = doubleDouble{hi, lo}
		v.Mul(v, root)
	}
	return t
}

// reduce returns r = x − kd·ln 2/N as rh + rl.
func reduce(x, kd float64) (rh, rl float64) {
	// kd·ln2N[0] is exact; x − kd·ln2N[0] is exact too, or its error is
	// kept by twoSum.
	rh, rl = twoSum(x, -kd*ln2N[0])
	ph, pl := twoProd(kd, ln2N[1])
	rh, e := twoSum(rh, -ph)
	rl += e - pl - kd*ln2N[2]
	return fastTwoSum(rh, rl)
}

// twoSum returns s = fl(a + b) and the rounding error e: a + b = s + e exactly.
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| ≥ |b| (or a = 0).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = fl(a·b) and the rounding error e: a·b = p + e exactly.
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	e = math.FMA(a, b, -p)
	return p, e
}

// expBig returns eˣ rounded to float64 from a 320-bit value:
// e^(x/2¹²) by its Taylor series, squared 12 times. 320 bits leave more
// than 300 after the squarings, twice what the hardest float64 argument
// needs to round correctly.
func expBig(x float64) float64 {
	f, _ := expBigFloat(x).Float64()
	return f
}

// expBigFloat returns eˣ to 300 bits.
func expBigFloat(x float64) *big.Float {
	const (
		prec    = 320
		halving = 12
	)
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.SetMantExp(y, -halving)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := int64(1); n < 60; n++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(n))
		sum.Add(sum, term)
	}
	for range halving {
		sum.Mul(sum, sum)
	}
	return sum
}
