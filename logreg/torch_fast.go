package logreg

// TorchLoop's float64 epoch at the speed of its chain of dependent
// operations: z → e⁻ᶻ → p → gradient → weights → the next sample's z. The
// arithmetic is step's, bit for bit (tests compare); what changes is what
// the processor waits for:
//
//   - no calls in the loop: Go keeps no register across a call, so a call
//     stores and reloads every value the loop holds; exp and log are inline
//     (exp.go), the gradient's guard is a comparison, not math.Max;
//   - the loss is off the chain: a label in {0,1} makes BCE the clamped log
//     of one probability q (p for y = 1, 1 − p for y = 0); the loop stores
//     q and the logs are taken after the epoch, summed in the same order,
//     by the evaluator (evaluate.go), beside the next epoch;
//   - no branch on the data: the running accuracy is counted with a
//     conditional move, not a jump a predictor guesses wrong every time a
//     prediction is.

// epochFast is epoch when s.fast: it leaves the loss sum to the evaluator
// (bceSum of the q it records in sn) and returns the running-accuracy count.
func (s *torch64) epochFast(order []int, sn *snapshot) (right int) {
	sn.q = grow(sn.q, len(order))
	sn.lossOf = lossBCE
	for pos := 0; ; pos++ {
		if pos, right = s.steps(order, pos, sn.q, right); pos == len(order) {
			break
		}
		sn.q[pos], right = s.stepQ(order[pos], right)
	}
	return right
}

// steps runs the samples order[pos:] and stores each one's q in q[pos],
// until the end or a sample whose −z is outside (−expMax, expMax), where
// package math's exp takes its special paths; it returns that position and
// leaves that sample to stepQ.
func (s *torch64) steps(order []int, pos int, q []float64, right int) (int, int) {
	d, w, lr, b := s.train, s.w, s.lr, s.b
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	q = q[:len(order)]
	for ; pos < len(order); pos++ {
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		val = val[:len(idx)]
		z := 0.0
		for k, j := range idx {
			z += float64(w[j] * val[k])
		}
		x := -(z + b)
		if !(x > -expMax && x < expMax) {
			break
		}
		r, k := expReduce(x)
		p := 1 / (1 + expScale(expSquare(expPoly(r)), k))
		// The products by 0 and 1 are exact.
		q[pos] = float64(p*y) + float64((1-p)*(1-y))
		right += b2i((p >= 0.5) == (y == 1))
		g := logitGrad(p, y)
		for k, j := range idx {
			w[j] -= float64(lr * float64(g*val[k]))
		}
		b -= float64(lr * g)
	}
	s.b = b
	return pos, right
}

// stepQ is step for sample i, returning its q instead of adding its loss.
func (s *torch64) stepQ(i int, right int) (float64, int) {
	idx, val := s.train.Row(i)
	y := s.train.Y[i]
	p := Sigmoid(dot(s.w, s.b, idx, val))
	right += b2i((p >= 0.5) == (y == 1))
	s.update(idx, val, LogitGrad(p, y))
	return float64(p*y) + float64((1-p)*(1-y)), right
}

// bceSum returns Σ −max(log q, −100) over q in order: the sum of the BCE
// losses of samples whose label's probability was q. Below logTiny the log
// is under −100 anyway, and logTiny keeps the inline log in its range.
func bceSum(q []float64) float64 {
	loss := 0.0
	for _, v := range q {
		f, k := logReduce(max(v, logTiny))
		s, r := logSeries(f)
		l := logCombine(f, k, s, r)
		if l < -100 {
			l = -100
		}
		if v != v { // NaN, which the inline log does not propagate
			l = v
		}
		loss -= l
	}
	return loss
}

// testGeneric makes the loops take their readable paths only, for tests
// that compare them with the fast ones.
var testGeneric bool

// binaryLabels reports whether every label is 0 or 1.
func binaryLabels(y []float64) bool {
	for _, v := range y {
		if v != 0 && v != 1 {
			return false
		}
	}
	return true
}
