package logreg

import "github.com/sgdlab/sgdlab/data"

// Without momentum (m = 0), a step of MomentumSGD moves every weight:
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
// seed's lr·λ = 10⁻⁷ never), and at the start of each pass. The bias is a
// plain scalar, as in the step as written.

// minShrink is the smallest c = 1 − lr·λ the scaled engine takes: below it
// the scale would be folded back too often to save anything (and c ≤ 0
// would make it 0).
const minShrink = 0.5

// minScale is where the scaled engine folds the scale back into the weights.
const minScale = 0x1p-400

// shrink returns c = 1 − lr·λ, the factor a step multiplies the weights by.
func (p *momentumParams) shrink() float64 { return 1 - float64(p.lr*p.lambda) }

// momentumScaled is MomentumSGD's engine for m = 0.
type momentumScaled struct {
	train *data.Dataset
	momentumParams
	u            []float64 // w = scale·u
	scale, sumU2 float64   // sumU2 = ‖u‖²
	ones         bool      // every value of train is 1: stepsOnes
	b, vb        float64
	// kernel, if not nil, runs stepsOnes in assembly (onehot_kernel.go).
	kernel *onehotKernel
	// err is why the last pass stopped early: a row neither the kernel
	// nor the Go loop can take.
	err error
}

// fixedOrder: every pass visits the rows in the same order (no shuffling).
func newMomentumScaled(train *data.Dataset, p momentumParams, w0 []float64, fixedOrder bool) *momentumScaled {
	s := &momentumScaled{train: train, momentumParams: p, u: w0, scale: 1, sumU2: sqNorm(w0)}
	// The kernel checks the values itself as it goes; without it,
	// stepsOnes needs them checked first.
	if s.kernel = newOnehotKernel(train, w0, p.lr); s.kernel == nil {
		s.ones = allOnes(train.Value)
	} else {
		s.kernel.fixedOrder = fixedOrder
	}
	return s
}

// weights folds the scale back and returns u, now w.
func (s *momentumScaled) weights() ([]float64, float64) {
	s.fold()
	return s.u, s.b
}

// fold sets u ← scale·u and scale ← 1, and recomputes ‖u‖².
func (s *momentumScaled) fold() {
	for j := range s.u {
		s.u[j] *= s.scale
	}
	s.scale, s.sumU2 = 1, sqNorm(s.u)
}

func (s *momentumScaled) pass(order []int, train bool, sn *snapshot) float64 {
	s.fold()
	if !train {
		deferPrePass(sn, order, s.train.Y, s.lambda/2)
		return 0
	}
	z, reg := recordLoss(sn, order, s.train.Y)
	whole := s.kernel != nil // the kernel ran every sample of the pass
	for pos := 0; pos < len(order); {
		if s.kernel != nil {
			next, ok := s.kernel.momentumSteps(s, order, pos, z, reg)
			if !ok {
				// A row the kernel does not take: the Go loop runs the
				// rest of this run, unless the rows are not even Go's.
				s.kernel, whole = nil, false
				if s.err = checkRows(s.train, true); s.err != nil {
					return 0
				}
			}
			if pos = next; ok && pos < len(order) && s.scale >= minScale {
				// A logit the kernel leaves to the Go step.
				pos, whole = s.stepsOnes(order[:pos+1], pos, z, reg), false
			}
		} else if s.ones {
			pos = s.stepsOnes(order, pos, z, reg)
		} else {
			pos = s.steps(order, pos, z, reg)
		}
		s.fold()
	}
	if whole {
		s.kernel.passDone()
	}
	return 0
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

// steps trains on order[pos:] until the end or until the scale needs
// folding, and returns where it stopped. Each step records in z and reg
// the logit and the penalty its loss needs, after the update.
//
// With t = lr·(p − y)/scale the step is uⱼ ← uⱼ − t·xⱼ, so the logit after
// it and the change of ‖u‖² follow from the sums the logit before it
// needed, without a second pass over the row:
//
//	Σ uⱼ'·xⱼ = Σ uⱼ·xⱼ − t·‖x‖²,   ‖u'‖² = ‖u‖² − 2t·Σ uⱼ·xⱼ + t²·‖x‖².
//
// As in TorchLoop's fast step (torch_fast.go), σ takes expFast and the sum
// Σ uⱼ·xⱼ two partial sums.
func (s *momentumScaled) steps(order []int, pos int, z, reg []float64) int {
	d := s.train
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	u, scale, sumU2, b, vb := s.u, s.scale, s.sumU2, s.b, s.vb
	lr, c, halfLambda := s.lr, s.shrink(), s.lambda/2
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
		r, e := expReduce(expArg(b + scale*ux)) // expFast, inlined by hand
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

// stepsOnes is steps for a data set whose every value is 1 (one-hot
// features, as a9a's): the products by xⱼ = 1 are exact and ‖x‖² is the
// number of nonzeros, so it computes what steps computes without reading
// the values.
func (s *momentumScaled) stepsOnes(order []int, pos int, z, reg []float64) int {
	d := s.train
	rowPtr, index, label := d.RowPtr, d.Index, d.Y
	u, scale, sumU2, b, vb := s.u, s.scale, s.sumU2, s.b, s.vb
	lr, c, halfLambda := s.lr, s.shrink(), s.lambda/2
	z, reg = z[:len(order)], reg[:len(order)]
	for ; pos < len(order) && scale >= minScale; pos++ {
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, y := index[lo:hi], label[i]
		a0, a1, xx := 0.0, 0.0, float64(len(idx))
		k := 0
		for ; k+1 < len(idx); k += 2 {
			a0 += u[idx[k]]
			a1 += u[idx[k+1]]
		}
		if k < len(idx) {
			a0 += u[idx[k]]
		}
		ux := a0 + a1
		r, e := expReduce(expArg(b + scale*ux)) // expFast, inlined by hand
		res := 1/(1+expTable(r, e)) - y
		b, vb = s.biasStep(b, vb, res)
		scale *= c
		t := res * float64(lr/scale)
		for _, j := range idx {
			u[j] -= t
		}
		sumU2 += float64(t*float64(t*xx)) - float64(2*t*ux)
		z[pos] = b + float64(scale*(ux-float64(t*xx)))
		reg[pos] = float64(halfLambda*float64(scale*scale)) * sumU2
	}
	s.scale, s.sumU2, s.b, s.vb = scale, sumU2, b, vb
	return pos
}
