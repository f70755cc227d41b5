package logreg

import "math"

// TorchLoop's float64 epoch at the speed of its chain of dependent
// operations: z → e⁻ᶻ → p → gradient → weights → the next sample's z. It
// follows step's formulas to rounding (tests compare the histories: within
// 10⁻⁹ relative, in practice 10⁻¹¹), and spends fewer operations:
//
//   - the exponential is expFast, not math.Exp (expfast.go), and the logit
//     is summed in two partial sums;
//   - when every value of the data set is 1 (one-hot features, as all of
//     a9a's), stepsOnes does not read the values: half the memory, and
//     fewer instructions per nonzero;
//   - the gradient of the logit is p − y, computed as lr/(1 + e⁻ᶻ) − lr·y:
//     autograd's guarded sequence ((p − y)/max(p(1 − p), 10⁻¹²))·(1 − p)·p
//     (LogitGrad) equals it within a few ulp wherever p(1 − p) ≥ 10⁻¹²,
//     which holds for |z| < fastLogit. A sample with a logit outside that
//     range (or NaN) takes the readable step, guard and all;
//   - no calls in the loop: Go keeps no register across a call, so a call
//     stores and reloads every value the loop holds;
//   - the loss and the running accuracy are off the chain, and off the
//     loop: a label in {0,1} makes BCE the clamped log of one probability
//     q (p for y = 1, 1 − p for y = 0); the loop stores D = 1 + e⁻ᶻ, and
//     the evaluator (evaluate.go) finds each p = 1/D and q, sums the
//     losses and counts the samples predicted right after the epoch,
//     beside the next one (bcePart, losssum.go). In the one-hot kernel
//     that took 14 of the 200 or so instructions of a step, a division
//     among them.
//
// The loop is bound as much by the number of instructions per sample as by
// the chain: summing the next sample's weights before the update (z' = w·x'
// + b − t·(x·x' + 1), with x·x' from a dense copy of the previous row)
// shortens the chain but adds more instructions than it saves in Go, and
// was measured slower. For one-hot rows on amd64 the one-hot kernel
// (onehot_kernel.go) runs stepsOnes in assembly, where it pays.

// fastLogit bounds the logits the fast step takes: for |z| < 25,
// p(1 − p) > e⁻²⁵/(1 + e⁻²⁵)² > 1.3·10⁻¹¹, so autograd's guard does not
// bite and its gradient is p − y to rounding.
const fastLogit = 25

// epochFast is epoch when s.fast: it leaves the loss sum and the running
// accuracy to the evaluator (bcePart of what it records in sn: each step's
// D = 1/p, above 1, or p itself for a step stepP takes, at most 1).
func (s *torch64) epochFast(order []int, sn *snapshot) {
	sn.p = sampleBuf(sn.p, len(order))
	sn.lossOf, sn.y = lossBCE, s.train.Y
	sn.setVisit(order)
	whole := s.kernel != nil // the kernel ran every sample of the pass
	for pos := 0; ; pos++ {
		if pos = s.fastSteps(order, pos, sn.p); pos == len(order) {
			break
		}
		sn.p[pos] = s.stepP(order[pos])
		whole = false
	}
	if whole && s.kernel != nil {
		s.kernel.passDone()
	}
}

// fastSteps runs order[pos:] in the kernel, or in steps or stepsOnes, and
// returns where it stopped, as they do.
func (s *torch64) fastSteps(order []int, pos int, ds []float64) int {
	if s.kernel != nil {
		next, ok := s.kernel.torchSteps(order, pos, ds, &s.b)
		if ok {
			return next
		}
		// A row the kernel does not take: the Go loop runs the rest of
		// this run, unless the rows are not even Go's.
		s.kernel, s.ones = nil, false
		pos = next
		if s.err = checkRows(s.train, false); s.err != nil {
			return len(order)
		}
	}
	if s.ones {
		return s.stepsOnes(order, pos, ds)
	}
	return s.steps(order, pos, ds)
}

