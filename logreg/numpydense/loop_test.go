package numpydense

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// differ returns how the sparse run and the dense one differ, or "": the
// epochs and their errors the same, the losses, objectives and weights
// within tol relative (to 1 at least, so that a value near 0 does not
// divide by ~0).
func differ(sparse, dense *logreg.History, tol float64) string {
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }
	if len(sparse.Epochs) != len(dense.Epochs) {
		return fmt.Sprintf("%d epochs sparse, %d dense", len(sparse.Epochs), len(dense.Epochs))
	}
	for k, s := range sparse.Epochs {
		d := dense.Epochs[k]
		if s.Epoch != d.Epoch || !near(s.Loss, d.Loss) || !near(s.Objective, d.Objective) || s.AsWrittenError != d.AsWrittenError ||
			s.TrainError != d.TrainError || s.TestError != d.TestError {
			return fmt.Sprintf("epoch %d: sparse %+v, dense %+v", s.Epoch, s, d)
		}
	}
	for j, w := range sparse.Model.W {
		if !near(w, dense.Model.W[j]) {
			return fmt.Sprintf("w[%d] sparse %v, dense %v", j, w, dense.Model.W[j])
		}
	}
	if !near(sparse.Model.B, dense.Model.B) {
		return fmt.Sprintf("b sparse %v, dense %v", sparse.Model.B, dense.Model.B)
	}
	return ""
}

