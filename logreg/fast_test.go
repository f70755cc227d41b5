package logreg

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// The fast paths against the readable ones, to rounding (10⁻⁹ relative):
// TorchLoop's epochFast against step, NumPyLoop's lazy engines against its
// readable step and against the engine that steps every weight (and, in
// package numpydense, against the program on dense matrices).

// historyDiff returns the largest relative difference between two runs
// over every Record field but Seconds and the final model, and a
// description of where it is. Weights are compared relative to the largest
// weight of the model, so that a weight near 0 does not divide by ~0.
func historyDiff(a, b *History) (float64, string) {
	worst, where := 0.0, ""
	note := func(x, y float64, what string) {
		d := 0.0
		switch {
		case x == y || (math.IsNaN(x) && math.IsNaN(y)):
		case math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y):
			d = math.Inf(1)
		default:
			d = math.Abs(x-y) / math.Max(math.Abs(x), math.Abs(y))
		}
		if d > worst {
			worst, where = d, fmt.Sprintf("%s: %v vs %v", what, x, y)
		}
	}
	if len(a.Epochs) != len(b.Epochs) {
		return math.Inf(1), fmt.Sprintf("%d records vs %d", len(a.Epochs), len(b.Epochs))
	}
	for k, r := range a.Epochs {
		s := b.Epochs[k]
		if r.Epoch != s.Epoch {
			return math.Inf(1), fmt.Sprintf("record %d: epoch %d vs %d", k, r.Epoch, s.Epoch)
		}
		e := fmt.Sprintf("epoch %d ", r.Epoch)
		note(r.Loss, s.Loss, e+"loss")
		note(r.RunningAccuracy, s.RunningAccuracy, e+"running accuracy")
		note(r.AsWrittenError, s.AsWrittenError, e+"as-written error")
		note(r.TrainError, s.TrainError, e+"train error")
		note(r.TestError, s.TestError, e+"test error")
		note(r.Objective, s.Objective, e+"objective")
	}
	scale := math.Abs(b.Model.B)
	for _, w := range b.Model.W {
		scale = math.Max(scale, math.Abs(w))
	}
	weight := func(x, y float64, what string) {
		if x == y || (math.IsNaN(x) && math.IsNaN(y)) {
			return
		}
		if d := math.Abs(x-y) / scale; d > worst || math.IsNaN(d) {
			worst, where = d, fmt.Sprintf("%s: %v vs %v (largest weight %v)", what, x, y, scale)
		}
	}
	if len(a.Model.W) != len(b.Model.W) {
		return math.Inf(1), "model widths differ"
	}
	for j, w := range a.Model.W {
		weight(w, b.Model.W[j], fmt.Sprintf("w[%d]", j))
	}
	weight(a.Model.B, b.Model.B, "b")
	return worst, where
}

// torchConfigs are the option combinations TorchLoop reads.
func torchConfigs(lr float64) []Config {
	var cs []Config
	for _, shuffle := range []bool{false, true} {
		for _, std := range []float64{0, 0.1} {
			for _, f32 := range []bool{false, true} {
				cs = append(cs, Config{Epochs: 3, LearningRate: lr, Shuffle: shuffle, InitStd: std, Float32: f32, Seed: 4,
					RecordObjective: std > 0})
			}
		}
	}
	return cs
}

