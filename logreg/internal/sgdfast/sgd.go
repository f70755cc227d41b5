package sgdfast

import "math"

// The Sklearn step is scikit-learn's plain SGD (_plain_sgd) for the log
// loss with an L2 penalty: with y = ±1, z = w·x + b and η the schedule's
// rate at step t,
//
//	u = η·y/(e^(yz) + 1)                  −η·∂ℓ/∂z
//	w ← (1 − ηα)·w,   w ← w + u·x,   b ← b + d·u
//
// and, once t reaches the average's first step k, the running mean w̄ of
// the weights after each step. As scikit-learn does, the engine keeps
// w = scale·v, so that the penalty's step is one multiplication of the
// scale, and w̄ = (avg + avgA·v)/avgB, Bottou's lazy form, so that a step
// updates avg only at the sample's features: a step is O(nonzeros).
//
// Exactness to scikit-learn needs more than that. Where η is large, a step
// can enlarge a difference between two runs: its map on (w, b) multiplies
// the direction (x, 1) by 1 − η·σ'(z)·(‖x‖² + d), which is below −1 when
// η·σ'(z)·(‖x‖² + d) > 2, and with the first rates of 'optimal' (η ≈ 10 on a9a)
// one last-bit difference in a logit grows, in a few thousand steps, into
// weights that differ in their first digit. So the engine takes its own,
// faster step only where no step can do that, η·(‖x‖² + d) ≤ 8 for every
// row it may step (σ' ≤ 1/4); the others, and the rare step its form does not cover (a
// margin past scikit-learn's cut-offs at ±18, a scale to fold back), go to
// Run.ExactSGD, the formulas as logreg's readable step writes them, which
// rounds as scikit-learn does (its C library's exponential, or a correctly
// rounded one, the logit
// summed left to right). On a9a that is the first 16,500 steps of
// 'optimal' and no step of the other schedules at the rates scikit-learn
// suggests.
//
// The lazy average has a weakness of its own: w̄ is the difference of avg
// and avgA·v, which grow apart from it as the scale falls, by about
// K = (the mean of the scales since averaging began)/(the scale now). So a
// last-bit difference between two runs' trajectories shows in w̄ K times
// larger, and scikit-learn's own w̄ keeps about 16 − log₁₀ K digits (K
// reaches 10⁹ just before a fold). With averaging, then, the engine steps
// itself only in a run whose scale cannot fall below 10⁻³ (K below about
// 150); it bounds the scale at the end of the run from the schedule alone,
// log scale ≥ −Σ ηα/(1 − max ηα) (scaleStaysAbove). Other averaged runs
// take the formulas' step throughout, the same arithmetic as scikit-learn,
// and give its digits, noise and all: all of them with the C library's exp
// and pow (logreg's libm, tag sgdlab_libm), all but the last few after a
// fold without. On a9a with α = 10⁻⁴ that is none
// of scikit-learn's suggested settings within 10 epochs: 'optimal' stays
// above 10⁻³ for 30 epochs, 'constant' at η₀ = 0.01 for 200.

// The engine's step reaches the same numbers in fewer operations on the
// chain z → e⁻ᶻ → weights → next z: the logit in two partial sums, expFast,
// and u/scale as K·y₀₁ − K/(1 + e⁻ᶻ) with K = η/scale worked out off the
// chain (schedule.go; y₀₁ = (y + 1)/2). On one-hot rows the kernel takes it
// (kernel.go); it checks the rows as it goes, so a run that starts in it
// bounds ‖x‖² by the longest row.

// Schedule is a learning-rate schedule of Sklearn.
type Schedule int

const (
	// Constant is η = η₀: scikit-learn's 'constant', and its 'adaptive'
	// when no tol lowers the rate.
	Constant Schedule = iota
	// Optimal is η = 1/(α·(t₀ + t − 1)).
	Optimal
	// InvScaling is η = η₀/t^PowerT.
	InvScaling
	// AdaGrad is AdaGrad's per-coordinate rate in its composite form.
	AdaGrad
)

