package logreg

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

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
	// OnEpoch, when set, receives each epoch's record once it is complete:
	// in order, one call at a time, all before the loop returns. If it
	// panics, the loop stops and panics with the same value, in the
	// caller's goroutine, once every goroutine it started has ended.
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
	if d := c.withDefaults().engine(); c.LearningRate == OptimalRate && d.FirstRateInfinite() {
		return fmt.Errorf("%w: alpha %v is too large for learning_rate optimal: t₀ = %.3g, and its first rate 1/(alpha·(t₀ + 1 − 1)) is +Inf",
			ErrConfig, d.Alpha, d.T0)
	}
	return nil
}

// withDefaults returns c with its zero fields replaced by SGDClassifier's
// defaults (Epochs by 10); SklearnLoop records the result in History.
func (c SklearnConfig) withDefaults() SklearnConfig {
	c.Epochs = cmp.Or(c.Epochs, defaultEpochs)
	c.PowerT = cmp.Or(c.PowerT, defaultPowerT)
	c.Alpha = cmp.Or(c.Alpha, defaultAlpha)
	c.NIterNoChange = cmp.Or(c.NIterNoChange, defaultNIterNoChange)
	c.InterceptDecay = cmp.Or(c.InterceptDecay, defaultInterceptDecay)
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
	return c.withDefaults(), nil
}

// shared returns the fields of c that Config shares, for History.Config:
// the epochs, η₀ as the learning rate, α as the L2 penalty with the bias
// out of it, shuffling, the seed and OnEpoch.
func (c SklearnConfig) shared() Config {
	return Config{Epochs: c.Epochs, LearningRate: c.Eta0, L2: c.Alpha, BiasOutOfL2: true, Shuffle: c.Shuffle,
		Seed: c.Seed, RecordObjective: true, OnEpoch: c.OnEpoch}
}

// optimalT0 returns OptimalRate's t₀, Bottou's heuristic as scikit-learn
// computes it: the first step's rate suits a weight of typical size
// typw = α^(−1/4), η₁ = typw/max(1, ℓ'(−typw)), and t₀ = 1/(η₁·α).
func (c SklearnConfig) optimalT0() float64 {
	typw := math.Sqrt(1 / math.Sqrt(c.Alpha))
	eta1 := typw / math.Max(1, logLossGrad(-typw, 1))
	return 1 / (eta1 * c.Alpha)
}

// engine returns the engine's constants for c, defaults filled in.
func (c SklearnConfig) engine() sgdfast.SGDParams {
	return sgdfast.SGDParams{Schedule: engineSchedules[c.LearningRate], Eta0: c.Eta0, PowerT: c.PowerT, Alpha: c.Alpha,
		T0: c.optimalT0(), InterceptDecay: c.InterceptDecay, AverageFrom: float64(c.Average)}
}

// engineSchedules are the engine's names of the schedules; it runs
// AdaptiveRate as ConstantRate, since without tol the two are the same.
var engineSchedules = [...]sgdfast.Schedule{OptimalRate: sgdfast.Optimal, ConstantRate: sgdfast.Constant,
	InvScalingRate: sgdfast.InvScaling, AdaptiveRate: sgdfast.Constant, AdaGradRate: sgdfast.AdaGrad}

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

// scheduleNames are the schedules' names, in their order.
var scheduleNames = [...]string{"optimal", "constant", "invscaling", "adaptive", "adagrad"}

func (s Schedule) String() string {
	if s >= OptimalRate && s <= AdaGradRate {
		return scheduleNames[s]
	}
	return fmt.Sprintf("Schedule(%d)", int(s))
}

// ParseSchedule returns the schedule named name, or an error wrapping
// ErrConfig that lists the names.
func ParseSchedule(name string) (Schedule, error) {
	if s := slices.Index(scheduleNames[:], name); s >= 0 {
		return Schedule(s), nil
	}
	return 0, fmt.Errorf("%w: learning_rate %q unknown, want one of %s", ErrConfig, name, strings.Join(scheduleNames[:], ", "))
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
