package logreg

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"zero value: the seed", Config{}, true},
		{"everything set", Config{Epochs: 3, LearningRate: 0.1, L2: -1, Momentum: 0.9, InitStd: 0.01, Shuffle: true}, true},
		{"negative epochs", Config{Epochs: -1}, false},
		{"negative learning rate", Config{LearningRate: -0.1}, false},
		{"NaN learning rate", Config{LearningRate: math.NaN()}, false},
		{"momentum 1", Config{Momentum: 1}, false},
		{"negative momentum", Config{Momentum: -0.1}, false},
		{"NaN momentum", Config{Momentum: math.NaN()}, false},
		{"infinite L2", Config{L2: math.Inf(1)}, false},
		{"negative InitStd", Config{InitStd: -1}, false},
	} {
		err := tc.cfg.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("%s: Validate() = %v", tc.name, err)
		}
		if err != nil && !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v does not wrap ErrConfig", tc.name, err)
		}
		if tc.ok {
			continue
		}
		// Every entry point refuses it with the same error.
		d := testkit.Hand()
		if _, err := TorchLoop(d, nil, tc.cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: TorchLoop: %v", tc.name, err)
		}
		if _, err := NumPyLoop(d, nil, tc.cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: NumPyLoop: %v", tc.name, err)
		}
	}
}

func TestWithDefaults(t *testing.T) {
	c := Config{}.WithDefaults()
	if c.Epochs != 10 || c.LearningRate != 0.001 || c.L2 != 1e-4 || c.Momentum != 0 {
		t.Errorf("defaults %+v", c)
	}
	if c2 := c.WithDefaults(); c2.Epochs != c.Epochs || c2.LearningRate != c.LearningRate || c2.L2 != c.L2 {
		t.Errorf("not idempotent: %+v then %+v", c, c2)
	}
	for _, tc := range []struct{ l2, lambda float64 }{{0, 1e-4}, {-1, 0}, {0.5, 0.5}} {
		if got := (Config{L2: tc.l2}).lambda(); got != tc.lambda {
			t.Errorf("Config{L2: %v}.lambda() = %v, want %v", tc.l2, got, tc.lambda)
		}
	}
}

func TestDataErrors(t *testing.T) {
	good := testkit.Hand()
	narrow := testkit.Hand()
	narrow.Width = 2
	unlabelled := testkit.Hand()
	unlabelled.Y = nil
	// valued returns the hand set with value v in its last row.
	valued := func(v float64) *data.Dataset {
		d := testkit.Hand()
		d.Value[len(d.Value)-1] = v
		return d
	}
	// labelled returns the hand set with label y in its last row.
	labelled := func(y float64) *data.Dataset {
		d := testkit.Hand()
		d.Y[len(d.Y)-1] = y
		return d
	}
	for _, tc := range []struct {
		name        string
		train, test *data.Dataset
		want        string
	}{
		{"nil train", nil, good, "no train set"},
		{"empty train", &data.Dataset{RowPtr: []int{0}, Width: 3}, good, "empty train set"},
		{"train without labels", unlabelled, good, "train set has no binary labels"},
		{"test without labels", good, unlabelled, "test set has no binary labels"},
		{"test of another width", good, narrow, "test set has 2 columns"},
		{"empty test", good, &data.Dataset{RowPtr: []int{0}, Width: 3}, "empty test set"},
		{"train label 2", labelled(2), good, "train set: row 3 has label 2, want 0 or 1"},
		{"train label -1", labelled(-1), nil, "train set: row 3 has label -1"},
		{"train label NaN", labelled(math.NaN()), nil, "train set: row 3 has label NaN"},
		{"test label 0.5", good, labelled(0.5), "test set: row 3 has label 0.5"},
		{"test label +Inf", good, labelled(math.Inf(1)), "test set: row 3 has label +Inf"},
		{"train value NaN", valued(math.NaN()), good, "train set: row 3 has value NaN"},
		{"train value -Inf", valued(math.Inf(-1)), nil, "train set: row 3 has value -Inf"},
		{"test value NaN", good, valued(math.NaN()), "test set: row 3 has value NaN"},
		{"test value +Inf", good, valued(math.Inf(1)), "test set: row 3 has value +Inf"},
	} {
		for name, loop := range map[string]func(train, test *data.Dataset, cfg Config) (*History, error){
			"TorchLoop": TorchLoop, "NumPyLoop": NumPyLoop,
			"SklearnLoop": func(train, test *data.Dataset, _ Config) (*History, error) {
				return SklearnLoop(train, test, SklearnConfig{Epochs: 1})
			},
			// The readable paths.
			"SklearnLoop with Tol": func(train, test *data.Dataset, _ Config) (*History, error) {
				return SklearnLoop(train, test, SklearnConfig{Epochs: 1, Tol: 1e-3})
			},
			"TorchLoop in float32": func(train, test *data.Dataset, cfg Config) (*History, error) {
				cfg.Float32 = true
				return TorchLoop(train, test, cfg)
			},
		} {
			if _, err := loop(tc.train, tc.test, Config{Epochs: 1}); !errors.Is(err, ErrData) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: %s: %v, want ErrData saying %q", tc.name, name, err, tc.want)
			}
		}
	}
	// An empty test set says so; with none, TestError stays 0.
	if _, err := TorchLoop(good, &data.Dataset{RowPtr: []int{0}, Width: 3}, Config{Epochs: 1}); err == nil || !strings.Contains(err.Error(), "empty test set") {
		t.Errorf("empty test set: %v", err)
	}
	for name, loop := range map[string]func(train, test *data.Dataset, cfg Config) (*History, error){
		"TorchLoop": TorchLoop, "NumPyLoop": NumPyLoop,
	} {
		if h, err := loop(good, nil, Config{Epochs: 1}); err != nil || h.Epochs[len(h.Epochs)-1].TestError != 0 {
			t.Errorf("%s, no test set: %v, %+v", name, err, h)
		}
	}
}