// SGDParams are the constants of a Sklearn run.
type SGDParams struct {
	Schedule Schedule
	// Eta0 is η₀ (AdaGrad: its lr), PowerT InvScaling's exponent, Alpha
	// the penalty α, T0 Optimal's t₀.
	Eta0, PowerT, Alpha, T0 float64
	// InterceptDecay d scales the bias's steps.
	InterceptDecay float64
	// AverageFrom is the first step averaged (scikit-learn's average=k);
	// 0 for none.
	AverageFrom float64
}

// SGDState is the model of a Sklearn run with a schedule other than
// AdaGrad, in scikit-learn's form: the weights are Scale·V, and their
// average, once averaging has begun, (Avg + AvgA·V)/AvgB, with the bias's
// AvgBias. T is the next step's number, from 1.
type SGDState struct {
	V                   []float64
	Scale, B, T         float64
	Avg                 []float64 // nil without averaging
	AvgA, AvgB, AvgBias float64
}

// Model writes into w the model scikit-learn reports, its coef_, and
// returns its intercept: the average once averaging from step
// averageFrom (0: none) has begun, else Scale·V and B.
func (st *SGDState) Model(w []float64, averageFrom float64) float64 {
	if averageFrom > 0 && averageFrom <= st.T-1 {
		st.AverageWeights(w)
		return st.AvgBias
	}
	st.Weights(w)
	return st.B
}

// Weights sets w to Scale·V, in the order scikit-learn's reset_wscale
// rounds it.
func (st *SGDState) Weights(w []float64) {
	for j, v := range st.V {
		w[j] = v * st.Scale
	}
}

// AverageWeights sets w to (Avg + AvgA·V)/AvgB, rounded as reset_wscale
// rounds it.
func (st *SGDState) AverageWeights(w []float64) {
	inv := 1 / st.AvgB
	for j, a := range st.Avg {
		w[j] = (a + float64(st.AvgA*st.V[j])) * inv
	}
}

// resetScale is where scikit-learn folds the scale back into the weights.
const resetScale = 1e-9

// avgMinScale is the smallest scale an averaged run may reach for the
// engine to step it itself.
const avgMinScale = 1e-3

// scaleStaysAbove reports whether the scale, the product of 1 − η_t·α over
// the steps t = 1, ..., steps, stays above avgMinScale, bounding the sum
// S = Σ η_t·α from above by its integral and the largest term x:
// log Π (1 − η_t·α) ≥ −S/(1 − x).
func (p *SGDParams) scaleStaysAbove(steps float64) bool {
	a, t := p.Alpha, steps
	var sum, most float64
	switch p.Schedule {
	case Constant:
		sum, most = t*p.Eta0*a, p.Eta0*a
	case Optimal: // η_t·α = 1/(t₀ + t − 1), t₀ > 1
		if p.T0 <= 1 {
			return false
		}
		sum, most = math.Log((p.T0+t-1)/(p.T0-1)), 1/p.T0
	case InvScaling: // η_t·α = η₀·α·t^(−PowerT)
		q := p.PowerT
		switch {
		case q < 0:
			most = p.Eta0 * a * math.Pow(t, -q)
			sum = t * most
		case q == 1:
			sum, most = p.Eta0*a*(1+math.Log(t)), p.Eta0*a
		default:
			sum, most = p.Eta0*a*(1+(math.Pow(t, 1-q)-1)/(1-q)), p.Eta0*a
		}
	default:
		return false
	}
	return most < 1 && sum/(1-most) <= -math.Log(avgMinScale)
}

// plainSGD is the Sklearn trainer of the schedules but AdaGrad.
type plainSGD struct {
	d     *Data
	p     SGDParams
	st    *SGDState
	exact func(i int) (z float64, ok bool)
	// etaSafe is the largest η at which no step enlarges a difference;
	// 0 in an averaged run whose scale may fall below avgMinScale, which
	// takes the formulas' step throughout.
	etaSafe float64
	// out receives the reported model (Run.W).
	out []float64
	// etas holds a block of rates where Go works them out ahead
	// (schedule.go); kernel, if not nil, takes the steps in assembly.
	etas    []float64
	kernel  *onehotKernel
	checked bool // every row of d has been checked
}

