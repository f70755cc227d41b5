package logreg

import (
	"cmp"
	"errors"
	"fmt"
	"math"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// Config sets up both loops. Its zero value is the seed's setting: 10 epochs,
// learning rate 0.001, zero initial weights, file order, and for NumPyLoop an
// L2 penalty of 1e-4 applied to every weight (bias included) in the gradient,
// momentum 0, and the extra pass before training that the seed prints as
// "Epoch 0".
//
// TorchLoop uses Epochs, LearningRate, Shuffle, InitStd, Seed and Float32; the
// PyTorch program has no penalty or momentum, so it ignores the rest.
// NumPyLoop computes in float64, as NumPy does, and ignores Float32.
// Validate reports values out of range; WithDefaults fills in the zero fields.
type Config struct {
	// Epochs is the number of passes over the training data; 0 means 10.
	Epochs int `json:"epochs"`
	// LearningRate is the step size; 0 means 0.001.
	LearningRate float64 `json:"learning_rate"`
	// L2 is the penalty λ of (λ/2)‖w‖²; 0 means the seed's 1e-4, and a
	// negative value turns the penalty off.
	L2 float64 `json:"l2"`
	// Momentum m in velocity = m·velocity − (1−m)·grad; must be in [0,1).
	Momentum float64 `json:"momentum"`
	// BiasOutOfL2 leaves the bias out of the penalty in the gradient too (the
	// seed's commented-out line); by default the gradient penalises it while the
	// loss does not (the seed's active line).
	BiasOutOfL2 bool `json:"bias_out_of_l2"`
	// Shuffle visits the samples in a new random order every epoch, drawn
	// from Seed; by default they are visited in file order.
	Shuffle bool `json:"shuffle"`
	// InitStd, when positive, starts the weights (not the bias) from a normal
	// distribution with this standard deviation, drawn from Seed; 0 starts
	// from zeros.
	InitStd float64 `json:"init_std"`
	// Seed is the only source of randomness: the initial weights are
	// drawn first, then each pass's order (internal/seeded).
	Seed uint64 `json:"seed"`
	// NoPrePass skips NumPyLoop's evaluation pass before training (the
	// seed's "Epoch 0").
	NoPrePass bool `json:"no_pre_pass"`
	// Float32 makes TorchLoop repeat PyTorch's float32 arithmetic step by
	// step (the float32 step is in logreg/internal/pytorch); by default it
	// computes in float64.
	Float32 bool `json:"float32"`
	// RecordObjective fills in each Record's Objective (SklearnLoop always
	// does). It takes one more pass of exponentials over the training set
	// an epoch, beside the next epoch's training, which makes a 10-epoch
	// run on a9a about a sixth longer; by default Objective is left 0.
	RecordObjective bool `json:"record_objective"`
	// OnEpoch, when set, receives each epoch's record once it is complete:
	// in order, one call at a time, all before the loop returns. If it
	// panics, the loop stops and panics with the same value, in the
	// caller's goroutine, once every goroutine it started has ended.
	OnEpoch func(Record) `json:"-"`
}

// The seed's setting, used for the zero fields of a Config.
const (
	defaultEpochs       = 10
	defaultLearningRate = 0.001
	defaultL2           = 1e-4
)

// Validate returns an error wrapping ErrConfig if a field of c is out of
// range: Epochs < 0, LearningRate < 0, Momentum outside [0,1), InitStd < 0,
// or any of them (or L2) NaN or infinite. Zero values are valid: they stand
// for the seed's setting (see WithDefaults).
func (c Config) Validate() error {
	switch {
	case c.Epochs < 0:
		return fmt.Errorf("%w: epochs %d < 0", ErrConfig, c.Epochs)
	case !finite(c.LearningRate) || c.LearningRate < 0:
		return fmt.Errorf("%w: learning rate %v, want ≥ 0 (0 means %v)", ErrConfig, c.LearningRate, defaultLearningRate)
	case !finite(c.Momentum) || c.Momentum < 0 || c.Momentum >= 1:
		return fmt.Errorf("%w: momentum %v outside [0,1)", ErrConfig, c.Momentum)
	case !finite(c.L2):
		return fmt.Errorf("%w: L2 penalty %v", ErrConfig, c.L2)
	case !finite(c.InitStd) || c.InitStd < 0:
		return fmt.Errorf("%w: initial standard deviation %v < 0", ErrConfig, c.InitStd)
	}
	return nil
}

// WithDefaults returns c with its zero fields replaced by the seed's values:
// Epochs 10, LearningRate 0.001, L2 1e-4. A negative L2 (penalty off) is
// kept. WithDefaults is idempotent; the loops record its result in History.
func (c Config) WithDefaults() Config {
	c.Epochs = cmp.Or(c.Epochs, defaultEpochs)
	c.LearningRate = cmp.Or(c.LearningRate, defaultLearningRate)
	c.L2 = cmp.Or(c.L2, defaultL2)
	return c
}

// lambda returns the penalty λ in effect: L2 with the seed's default for 0,
// and 0 when L2 is negative (penalty off).
func (c Config) lambda() float64 {
	c = c.WithDefaults()
	return max(c.L2, 0)
}

// Errors the loops and Optimum wrap (test with errors.Is).
var (
	// ErrConfig marks a Config value out of range.
	ErrConfig = errors.New("logreg: invalid config")
	// ErrData marks a data set the loops cannot train or evaluate on.
	ErrData = datacheck.ErrData
	// ErrDiverged marks a run whose weights, loss or objective stopped
	// being finite (see DivergedError).
	ErrDiverged = errors.New("logreg: diverged")
)

// DivergedError is the error of a run whose weights, loss or objective
// stopped being finite, which a learning rate too large for the data brings
// about. The loop stops where it finds it: at a step (Sample is the
// training row, 0-based as data.Dataset.Row counts them), or at the end of
// an epoch (Sample −1).
type DivergedError struct {
	Epoch, Sample int
	// What went non-finite: "weights" (or the bias), "loss", or
	// "objective" (Record.Objective: weights so large that ‖w‖² overflows).
	What string
	// randomStart: the run started from random weights (Config.InitStd),
	// which may be the cause; penaltyOvershoots: NumPyLoop's lr·L2 is at
	// least 1, so that the penalty's step alone flips the weights' sign.
	randomStart, penaltyOvershoots bool
}

func (e *DivergedError) Error() string {
	hint := "try a smaller learning rate"
	switch {
	case e.Epoch == 0:
		// NumPyLoop's pre-pass, before any step.
		hint = "the initial weights are too large for the data: try a smaller InitStd (-init-std)"
	case e.penaltyOvershoots:
		hint = "try a smaller learning rate or L2 (-lr, -l2): with lr·L2 ≥ 1 the penalty's step alone overshoots"
	case e.randomStart:
		hint = "try a smaller learning rate or InitStd (-init-std)"
	}
	where := sgdfast.Diverged{Epoch: e.Epoch, Sample: e.Sample, What: e.What}
	return fmt.Sprintf("%v: %v; %s", ErrDiverged, &where, hint)
}

// Unwrap returns ErrDiverged.
func (e *DivergedError) Unwrap() error { return ErrDiverged }

// prepare validates cfg and the data for a loop and returns cfg with its
// defaults filled in. test may be nil.
func prepare(train, test *data.Dataset, cfg Config) (Config, error) {
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	if err := datacheck.Sets(train, test); err != nil {
		return cfg, err
	}
	return cfg.WithDefaults(), nil
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
