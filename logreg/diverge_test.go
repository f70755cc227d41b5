package logreg

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestDivergence: a learning rate far too large for the data stops every
// loop, on the engine and on the readable steps, at the step where the
// weights or the loss stop being finite: the History holds the epochs
// before (every number in them finite), says why it stopped, and writes
// its JSON; the error is a *DivergedError wrapping ErrDiverged. With
// Epochs at its largest, nothing is sized by it up front.
func TestDivergence(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	huge := testkit.Huge(r, 300, 20)
	hugeOneHot := testkit.OneHot(testkit.Huge(r, 300, 20))
	for _, tc := range []struct {
		name  string
		loop  func(train, test *data.Dataset, cfg Config) (*History, error)
		train *data.Dataset
		cfg   Config
	}{
		{"TorchLoop", TorchLoop, huge, Config{LearningRate: 1e306}},
		{"TorchLoop readable", readableTorch, huge, Config{LearningRate: 1e306}},
		{"TorchLoop float32", TorchLoop, huge, Config{LearningRate: 1e37, Float32: true}},
		{"NumPyLoop", NumPyLoop, huge, Config{LearningRate: 1e200, L2: 1e-201}},
		{"NumPyLoop one-hot", NumPyLoop, hugeOneHot, Config{LearningRate: 1e200, L2: 1e-201}},
		{"NumPyLoop momentum", NumPyLoop, huge, Config{LearningRate: 1e200, L2: 1e-201, Momentum: 0.9}},
		{"NumPyLoop every weight", NumPyLoop, huge, Config{LearningRate: 1e5, L2: 0.1}},
		{"NumPyLoop readable", readableNumPy, huge, Config{LearningRate: 1e200, L2: 1e-201}},
	} {
		cfg := tc.cfg
		cfg.Epochs = math.MaxInt
		var seen int
		cfg.OnEpoch = func(Record) { seen++ }
		h, err := tc.loop(tc.train, tc.train, cfg)
		var d *DivergedError
		if !errors.As(err, &d) || !errors.Is(err, ErrDiverged) || h == nil {
			t.Errorf("%s: history %v, error %v; want a *DivergedError", tc.name, h != nil, err)
			continue
		}
		if d.Epoch < 0 || d.Epoch > 3 || d.Sample < -1 || d.Sample >= tc.train.Rows() || (d.What != "weights" && d.What != "loss") {
			t.Errorf("%s: %+v", tc.name, d)
		}
		if h.Stopped != err.Error() || !strings.Contains(h.Stopped, "learning rate") {
			t.Errorf("%s: Stopped %q, error %q", tc.name, h.Stopped, err)
		}
		first := 1
		if h.Loop == "numpy" {
			first = 0
		}
		if len(h.Epochs) != d.Epoch-first || seen != len(h.Epochs) {
			t.Errorf("%s: %d records (%d reported) before epoch %d", tc.name, len(h.Epochs), seen, d.Epoch)
		}
		for _, rec := range h.Epochs {
			for _, x := range []float64{rec.Loss, rec.RunningAccuracy, rec.AsWrittenError, rec.TrainError, rec.TestError} {
				if !finite(x) {
					t.Errorf("%s: a record before the divergence holds %v: %+v", tc.name, x, rec)
				}
			}
		}
		if _, err := json.Marshal(h); err != nil {
			t.Errorf("%s: JSON: %v", tc.name, err)
		}
		t.Logf("%s: %v", tc.name, err)
	}
}

func readableTorch(train, test *data.Dataset, cfg Config) (*History, error) {
	return torchLoop(train, test, cfg, true)
}

func readableNumPy(train, test *data.Dataset, cfg Config) (*History, error) {
	return numpyLoop(train, test, cfg, true)
}

