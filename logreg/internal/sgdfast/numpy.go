package sgdfast

// The NumPy step, with
//
//	p = σ(b + w·x),  g = (p − y)·x + λ·w,  v ← m·v − (1 − m)·g,  w ← w + lr·v
//
// (the bias likewise, with λ·b if PenalBias), moves every weight, O(width),
// because the penalty and the velocity move weights whose feature is 0 in
// the sample. The two trainers here step in O(nonzeros) and follow those
// formulas to rounding: without momentum, weights kept as a shared scale
// times a vector (numpy.go); with momentum, each weight and its velocity
// caught up in closed form when their feature appears (catchup.go).
//
// Without momentum (m = 0) a step is
//
//	wⱼ ← wⱼ − lr·((p − y)·xⱼ + λ·wⱼ) = c·wⱼ − lr·(p − y)·xⱼ,   c = 1 − lr·λ,
//
// and for the weights whose feature is 0 in the sample that is wⱼ ← c·wⱼ: all
// of them shrink by the same factor. Keeping w = scale·u (scikit-learn's
// wscale) turns that shrinking into one multiplication, scale ← c·scale, and
// the step into O(nonzeros):
//
//	uⱼ ← uⱼ − (lr·(p − y)/scale)·xⱼ      for the sample's features only,
//
// with scale the new one. The loss needs ‖w‖² = scale²·‖u‖² after every step;
// ‖u‖² is kept up to date from sums the step computes anyway (see steps) and
// recomputed whenever the scale is folded back into u: before it falls below
// 2⁻⁴⁰⁰ (with c ≥ 1/2 that happens at most every 400 steps, and with the
// seed's lr·λ = 10⁻⁷ never), and at the start of each pass.

// minShrink is the smallest c = 1 − lr·λ the scaled trainer takes: below it
// the scale would be folded back too often to save anything (and c ≤ 0
// would make it 0).
const minShrink = 0.5

// minScale is where the scaled trainer folds the scale back into the weights.
const minScale = 0x1p-400

// shrink returns c = 1 − lr·λ, the factor a step multiplies the weights by.
func shrink(lr, lambda float64) float64 { return 1 - float64(lr*lambda) }

// numpyParams are the constants of a NumPy step.
type numpyParams struct {
	lr, m, keep float64 // learning rate, momentum m and 1 − m as Python computes it
	lambda      float64
	penalBias   bool
}

// newNumPy returns the NumPy trainer of r, having checked r's rows unless
// its kernel checks them as it goes.
func newNumPy(r *Run) (trainer, error) {
	p := numpyParams{lr: r.LR, m: r.Momentum, keep: 1 - r.Momentum, lambda: r.Lambda, penalBias: r.PenalBias}
	if p.m > 0 {
		return newCatchUp(&r.Train, p, r.W, r.B), CheckRows(&r.Train, "train", true)
	}
	s := &scaled{d: &r.Train, numpyParams: p, u: r.W, b: r.B, scale: 1, kernel: kernelOf(r)}
	s.fold() // for ‖u‖²
	if s.kernel != nil {
		return s, nil
	}
	s.checked = true
	return s, CheckRows(&r.Train, "train", true)
}

// biasStep updates the bias and its velocity for the residual p − y.
func (p *numpyParams) biasStep(b, vb, res float64) (float64, float64) {
	gb := res
	if p.penalBias {
		gb += float64(p.lambda * b)
	}
	vb = float64(p.m*vb) - float64(p.keep*gb)
	return b + float64(p.lr*vb), vb
}

// scaled is the NumPy trainer for m = 0.
type scaled struct {
	d *Data
	numpyParams
	u            []float64 // w = scale·u
	scale, sumU2 float64   // sumU2 = ‖u‖²
	b, vb        float64
	// kernel, if not nil, runs the steps in assembly.
	kernel  *onehotKernel
	checked bool // every row of d has been checked
}

// weights folds the scale back and returns u, now w.
func (s *scaled) weights() ([]float64, float64) {
	s.fold()
	return s.u, s.b
}

func (s *scaled) facts() rowFacts {
	if s.kernel != nil && s.kernel.check == 0 {
		return rowFacts{checked: true, onesKnown: true, ones: true}
	}
	return rowFacts{checked: s.checked}
}

func (s *scaled) release() { s.kernel.release() }

