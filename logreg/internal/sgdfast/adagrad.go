package sgdfast

import "math"

// AdaGrad in its composite form, as logreg's readable step writes it: per
// sample, torch.optim.Adagrad's step on the log loss's gradient, which is
// zero but at the sample's features and the bias,
//
//	Gⱼ ← Gⱼ + gⱼ²,   wⱼ ← wⱼ − lr·gⱼ/Hⱼ,   Hⱼ = √Gⱼ + 10⁻¹⁰,
//
// then the penalty's proximal step on every weight, wⱼ ← wⱼ·Hⱼ/(Hⱼ + lr·α).
// Written so, a step moves every weight, O(width). But a weight whose
// feature is absent keeps its Hⱼ, so it shrinks by the same factor at every
// step until its feature appears again: the engine applies those factors
// then, all at once, as a power (catch-up), and a step is O(nonzeros).
// A present feature takes the two steps as the readable step rounds them,
// wⱼ ← (wⱼ − lr·gⱼ/Hⱼ)·Hⱼ/(Hⱼ + lr·α), and keeps the second factor for the
// steps that leave it alone.

// adaGradEps is torch.optim.Adagrad's eps.
const adaGradEps = 1e-10

// adaGrad is the Sklearn trainer of AdaGrad.
type adaGrad struct {
	d       *Data
	w       []float64 // Run.W, trained in place
	b       float64
	sum     []float64 // Gⱼ
	sumB    float64   // the bias's
	keep    []float64 // Hⱼ/(Hⱼ + lr·α), the factor of a step that leaves wⱼ alone
	last    []int     // the step through which wⱼ has had its factors
	t       int       // steps taken
	lr, lra float64   // lr and lr·α
}

// newAdaGrad returns the AdaGrad trainer of r, having checked its rows:
// their indices must increase, so that none repeats.
func newAdaGrad(r *Run) (trainer, error) {
	if err := CheckRows(&r.Train, "train", true); err != nil {
		return nil, err
	}
	n := len(r.W)
	s := &adaGrad{d: &r.Train, w: r.W, b: r.B, sum: make([]float64, n), keep: make([]float64, n),
		last: make([]int, n), lr: r.SGD.Eta0, lra: r.SGD.Eta0 * r.SGD.Alpha}
	for j := range s.keep {
		s.keep[j] = adaGradEps / (adaGradEps + s.lra)
	}
	return s, nil
}

func (s *adaGrad) facts() rowFacts { return rowFacts{checked: true} }

func (s *adaGrad) release() {}

// weights brings every weight up to date and returns them.
func (s *adaGrad) weights() ([]float64, float64) {
	for j := range s.w {
		s.catchUp(j)
	}
	return s.w, s.b
}

// catchUp applies to wⱼ the factors of the steps since its last.
func (s *adaGrad) catchUp(j int) {
	s.w[j] *= powInt(s.keep[j], s.t-s.last[j])
	s.last[j] = s.t
}

// powInt returns cᵍ for g ≥ 0, by squaring.
func powInt(c float64, g int) float64 {
	p := 1.0
	for ; g > 0; g >>= 1 {
		if g&1 != 0 {
			p *= c
		}
		c *= c
	}
	return p
}

// pass trains on the rows in order, recording each step's logit in sn.
func (s *adaGrad) pass(order []int, _ bool, sn *snapshot) error {
	zs := recordLogits(sn, order, s.d.Y)
	rowPtr, index, value, label := s.d.RowPtr, s.d.Index, s.d.Value, s.d.Y
	w, sum, keep, last := s.w, s.sum, s.keep, s.last
	lr, lra, t, b, sumB := s.lr, s.lra, s.t, s.b, s.sumB
	defer func() { s.t, s.b, s.sumB = t, b, sumB }()
	for pos, i := range order {
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val := index[lo:hi], value[lo:hi]
		val = val[:len(idx)]
		z := 0.0
		for k, j := range idx {
			// Catch up: powInt, by hand for the gaps below 16 (most of
			// them): each of c, c², c⁴, c⁸ multiplied in or replaced by 1
			// as g's bits say, with no branch on g, which would be
			// mispredicted about half the time, and no call, which would
			// keep nothing in registers.
			g := t - last[j]
			if g >= 16 {
				w[j] *= powInt(keep[j], g)
			} else {
				const one = 0x3FF0000000000000 // the bits of 1
				u := uint64(g)
				c := keep[j]
				c2 := c * c
				c4 := c2 * c2
				f0 := math.Float64frombits(one ^ (one^math.Float64bits(c))&-(u&1))
				f1 := math.Float64frombits(one ^ (one^math.Float64bits(c2))&-(u>>1&1))
				f2 := math.Float64frombits(one ^ (one^math.Float64bits(c4))&-(u>>2&1))
				f3 := math.Float64frombits(one ^ (one^math.Float64bits(c4*c4))&-(u>>3&1))
				w[j] *= (f0 * f1) * (f2 * f3)
			}
			z += w[j] * val[k]
		}
		z += b
		zs[pos] = z
		if !finite(z) {
			return &Diverged{Sample: i, What: "weights"}
		}
		r, e := expReduce(expArg(z)) // expFast, inlined by hand
		res := 1/(1+expTable(r, e)) - label[i]
		t++
		for k, j := range idx {
			g := res * val[k]
			sum[j] += g * g
			h := math.Sqrt(sum[j]) + adaGradEps
			keep[j], last[j] = h/(h+lra), t
			w[j] = (w[j] - lr*g/h) * keep[j]
		}
		sumB += res * res
		b -= lr * res / (math.Sqrt(sumB) + adaGradEps)
	}
	return nil
}