// TestHistoryJSON: a History with numbers that are not finite writes them
// as null, with its Stopped note, and reads them back as NaN; every other
// number, and the Config, come back as they were.
func TestHistoryJSON(t *testing.T) {
	h := &History{
		Loop:   "numpy",
		Config: Config{Epochs: 3, LearningRate: 0.5, L2: -1, Momentum: 0.9, Shuffle: true, Seed: 7, InitStd: 0.1, NoPrePass: true, RecordObjective: true},
		Epochs: []Record{
			{Epoch: 1, Loss: 0.25, AsWrittenError: 0.34, TrainError: 0.15, TestError: 0.16, Seconds: 0.001},
			{Epoch: 2, Loss: math.Inf(1), TrainError: math.NaN()},
		},
		Model:   Model{W: []float64{1, math.Inf(-1), math.NaN()}, B: 0.5},
		Stopped: "diverged",
	}
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"loss":null`, `"train_error":null`, `"w":[1,null,null]`, `"stopped":"diverged"`, `"loss":0.25`, `"record_objective":true`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
	var back History
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Config, h.Config) || back.Loop != h.Loop || back.Stopped != h.Stopped || back.Epochs[0] != h.Epochs[0] ||
		!math.IsNaN(back.Epochs[1].Loss) || !math.IsNaN(back.Model.W[1]) || back.Model.W[0] != 1 || back.Model.B != 0.5 {
		t.Errorf("read back %+v, wrote %+v", back, h)
	}
	complete, err := json.Marshal(&History{Loop: "torch", Epochs: []Record{}})
	if err != nil || strings.Contains(string(complete), "stopped") || !strings.Contains(string(complete), `"epochs":[]`) {
		t.Errorf("a complete run with no records: %s, %v", complete, err)
	}
}

// TestObjectiveDiverged: at η₀ = 10³⁰⁰ each step's penalty zeroes the
// weights (1 − η₀α < 0 clips to 0, as scikit-learn clips it) and its
// update sets them to ±10³⁰⁰ on the sample's features: finite weights,
// a finite loss, but ‖w‖² past the largest float64. The run stops at the
// end of the first epoch, with a *DivergedError for the objective, on the
// engine and on the readable steps.
func TestObjectiveDiverged(t *testing.T) {
	d, err := data.Read(strings.NewReader("+1 1:1 2:1\n-1 1:1 3:1\n"), data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	cfg := SklearnConfig{LearningRate: ConstantRate, Eta0: 1e300, Epochs: 3}
	for name, readable := range map[string]bool{"engine": false, "readable": true} {
		h, err := sklearnLoop(d, nil, cfg, readable)
		var div *DivergedError
		if !errors.As(err, &div) || div.What != "objective" || div.Epoch != 1 || div.Sample != -1 || h == nil {
			t.Errorf("%s: %v; want the objective's divergence at the end of epoch 1", name, err)
			continue
		}
		if !strings.Contains(err.Error(), "the objective is not finite at the end of epoch 1") || h.Stopped != err.Error() {
			t.Errorf("%s: error %q, Stopped %q", name, err, h.Stopped)
		}
		if len(h.Epochs) != 0 || !sgdfast.AllFinite(h.Model.W) {
			t.Errorf("%s: %d records, model %v", name, len(h.Epochs), h.Model.W)
		}
	}
}

// TestBadShapes: a data set whose RowPtr does not fit its Index (the rows
// would shift), or whose width is negative or past datacheck.MaxWidth (2⁴⁰), is
// ErrData for every loop, on every path, and for Optimum: never a panic,
// never numbers trained on shifted rows.
func TestBadShapes(t *testing.T) {
	shapes := testkit.BadShapes(datacheck.MaxWidth)
	loops := map[string]func(d *data.Dataset) error{
		"TorchLoop":   func(d *data.Dataset) error { _, err := TorchLoop(d, nil, Config{Epochs: 1}); return err },
		"NumPyLoop":   func(d *data.Dataset) error { _, err := NumPyLoop(d, nil, Config{Epochs: 1}); return err },
		"SklearnLoop": func(d *data.Dataset) error { _, err := SklearnLoop(d, nil, SklearnConfig{Epochs: 1}); return err },
		"SklearnLoop tol": func(d *data.Dataset) error {
			_, err := SklearnLoop(d, nil, SklearnConfig{Epochs: 1, Tol: 1e-3})
			return err
		},
		"SklearnLoop constant": func(d *data.Dataset) error {
			_, err := SklearnLoop(d, nil, SklearnConfig{LearningRate: ConstantRate, Eta0: 0.01, Epochs: 1})
			return err
		},
		"AdaGrad": func(d *data.Dataset) error {
			_, err := SklearnLoop(d, nil, SklearnConfig{LearningRate: AdaGradRate, Eta0: 0.1, Epochs: 1})
			return err
		},
		"Optimum": func(d *data.Dataset) error { _, err := Optimum(d, Config{}); return err },
	}
	for shape, spoil := range shapes {
		for _, oneHot := range []bool{false, true} {
			for name, loop := range loops {
				d := testkit.Random(rand.New(rand.NewPCG(67, 68)), 40, 6, 0.5)
				if oneHot {
					d = testkit.OneHot(d)
				}
				spoil(d)
				func() {
					defer func() {
						if v := recover(); v != nil {
							t.Errorf("%s, %s, one-hot %v: panic %v", shape, name, oneHot, v)
						}
					}()
					if err := loop(d); !errors.Is(err, ErrData) {
						t.Errorf("%s, %s, one-hot %v: %v, want ErrData", shape, name, oneHot, err)
					}
				}()
			}
		}
	}
}

// TestConfigJSONKeeps: reading a Config or SklearnConfig's JSON into one
// that has values keeps what the JSON leaves out, OnEpoch included, as
// encoding/json does; and a SklearnConfig writes a number that is not
// finite as null.
func TestConfigJSONKeeps(t *testing.T) {
	on := func(Record) {}
	c := Config{Epochs: 5, Seed: 3, OnEpoch: on}
	if err := json.Unmarshal([]byte(`{"learning_rate":0.5}`), &c); err != nil || c.Epochs != 5 || c.Seed != 3 || c.OnEpoch == nil || c.LearningRate != 0.5 {
		t.Errorf("Config read over: %+v, %v", c, err)
	}
	s := SklearnConfig{Epochs: 7, OnEpoch: on}
	if err := json.Unmarshal([]byte(`{"eta0":0.1}`), &s); err != nil || s.Epochs != 7 || s.OnEpoch == nil || s.Eta0 != 0.1 {
		t.Errorf("SklearnConfig read over: %+v, %v", s, err)
	}
	b, err := json.Marshal(SklearnConfig{Eta0: math.Inf(1), Alpha: math.NaN()})
	if err != nil || !strings.Contains(string(b), `"eta0":null`) || !strings.Contains(string(b), `"alpha":null`) {
		t.Errorf("SklearnConfig with Inf and NaN: %s, %v", b, err)
	}
}

// TestDivergedCauses: a float32 run on a value beyond float32's range is
// the data's error, not a divergence; a divergence from random initial
// weights names them beside the learning rate.
func TestDivergedCauses(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(69, 70)), 50, 6, 0.5)
	d.Value[3] = 1e39
	if _, err := TorchLoop(d, nil, Config{Float32: true, LearningRate: 1e-60, Epochs: 1}); !errors.Is(err, ErrData) ||
		!strings.Contains(err.Error(), "beyond float32's range") {
		t.Errorf("float32 run on 1e39: %v, want ErrData naming float32's range", err)
	}
	d = testkit.Random(rand.New(rand.NewPCG(69, 70)), 50, 6, 0.5)
	_, err := TorchLoop(d, nil, Config{InitStd: 1e200, Seed: 1, RecordObjective: true, Epochs: 1})
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "InitStd") {
		t.Errorf("random start of σ 1e200: %v, want a divergence naming InitStd", err)
	}
}

// TestNumPyMomentumDivergesWhereReadable: with momentum, the engine stops
// where the readable steps stop, at the sample after whose step the loss
// is not finite, with the same model.
func TestNumPyMomentumDivergesWhereReadable(t *testing.T) {
	for _, cfg := range []Config{
		{LearningRate: 1e300, Momentum: 0.5, Epochs: 2},
		{LearningRate: 1, L2: 1e300, Momentum: 0.5, Epochs: 2},
		{LearningRate: 1e200, L2: 1e-201, Momentum: 0.9, Epochs: 2},
	} {
		d := testkit.Hand()
		fast, errFast := NumPyLoop(d, nil, cfg)
		slow, errSlow := numpyLoop(d, nil, cfg, true)
		var df, ds *DivergedError
		if !errors.As(errFast, &df) || !errors.As(errSlow, &ds) {
			t.Errorf("%+v: engine %v, readable %v; want both diverged", cfg, errFast, errSlow)
			continue
		}
		if *df != *ds || !sameBits(fast.Model.W, slow.Model.W) {
			t.Errorf("%+v: engine %v, model %v; readable %v, model %v", cfg, errFast, fast.Model.W, errSlow, slow.Model.W)
		}
	}
}

// sameBits reports whether a and b hold the same float64s, NaN as NaN.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// TestDivergedPenalty: NumPyLoop with lr·L2 ≥ 1 diverges by its penalty's
// step, and the error names L2 beside the learning rate.
func TestDivergedPenalty(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(71, 72)), 50, 6, 0.5)
	_, err := NumPyLoop(d, nil, Config{LearningRate: 0.001, L2: 1e10, Epochs: 3})
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "L2 (-lr, -l2)") {
		t.Errorf("lr·L2 = 10⁷: %v, want a divergence naming L2", err)
	}
}