// newPlainSGD returns the Sklearn trainer of r, having checked its rows
// unless its kernel checks them as it goes.
func newPlainSGD(r *Run) (trainer, error) {
	s := &plainSGD{d: &r.Train, p: r.SGD, st: r.State, exact: r.ExactSGD, out: r.W}
	if r.SGD.ratesAhead() {
		s.etas = make([]float64, rateBlock)
	}
	if r.SGD.AverageFrom > 0 && !r.SGD.scaleStaysAbove(float64(r.Epochs)*float64(r.Train.rows())) {
		// etaSafe stays 0: the formulas' step throughout.
		s.checked = true
		return s, CheckRows(s.d, "train", false)
	}
	if !r.goOnly && (r.State.Avg == nil || len(r.State.Avg) >= r.Train.Width) {
		s.kernel = newOnehotKernel(&r.Train, r.State.V, 0)
	}
	if s.kernel == nil {
		return s, s.goSteps()
	}
	// Every row the kernel steps is one-hot, ‖x‖² its length.
	s.etaSafe = 8 / (float64(maxRowLen(s.d)) + r.SGD.InterceptDecay)
	s.kernel.fixedOrder, s.kernel.stall = !r.Shuffled, r.stall
	return s, nil
}

// goSteps readies the Go steps, for a run without the kernel or from where
// it met a row it does not take: it checks the rows and bounds etaSafe by
// their norms.
func (s *plainSGD) goSteps() error {
	s.kernel.release()
	s.kernel = nil
	if err := CheckRows(s.d, "train", false); err != nil {
		return err
	}
	s.checked = true
	s.etaSafe = 8 / (maxSqNorm(s.d) + s.p.InterceptDecay)
	return nil
}

// checkRows returns a *RowError for the first row of order[a:b] that does
// not fit, unless every row has been checked, or those of the chunk of
// position a, where they lie, by the other goroutine (prepare.go).
func (s *plainSGD) checkRows(order []int, a, b int) error {
	switch k := s.kernel; {
	case s.checked || k != nil && k.check == 0:
		return nil
	case k != nil && k.prep != nil && k.prep.of(order) && k.prep.rowsChecked(a/prepChunk):
		return nil
	}
	return checkRowsOf(s.d, "train", order[a:b], false)
}

// maxRowLen returns the largest number of values in a row of d, whose row
// bounds need not have been checked.
func maxRowLen(d *Data) int {
	most := 0
	for i := 1; i < len(d.RowPtr); i++ {
		most = max(most, d.RowPtr[i]-d.RowPtr[i-1])
	}
	return most
}

// maxSqNorm returns the largest ‖x‖² of d's rows.
func maxSqNorm(d *Data) float64 {
	most := 0.0
	for i := range d.rows() {
		s := 0.0
		for _, v := range d.Value[d.RowPtr[i]:d.RowPtr[i+1]] {
			s += v * v
		}
		most = max(most, s)
	}
	return most
}

func (s *plainSGD) facts() rowFacts {
	if s.kernel != nil && s.kernel.check == 0 {
		return rowFacts{checked: true, onesKnown: true, ones: true}
	}
	return rowFacts{checked: s.checked}
}

func (s *plainSGD) release() { s.kernel.release() }

// weights writes the reported model into out, as scikit-learn's coef_
// would be now: the average once averaging has begun, else scale·v, each
// rounded as the readable step rounds it.
func (s *plainSGD) weights() ([]float64, float64) {
	b := s.st.Model(s.out, s.p.AverageFrom)
	return s.out, b
}