// TestTorchLoopFastIsExact: the fast float64 epoch gives the readable one's
// history and model within 10⁻⁹ relative, with every option, on random
// data, on random one-hot data and on a9a. (The float32 configurations take
// the same path in both runs and must agree bit for bit.) Logits beyond
// the fast step's range are the engine's tests'.
func TestTorchLoopFastIsExact(t *testing.T) {
	skipWithoutEngine(t)
	r := rand.New(rand.NewPCG(31, 32))
	sets := []struct {
		name        string
		train, test *data.Dataset
		lr          float64
	}{
		{"random", testkit.Random(r, 400, 30, 0.3), testkit.Random(r, 100, 30, 0.3), 0.05},
		{"random one-hot", testkit.OneHot(testkit.Random(r, 400, 30, 0.3)), testkit.OneHot(testkit.Random(r, 100, 30, 0.3)), 0.05},
	}
	if os.Getenv(data.EnvDir) != "" || os.Getenv("CI") != "" {
		train, test := testkit.A9A(t)
		sets = append(sets, struct {
			name        string
			train, test *data.Dataset
			lr          float64
		}{"a9a", train, test, 0.001})
	}
	for _, set := range sets {
		worst := 0.0
		for _, cfg := range torchConfigs(set.lr) {
			fast, err := TorchLoop(set.train, set.test, cfg)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := torchLoop(set.train, set.test, cfg, true)
			if err != nil {
				t.Fatal(err)
			}
			d, where := historyDiff(fast, ref)
			if cfg.Float32 && d != 0 || d > 1e-9 {
				t.Errorf("%s %+v: fast and readable differ by %.3g relative, %s", set.name, cfg, d, where)
			}
			worst = max(worst, d)
			// The comparison can fail: a running accuracy off by one
			// sample, a loss off by 10⁻⁹ relative, are seen.
			for _, bad := range []func(h *History){
				func(h *History) { h.Epochs[1].RunningAccuracy += 1 / float64(set.train.Rows()) },
				func(h *History) { h.Epochs[2].Loss *= 1 + 2e-9 },
			} {
				worse := *fast
				worse.Epochs = append([]Record(nil), fast.Epochs...)
				bad(&worse)
				if d, _ := historyDiff(&worse, ref); !(d > 1e-9) {
					t.Errorf("%s %+v: a perturbed history differs by only %.3g", set.name, cfg, d)
				}
			}
		}
		t.Logf("%s: largest relative difference %.3g", set.name, worst)
	}
}

// momentumConfigs are the option combinations NumPyLoop reads, with the
// learning rate lr.
func momentumConfigs(lr float64, epochs int) []Config {
	var cs []Config
	for _, o := range testkit.EveryNumPyOptions() {
		cs = append(cs, Config{Epochs: epochs, LearningRate: lr, Momentum: o.Momentum, BiasOutOfL2: o.BiasOutOfL2,
			Shuffle: o.Shuffle, InitStd: o.InitStd, L2: o.L2, NoPrePass: o.NoPrePass, Seed: 5, RecordObjective: o.NoPrePass})
	}
	return cs
}

