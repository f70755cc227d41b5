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
// row (σ' ≤ 1/4); the others, and the rare step its form does not cover (a
// margin past scikit-learn's cut-offs at ±18, a scale to fold back), go to
// Run.ExactSGD, the formulas as logreg's readable step writes them, which
// rounds as scikit-learn does (a correctly rounded exponential, the logit
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
// and give its digits, noise and all. On a9a with α = 10⁻⁴ that is none
// of scikit-learn's suggested settings within 10 epochs: 'optimal' stays
// above 10⁻³ for 30 epochs, 'constant' at η₀ = 0.01 for 200.

// The engine's step reaches the same numbers in fewer operations on the
// chain z → e⁻ᶻ → weights → next z: the logit in two partial sums, expFast,
// and u/scale as K·y₀₁ − K/(1 + e⁻ᶻ) with K = η/scale computed off the
// chain (y₀₁ = (y + 1)/2).

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

// rate returns η at step t (from 1).
func (p *SGDParams) rate(t float64) float64 {
	switch p.Schedule {
	case Optimal:
		return 1 / (p.Alpha * (p.T0 + t - 1))
	case InvScaling:
		return p.Eta0 / math.Pow(t, p.PowerT)
	}
	return p.Eta0
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
}

// newPlainSGD returns the Sklearn trainer of r, having checked its rows.
func newPlainSGD(r *Run) (trainer, error) {
	if err := CheckRows(&r.Train, "train", false); err != nil {
		return nil, err
	}
	s := &plainSGD{d: &r.Train, p: r.SGD, st: r.State, exact: r.ExactSGD, out: r.W}
	s.etaSafe = 8 / (maxSqNorm(&r.Train) + r.SGD.InterceptDecay)
	if r.SGD.AverageFrom > 0 && !r.SGD.scaleStaysAbove(float64(r.Epochs)*float64(r.Train.rows())) {
		s.etaSafe = 0
	}
	return s, nil
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

func (s *plainSGD) facts() rowFacts { return rowFacts{checked: true} }

func (s *plainSGD) release() {}

// weights writes the reported model into out, as scikit-learn's coef_
// would be now: the average once averaging has begun, else scale·v, each
// rounded as the readable step rounds it.
func (s *plainSGD) weights() ([]float64, float64) {
	st := s.st
	if k := s.p.AverageFrom; k > 0 && k <= st.T-1 {
		inv := 1 / st.AvgB
		for j, a := range st.Avg {
			s.out[j] = (a + float64(st.AvgA*st.V[j])) * inv
		}
		return s.out, st.AvgBias
	}
	for j, v := range st.V {
		s.out[j] = v * st.Scale
	}
	return s.out, st.B
}

// pass trains on the rows in order, recording each step's logit in sn.
func (s *plainSGD) pass(order []int, _ bool, sn *snapshot) error {
	z := recordLogits(sn, order, s.d.Y)
	for pos := 0; ; pos++ {
		if pos = s.steps(order, pos, z); pos == len(order) {
			return nil
		}
		var ok bool
		if z[pos], ok = s.exact(order[pos]); !ok {
			return &Diverged{Sample: order[pos], What: "weights"}
		}
	}
}

// recordLogits prepares sn to receive each step's logit, for the
// evaluator's logLossPart, and returns the buffer.
func recordLogits(sn *snapshot, order []int, y []float64) []float64 {
	sn.lossOf, sn.y = lossLog, y
	sn.z = sampleBuf(sn.z, len(order))
	sn.setVisit(order)
	return sn.z
}

// steps trains on order[pos:] and records each step's logit in zs, until
// the end or a step it leaves to the formulas (η > etaSafe, a margin past
// ±marginCut or NaN, a scale to fold back), whose position it returns.
func (s *plainSGD) steps(order []int, pos int, zs []float64) int {
	d, p, st := s.d, &s.p, s.st
	rowPtr, index, value, label := d.RowPtr, d.Index, d.Value, d.Y
	v, avg := st.V, st.Avg
	scale, b, t := st.Scale, st.B, st.T
	avgA, avgB, avgBias := st.AvgA, st.AvgB, st.AvgBias
	alpha, decay, etaSafe, from := p.Alpha, p.InterceptDecay, s.etaSafe, p.AverageFrom
	zs = zs[:len(order)]
	for ; pos < len(order); pos++ {
		eta := p.rate(t)
		c := 1 - eta*alpha
		if !(eta <= etaSafe) || !(c*scale >= resetScale) {
			break
		}
		i := order[pos]
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val, y := index[lo:hi], value[lo:hi], label[i]
		val = val[:len(idx)]
		a0, a1 := dotEvenOdd(v, idx, val)
		z := (a0+a1)*scale + b
		if !(z > -marginCut && z < marginCut) {
			break
		}
		zs[pos] = z
		scale *= c
		kk := eta / scale
		r, e := expReduce(-z)              // expFast, inlined by hand
		cu := kk*y - kk/(1+expTable(r, e)) // u/scale
		for k, j := range idx {
			v[j] += val[k] * cu
		}
		b += decay * scale * cu
		if avg != nil && t >= from {
			m := t - from + 1
			mu := 1 / m
			for k, j := range idx {
				avg[j] -= avgA * val[k] * cu
			}
			if m > 1 {
				avgB /= 1 - mu
			}
			avgA += mu * avgB * scale
			avgBias += (b - avgBias) * mu
		}
		t++
	}
	st.Scale, st.B, st.T = scale, b, t
	st.AvgA, st.AvgB, st.AvgBias = avgA, avgB, avgBias
	return pos
}