// pass trains on the rows in order, recording each step's logit in sn: in
// the kernel where there is one, else in the Go steps, and in the
// formulas' step where they stop.
func (s *plainSGD) pass(order []int, _ bool, sn *snapshot) error {
	z := recordLogits(sn, order, s.d.Y)
	whole := s.kernel != nil // the kernel ran every step of the pass
	// The pass's first steps whose rate is above etaSafe ('optimal''s) are
	// the formulas'.
	first := s.stepsAboveSafe(s.st.T, len(order))
	if whole && s.kernel.fixedOrder && s.kernel.countedFor == nil {
		// From the start, beside those steps, whose chunks come first
		// (prepare.go).
		s.kernel.prepared(order, (first+prepChunk-1)/prepChunk)
	}
	for pos := 0; pos < len(order); {
		var ok bool
		if pos, ok = s.steps(order, pos, z); !ok {
			// A row the kernel does not take: the Go steps run the rest
			// of this run, unless the rows are not even theirs.
			if err := s.goSteps(); err != nil {
				return err
			}
			whole = false
			continue
		}
		if pos == len(order) {
			break
		}
		whole = false
		// The formulas' steps: this one, or all the first steps if it is
		// one of them, taken together without a call of steps before
		// each, a chunk at a time, whose rows are checked first, so that a
		// bad row stops the run before any step of its chunk.
		end := max(pos+1, first)
		for pos < end {
			next := min(end, (pos/prepChunk+1)*prepChunk)
			if err := s.checkRows(order, pos, next); err != nil {
				return err
			}
			for ; pos < next; pos++ {
				if z[pos], ok = s.exact(order[pos]); !ok {
					return &Diverged{Sample: order[pos], What: "weights"}
				}
			}
		}
	}
	s.checked = true // a whole pass has read every row
	if whole {
		s.kernel.passDone()
	}
	return nil
}

// stepsAboveSafe returns how many consecutive steps from t on, up to
// most, have a rate above etaSafe.
func (s *plainSGD) stepsAboveSafe(t float64, most int) int {
	n := 0
	for n < most && !(s.p.rate(t) <= s.etaSafe) {
		n++
		t++
	}
	return n
}

// recordLogits prepares sn to receive each step's logit, for the
// evaluator's logLossPart, and returns the buffer.
func recordLogits(sn *snapshot, order []int, y []float64) []float64 {
	sn.lossOf, sn.y = lossLog, y
	sn.z = sampleBuf(sn.z, len(order))
	sn.setVisit(order)
	return sn.z
}

// applySteps takes the steps on the rows of order from sc on, recording
// each step's logit in zs, until their end, a step the schedule leaves to
// the formulas (advance) or a logit past ±marginCut or NaN; it returns how
// many steps it took. etas, if not nil, holds their rates.
func (s *plainSGD) applySteps(sc *scheduleState, order []int, zs []float64, etas []float64, averaging bool) int {
	d, st, p := s.d, s.st, &s.p
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	v, avg := st.V, st.Avg
	b, avgBias := st.B, st.AvgBias
	zs = zs[:len(order)]
	for q, i := range order {
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		val = val[:len(idx)]
		a0, a1 := dotEvenOdd(v, idx, val)
		z := float64((a0+a1)*sc.scale) + b // float64(): no FMA, as the kernel rounds
		if !(z > -marginCut && z < marginCut) {
			st.B, st.AvgBias = b, avgBias
			return q
		}
		var eta float64
		if etas != nil {
			eta = etas[q]
		} else {
			eta = p.rate(sc.t)
		}
		n, ok := s.advance(sc, eta, averaging)
		if !ok {
			st.B, st.AvgBias = b, avgBias
			return q
		}
		zs[q] = z
		r, e := expReduce(-z)                           // expFast, inlined by hand
		cu := float64(n.kk*y) - n.kk/(1+expTable(r, e)) // u/scale
		for k, j := range idx {
			v[j] += float64(val[k] * cu)
		}
		b += float64(n.ds * cu)
		if averaging {
			for k, j := range idx {
				avg[j] -= float64(n.avgA * val[k] * cu)
			}
			avgBias += float64((b - avgBias) * n.mu)
		}
	}
	st.B, st.AvgBias = b, avgBias
	return len(order)
}
