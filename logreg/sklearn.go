package logreg

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/crmath"
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
// train and test error of the epoch's model (TestError 0 when test is nil
// or empty) and the time of the pass. The model of an epoch, and
// History.Model, is the average (w̄, b̄) once averaging has begun and
// (w, b) otherwise, as SGDClassifier's coef_ and intercept_ are.
//
// With cfg.Tol > 0, an epoch whose loss sum is not below the best so far by
// Tol·N counts as no improvement; after cfg.NIterNoChange of them in a row
// AdaptiveRate divides η by 5 (while η > 10⁻⁶) and the other schedules
// stop. With Tol 0 (scikit-learn's tol=None) every epoch runs and
// AdaptiveRate keeps η₀.
//
// With AdaGradRate the step is torch.optim.Adagrad's on the same
// objective, ℓ + (α/2)·‖w‖² for the sample (see Schedule), with no
// intercept decay and no averaging.
//
// On sparse a9a, with shuffle=False and the same parameters, the final
// model matches scikit-learn 1.2's coef_ and intercept_ within 10⁻⁹
// relative for every schedule, with and without averaging, and
// AdaGradRate matches torch.optim.Adagrad stepped per sample (the traces in
// testdata/reference). A step costs O(nonzeros), except AdaGradRate's,
// whose penalty moves every weight: O(width).
//
// SklearnLoop returns an error wrapping ErrConfig for a bad cfg (see
// SklearnConfig.Validate) or when the weights overflow (a rate too large
// for the data), and ErrData for unusable data, as TorchLoop does.
func SklearnLoop(train, test *data.Dataset, cfg SklearnConfig) (*History, error) {
	return sklearnLoop(train, test, cfg, nil)
}

// sklearnLoop is SklearnLoop, calling epochModel, if set, with each
// epoch's model.
func sklearnLoop(train, test *data.Dataset, cfg SklearnConfig, epochModel func(epoch int, m Model)) (*History, error) {
	cfg, err := cfg.prepare(train, test)
	if err != nil {
		return nil, err
	}
	var s sklearnState
	if cfg.LearningRate == AdaGradRate {
		s = newAdaGrad(train.Width, cfg)
	} else {
		s = newPlainSGD(train.Width, cfg)
	}
	ord := newOrder(train.Rows(), cfg.Shuffle, newRand(cfg.Seed))
	h := &History{Loop: "sklearn", Config: cfg.shared(), Epochs: make([]Record, 0, min(cfg.Epochs, 1000))}
	n := float64(train.Rows())
	for e := 1; e <= cfg.Epochs; e++ {
		start := time.Now()
		sum := 0.0
		for _, i := range ord.next() {
			idx, val := train.Row(i)
			sum += s.step(idx, val, 2*train.Y[i]-1)
		}
		seconds := time.Since(start).Seconds()
		m := s.model()
		if !finiteModel(m) {
			return nil, fmt.Errorf("%w: the weights overflowed in epoch %d with learning_rate %v, eta0 %v, alpha %v: take a smaller rate",
				ErrConfig, e, cfg.LearningRate, cfg.Eta0, cfg.Alpha)
		}
		rec := Record{Epoch: e, Loss: sum / n, TrainError: ErrorRate(m, train), Seconds: seconds}
		if test != nil {
			rec.TestError = ErrorRate(m, test)
		}
		h.Epochs = append(h.Epochs, rec)
		if epochModel != nil {
			epochModel(e, m)
		}
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(rec)
		}
		h.Model = m
		if s.endEpoch(sum, n) {
			break
		}
	}
	return h, nil
}

// sklearnState is the model of one SklearnLoop run.
type sklearnState interface {
	// step trains on one sample, y = ±1, and returns its loss before the step.
	step(idx []int32, val []float64, y float64) float64
	// endEpoch applies the end-of-epoch rules to the epoch's loss sum over n
	// samples and reports whether training stops.
	endEpoch(sum, n float64) bool
	// model returns a copy of the current model (the average once begun).
	model() Model
}

// plainSGD is _plain_sgd's state: SGDClassifier's schedules and averaging.
//
// The weights are w = scale·v, so that the penalty's step w ← (1 − ηα)·w is
// one multiplication of scale and a step costs O(nonzeros); scikit-learn
// keeps them so, and matching its coef_ to 10⁻⁹ needs its rounding.
// The average w̄ = (avg + avgA·v)/avgB is kept in Bottou's lazy form for the
// same reason: a step updates avg only at the sample's features.
type plainSGD struct {
	cfg SklearnConfig

	v     []float64
	scale float64
	b     float64

	t   float64 // the step, from 1, as a float64 as scikit-learn counts it
	eta float64 // the current rate of ConstantRate and AdaptiveRate
	t0  float64 // OptimalRate's offset

	avg        []float64
	avgA, avgB float64
	avgBias    float64 // the average of the bias

	bestLoss  float64
	noImprove int
}