// fold sets u ← scale·u and scale ← 1, and recomputes ‖u‖², summed from
// left to right.
func (s *scaled) fold() {
	sum := 0.0
	for j := range s.u {
		s.u[j] *= s.scale
		sum += float64(s.u[j] * s.u[j])
	}
	s.scale, s.sumU2 = 1, sum
}

func (s *scaled) pass(order []int, train bool, sn *snapshot) error {
	s.fold()
	if !train {
		deferPrePass(sn, order, s.d.Y, float64(s.lambda/2*s.sumU2))
		return nil
	}
	z, reg := recordLoss(sn, order, s.d.Y)
	whole := s.kernel != nil // the kernel ran every sample of the pass
	for pos := 0; pos < len(order); {
		if s.kernel != nil {
			next, ok := s.kernel.numpySteps(s, order, pos, z, reg)
			if !ok {
				// A row the kernel does not take: the Go loop runs the
				// rest of this run, unless the rows are not even Go's.
				s.kernel, whole = nil, false
				if err := CheckRows(s.d, "train", true); err != nil {
					return err
				}
			}
			if pos = next; ok && pos < len(order) && s.scale >= minScale {
				// A logit the kernel leaves to the Go step.
				end := pos + 1
				if pos = s.steps(order[:end], pos, z, reg); pos < end {
					return &Diverged{Sample: order[pos], What: "weights"}
				}
				whole = false
			}
		} else if pos = s.steps(order, pos, z, reg); pos < len(order) && s.scale >= minScale {
			return &Diverged{Sample: order[pos], What: "weights"}
		}
		s.fold()
	}
	s.checked = true
	if whole {
		s.kernel.passDone()
	}
	return nil
}

// recordLoss prepares sn to receive each step's logit and penalty, for the
// evaluator's lossSum, and returns the two buffers.
func recordLoss(sn *snapshot, order []int, y []float64) (z, reg []float64) {
	sn.lossOf = lossClipped
	sn.z, sn.reg = sampleBuf(sn.z, len(order)), sampleBuf(sn.reg, len(order))
	sn.setVisit(order)
	sn.y = y
	return sn.z, sn.reg
}

// steps trains on order[pos:] until the end, a scale that needs folding or
// a logit that is not finite, and returns where it stopped. Each step
// records in z and reg the logit and the penalty its loss needs, after the
// update.
//
// With t = lr·(p − y)/scale the step is uⱼ ← uⱼ − t·xⱼ, so the logit after
// it and the change of ‖u‖² follow from the sums the logit before it
// needed, without a second pass over the row:
//
//	Σ uⱼ'·xⱼ = Σ uⱼ·xⱼ − t·‖x‖²,   ‖u'‖² = ‖u‖² − 2t·Σ uⱼ·xⱼ + t²·‖x‖².
//
// As in Torch's step, σ takes expFast and the sum Σ uⱼ·xⱼ two partial
// sums.
func (s *scaled) steps(order []int, pos int, z, reg []float64) int {
	d := s.d
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	u, scale, sumU2, b, vb := s.u, s.scale, s.sumU2, s.b, s.vb
	lr, c, halfLambda := s.lr, shrink(s.lr, s.lambda), s.lambda/2
	z, reg = z[:len(order)], reg[:len(order)]
	for ; pos < len(order) && scale >= minScale; pos++ {
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		val = val[:len(idx)]
		a0, a1, xx := 0.0, 0.0, 0.0
		k := 0
		for ; k+1 < len(idx); k += 2 {
			v0, v1 := val[k], val[k+1]
			a0 += u[idx[k]] * v0
			a1 += u[idx[k+1]] * v1
			xx += v0*v0 + v1*v1
		}
		if k < len(idx) {
			v := val[k]
			a0 += u[idx[k]] * v
			xx += v * v
		}
		ux := a0 + a1
		zi := b + scale*ux
		if !finite(zi) {
			break
		}
		r, e := expReduce(expArg(zi)) // expFast, inlined by hand
		res := 1/(1+expTable(r, e)) - y
		b, vb = s.biasStep(b, vb, res)
		scale *= c
		t := res * float64(lr/scale)
		for k, j := range idx {
			u[j] -= t * val[k]
		}
		sumU2 += float64(t*float64(t*xx)) - float64(2*t*ux)
		z[pos] = b + float64(scale*(ux-float64(t*xx)))
		reg[pos] = float64(halfLambda*float64(scale*scale)) * sumU2
	}
	s.scale, s.sumU2, s.b, s.vb = scale, sumU2, b, vb
	return pos
}