// compare runs logreg.NumPyLoop and Loop with cfg and reports where they
// differ by more than 10⁻⁹ relative.
func compare(t *testing.T, what string, train, test *data.Dataset, cfg logreg.Config) {
	t.Helper()
	sparse, err := logreg.NumPyLoop(train, test, cfg)
	if err != nil {
		t.Fatal(err)
	}
	dense, err := Loop(train, test, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if d := differ(sparse, dense, 1e-9); d != "" {
		t.Errorf("%s, %+v: %s", what, cfg, d)
	}
}

// configs are the option combinations NumPyLoop reads, with the given rate
// and epochs.
func configs(lr float64, epochs int) []logreg.Config {
	var cs []logreg.Config
	for _, o := range testkit.EveryNumPyOptions() {
		cs = append(cs, logreg.Config{Epochs: epochs, LearningRate: lr, Momentum: o.Momentum, BiasOutOfL2: o.BiasOutOfL2,
			Shuffle: o.Shuffle, InitStd: o.InitStd, L2: o.L2, NoPrePass: o.NoPrePass, Seed: 5, RecordObjective: o.NoPrePass})
	}
	return cs
}

// TestLoopMatchesNumPyLoop: NumPyLoop, on the speed engine, and the dense
// program agree within 10⁻⁹ relative, errors exactly, on random sparse and
// one-hot data for every combination of options, for a penalty strong
// enough to fold the engine's scale back many times, momenta that give its
// matrix A complex eigenvalues, a feature absent for more steps than its
// tables of powers reach, and logits beyond its fast exponential's range.
func TestLoopMatchesNumPyLoop(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	train, test := testkit.Random(r, 300, 40, 0.15), testkit.Random(r, 100, 40, 0.15)
	cfgs := append(configs(0.05, 4),
		logreg.Config{Epochs: 4, LearningRate: 0.5, L2: 0.8},                   // a fold every ~540 steps
		logreg.Config{Epochs: 4, LearningRate: 0.5, L2: 0.5, Momentum: 0.2},    // A with complex eigenvalues
		logreg.Config{Epochs: 4, LearningRate: 0.05, L2: 0.01, Momentum: 0.99}, // slow decay of the velocity
	)
	for _, cfg := range cfgs {
		compare(t, "random", train, test, cfg)
		compare(t, "one-hot", testkit.OneHot(train), testkit.OneHot(test), cfg)
	}
	long := testkit.Random(r, 1<<16+5000, 5, 0.3)
	long.Width = 6 // feature 5 only in the first and the last row
	long = testkit.WithFeature(testkit.WithFeature(long, 0, 5), long.Rows()-1, 5)
	compare(t, "a feature absent for 2¹⁶ steps", long, nil, logreg.Config{Epochs: 1, LearningRate: 0.01, Momentum: 0.9, L2: 0.01})
	huge, hugeTest := testkit.Huge(r, 200, 20), testkit.Huge(r, 50, 20)
	for _, m := range []float64{0, 0.9} {
		compare(t, "huge logits", huge, hugeTest, logreg.Config{Epochs: 3, LearningRate: 0.5, Momentum: m, L2: 0.01})
	}
}

// TestLoopMatchesNumPyLoopA9A does the same on a9a for the seed's setting
// and its momentum variant, two passes each.
func TestLoopMatchesNumPyLoopA9A(t *testing.T) {
	train, test := testkit.A9A(t)
	for _, cfg := range []logreg.Config{{Epochs: 2}, {Epochs: 2, Momentum: 0.9, BiasOutOfL2: true}} {
		compare(t, "a9a", train, test, cfg)
	}
}

// TestLoopRows: Loop refuses the rows NumPyLoop refuses (a repeated or
// decreasing index), and trains, as NumPyLoop does, on a set of no
// features.
func TestLoopRows(t *testing.T) {
	for name, row0 := range map[string][]int32{"decreasing": {1, 0}, "repeated": {0, 0}} {
		d := &data.Dataset{RowPtr: []int{0, 2, 3}, Index: append(row0, 1), Value: []float64{1, 2, 1},
			Label: []float64{1, -1}, Y: []float64{1, 0}, Width: 2}
		_, sparse := logreg.NumPyLoop(d, nil, logreg.Config{Epochs: 1})
		if _, err := Loop(d, nil, logreg.Config{Epochs: 1}); !errors.Is(err, logreg.ErrData) || !errors.Is(sparse, logreg.ErrData) {
			t.Errorf("%s index: dense %v, sparse %v; want ErrData from both", name, err, sparse)
		}
	}
	d, err := data.Read(strings.NewReader("1\n-1\n+1\n"), data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "no features", d, d, logreg.Config{Epochs: 2})
}

// TestLoopRefuses: a bad Config is ErrConfig and unusable data ErrData,
// never a panic; without a test set, TestError stays 0.
func TestLoopRefuses(t *testing.T) {
	good := func() *data.Dataset { return testkit.Random(rand.New(rand.NewPCG(67, 68)), 40, 6, 0.5) }
	for name, cfg := range map[string]logreg.Config{
		"negative epochs": {Epochs: -1}, "NaN rate": {LearningRate: math.NaN()}, "momentum 1": {Momentum: 1},
		"infinite L2": {L2: math.Inf(1)}, "negative InitStd": {InitStd: -1},
	} {
		if _, err := Loop(good(), nil, cfg); !errors.Is(err, logreg.ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
	spoilers := testkit.BadShapes(datacheck.MaxWidth)
	spoilers["label 2"] = func(d *data.Dataset) { d.Y[3] = 2 }
	spoilers["label NaN"] = func(d *data.Dataset) { d.Y[3] = math.NaN() }
	spoilers["value NaN"] = func(d *data.Dataset) { d.Value[3] = math.NaN() }
	spoilers["value -Inf"] = func(d *data.Dataset) { d.Value[3] = math.Inf(-1) }
	spoilers["no rows"] = func(d *data.Dataset) { *d = data.Dataset{RowPtr: []int{0}, Width: 6} }
	for name, spoil := range spoilers {
		d := good()
		spoil(d)
		v := testkit.Recovered(func() {
			if _, err := Loop(d, nil, logreg.Config{Epochs: 1}); !errors.Is(err, logreg.ErrData) {
				t.Errorf("%s: %v, want ErrData", name, err)
			}
		})
		if v != nil {
			t.Errorf("%s: panic %v", name, v)
		}
	}
	wide := good()
	wide.Width = 7
	if _, err := Loop(good(), wide, logreg.Config{Epochs: 1}); !errors.Is(err, logreg.ErrData) {
		t.Errorf("a test set of another width: %v, want ErrData", err)
	}
	if h, err := Loop(good(), nil, logreg.Config{Epochs: 1}); err != nil || h.Epochs[len(h.Epochs)-1].TestError != 0 {
		t.Errorf("no test set: %v, %+v", err, h)
	}
}

// TestLoopDiverges: a rate too large for the data stops the run with a
// *DivergedError and the History of the epochs before, every number of
// them finite and the whole of it JSON.
func TestLoopDiverges(t *testing.T) {
	huge := testkit.Huge(rand.New(rand.NewPCG(61, 62)), 300, 20)
	var seen int
	cfg := logreg.Config{LearningRate: 1e5, L2: 0.1, Epochs: math.MaxInt, OnEpoch: func(logreg.Record) { seen++ }}
	h, err := Loop(huge, huge, cfg)
	var d *logreg.DivergedError
	if !errors.As(err, &d) || !errors.Is(err, logreg.ErrDiverged) || h == nil {
		t.Fatalf("history %v, error %v; want a *DivergedError", h != nil, err)
	}
	if d.Epoch < 0 || d.Epoch > 3 || d.Sample < 0 || d.Sample >= huge.Rows() || d.What != "loss" {
		t.Errorf("%+v", d)
	}
	if h.Stopped != err.Error() || !strings.Contains(h.Stopped, "learning rate") {
		t.Errorf("Stopped %q, error %q", h.Stopped, err)
	}
	if len(h.Epochs) != d.Epoch || seen != len(h.Epochs) { // from the pre-pass, epoch 0
		t.Errorf("%d records (%d reported) before epoch %d", len(h.Epochs), seen, d.Epoch)
	}
	for _, rec := range h.Epochs {
		for _, x := range []float64{rec.Loss, rec.AsWrittenError, rec.TrainError, rec.TestError} {
			if !finite(x) {
				t.Errorf("a record before the divergence holds %v: %+v", x, rec)
			}
		}
	}
	if _, err := json.Marshal(h); err != nil {
		t.Errorf("JSON: %v", err)
	}
}

// TestLoopObjective: with RecordObjective each record holds F of its
// weights, the bias out of the penalty, at least F*; without, 0.
func TestLoopObjective(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(5, 6)), 200, 6, 0.5)
	h, err := Loop(d, nil, logreg.Config{LearningRate: 0.05, L2: 0.01, RecordObjective: true})
	if err != nil {
		t.Fatal(err)
	}
	want := logreg.Objective(h.Model, d, logreg.Config{L2: 0.01, BiasOutOfL2: true})
	got := h.Epochs[len(h.Epochs)-1].Objective
	if h.Alpha != 0.01 || math.Abs(got-want) > 1e-12*want {
		t.Errorf("alpha %v, last objective %.15g; want alpha 0.01, F %.15g", h.Alpha, got, want)
	}
	if fstar, _, err := logreg.OptimalObjective(d, 0.01); err != nil || !(fstar <= got) {
		t.Errorf("F* %v (%v), above the run's F %v", fstar, err, got)
	}
	if h, err := Loop(d, nil, logreg.Config{LearningRate: 0.05}); err != nil || h.Epochs[len(h.Epochs)-1].Objective != 0 {
		t.Errorf("without RecordObjective: %v, objective %v; want 0", err, h.Epochs[len(h.Epochs)-1].Objective)
	}
}

// TestLoopOnEpochPanics: a panic in OnEpoch goes on from Loop with the
// same value, after the epochs before it were reported.
func TestLoopOnEpochPanics(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(7, 8)), 50, 6, 0.5)
	boom := errors.New("boom")
	var seen []int
	v := testkit.Recovered(func() {
		Loop(d, d, logreg.Config{Epochs: 5, OnEpoch: func(r logreg.Record) {
			if seen = append(seen, r.Epoch); r.Epoch == 2 {
				panic(boom)
			}
		}})
	})
	if v != boom || fmt.Sprint(seen) != "[0 1 2]" {
		t.Errorf("recovered %v after epochs %v; want boom after [0 1 2]", v, seen)
	}
}

// BenchmarkEpochA9A is one training epoch on a9a, the readable reference's
// cost: O(width) for every operation of a step.
func BenchmarkEpochA9A(b *testing.B) {
	train, test := testkit.A9A(b)
	b.ReportAllocs()
	var best testkit.BestTime
	for b.Loop() {
		best.Start()
		if _, err := Loop(train, test, logreg.Config{Epochs: 1, NoPrePass: true}); err != nil {
			b.Fatal(err)
		}
		best.Stop()
	}
	best.Report(b)
}
