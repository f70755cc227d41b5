package sgdfast

import "math"

// The evaluator's loss sums are sums of −log q, one probability q per
// sample. A logarithm takes some 40 operations and a product one, so they
// are summed as −log Π q: one logarithm per sum, not one per sample. The
// q's are multiplied into four partial products, four independent chains
// the processor runs side by side, in blocks of prodRenorm factors each,
// after which each product gives its binary exponent up to an integer sum
// and is back in [1, 2). A block is multiplied without a test per q, and
// kept when the products show that every q was in range (mulFours); else
// it is done again one q at a time, and a q outside [prodMin, 1] (tiny, 0,
// NaN, or anything a probability is not) takes the per-sample loss,
// −max(log q, −100), instead (mulAside). The loops' q's rarely need that.
// The roundings of the products add up to less than those of a sum of
// per-sample logarithms.

// Clip bounds of the NumPy program's loss: np.clip(p, 1e-9, 1 − 1e-9).
const (
	clipLo = 1e-9
	clipHi = 1 - 1e-9
)

const (
	// prodRenorm is how many factors a partial product takes between two
	// renormalisations: with every factor at least prodMin = 2⁻⁶⁰ it stays
	// above 2⁻⁹⁶¹, a normal number.
	prodRenorm = 16
	prodMin    = 0x1p-60
)

// negLogProduct sums −max(log q, −100) over the q's mul is given.
type negLogProduct struct {
	acc  [4]float64 // the partial products, in [1, 2) between calls of mul
	exp  int        // the binary exponents taken out of them
	side float64    // the losses of the q's not multiplied in
}

func newNegLogProduct() negLogProduct {
	return negLogProduct{acc: [4]float64{1, 1, 1, 1}}
}

// mul multiplies the q's in.
func (s *negLogProduct) mul(q []float64) {
	a0, a1, a2, a3 := s.acc[0], s.acc[1], s.acc[2], s.acc[3]
	exp, side := s.exp, s.side
	for len(q) > 0 {
		block := q[:min(len(q), 4*prodRenorm)]
		q = q[len(block):]
		fours := block[:len(block)&^3]
		b0, b1, b2, b3, ok := mulFours(a0, a1, a2, a3, fours)
		if !ok {
			b0, b1, b2, b3, side = mulAside(a0, a1, a2, a3, fours, side)
		}
		if len(fours) < len(block) { // the last q's of all, fewer than four
			b0, b1, b2, b3, side = mulAside(b0, b1, b2, b3, block[len(fours):], side)
		}
		a0, exp = renorm(b0, exp)
		a1, exp = renorm(b1, exp)
		a2, exp = renorm(b2, exp)
		a3, exp = renorm(b3, exp)
	}
	s.acc, s.exp, s.side = [4]float64{a0, a1, a2, a3}, exp, side
}

// mulFours multiplies q[k] into the partial product k mod 4, for q's
// length a multiple of 4 and at most 4·prodRenorm, and reports whether the
// products are good; if not, they are to be discarded. It tests without a
// branch per q, and calls nothing, so that the products stay in registers.
//
// The products are good when every q was nonnegative and below 2 (the
// bits OR'ed together have neither the sign bit nor bit 62, which every
// exponent of 2 and above has, NaN's and ∞'s included), and each product
// ends at prodLeast or above: starting from [1, 2) and with at most 16
// factors below 2, a product at least 2⁻¹⁰⁰ has every factor, and every
// intermediate product, above 2⁻¹¹⁶, far from e⁻¹⁰⁰ ≈ 2⁻¹⁴⁴ (where the
// per-sample loss is clamped) and from the subnormals.
func mulFours(a0, a1, a2, a3 float64, q []float64) (b0, b1, b2, b3 float64, ok bool) {
	const prodLeast = 0x1p-100
	var or uint64
	for ; len(q) >= 4; q = q[4:] {
		v0, v1, v2, v3 := q[0], q[1], q[2], q[3]
		or |= (math.Float64bits(v0) | math.Float64bits(v1)) | (math.Float64bits(v2) | math.Float64bits(v3))
		a0 *= v0
		a1 *= v1
		a2 *= v2
		a3 *= v3
	}
	ok = or < 1<<62 && a0 >= prodLeast && a1 >= prodLeast && a2 >= prodLeast && a3 >= prodLeast
	return a0, a1, a2, a3, ok
}

// mulAside is mulFours one q at a time, for any length: a q outside
// [prodMin, 1] is not multiplied in, and its loss is added to side.
func mulAside(a0, a1, a2, a3 float64, q []float64, side float64) (b0, b1, b2, b3, sideOut float64) {
	a := [4]float64{a0, a1, a2, a3}
	for k, v := range q {
		if v >= prodMin && v <= 1 {
			a[k&3] *= v
		} else {
			side += -max(math.Log(v), -100)
		}
	}
	return a[0], a[1], a[2], a[3], side
}