// TestNumPyLoopLazyMatchesReadable runs the lazy engines and the readable
// step, which moves every weight, on random sparse data for every
// combination of options, and for a penalty strong enough to fold the
// scale back many times, for momenta that give the matrix A complex
// eigenvalues, and for logits beyond expFast's range: histories and models
// agree within 10⁻⁹ relative.
func TestNumPyLoopLazyMatchesReadable(t *testing.T) {
	skipWithoutEngine(t)
	r := rand.New(rand.NewPCG(41, 42))
	train, test := testkit.Random(r, 300, 40, 0.15), testkit.Random(r, 100, 40, 0.15)
	hotTrain, hotTest := testkit.OneHot(train), testkit.OneHot(test)
	cfgs := momentumConfigs(0.05, 4)
	cfgs = append(cfgs,
		Config{Epochs: 4, LearningRate: 0.5, L2: 0.8},                   // c = 0.6: a fold every ~540 steps
		Config{Epochs: 4, LearningRate: 0.5, L2: 0.5, Momentum: 0.2},    // A with complex eigenvalues
		Config{Epochs: 4, LearningRate: 0.05, L2: 0.01, Momentum: 0.99}, // slow decay of the velocity
	)
	worst := 0.0
	for _, cfg := range cfgs {
		lazy, err := NumPyLoop(train, test, cfg)
		if err != nil {
			t.Fatal(err)
		}
		readable, err := numpyLoop(train, test, cfg, true)
		if err != nil {
			t.Fatal(err)
		}
		d, where := historyDiff(lazy, readable)
		worst = max(worst, d)
		if d > 1e-9 {
			t.Errorf("%+v: lazy and readable differ by %.3g relative, %s", cfg, d, where)
		}
		if lazy, err = NumPyLoop(hotTrain, hotTest, cfg); err != nil {
			t.Fatal(err)
		}
		if readable, err = numpyLoop(hotTrain, hotTest, cfg, true); err != nil {
			t.Fatal(err)
		}
		d, where = historyDiff(lazy, readable)
		worst = max(worst, d)
		if d > 1e-9 {
			t.Errorf("one-hot %+v: lazy and readable differ by %.3g relative, %s", cfg, d, where)
		}
	}
	t.Logf("%d configurations, on random and one-hot values, largest relative difference %.3g", len(cfgs), worst)

	// More rows than the catch-up trainer's tables of powers reach in one
	// go (2¹⁶ − 1 steps): a rare feature falls behind by more than that.
	long := testkit.Random(r, 1<<16+5000, 5, 0.3)
	long.Width = 6 // feature 5 only in the first and the last row
	long = testkit.WithFeature(testkit.WithFeature(long, 0, 5), long.Rows()-1, 5)
	for _, cfg := range []Config{{Epochs: 1, LearningRate: 0.01, Momentum: 0.9, L2: 0.01}} {
		lazy, err := NumPyLoop(long, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		readable, err := numpyLoop(long, nil, cfg, true)
		if err != nil {
			t.Fatal(err)
		}
		if d, where := historyDiff(lazy, readable); d > 1e-9 {
			t.Errorf("%d rows %+v: lazy and readable differ by %.3g relative, %s", long.Rows(), cfg, d, where)
		}
	}

	huge, hugeTest := testkit.Huge(r, 200, 20), testkit.Huge(r, 50, 20)
	for _, m := range []float64{0, 0.9} {
		cfg := Config{Epochs: 3, LearningRate: 0.5, Momentum: m, L2: 0.01}
		lazy, err := NumPyLoop(huge, hugeTest, cfg)
		if err != nil {
			t.Fatal(err)
		}
		readable, err := numpyLoop(huge, hugeTest, cfg, true)
		if err != nil {
			t.Fatal(err)
		}
		if d, where := historyDiff(lazy, readable); d > 1e-9 {
			t.Errorf("huge logits %+v: lazy and readable differ by %.3g relative, %s", cfg, d, where)
		}
	}
}

// TestNumPyLoopLazyMatchesStepA9A compares the lazy engines with the
// engine that steps every weight on a9a, for every combination of options,
// two passes each.
func TestNumPyLoopLazyMatchesStepA9A(t *testing.T) {
	train, test := testkit.A9A(t)
	skipWithoutEngine(t)
	worst := 0.0
	for _, cfg := range momentumConfigs(0.001, 2) {
		if cfg.NoPrePass { // the pre-pass changes nothing the other configs do not test
			continue
		}
		lazy, err := NumPyLoop(train, test, cfg)
		if err != nil {
			t.Fatal(err)
		}
		step, err := numpyLoop(train, test, cfg, true)
		if err != nil {
			t.Fatal(err)
		}
		d, where := historyDiff(lazy, step)
		worst = max(worst, d)
		if d > 1e-9 {
			t.Errorf("%+v: lazy and stepping every weight differ by %.3g relative, %s", cfg, d, where)
		}
	}
	t.Logf("largest relative difference %.3g", worst)
}

// TestLoopsAllocateNothingPerEpoch: a run allocates its model and its
// buffers once, and its History as it grows; seven more epochs, which do
// not grow the History's capacity past 16 records, allocate nothing more,
// but for the one or two allocations the runtime itself makes, or not,
// depending on which of the engine's two goroutines waits for the other.
func TestLoopsAllocateNothingPerEpoch(t *testing.T) {
	if raceDetector {
		// The race detector's bookkeeping of the two goroutines' waits
		// allocates too, a few times in seven epochs, depending on which
		// waits for the other.
		t.Skip("allocations counted without -race")
	}
	r := rand.New(rand.NewPCG(51, 52))
	train, test := testkit.Random(r, 200, 20, 0.3), testkit.Random(r, 50, 20, 0.3)
	for _, tc := range []struct {
		name string
		run  loop
		cfg  Config
	}{
		{"TorchLoop", TorchLoop, Config{}},
		{"TorchLoop float32", TorchLoop, Config{Float32: true}},
		{"NumPyLoop", NumPyLoop, Config{}},
		{"NumPyLoop momentum", NumPyLoop, Config{Momentum: 0.9}},
		{"NumPyLoop shuffled", NumPyLoop, Config{Shuffle: true, InitStd: 0.1}},
	} {
		allocs := func(epochs int) float64 {
			cfg := tc.cfg
			cfg.Epochs = epochs
			return testing.AllocsPerRun(5, func() {
				if _, err := tc.run(train, test, cfg); err != nil {
					t.Fatal(err)
				}
			})
		}
		if few, many := allocs(9), allocs(16); many > few+2 {
			t.Errorf("%s: %v allocations with 9 epochs, %v with 16", tc.name, few, many)
		}
	}
}

// skipWithoutEngine skips a test that compares the engine with the
// readable steps where the engine does not run.
func skipWithoutEngine(t *testing.T) {
	t.Helper()
	if !sgdfast.Takes(sgdfast.Params{Kind: sgdfast.Torch}, nil) {
		t.Skip("math.Log computes otherwise here: the loops run their readable steps only")
	}
}

// TestLoopsOnRowsTheEngineDoesNotTake: rows the engine's one-hot kernel
// must not take (a value other than 1, indices out of order) give the
// readable steps' history; NumPyLoop, whose engine needs increasing
// indices, and both loops for an index out of range in train or test,
// return ErrData naming the set and the row, on either path.
func TestLoopsOnRowsTheEngineDoesNotTake(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for _, tc := range []struct {
		name             string
		spoil            func(d *data.Dataset, lo, hi int)
		torchOK, numpyOK bool
	}{
		{"value 2", func(d *data.Dataset, lo, _ int) { d.Value[lo] = 2 }, true, true},
		{"indices out of order", func(d *data.Dataset, lo, _ int) { d.Index[lo], d.Index[lo+1] = d.Index[lo+1], d.Index[lo] }, true, false},
		{"index out of range", func(d *data.Dataset, _, hi int) { d.Index[hi-1] = int32(d.Width) + 5 }, false, false},
	} {
		const row = 57
		good := testkit.OneHot(testkit.Random(r, 200, 30, 0.3))
		bad := *good
		bad.Index, bad.Value = slices.Clone(good.Index), slices.Clone(good.Value)
		tc.spoil(&bad, bad.RowPtr[row], bad.RowPtr[row+1])
		for _, lp := range []struct {
			name string
			run  func(train, test *data.Dataset, cfg Config, readable bool) (*History, error)
			ok   bool
		}{{"TorchLoop", torchLoop, tc.torchOK}, {"NumPyLoop", numpyLoop, tc.numpyOK}} {
			for _, sets := range []struct {
				name        string
				train, test *data.Dataset
				ok          bool
			}{{"train", &bad, good, lp.ok}, {"test", good, &bad, lp.ok || tc.torchOK}} {
				cfg := Config{Epochs: 3, LearningRate: 0.05}
				fast, err := lp.run(sets.train, sets.test, cfg, false)
				ref, refErr := lp.run(sets.train, sets.test, cfg, true)
				want := fmt.Sprintf("%s set: row %d", sets.name, row)
				if !sets.ok {
					if !errors.Is(err, ErrData) || !errors.Is(refErr, ErrData) || !strings.Contains(err.Error(), want) || !strings.Contains(refErr.Error(), want) {
						t.Errorf("%s, %s in %s row %d: errors %v and %v, want ErrData naming %q", lp.name, tc.name, sets.name, row, err, refErr, want)
					}
					continue
				}
				if err != nil || refErr != nil {
					t.Fatalf("%s, %s in %s row %d: %v, %v", lp.name, tc.name, sets.name, row, err, refErr)
				}
				if diff, where := historyDiff(fast, ref); diff > 1e-9 {
					t.Errorf("%s, %s in %s row %d: fast and readable differ by %.3g, %s", lp.name, tc.name, sets.name, row, diff, where)
				}
			}
		}
	}
}
