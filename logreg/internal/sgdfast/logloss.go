package sgdfast

import "math"

// The log loss of a margin m = y·z (y = ±1, z the logit) is
//
//	log(1 + e^(−m)) = −log σ(m),
//
// so a sum of them is −log of a product of probabilities σ(m), which
// negLogProduct multiplies with one logarithm per sum. Sklearn's loss sum
// takes the margins of its steps, each before its update; the objective
// takes those of the epoch's weights on every training row, from the
// logits the train error's count finds anyway.

// marginCut is where a loss leaves the product: for m < −marginCut, σ(m)
// is below 1.6·10⁻⁸, and its loss −m + log1p(eᵐ) is added on the side, as
// it is for the few rows a model gets badly wrong. Above it, σ(m) is within
// the product's range (prodMin).
const marginCut = 18

// mulMargins multiplies σ(m) into s for each margin m, the loss of a
// margin below −marginCut going to s's side; a NaN margin makes the sum NaN.
func (s *negLogProduct) mulMargins(m []float64) {
	var q [lossBlock]float64
	for len(m) > 0 {
		block := m[:min(len(m), lossBlock)]
		m = m[len(block):]
		qs := q[:len(block)]
		sigmoids(qs, block)
		for k, mk := range block {
			if mk < -marginCut {
				s.side += -mk + math.Log1p(math.Exp(mk))
				qs[k] = 1
			}
		}
		s.mul(qs)
	}
}

// sigmoids sets q[k] to σ(m[k]) = 1/(1 + e^(−m[k])) by expFast, for each
// margin in m: four at a time in AVX2 where there is that (sigmoidsAVX2,
// the same bits where Go does not fuse multiply-adds, as on GOAMD64=v1),
// else sigmoidsGo. The evaluator takes one for every row
// of train twice an epoch, for the loss sum and the objective.
func sigmoids(q, m []float64) {
	if haveClippedQAVX2 {
		sigmoidsAVX2(q, m)
		return
	}
	sigmoidsGo(q, m)
}

// sigmoidsGo is sigmoids in Go.
func sigmoidsGo(q, m []float64) {
	q = q[:len(m)]
	for k, mk := range m {
		r, e := expReduce(expArg(mk)) // expFast, inlined by hand
		q[k] = 1 / (1 + expTable(r, e))
	}
}

// logLossPart is the loss product of Sklearn's steps at the positions of
// z, each step's logit before its update, for the labels y (in {0,1}) of
// the rows order lists.
func logLossPart(z, y []float64, order []int) negLogProduct {
	z = z[:len(order)]
	s := newNegLogProduct()
	var m [lossBlock]float64
	for start := 0; start < len(order); start += lossBlock {
		end := min(start+lossBlock, len(order))
		ms := m[:end-start]
		for k, i := range order[start:end] {
			ms[k] = z[start+k] * (2*y[i] - 1)
		}
		s.mulMargins(ms)
	}
	return s
}

// objectivePart is the loss product of a model on rows of train, from
// their logits z (which the counts stored) and labels y in {0,1}.
func objectivePart(z, y []float64) negLogProduct {
	y = y[:len(z)]
	s := newNegLogProduct()
	var m [lossBlock]float64
	for start := 0; start < len(z); start += lossBlock {
		end := min(start+lossBlock, len(z))
		ms := m[:end-start]
		for k := range ms {
			ms[k] = z[start+k] * (2*y[start+k] - 1)
		}
		s.mulMargins(ms)
	}
	return s
}

// halfSqNorm returns (1/2)·Σ w², the penalty's norm.
func halfSqNorm(w []float64) float64 {
	s := 0.0
	for _, v := range w {
		s += v * v
	}
	return s / 2
}
