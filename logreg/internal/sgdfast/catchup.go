package sgdfast

// With momentum, a NumPy step moves a weight whose feature is 0 in
// the sample, and its velocity, by a fixed linear map:
//
//	v ← m·v − (1 − m)·λ·w
//	w ← w + lr·v
//
// that is (w, v) ← A·(w, v) with the 2×2 matrix
//
//	A = [ 1 − lr·(1 − m)·λ   lr·m ]
//	    [   −(1 − m)·λ         m  ].
//
// So a coordinate left alone for g steps is A^g times what it was, and the
// engine updates a coordinate only when its feature appears: it remembers
// the step at which each pair (wⱼ, vⱼ) was last current, catches it up with
// A^g (from a table of A^k for k < 256 and one of A^(256·q) for q < 256;
// longer gaps multiply on), then applies the sample's step. The loss needs
// ‖w‖² after every step, over all coordinates; the engine keeps
//
//	M = Σⱼ (wⱼ, vⱼ)(wⱼ, vⱼ)ᵀ        (three numbers: Σw², Σwv, Σv²)
//
// current instead: the coordinates a step leaves alone take M to A·M·Aᵀ, and
// the ones it touches add terms that follow from two sums over the sample
// (see steps). At the start of each pass every coordinate is caught up and M
// recomputed from scratch.

// Sizes of the tables of powers of A.
const (
	powSmall = 256 // A^k for k < powSmall
	powLarge = 256 // A^(powSmall·q) for q < powLarge
)

// mat2 is a 2×2 matrix, row by row.
type mat2 [4]float64

func (a mat2) mul(b mat2) mat2 {
	return mat2{
		float64(a[0]*b[0]) + float64(a[1]*b[2]), float64(a[0]*b[1]) + float64(a[1]*b[3]),
		float64(a[2]*b[0]) + float64(a[3]*b[2]), float64(a[2]*b[1]) + float64(a[3]*b[3]),
	}
}

// catchUp is the NumPy trainer for m > 0.
type catchUp struct {
	d *Data
	numpyParams
	w, v  []float64
	last  []int // the step at which (w[j], v[j]) is current
	t     int   // steps taken
	b, vb float64
	// m11, m12, m22 are Σw², Σwv, Σv² over all coordinates, at step t.
	m11, m12, m22 float64
	a             mat2
	small         [powSmall]mat2
	large         [powLarge]mat2
}

func newCatchUp(d *Data, p numpyParams, w0 []float64, b float64) *catchUp {
	s := &catchUp{
		d: d, numpyParams: p, w: w0, v: make([]float64, len(w0)), last: make([]int, len(w0)), b: b,
	}
	s.a = mat2{1 - float64(p.lr*p.keep*p.lambda), p.lr * p.m, -p.keep * p.lambda, p.m}
	s.small[0] = mat2{1, 0, 0, 1}
	for k := 1; k < powSmall; k++ {
		s.small[k] = s.a.mul(s.small[k-1])
	}
	s.large[0] = s.small[0]
	step := s.a.mul(s.small[powSmall-1]) // A^powSmall
	for q := 1; q < powLarge; q++ {
		s.large[q] = step.mul(s.large[q-1])
	}
	s.sums()
	return s
}

// power returns A^g.
func (s *catchUp) power(g int) mat2 {
	if g < powSmall {
		return s.small[g]
	}
	p := s.small[g%powSmall]
	g /= powSmall
	for g >= powLarge {
		p = s.large[powLarge-1].mul(p)
		g -= powLarge - 1
	}
	return s.large[g].mul(p)
}

// sums recomputes M from the coordinates (all current at step t).
func (s *catchUp) sums() {
	s.m11, s.m12, s.m22 = 0, 0, 0
	for j, w := range s.w {
		v := s.v[j]
		s.m11 += float64(w * w)
		s.m12 += float64(w * v)
		s.m22 += float64(v * v)
	}
}

// weights catches every coordinate up to step t and returns the weights.
func (s *catchUp) weights() ([]float64, float64) {
	for j, l := range s.last {
		if g := s.t - l; g > 0 {
			p := s.power(g)
			w, v := s.w[j], s.v[j]
			s.w[j], s.v[j] = float64(p[0]*w)+float64(p[1]*v), float64(p[2]*w)+float64(p[3]*v)
		}
		s.last[j] = s.t
	}
	s.sums()
	return s.w, s.b
}

func (s *catchUp) facts() rowFacts { return rowFacts{checked: true} }

func (s *catchUp) release() {}

