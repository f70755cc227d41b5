package logreg

import (
	"errors"
	"fmt"
	"math"

	"github.com/sgdlab/sgdlab/data"
)

// Errors the loops and Optimum wrap (test with errors.Is).
var (
	// ErrConfig marks a Config value out of range.
	ErrConfig = errors.New("logreg: invalid config")
	// ErrData marks a data set the loops cannot train or evaluate on.
	ErrData = errors.New("logreg: unusable data")
)

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
	if c.Epochs == 0 {
		c.Epochs = defaultEpochs
	}
	if c.LearningRate == 0 {
		c.LearningRate = defaultLearningRate
	}
	if c.L2 == 0 {
		c.L2 = defaultL2
	}
	return c
}

// Lambda returns the penalty λ in effect: L2 with the seed's default for 0,
// and 0 when L2 is negative (penalty off).
func (c Config) Lambda() float64 {
	c = c.WithDefaults()
	return max(c.L2, 0)
}

// prepare validates cfg and the data for a loop and returns cfg with its
// defaults filled in. test may be nil.
func prepare(train, test *data.Dataset, cfg Config) (Config, error) {
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	if err := checkTrain(train); err != nil {
		return cfg, err
	}
	if test != nil {
		if len(test.Y) != test.Rows() {
			return cfg, fmt.Errorf("%w: test set has no binary labels", ErrData)
		}
		if test.Width != train.Width {
			return cfg, fmt.Errorf("%w: test set has %d columns, train set %d (read them as a pair)", ErrData, test.Width, train.Width)
		}
	}
	return cfg.WithDefaults(), nil
}

// checkTrain returns an error wrapping ErrData unless train is a non-empty
// data set with binary labels.
func checkTrain(train *data.Dataset) error {
	switch {
	case train == nil:
		return fmt.Errorf("%w: no train set", ErrData)
	case train.Rows() == 0:
		return fmt.Errorf("%w: empty train set", ErrData)
	case len(train.Y) != train.Rows():
		return fmt.Errorf("%w: train set has no binary labels", ErrData)
	}
	return nil
}

// hasRows reports whether d is a data set with at least one row.
func hasRows(d *data.Dataset) bool { return d != nil && d.Rows() > 0 }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