// resetScale is the scale below which scikit-learn folds it into the
// weights, before it underflows.
const resetScale = 1e-9

// maxDLoss is scikit-learn's clip on ∂ℓ/∂z.
const maxDLoss = 1e12

func newPlainSGD(width int, cfg SklearnConfig) *plainSGD {
	s := &plainSGD{cfg: cfg, v: make([]float64, width), scale: 1, t: 1, eta: cfg.Eta0,
		avgB: 1, bestLoss: math.Inf(1)}
	if cfg.Average > 0 {
		s.avg = make([]float64, width)
	}
	if cfg.LearningRate == OptimalRate {
		// Bottou's heuristic: the first step's rate suits a weight of
		// typical size typw = α^(−1/4), as scikit-learn computes it.
		typw := math.Sqrt(1 / math.Sqrt(cfg.Alpha))
		eta1 := typw / math.Max(1, logLossGrad(-typw, 1))
		s.t0 = 1 / (eta1 * cfg.Alpha)
	}
	return s
}

// step is one step of _plain_sgd, as SklearnLoop's formulas read, with
// u = −η·g. The float64(...) around products keep Go from fusing one with
// the next addition into an FMA, as it may on some platforms: scikit-learn's
// compiled loop rounds both.
func (s *plainSGD) step(idx []int32, val []float64, y float64) float64 {
	z := float64(dot(s.v, 0, idx, val)*s.scale) + s.b // z = w·x + b
	eta := s.rate()
	loss := logLoss(z, y)
	g := max(-maxDLoss, min(logLossGrad(z, y), maxDLoss))
	u := -eta * g
	s.shrink(max(0, 1-float64(eta*s.cfg.Alpha))) // w ← (1 − ηα)·w
	if u != 0 {
		for k, j := range idx { // w ← w + u·x
			s.v[j] += float64(val[k] * (u / s.scale))
		}
		s.b += float64(u * s.cfg.InterceptDecay) // b ← b + u·d
	}
	if k := float64(s.cfg.Average); k > 0 && k <= s.t {
		s.average(idx, val, u, s.t-k+1)
	}
	s.t++
	return loss
}

// rate returns the step's η.
func (s *plainSGD) rate() float64 {
	switch s.cfg.LearningRate {
	case OptimalRate:
		return 1 / (s.cfg.Alpha * (s.t0 + s.t - 1))
	case InvScalingRate:
		return s.cfg.Eta0 / math.Pow(s.t, s.cfg.PowerT)
	}
	return s.eta
}

// shrink multiplies w by c, and folds the scale into v (and the average's
// coefficients into avg) when it gets small.
func (s *plainSGD) shrink(c float64) {
	s.scale *= c
	if s.scale < resetScale {
		s.fold()
	}
}

// average moves the average towards w after the step that added u·x to w,
// the m-th step averaged: w̄ ← w̄ + (w − w̄)/m. In the lazy form v's change
// u·x/scale enters avg with weight −avgA, and avgA and avgB absorb the rest.
func (s *plainSGD) average(idx []int32, val []float64, u, m float64) {
	mu := 1 / m
	for k, j := range idx {
		s.avg[j] += float64(s.avgA * val[k] * (-u / s.scale))
	}
	if m > 1 {
		s.avgB /= 1 - mu
	}
	s.avgA += float64(mu * s.avgB * s.scale)
	s.avgBias += (s.b - s.avgBias) / m
}

// fold sets v to w and the scale to 1, and avg to w̄ with avgA 0 and avgB 1.
func (s *plainSGD) fold() {
	if s.avg != nil {
		s.averageWeights(s.avg)
		s.avgA, s.avgB = 0, 1
	}
	s.weights(s.v)
	s.scale = 1
}

// weights sets w to scale·v, in the order scikit-learn's reset_wscale
// rounds it.
func (s *plainSGD) weights(w []float64) {
	for j, vj := range s.v {
		w[j] = vj * s.scale
	}
}

// averageWeights sets w to w̄ = (avg + avgA·v)/avgB, rounded as
// reset_wscale rounds it.
func (s *plainSGD) averageWeights(w []float64) {
	inv := 1 / s.avgB
	for j, aj := range s.avg {
		w[j] = (aj + float64(s.avgA*s.v[j])) * inv
	}
}