// steps runs the samples order[pos:] and stores each one's D = 1/p in ds[pos],
// until the end or a sample whose logit is not in (−fastLogit, fastLogit);
// it returns that position and leaves that sample to stepP.
func (s *torch64) steps(order []int, pos int, ds []float64) int {
	d, w := s.train, s.w
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	lr, b := s.lr, s.b
	ds = ds[:len(order)]
	for ; pos < len(order); pos++ {
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		val = val[:len(idx)]
		// Two partial sums: the chain of additions is half as long.
		a0, a1 := 0.0, 0.0
		k := 0
		for ; k+1 < len(idx); k += 2 {
			a0 += w[idx[k]] * val[k]
			a1 += w[idx[k+1]] * val[k+1]
		}
		if k < len(idx) {
			a0 += w[idx[k]] * val[k]
		}
		z := (a0 + a1) + b
		if !(z > -fastLogit && z < fastLogit) {
			break
		}
		r, ek := expReduce(-z) // expFast, inlined by hand: a call would spill every register
		den := 1 + expTable(r, ek)
		t := lr/den - lr*y // lr·(p − y), p = 1/den
		ds[pos] = den
		for k, j := range idx {
			w[j] -= t * val[k]
		}
		b -= t
	}
	s.b = b
	return pos
}

// stepsOnes is steps for a data set whose every value is 1 (one-hot
// features, as a9a's): the products by xⱼ = 1 are exact, so it computes
// what steps computes without reading the values.
func (s *torch64) stepsOnes(order []int, pos int, ds []float64) int {
	d, w := s.train, s.w
	rowPtr, index, label := d.RowPtr, d.Index, d.Y
	lr, b := s.lr, s.b
	ds = ds[:len(order)]
	for ; pos < len(order); pos++ {
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, y := index[lo:hi], label[i]
		// Two partial sums: the chain of additions is half as long.
		a0, a1 := 0.0, 0.0
		k := 0
		for ; k+1 < len(idx); k += 2 {
			a0 += w[idx[k]]
			a1 += w[idx[k+1]]
		}
		if k < len(idx) {
			a0 += w[idx[k]]
		}
		z := (a0 + a1) + b
		if !(z > -fastLogit && z < fastLogit) {
			break
		}
		r, ek := expReduce(-z) // expFast, inlined by hand: a call would spill every register
		den := 1 + expTable(r, ek)
		t := lr/den - lr*y // lr·(p − y), p = 1/den
		ds[pos] = den
		for _, j := range idx {
			w[j] -= t
		}
		b -= t
	}
	s.b = b
	return pos
}

// stepP is step for sample i, returning its p instead of adding its loss
// and counting it.
func (s *torch64) stepP(i int) float64 {
	idx, val := s.train.Row(i)
	y := s.train.Y[i]
	p := Sigmoid(dot(s.w, s.b, idx, val))
	s.update(idx, val, LogitGrad(p, y))
	return p
}

// testGeneric makes the loops take their readable paths only, for tests
// that compare them with the fast ones.
var testGeneric bool

// allOnes reports whether every value is 1: whether the bits of every
// value are those of 1, tested four values at a time.
func allOnes(v []float64) bool {
	const one = 0x3FF0000000000000 // the bits of 1
	for ; len(v) >= 4; v = v[4:] {
		if (math.Float64bits(v[0])^one)|(math.Float64bits(v[1])^one)|
			(math.Float64bits(v[2])^one)|(math.Float64bits(v[3])^one) != 0 {
			return false
		}
	}
	for _, x := range v {
		if x != 1 {
			return false
		}
	}
	return true
}

// binaryLabels reports whether every label is 0 (or −0) or 1. It tests
// without a branch per label, which random labels would make a coin toss
// for the predictor, and on the bits, in a few instructions a label: the
// comparisons of floats took 20 (68 µs on a9a, against 25).
func binaryLabels(y []float64) bool {
	var other uint64
	for ; len(y) >= 4; y = y[4:] {
		other |= (notBinary(y[0]) | notBinary(y[1])) | (notBinary(y[2]) | notBinary(y[3]))
	}
	for _, v := range y {
		other |= notBinary(v)
	}
	return other == 0
}

// notBinary is 0 for ±0 and 1, not 0 for any other v.
func notBinary(v float64) uint64 {
	const one = 0x3FF0000000000000 // the bits of 1
	b := math.Float64bits(v)
	return min(b<<1, b^one)
}