func (s *catchUp) pass(order []int, train bool, sn *snapshot) error {
	s.weights()
	if !train {
		deferPrePass(sn, order, s.d.Y, float64(s.lambda/2*s.m11))
		return nil
	}
	z, reg := recordLoss(sn, order, s.d.Y)
	// Within one call of steps no gap reaches powSmall·powLarge, so the
	// tables give every power without a loop.
	for lo := 0; lo < len(order); lo += maxGap {
		hi := min(lo+maxGap, len(order))
		s.weights()
		k, lossOut := s.steps(order[lo:hi], z[lo:hi], reg[lo:hi])
		switch {
		case lossOut:
			return &Diverged{Sample: order[lo+k-1], What: "loss"}
		case k < hi-lo:
			return &Diverged{Sample: order[lo+k], What: "weights"}
		}
	}
	return nil
}

// maxGap is the most steps steps takes at once: no coordinate can then
// fall further behind than the tables reach.
const maxGap = powSmall*powLarge - 1

// steps trains on the rows in order, recording in z and reg each step's
// logit and penalty for the loss, after the update, until the end, a
// logit that is not finite, or a step after which the loss is not (its
// penalty overflowing, as the formulas find it there), and returns how
// many steps it took and whether the last one's loss is not finite.
//
// The sample's coordinates take the step (w, v) ← A·(w, v) + r·xⱼ·δ, with
// r = p − y and δ = −(1 − m)·(lr, 1), and the others (w, v) ← A·(w, v). So
// M and the logit after the step follow from sums over the sample's
// coordinates that the logit before it needs anyway, c = Σ xⱼ·(wⱼ, vⱼ) and
// ‖x‖², without a second pass over the row:
//
//	M' = A·M·Aᵀ + r·(A·c·δᵀ + δ·cᵀ·Aᵀ) + r²·‖x‖²·δ·δᵀ
//	Σ wⱼ'·xⱼ = (A·c)₁ + r·‖x‖²·δ₁.
func (s *catchUp) steps(order []int, z, reg []float64) (taken int, lossOut bool) {
	d := s.d
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	w, v, last := s.w, s.v, s.last[:len(s.w)]
	t, b, vb := s.t, s.b, s.vb
	m11, m12, m22 := s.m11, s.m12, s.m22
	a := s.a
	lr, m, keep, lambda := s.lr, s.m, s.keep, s.lambda
	d1, d2 := -float64(lr*keep), -keep // δ
	zs, regs := z[:len(order)], reg[:len(order)]
	taken = len(order)
	for pos, i := range order {
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		val = val[:len(idx)]
		// Catch the sample's coordinates up to step t and sum c and ‖x‖².
		cw, cv, xx := 0.0, 0.0, 0.0
		for k, j := range idx {
			g := t - last[j]
			p := &s.small[g%powSmall]
			if g >= powSmall {
				pl := s.large[g/powSmall].mul(*p)
				p = &pl
			}
			wj, vj := w[j], v[j]
			wj, vj = float64(p[0]*wj)+float64(p[1]*vj), float64(p[2]*wj)+float64(p[3]*vj)
			w[j], v[j] = wj, vj
			x := val[k]
			cw += float64(wj * x)
			cv += float64(vj * x)
			xx += float64(x * x)
		}
		zi := b + cw
		if !finite(zi) {
			taken = pos
			break
		}
		r, e := expReduce(expArg(zi)) // expFast, inlined by hand
		res := 1/(1+expTable(r, e)) - y
		b, vb = s.biasStep(b, vb, res)
		// M' = A·M·Aᵀ + r·(A·c·δᵀ + δ·(A·c)ᵀ) + r²·‖x‖²·δ·δᵀ.
		am := a.mul(mat2{m11, m12, m12, m22})
		acw, acv := float64(a[0]*cw)+float64(a[1]*cv), float64(a[2]*cw)+float64(a[3]*cv)
		rxx := float64(res * res * xx)
		m11 = float64(am[0]*a[0]) + float64(am[1]*a[1]) + float64(2*res*float64(acw*d1)) + float64(rxx*float64(d1*d1))
		m12 = float64(am[0]*a[2]) + float64(am[1]*a[3]) + float64(res*(float64(acw*d2)+float64(d1*acv))) + float64(rxx*float64(d1*d2))
		m22 = float64(am[2]*a[2]) + float64(am[3]*a[3]) + float64(2*res*float64(acv*d2)) + float64(rxx*float64(d2*d2))
		// The sample's coordinates take the step, as the formulas read.
		t++
		for k, j := range idx {
			wj := w[j]
			g := float64(res*val[k]) + float64(lambda*wj)
			vj := float64(m*v[j]) - float64(keep*g)
			w[j], v[j], last[j] = wj+float64(lr*vj), vj, t
		}
		zs[pos], regs[pos] = b+acw+float64(res*float64(xx*d1)), lambda/2*m11
		if !finite(zs[pos]) || !finite(regs[pos]) {
			taken, lossOut = pos+1, true
			break
		}
	}
	s.t, s.b, s.vb = t, b, vb
	s.m11, s.m12, s.m22 = m11, m12, m22
	return taken, lossOut
}