func (s *plainSGD) model() Model {
	m := Model{W: make([]float64, len(s.v))}
	// SGDClassifier returns the average once averaging has begun.
	if k := float64(s.cfg.Average); k > 0 && k <= s.t-1 {
		s.averageWeights(m.W)
		m.B = s.avgBias
		return m
	}
	s.weights(m.W)
	m.B = s.b
	return m
}

// endEpoch applies scikit-learn's rule for tol: an epoch whose loss sum is
// not below the best by Tol·N is no improvement; after NIterNoChange of
// them AdaptiveRate divides its rate by 5 (down to 10⁻⁶) and training
// stops otherwise.
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

// adaGrad is torch.optim.Adagrad stepped on one sample's objective
// ℓ + (α/2)·‖w‖², one accumulated sum of squared gradients per coordinate.
type adaGrad struct {
	lr, alpha float64
	w         []float64
	b         float64
	sum       []float64 // Σ of the squared gradients of each weight
	sumB      float64   // and of the bias
	grad      []float64 // the step's gradient
}

// adaGradEps is torch.optim.Adagrad's default eps, which keeps the first
// division finite.
const adaGradEps = 1e-10

func newAdaGrad(width int, cfg SklearnConfig) *adaGrad {
	return &adaGrad{lr: cfg.Eta0, alpha: cfg.Alpha, w: make([]float64, width),
		sum: make([]float64, width), grad: make([]float64, width)}
}

// step takes, for every coordinate θ of (w, b) with gradient gθ,
//
//	sum_θ ← sum_θ + gθ²
//	θ ← θ − lr·gθ/(√sum_θ + eps)
//
// where g_w = α·w + (σ(z) − y₀₁)·x, summed as autograd sums the two
// gradients, and g_b = σ(z) − y₀₁. The penalty's gradient is nonzero at
// every weight, so the step touches them all.
func (s *adaGrad) step(idx []int32, val []float64, y float64) float64 {
	z := dot(s.w, s.b, idx, val)
	loss := logLoss(z, y)
	r := Sigmoid(z) - (y+1)/2
	for j, wj := range s.w {
		s.grad[j] = s.alpha * wj
	}
	for k, j := range idx {
		s.grad[j] += float64(r * val[k])
	}
	for j, gj := range s.grad {
		s.w[j] = adaGradStep(s.w[j], gj, &s.sum[j], s.lr)
	}
	s.b = adaGradStep(s.b, r, &s.sumB, s.lr)
	return loss
}

// adaGradStep returns θ after one AdaGrad step with gradient g, adding g² to
// its sum, rounded as torch's addcmul_ and addcdiv_ round.
func adaGradStep(theta, g float64, sum *float64, lr float64) float64 {
	*sum += float64(g * g)
	return theta - float64(lr*g)/(math.Sqrt(*sum)+adaGradEps)
}

func (s *adaGrad) endEpoch(sum, n float64) bool { return false }

