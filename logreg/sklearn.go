package logreg

import (
	"math"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/libm"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// SklearnLoop runs scikit-learn's SGDClassifier(loss='log_loss',
// penalty='l2') on train, one sample at a time, and reports each epoch and
// the final model: per-sample SGD without batches and without an optimizer
// object, with a learning-rate schedule and, if asked, averaging. With
// labels y = ±1 and t = 1, 2, ... counting the steps over all epochs, for
// each sample (x, y) in file order (or a fresh random order every epoch if
// cfg.Shuffle):
//
//	z = w·x + b
//	η = the schedule's rate at step t           (see Schedule)
//	ℓ = log(1 + e^(−yz))                         the sample's loss, before its step
//	g = ∂ℓ/∂z = −y/(e^(yz) + 1)                  clipped to [−10¹², 10¹²]
//	w ← max(0, 1 − ηα)·w                         the penalty's step
//	w ← w − η·g·x,   b ← b − η·g·d               d = cfg.InterceptDecay
//	w̄ ← w̄ + (w − w̄)/(t − k + 1),   b̄ likewise   once t ≥ k = cfg.Average
//
// For yz > 18, ℓ is taken as e^(−yz) and g as −y·e^(−yz); for yz < −18, ℓ
// as −yz and g as −y, as scikit-learn does. The model starts at zero. Each
// Record holds the mean of the epoch's ℓ (scikit-learn's "Avg. loss"), the
// train and test error of the epoch's model (TestError 0 when test is
// nil), and its Objective, F = mean log loss + (α/2)·‖w‖². The model of an
// epoch, and History.Model, is the average (w̄, b̄) once averaging has begun
// and (w, b) otherwise, as SGDClassifier's coef_ and intercept_ are.
//
// With cfg.Tol > 0, an epoch whose loss sum is not below the best so far by
// Tol·N counts as no improvement; after cfg.NIterNoChange of them in a row
// AdaptiveRate divides η by 5 (while η > 10⁻⁶) and the other schedules
// stop. With Tol 0 (scikit-learn's tol=None) every epoch runs and
// AdaptiveRate keeps η₀.
//
// AdaGradRate is AdaGrad in its composite (proximal) form for the same
// objective (Duchi, Hazan and Singer, 2011), adaGrad.step's formulas: no
// intercept decay, no averaging, and a shrink that stays the same for a
// weight while its feature is absent, which lets a step cost O(nonzeros).
//
// On sparse a9a the final model matches scikit-learn 1.2's coef_ and
// intercept_, and torch.optim.Adagrad's, within 10⁻⁹ relative
// (testdata/reference). The steps below are the readable form, O(width) a
// step; a run goes to the speed engine (see the package doc) unless
// cfg.Tol is set, whose rule needs each epoch's loss before the next, or a
// rate may be subnormal, where the engine's step would round otherwise.
//
// SklearnLoop returns an error wrapping ErrConfig for a bad cfg (see
// SklearnConfig.Validate) and ErrData for unusable data, as TorchLoop does;
// AdaGrad, as NumPyLoop, also for a row whose indices do not increase.
// When the weights stop being finite (a rate too large for the data) it
// returns the History of the epochs before, and a *DivergedError.
func SklearnLoop(train, test *data.Dataset, cfg SklearnConfig) (*History, error) {
	return sklearnLoop(train, test, cfg, false)
}

// sklearnLoop is SklearnLoop, on its readable steps only if readable.
func sklearnLoop(train, test *data.Dataset, cfg SklearnConfig, readable bool) (*History, error) {
	cfg, err := cfg.prepare(train, test)
	if err != nil {
		return nil, err
	}
	n := float64(train.Rows())
	rn := &run{
		h: &History{Loop: "sklearn", Config: cfg.shared(), Sklearn: &cfg, Alpha: cfg.Alpha,
			Epochs: make([]Record, 0, min(cfg.Epochs, 1000))},
		train: train, test: test, ord: seeded.NewOrder(train.Rows(), cfg.Shuffle, seeded.NewRand(cfg.Seed)), first: 1,
		record: func(e int, loss float64, _ int, tr, te counts) Record {
			return Record{Epoch: e, Loss: loss / n, TrainError: tr.errorRate(), TestError: te.errorRate()}
		},
	}
	p := sgdfast.Params{Kind: sgdfast.Sklearn, SGD: cfg.engine()}
	fast := !readable && cfg.Tol == 0 && sgdfast.Takes(p, train.Y) && !p.SGD.SubnormalRate(float64(cfg.Epochs)*n)
	if cfg.LearningRate == AdaGradRate {
		s := newAdaGrad(train, cfg)
		if !fast {
			return rn.readably(s, true)
		}
		return rn.fast(&sgdfast.Run{Params: p, W: s.w})
	}
	s := newPlainSGD(train, cfg)
	rn.stop = func() bool { return s.done }
	if !fast {
		return rn.readably(s, false)
	}
	return rn.fast(&sgdfast.Run{Params: p, W: make([]float64, train.Width), State: &s.SGDState, ExactSGD: s.step})
}

// plainSGD is _plain_sgd's state: SGDClassifier's schedules and averaging.
//
// The model is an sgdfast.SGDState, which the engine steps on too. The
// weights are w = Scale·V, so that the penalty's step w ← (1 − ηα)·w is one
// multiplication of Scale; scikit-learn keeps them so, and matching its
// coef_ to 10⁻⁹ needs its rounding. The average w̄ = (Avg + AvgA·V)/AvgB is
// kept in Bottou's lazy form for the same reason, AvgBias is the bias's
// average, and T counts the steps from 1, as a float64 as scikit-learn
// counts them.
type plainSGD struct {
	train *data.Dataset
	cfg   SklearnConfig
	sgdfast.SGDState

	eta float64 // the current rate of ConstantRate and AdaptiveRate
	t0  float64 // OptimalRate's offset

	bestLoss  float64
	noImprove int
	done      bool // the rule for tol ends training
}

// resetScale is the scale below which scikit-learn folds it into the
// weights, before it underflows.
const resetScale = 1e-9

const maxDLoss = 1e12 // scikit-learn's clip on ∂ℓ/∂z

// clipDLoss clips g to [−maxDLoss, maxDLoss] by comparisons, as
// scikit-learn does: Go's float min and max would sit on the step's chain.
func clipDLoss(g float64) float64 {
	if g < -maxDLoss || g > maxDLoss {
		return math.Copysign(maxDLoss, g)
	}
	return g
}

func newPlainSGD(train *data.Dataset, cfg SklearnConfig) *plainSGD {
	s := &plainSGD{train: train, cfg: cfg, eta: cfg.Eta0, bestLoss: math.Inf(1), t0: cfg.optimalT0(),
		SGDState: sgdfast.SGDState{V: make([]float64, train.Width), Scale: 1, T: 1, AvgB: 1}}
	if cfg.Average > 0 {
		s.Avg = make([]float64, train.Width)
	}
	return s
}

// pass trains on the rows in order and keeps in t the sum of their losses,
// each before its step; then it applies the rule for tol.
func (s *plainSGD) pass(order []int, _ bool, t *tally) *DivergedError {
	if err := logLossPass(order, s.train.Y, t, s.step); err != nil {
		return err
	}
	s.done = s.endEpoch(t.loss, float64(len(order)))
	return nil
}

// logLossPass calls step on the rows in order and keeps in t the sum of
// their log losses at the logit step returns, the one before the step. It
// stops at the first step that reports its model not finite.
func logLossPass(order []int, y []float64, t *tally, step func(i int) (z float64, ok bool)) *DivergedError {
	t.loss = 0
	for _, i := range order {
		z, ok := step(i)
		t.loss += logLoss(z, 2*y[i]-1)
		if !ok {
			return &DivergedError{Sample: i, What: "weights"}
		}
	}
	return nil
}

// step is one step of _plain_sgd on row i, as SklearnLoop's formulas
// read, with u = −η·g. It returns the logit before the step and whether
// it and the bias after it are finite. The float64(...) around products
// keep Go from fusing one with the next addition into an FMA, as it may on
// some platforms: scikit-learn's compiled loop rounds both.
func (s *plainSGD) step(i int) (float64, bool) {
	idx, val := s.train.Row(i)
	y := 2*s.train.Y[i] - 1
	eta := s.rate()                                   // first: η needs no logit
	z := float64(dot(s.V, 0, idx, val)*s.Scale) + s.B // z = w·x + b
	g := clipDLoss(logLossGrad(z, y))
	u := -eta * g
	s.shrink(max(0, 1-float64(eta*s.cfg.Alpha))) // w ← (1 − ηα)·w
	if u != 0 {
		c := u / s.Scale        // once, as scikit-learn's compiled loop divides
		for k, j := range idx { // w ← w + u·x
			s.V[j] += float64(val[k] * c)
		}
		s.B += float64(u * s.cfg.InterceptDecay) // b ← b + u·d
	}
	if k := float64(s.cfg.Average); k > 0 && k <= s.T {
		s.average(idx, val, u, s.T-k+1)
	}
	s.T++
	return z, finite(z) && finite(s.B)
}

// rate returns the step's η.
func (s *plainSGD) rate() float64 {
	switch s.cfg.LearningRate {
	case OptimalRate:
		return 1 / (s.cfg.Alpha * (s.t0 + s.T - 1))
	case InvScalingRate:
		return s.cfg.Eta0 / libm.Pow(s.T, s.cfg.PowerT)
	}
	return s.eta
}

// shrink multiplies w by c, and folds Scale into V (and the average's
// coefficients into Avg) when it gets small.
func (s *plainSGD) shrink(c float64) {
	s.Scale *= c
	if s.Scale < resetScale {
		s.fold()
	}
}

// average moves the average towards w after the step that added u·x to w,
// the m-th step averaged: w̄ ← w̄ + (w − w̄)/m. In the lazy form V's change
// u·x/Scale enters Avg with weight −AvgA, and AvgA and AvgB absorb the rest.
func (s *plainSGD) average(idx []int32, val []float64, u, m float64) {
	mu, c := 1/m, -u/s.Scale
	avg, a := s.Avg, s.AvgA // read once: Go reads fields again after each store to avg
	for k, j := range idx {
		avg[j] += float64(a * val[k] * c)
	}
	if m > 1 {
		s.AvgB /= 1 - mu
	}
	s.AvgA += float64(mu * s.AvgB * s.Scale)
	s.AvgBias += (s.B - s.AvgBias) / m
}

// fold sets V to w and Scale to 1, and Avg to w̄ with AvgA 0 and AvgB 1,
// as scikit-learn's reset_wscale does.
func (s *plainSGD) fold() {
	if s.Avg != nil {
		s.AverageWeights(s.Avg)
		s.AvgA, s.AvgB = 0, 1
	}
	s.Weights(s.V)
	s.Scale = 1
}

// snap copies the model SGDClassifier reports into m: the average once
// averaging has begun.
func (s *plainSGD) snap(m *Model) { m.B = s.Model(m.W, float64(s.cfg.Average)) }

func (s *plainSGD) count(m Model, d *data.Dataset) counts { return predictions(m, d, logitAboveZero) }

// endEpoch applies scikit-learn's rule for tol (SklearnLoop's doc) and
// reports whether training ends.
func (s *plainSGD) endEpoch(sum, n float64) bool {
	if s.cfg.Tol > 0 && sum > s.bestLoss-s.cfg.Tol*n {
		s.noImprove++
	} else {
		s.noImprove = 0
	}
	s.bestLoss = min(s.bestLoss, sum)
	if s.noImprove < s.cfg.NIterNoChange {
		return false
	}
	if s.cfg.LearningRate == AdaptiveRate && s.eta > 1e-6 {
		s.eta /= 5
		s.noImprove = 0
		return false
	}
	return true
}

// logLoss returns scikit-learn's log loss of the logit z for the label
// y = ±1, log(1 + e^(−yz)), with its cut-offs at yz = ±18.
func logLoss(z, y float64) float64 {
	m := z * y
	switch {
	case m > 18:
		return math.Exp(-m)
	case m < -18:
		return -m
	}
	return math.Log(1 + math.Exp(-m))
}

// logLossGrad returns scikit-learn's ∂/∂z of logLoss, −y/(e^(yz) + 1), with
// the same cut-offs. Its exponential is the C library's, which scikit-learn
// calls, or else correctly rounded, as that one nearly always is
// (libm.Exp): math.Exp's one-ulp errors, grown by OptimalRate's large
// first steps, would move the final weights in the second digit. The loss
// only reports, and takes math.Exp.
func logLossGrad(z, y float64) float64 {
	m := z * y
	switch {
	case m > 18:
		return libm.Exp(-m) * -y
	case m < -18:
		return -y
	}
	return -y / (libm.Exp(m) + 1)
}
