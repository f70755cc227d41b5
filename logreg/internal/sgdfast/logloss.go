package sgdfast

import "math"

// The log loss of a margin m = y·z (y = ±1, z the logit) is
//
//	log(1 + e^(−m)) = −log σ(m),
//
// so a sum of them is −log of a product of probabilities σ(m), which
// negLogProduct multiplies with one logarithm per sum. Sklearn's loss sum
// takes the margins of its steps, each before its update; the objective
// takes those of the epoch's weights on every training row.

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
		for k, mk := range block {
			if mk < -marginCut {
				s.side += -mk + math.Log1p(math.Exp(mk))
				qs[k] = 1
				continue
			}
			r, e := expReduce(expArg(mk)) // expFast, inlined by hand
			qs[k] = 1 / (1 + expTable(r, e))
		}
		s.mul(qs)
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

// objectivePart is the loss product of the weights w and bias b on the
// rows [lo, hi) of d, whose indices are known to lie in [0, Width).
func objectivePart(w []float64, b float64, d *Data, lo, hi int) negLogProduct {
	w = w[:d.Width]
	s := newNegLogProduct()
	var m [lossBlock]float64
	for start := lo; start < hi; start += lossBlock {
		end := min(start+lossBlock, hi)
		ms := m[:end-start]
		for k := range ms {
			i := start + k
			idx, val := d.Index[d.RowPtr[i]:d.RowPtr[i+1]], d.Value[d.RowPtr[i]:d.RowPtr[i+1]]
			val = val[:len(idx)]
			z0, z1 := 0.0, 0.0
			j := 0
			for ; j+1 < len(idx); j += 2 {
				z0 += w[idx[j]] * val[j]
				z1 += w[idx[j+1]] * val[j+1]
			}
			if j < len(idx) {
				z0 += w[idx[j]] * val[j]
			}
			ms[k] = ((z0 + z1) + b) * (2*d.Y[i] - 1)
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