// renorm returns a positive normal a as m in [1, 2) with a = m·2ᵉ, and exp + e.
func renorm(a float64, exp int) (float64, int) {
	bits := math.Float64bits(a)
	return math.Float64frombits(bits&(1<<52-1) | 0x3FF<<52), exp + int(bits>>52) - 0x3FF
}

// sum returns the sum: −log of the product, plus the losses set aside. For
// one q in [prodMin, 1] it is what the per-sample loss is, bit for bit: the
// product is q, and the logarithm's pieces see the same significand and
// exponent.
func (s *negLogProduct) sum() float64 {
	m := (s.acc[0] * s.acc[1]) * (s.acc[2] * s.acc[3])
	f, k := logReduce(m)
	sr, r := logSeries(f)
	return s.side - logCombine(f, k+float64(s.exp), sr, r)
}

// times multiplies o's factors into s and adds o's losses set aside, so
// that the parts of a sum can be multiplied apart and put together.
func (s *negLogProduct) times(o negLogProduct) {
	for k := range s.acc {
		s.acc[k], s.exp = renorm(s.acc[k]*o.acc[k], s.exp) // in [1, 4): normal
	}
	s.exp += o.exp
	s.side += o.side
}

// bcePart is the loss product of Torch's steps whose predicted
// probabilities are given, for the labels y of the rows order lists, and
// how many of those steps predicted their label (p ≥ 1/2 exactly when y =
// 1): the loop's running accuracy. Each step recorded its p as D = 1/p,
// above 1, or as p itself, at most 1 (or NaN): the division for p is done
// here, on the evaluator's core, not in the loop. A step's loss is
// −max(log q, −100) for q the probability it gave its label, p for y = 1
// and 1 − p for y = 0: |p + (y − 1)|, the same bits for y in {0, 1} in
// fewer operations.
func bcePart(p, y []float64, order []int) (s negLogProduct, right int) {
	p = p[:len(order)]
	s = newNegLogProduct()
	var q [lossBlock]float64
	for start := 0; start < len(order); start += lossBlock {
		end := min(start+lossBlock, len(order))
		qs := q[:end-start]
		for k, i := range order[start:end] {
			pk, yi := p[start+k], y[i]
			if pk > 1 {
				pk = 1 / pk
			}
			right += b2i((pk >= 0.5) == (yi == 1))
			qs[k] = math.Abs(pk + (yi - 1))
		}
		s.mul(qs)
	}
	return s, right
}

// lossBlock is how many q's bcePart and lossSum compute before they
// multiply them in: a multiple of mul's blocks, so that the product is
// the one mul makes of all the q's at once.
const lossBlock = 256

// lossSum returns Σ (ClippedBCE(σ(z[pos]), y[order[pos]]) + reg[pos]): the
// loss sum of a pass whose steps recorded their logits and penalties. The
// labels are in {0,1}, so ClippedBCE is −log of one clipped probability q,
// at least clipLo, which mul multiplies in unless it is NaN.
func lossSum(z, reg, y []float64, order []int) float64 {
	s, regSum := lossPart(z, reg, y, order)
	return s.sum() + regSum
}

// lossPart is lossSum's product of clipped probabilities, and its sum of
// reg, for the samples order lists (and z and reg hold).
func lossPart(z, reg, y []float64, order []int) (negLogProduct, float64) {
	z, reg = z[:len(order)], reg[:len(order)]
	s := newNegLogProduct()
	var q [lossBlock]float64
	regSum := 0.0
	for start := 0; start < len(order); start += lossBlock {
		end := min(start+lossBlock, len(order))
		qs := q[:end-start]
		regSum += clippedQ(qs, z[start:end], reg[start:end], y, order[start:end])
		s.mul(qs)
	}
	return s, regSum
}

// clippedQ sets q[pos] to the clipped probability of label y[order[pos]]
// given logit z[pos], and returns the sum of reg, added left to right. It
// runs four samples at a time in AVX2 where there is that (clippedQAVX2,
// the same bits), else clippedQGo.
func clippedQ(q, z, reg, y []float64, order []int) float64 {
	if haveClippedQAVX2 {
		return clippedQAVX2(q, z, reg, y, order)
	}
	return clippedQGo(q, z, reg, y, order)
}

// clippedQGo is clippedQ in Go. It calls nothing, so that what it holds
// stays in registers.
func clippedQGo(q, z, reg, y []float64, order []int) float64 {
	q, z, reg = q[:len(order)], z[:len(order)], reg[:len(order)]
	regSum := 0.0
	for pos, i := range order {
		r, e := expReduce(expArg(z[pos])) // expFast, inlined by hand
		p, yi := 1/(1+expTable(r, e)), y[i]
		qk := float64(p*yi) + float64((1-p)*(1-yi))
		if qk < clipLo {
			qk = clipLo
		}
		if qk > clipHi {
			qk = clipHi
		}
		q[pos] = qk
		regSum += reg[pos]
	}
	return regSum
}
