package sgdfast

import "fmt"

// The Torch step at the speed of its chain: it follows the step as the
// formulas read (Run.Exact) to rounding with fewer operations. The
// exponential is expFast; the gradient of the logit is p − y, computed as
// lr/(1 + e⁻ᶻ) − lr·y, which autograd's guarded sequence equals within a
// few ulp wherever p(1 − p) ≥ 10⁻¹², that is for |z| < fastLogit (a
// sample outside, or NaN, takes Run.Exact, guard and all); the loop calls
// nothing, since Go keeps no register across a call; and the loss and the
// running accuracy are left to the evaluator, which finds them from each
// step's D = 1 + e⁻ᶻ (bcePart).

// fastLogit bounds the logits the fast step takes: for |z| < 25,
// p(1 − p) > e⁻²⁵/(1 + e⁻²⁵)² > 1.3·10⁻¹¹, so autograd's guard does not
// bite and its gradient is p − y to rounding.
const fastLogit = 25

// torch is the Torch trainer.
type torch struct {
	d     *Data
	w     []float64
	b, lr float64
	exact func(i int, b float64) (p, newB float64, ok bool)
	// kernel, if not nil, runs the steps in assembly.
	kernel  *onehotKernel
	checked bool // every row of d has been checked
}

// newTorch returns the Torch trainer of r. Its kernel, or its steps,
// check each row as they reach it, until a pass has checked them all.
func newTorch(r *Run) (*torch, error) {
	if len(r.W) < r.Train.Width {
		return nil, fmt.Errorf("sgdfast: %d weights for %d feature columns", len(r.W), r.Train.Width)
	}
	s := &torch{d: &r.Train, w: r.W, b: r.B, lr: r.LR, exact: r.Exact, kernel: kernelOf(r)}
	return s, CheckRowPtr(&r.Train, "train")
}

func (s *torch) weights() ([]float64, float64) { return s.w, s.b }

func (s *torch) facts() rowFacts {
	if s.kernel != nil && s.kernel.check == 0 {
		return rowFacts{checked: true, onesKnown: true, ones: true}
	}
	return rowFacts{checked: s.checked}
}

func (s *torch) release() { s.kernel.release() }

// pass trains on the rows in order, recording in sn each step's D = 1/p,
// or p itself for a step Exact takes.
func (s *torch) pass(order []int, _ bool, sn *snapshot) error {
	sn.p = sampleBuf(sn.p, len(order))
	sn.lossOf, sn.y = lossBCE, s.d.Y
	sn.setVisit(order)
	whole := s.kernel != nil // the kernel ran every sample of the pass
	for pos := 0; ; pos++ {
		var err error
		if pos, err = s.fastSteps(order, pos, sn.p); err != nil {
			return err
		}
		if pos == len(order) {
			break
		}
		var ok bool
		if sn.p[pos], s.b, ok = s.exact(order[pos], s.b); !ok {
			return &Diverged{Sample: order[pos], What: "weights"}
		}
		whole = false
	}
	s.checked = true
	if whole && s.kernel != nil {
		s.kernel.passDone()
	}
	return nil
}

// fastSteps runs order[pos:] in the kernel, or in steps, and returns where
// it stopped, as they do.
func (s *torch) fastSteps(order []int, pos int, ds []float64) (int, error) {
	if s.kernel != nil {
		next, ok := s.kernel.torchSteps(order, pos, ds, &s.b)
		if ok {
			return next, nil
		}
		// A row the kernel does not take: the Go loop runs the rest of
		// this run, checking rows until a pass of its own has.
		s.kernel, pos = nil, next
	}
	return s.steps(order, pos, ds)
}

// steps runs the samples order[pos:] and stores each one's D = 1/p in
// ds[pos], until the end or a sample whose logit is not in (−fastLogit,
// fastLogit); it returns that position and leaves that sample to Exact.
// Until the rows are checked it checks each as its step reads it, and
// returns a *RowError for one that does not fit, before its update; so
// every index it updates is in [0, Width), which the row loops below rely
// on.
func (s *torch) steps(order []int, pos int, ds []float64) (int, error) {
	d := s.d
	w := s.w[:d.Width]
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	lr, b, check := s.lr, s.b, !s.checked
	ds = ds[:len(order)]
	for ; pos < len(order); pos++ {
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		var a0, a1 float64
		if check {
			// The row's bounds and indices, checked as the sum reads them.
			ok := 0 <= lo && lo <= hi && hi <= len(index)
			if ok {
				a0, a1, ok = dotEvenOddChecked(w, index[lo:hi], value[lo:hi])
			}
			if !ok {
				s.b = b
				return pos, checkRow(d, "train", i, false)
			}
		} else {
			a0, a1 = dotEvenOdd(w, index[lo:hi], value[lo:hi])
		}
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		z := (a0 + a1) + b
		if !(z > -fastLogit && z < fastLogit) {
			break
		}
		r, ek := expReduce(-z) // expFast, inlined by hand: a call would spill every register
		den := 1 + expTable(r, ek)
		t := lr/den - lr*y // lr·(p − y), p = 1/den
		ds[pos] = den
		subScaled(w, idx, val, t)
		b -= t
	}
	s.b = b
	return pos, nil
}