func (s *adaGrad) model() Model {
	return Model{W: append([]float64(nil), s.w...), B: s.b}
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
// the same cut-offs. Its exponential is correctly rounded (crmath.Exp), as
// the C library's that scikit-learn calls nearly always is: math.Exp's
// one-ulp errors, grown by OptimalRate's large first steps, would move the
// final weights in the second digit. The loss only reports, and takes
// math.Exp.
func logLossGrad(z, y float64) float64 {
	m := z * y
	switch {
	case m > 18:
		return crmath.Exp(-m) * -y
	case m < -18:
		return -y
	}
	return -y / (crmath.Exp(m) + 1)
}

// finiteModel reports whether every weight of m and its bias are finite.
func finiteModel(m Model) bool {
	for _, w := range m.W {
		if !finite(w) {
			return false
		}
	}
	return finite(m.B)
}

// SklearnConfig sets up SklearnLoop, with the names of SGDClassifier's
// parameters. Its zero value is SGDClassifier's default setting, with 10
// epochs: OptimalRate, α = 10⁻⁴, no averaging, tol=None, file order, and
// the intercept decay scikit-learn uses for sparse input.
type SklearnConfig struct {
	// LearningRate is the schedule (learning_rate); the zero value is
	// OptimalRate, SGDClassifier's default.
	LearningRate Schedule `json:"learning_rate"`
	// Eta0 is the initial rate η₀ (eta0) of ConstantRate, InvScalingRate,
	// AdaptiveRate and AdaGradRate (torch's lr), which need it > 0;
	// OptimalRate ignores it.
	Eta0 float64 `json:"eta0"`
	// PowerT is InvScalingRate's exponent (power_t); 0 means 0.5.
	PowerT float64 `json:"power_t"`
	// Alpha is the penalty α of (α/2)‖w‖² (alpha); 0 means 10⁻⁴.
	Alpha float64 `json:"alpha"`
	// Average, when positive, averages the weights from step Average on
	// (average): 1 is average=True, k > 1 starts at the k-th sample seen.
	// AdaGradRate does not average.
	Average int `json:"average"`
	// Epochs is the number of passes (max_iter); 0 means 10.
	Epochs int `json:"epochs"`
	// Tol, when positive, turns on scikit-learn's rule for tol (see
	// SklearnLoop); 0 is tol=None. AdaGradRate takes no Tol.
	Tol float64 `json:"tol"`
	// NIterNoChange is the number of epochs without improvement the rule
	// waits for (n_iter_no_change); 0 means 5.
	NIterNoChange int `json:"n_iter_no_change"`
	// InterceptDecay d scales the bias's steps; 0 means 0.01, scikit-learn's
	// value for sparse input. 1 is its value for dense input, where the
	// bias learns at the weights' rate. AdaGradRate ignores it.
	InterceptDecay float64 `json:"intercept_decay"`
	// Shuffle visits the samples in a new random order every epoch, drawn
	// from Seed (shuffle=True, though not scikit-learn's own order).
	Shuffle bool   `json:"shuffle"`
	Seed    uint64 `json:"seed"`
	// OnEpoch, when set, is called with each Record as soon as the epoch
	// ends, on the loop's goroutine.
	OnEpoch func(Record) `json:"-"`
}

// SGDClassifier's defaults, used for the zero fields of a SklearnConfig.
const (
	defaultAlpha          = 1e-4
	defaultPowerT         = 0.5
	defaultNIterNoChange  = 5
	defaultInterceptDecay = 0.01 // sklearn.linear_model._base.SPARSE_INTERCEPT_DECAY
)

// Validate returns an error wrapping ErrConfig, naming the parameter, if a
// field of c is out of range: an unknown LearningRate, Eta0 ≤ 0 for a
// schedule that uses it, Alpha, Average, Epochs, Tol, NIterNoChange or
// InterceptDecay negative, any of them NaN or infinite, or Average or Tol
// with AdaGradRate.
func (c SklearnConfig) Validate() error {
	switch {
	case c.LearningRate < OptimalRate || c.LearningRate > AdaGradRate:
		return fmt.Errorf("%w: learning_rate %d unknown", ErrConfig, int(c.LearningRate))
	case !finite(c.Eta0) || c.Eta0 < 0:
		return fmt.Errorf("%w: eta0 %v, want ≥ 0", ErrConfig, c.Eta0)
	case c.Eta0 == 0 && c.LearningRate != OptimalRate:
		return fmt.Errorf("%w: eta0 0, want > 0 for learning_rate %v", ErrConfig, c.LearningRate)
	case !finite(c.PowerT):
		return fmt.Errorf("%w: power_t %v", ErrConfig, c.PowerT)
	case !finite(c.Alpha) || c.Alpha < 0:
		return fmt.Errorf("%w: alpha %v, want ≥ 0 (0 means %v)", ErrConfig, c.Alpha, defaultAlpha)
	case c.Average < 0:
		return fmt.Errorf("%w: average %d < 0", ErrConfig, c.Average)
	case c.Epochs < 0:
		return fmt.Errorf("%w: epochs %d < 0", ErrConfig, c.Epochs)
	case !finite(c.Tol) || c.Tol < 0:
		return fmt.Errorf("%w: tol %v, want ≥ 0 (0 means none)", ErrConfig, c.Tol)
	case c.NIterNoChange < 0:
		return fmt.Errorf("%w: n_iter_no_change %d < 0", ErrConfig, c.NIterNoChange)
	case !finite(c.InterceptDecay) || c.InterceptDecay < 0:
		return fmt.Errorf("%w: intercept decay %v, want ≥ 0 (0 means %v)", ErrConfig, c.InterceptDecay, defaultInterceptDecay)
	case c.LearningRate == AdaGradRate && c.Average > 0:
		return fmt.Errorf("%w: average %d with learning_rate adagrad: AdaGrad does not average", ErrConfig, c.Average)
	case c.LearningRate == AdaGradRate && c.Tol > 0:
		return fmt.Errorf("%w: tol %v with learning_rate adagrad: the rule for tol is scikit-learn's", ErrConfig, c.Tol)
	}
	return nil
}

// WithDefaults returns c with its zero fields replaced by SGDClassifier's
// defaults (Epochs by 10); SklearnLoop records the result in History.
func (c SklearnConfig) WithDefaults() SklearnConfig {
	if c.Epochs == 0 {
		c.Epochs = defaultEpochs
	}
	if c.PowerT == 0 {
		c.PowerT = defaultPowerT
	}
	if c.Alpha == 0 {
		c.Alpha = defaultAlpha
	}
	if c.NIterNoChange == 0 {
		c.NIterNoChange = defaultNIterNoChange
	}
	if c.InterceptDecay == 0 {
		c.InterceptDecay = defaultInterceptDecay
	}
	return c
}

// prepare validates c and the data for SklearnLoop and returns c with its
// defaults filled in.
func (c SklearnConfig) prepare(train, test *data.Dataset) (SklearnConfig, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if _, err := prepare(train, test, Config{}); err != nil {
		return c, err
	}
	// AdaGrad builds the whole gradient from a row and needs its indices
	// distinct; the others take any row whose indices fit.
	if err := checkRows(train, "train", c.LearningRate == AdaGradRate); err != nil {
		return c, err
	}
	if test != nil {
		if err := checkRows(test, "test", false); err != nil {
			return c, err
		}
	}
	return c.WithDefaults(), nil
}

// shared returns the fields of c that Config shares, for History.Config:
// the epochs, η₀ as the learning rate, α as the L2 penalty with the bias
// out of it, shuffling and the seed.
func (c SklearnConfig) shared() Config {
	return Config{Epochs: c.Epochs, LearningRate: c.Eta0, L2: c.Alpha, BiasOutOfL2: true, Shuffle: c.Shuffle, Seed: c.Seed}
}

// Schedule is a learning-rate schedule of SklearnLoop: scikit-learn's
// learning_rate, and AdaGrad. At step t (from 1, over all epochs), with
// η₀ = Eta0:
//
//	OptimalRate     η = 1/(α·(t₀ + t − 1)), Bottou's rate for a strongly convex
//	                objective, t₀ chosen so that the first step's η is
//	                typw/max(1, ℓ'(−typw)) = typw with typw = α^(−1/4), a typical
//	                weight (10 for α = 10⁻⁴: large first steps)
//	ConstantRate    η = η₀
//	InvScalingRate  η = η₀/t^PowerT
//	AdaptiveRate    η = η₀, divided by 5 after NIterNoChange epochs without
//	                improvement by Tol (so, with Tol 0, ConstantRate)
//	AdaGradRate     per coordinate, η₀/(√(Σ of its squared gradients) + 10⁻¹⁰),
//	                torch.optim.Adagrad's defaults
//
// Its text form (String, ParseSchedule, JSON) is scikit-learn's name,
// and "adagrad".
type Schedule int

// The schedules; the zero value is OptimalRate, SGDClassifier's default.
const (
	OptimalRate Schedule = iota
	ConstantRate
	InvScalingRate
	AdaptiveRate
	AdaGradRate
)

func (s Schedule) String() string {
	switch s {
	case OptimalRate:
		return "optimal"
	case ConstantRate:
		return "constant"
	case InvScalingRate:
		return "invscaling"
	case AdaptiveRate:
		return "adaptive"
	case AdaGradRate:
		return "adagrad"
	}
	return fmt.Sprintf("Schedule(%d)", int(s))
}

// ParseSchedule returns the schedule named name, or an error wrapping
// ErrConfig that lists the names.
func ParseSchedule(name string) (Schedule, error) {
	var names []string
	for s := OptimalRate; s <= AdaGradRate; s++ {
		if s.String() == name {
			return s, nil
		}
		names = append(names, s.String())
	}
	return 0, fmt.Errorf("%w: learning_rate %q unknown, want one of %s", ErrConfig, name, strings.Join(names, ", "))
}

// MarshalText returns the schedule's name.
func (s Schedule) MarshalText() ([]byte, error) {
	if s < OptimalRate || s > AdaGradRate {
		return nil, fmt.Errorf("%w: learning_rate %d unknown", ErrConfig, int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText sets s to the schedule named by text.
func (s *Schedule) UnmarshalText(text []byte) error {
	v, err := ParseSchedule(string(text))
	if err == nil {
		*s = v
	}
	return err
}
