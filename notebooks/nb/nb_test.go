package nb

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

func TestLoadMissing(t *testing.T) {
	t.Setenv(data.EnvDir, "")
	dir := t.TempDir()
	var out bytes.Buffer
	train, test, ok := load(context.Background(), data.Options{Dir: dir, CacheDir: dir, Offline: true}, &out)
	if ok || train != nil || test != nil {
		t.Fatal("load reported a9a in an empty folder")
	}
	msg := out.String()
	if !strings.HasPrefix(msg, "a9a is not available: ") || !strings.Contains(msg, dir) {
		t.Errorf("message %q does not say a9a is missing and where it looked", msg)
	}
}

func history(secs ...float64) *logreg.History {
	h := &logreg.History{}
	for i, s := range secs {
		h.Epochs = append(h.Epochs, logreg.Record{Epoch: i, Seconds: s, Loss: s, TrainError: 0.1, TestError: 0.2})
	}
	return h
}

func TestTiming(t *testing.T) {
	for _, tc := range []struct {
		secs          []float64
		total, median float64
	}{
		{nil, 0, 0},
		{[]float64{3}, 3, 3},
		{[]float64{3, 1, 2}, 6, 2},
		{[]float64{4, 1, 3, 2}, 10, 3},
	} {
		h := history(tc.secs...)
		if got := TotalSeconds(h); got != tc.total {
			t.Errorf("TotalSeconds(%v) = %v, want %v", tc.secs, got, tc.total)
		}
		if got := MedianSeconds(h); got != tc.median {
			t.Errorf("MedianSeconds(%v) = %v, want %v", tc.secs, got, tc.median)
		}
	}
}

func TestRelDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b *logreg.History
		want float64
	}{
		{history(1, 2), history(1, 2), 0},
		{history(1, 2), history(1, 2.5), 0.25},
		{history(0), history(1e-300), 1},
		{history(math.NaN()), history(math.NaN()), 0}, // the same diverged run
		{history(math.Inf(1)), history(math.Inf(1)), 0},
		// Runs that cannot be the same are never close.
		{history(2, 1), history(2), math.Inf(1)},
		{history(), history(1), math.Inf(1)},
		{history(1), history(math.NaN()), math.Inf(1)},
		{history(math.NaN()), history(1), math.Inf(1)},
		{history(1), history(math.Inf(-1)), math.Inf(1)},
		{history(1, 2), shifted(history(1, 2)), math.Inf(1)}, // with and without NumPy's pre-pass
		{nil, history(1), math.Inf(1)},
		{history(1), nil, math.Inf(1)},
	} {
		if got := RelDiff(tc.a, tc.b); got != tc.want && math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("RelDiff = %v, want %v", got, tc.want)
		}
	}
}

// shifted returns h with its epochs numbered from 1, as a run without
// NumPyLoop's pre-pass numbers them.
func shifted(h *logreg.History) *logreg.History {
	for i := range h.Epochs {
		h.Epochs[i].Epoch++
	}
	return h
}

func TestResult(t *testing.T) {
	h := &logreg.History{}
	for e, f := range []float64{0.5, 0.3262, 0.3249, 0.32459} {
		h.Epochs = append(h.Epochs, logreg.Record{Epoch: e + 1, Objective: f, TestError: 0.15, Seconds: 0.002})
	}
	res := Result{Name: "way", History: h}
	const fstar = 0.3245
	if e3, e4 := res.EpochsTo(fstar, 1e-3), res.EpochsTo(fstar, 1e-4); e3 != 3 || e4 != 4 {
		t.Errorf("EpochsTo 1e-3: %d, 1e-4: %d; want 3 and 4", e3, e4)
	}
	if e := res.EpochsTo(fstar, 1e-5); e != -1 {
		t.Errorf("EpochsTo 1e-5: %d, want -1 (never)", e)
	}
	// NumPyLoop's pass before training is epoch 0, which can be at F*.
	at0 := Result{Name: "w", History: &logreg.History{Epochs: []logreg.Record{{Epoch: 0, Objective: fstar}, {Epoch: 1, Objective: fstar}}}}
	if e := at0.EpochsTo(fstar, 1e-3); e != 0 {
		t.Errorf("EpochsTo at epoch 0: %d, want 0", e)
	}
	if got := at0.Line(fstar); !strings.Contains(got, "≤ 1e-3 at epoch 0, ≤ 1e-4 at epoch 0") {
		t.Errorf("Line reached at epoch 0: %s", got)
	}
	for _, empty := range []Result{{Name: "none"}, {Name: "none", History: &logreg.History{}}} {
		if got := empty.Line(fstar); got != "none: no epochs" {
			t.Errorf("Line of a run without epochs: %q", got)
		}
	}
	want := "way: F − F* ≤ 1e-3 at epoch 3, ≤ 1e-4 at epoch 4; after 4 epochs F − F* 9.00e-05, test error 0.1500; 2.00 ms per epoch"
	if got := res.Line(fstar); got != want {
		t.Errorf("Line:\n%s\nwant\n%s", got, want)
	}
	if got := res.Line(0.33); !strings.Contains(got, "≤ 1e-3 at epoch 2, ≤ 1e-4 at epoch 2") {
		t.Errorf("Line below F*: %s", got)
	}
	res.NoTest = true
	if got, want := res.Line(fstar), "after 4 epochs F − F* 9.00e-05; 2.00 ms per epoch"; !strings.HasSuffix(got, want) {
		t.Errorf("Line without a test set: %s, want it to end %q", got, want)
	}
}

func TestWays(t *testing.T) {
	ways := Ways(7)
	if len(ways) != 6 || ways[0].Name != SeedRate(7).Name {
		t.Fatalf("%d ways, the first %q", len(ways), ways[0].Name)
	}
	d := testkitRandom()
	for _, w := range ways {
		h, err := w.run(d, nil)
		if err != nil {
			t.Fatalf("%s: %v", w.Name, err)
		}
		if len(h.Epochs) != 7 || h.Alpha != 1e-4 {
			t.Errorf("%s: %d epochs, alpha %v", w.Name, len(h.Epochs), h.Alpha)
		}
	}
}

// TestRunAlpha: ways with different penalties have no common F*, and
// RunQuiet says so instead of measuring one against the other's.
func TestRunAlpha(t *testing.T) {
	d := testkitRandom()
	cfg := logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.01, Epochs: 2}
	other := cfg
	other.Alpha = 1e-3
	_, err := RunQuiet(d, nil, Sklearn("a", cfg), Sklearn("b", other))
	if err == nil || !strings.Contains(err.Error(), "alpha 0.0001, b with alpha 0.001") {
		t.Errorf("RunQuiet with alphas 1e-4 and 1e-3: %v", err)
	}
	if r, err := RunQuiet(d, nil, Sklearn("a", cfg), Sklearn("a again", cfg)); err != nil || len(r.Results) != 2 {
		t.Errorf("RunQuiet with one alpha: %v", err)
	}
}

// testkitRandom returns 60 one-hot rows of 6 features, labels following
// feature 0 with some noise: something for the ways to train on.
func testkitRandom() *data.Dataset {
	d := &data.Dataset{RowPtr: []int{0}, Width: 6}
	for i := range 60 {
		for j := range 6 {
			if (i*7+j*3)%5 < 2 {
				d.Index, d.Value = append(d.Index, int32(j)), append(d.Value, 1)
			}
		}
		d.RowPtr = append(d.RowPtr, len(d.Index))
		y := float64(((i * 7) % 5 / 2) % 2)
		if i%11 == 0 {
			y = 1 - y
		}
		d.Y, d.Label = append(d.Y, y), append(d.Label, 2*y-1)
	}
	return d
}

// TestRunWithoutTest: without a test set, or without ways, or without a
// train set, the helpers say so; none panics.
func TestRunWithoutTest(t *testing.T) {
	d := testkitRandom()
	cfg := logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.01, Epochs: 2}
	r := Run(d, nil, Sklearn("a", cfg))
	if r == nil || len(r.Results) != 1 {
		t.Fatalf("Run without a test set: %v", r)
	}
	r.TestErrorChart()
	r.GapChart()
	r.Table()
	if _, err := RunQuiet(d, d); err == nil || !strings.Contains(err.Error(), "no ways") {
		t.Errorf("RunQuiet without ways: %v", err)
	}
	if r := Run(d, d); r != nil {
		t.Errorf("Run without ways: %v, want nil", r)
	}
	if _, err := Train("nothing", logreg.TorchLoop, nil, nil, logreg.Config{}); !errors.Is(err, logreg.ErrData) {
		t.Errorf("Train without a train set: %v, want ErrData", err)
	}
}

// TestWayRefusesDefaults: a flag's 0 that logreg would read as its default
// fails the way, naming the value, rather than run another setting; the
// other ways still run.
func TestWayRefusesDefaults(t *testing.T) {
	d := testkitRandom()
	ok := Sklearn("ok", logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.01, Epochs: 2})
	for _, tc := range []struct {
		way  Way
		want string
	}{
		{SeedRate(0), "epochs 0"},
		{Ways(-2)[3], "epochs -2"},
		{NumPy("n", logreg.Config{}), "epochs 0"},
		{Sklearn("s", logreg.SklearnConfig{LearningRate: logreg.InvScalingRate, Eta0: 1, Epochs: 3}), "power_t 0"},
		{Way{Name: "mine"}, `"mine" has nothing to run`},
	} {
		if r, err := RunQuiet(d, nil, tc.way); r != nil || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s alone: %v, %v; want no race and an error saying %q", tc.way.Name, r, err, tc.want)
		}
		r, err := RunQuiet(d, nil, ok, tc.way)
		if err == nil || !strings.Contains(err.Error(), tc.want) || r == nil || len(r.Results) != 1 || r.Results[0].Name != "ok" {
			t.Errorf("%s beside a way that runs: %v, %v; want the race of that one and an error saying %q", tc.way.Name, r, err, tc.want)
		}
	}
}

// TestRunKeepsDiverged: a way that diverges is named with its error and
// keeps its epochs before in the race, beside the ways that ran.
func TestRunKeepsDiverged(t *testing.T) {
	d := testkitRandom()
	cfg := logreg.Config{LearningRate: 0.01, L2: 0.1, BiasOutOfL2: true, NoPrePass: true, Epochs: 3}
	ok := NumPy("ok", cfg)
	// lr·L2 = 101: the penalty's step multiplies the weights by −100, so
	// ‖w‖² overflows in the second epoch of 60 steps, not the first.
	cfg.LearningRate = 1010
	huge := NumPy("huge", cfg)
	r, err := RunQuiet(d, nil, ok, huge)
	if !errors.Is(err, logreg.ErrDiverged) || !strings.HasPrefix(err.Error(), "huge: ") {
		t.Fatalf("RunQuiet with a way that diverges: %v", err)
	}
	if r == nil || len(r.Results) != 2 || r.Results[1].History.Stopped == "" || len(r.Results[1].History.Epochs) >= 3 {
		t.Fatalf("the race: %+v", r)
	}
}

func TestLearningRates(t *testing.T) {
	list, err := LearningRates("0.0001, 0.01,1e-3")
	if err != nil || len(list) != 3 || list[1].Name != "learning rate 0.01" || list[2].Config.LearningRate != 1e-3 {
		t.Fatalf("LearningRates: %v, %v", list, err)
	}
	for _, bad := range []string{"0", "0.001,0", "-0.1", "NaN", "Inf", "1e999", "", "0.01,,0.1", "fast"} {
		if list, err := LearningRates(bad); err == nil {
			t.Errorf("LearningRates(%q) = %v, want an error", bad, list)
		}
	}
}

// TestCompareRefuses: Compare without a test set, or without suggestions,
// says so and returns nil.
func TestCompareRefuses(t *testing.T) {
	d := testkitRandom()
	for _, tc := range []struct {
		name       string
		test       *data.Dataset
		list       []Suggestion
		wantPrefix string
	}{
		{"no test set", nil, []Suggestion{AsWritten()}, "Compare measures the test error"},
		{"no suggestions", d, nil, "nothing to compare"},
	} {
		var hs []*logreg.History
		out := printed(t, func() { hs = Compare(d, tc.test, tc.list...) })
		if hs != nil || !strings.HasPrefix(out, tc.wantPrefix) {
			t.Errorf("%s: %d histories, printed %q", tc.name, len(hs), out)
		}
	}
}

// printed returns what f prints on standard output.
func printed(t *testing.T, f func()) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	f()
	w.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSpeedOfNothing: a failed run's nil history or data measure as
// nothing, shown as "—", not as a panic or +Inf.
func TestSpeedOfNothing(t *testing.T) {
	if s := SpeedOf("failed", nil, nil); s.Seconds != 0 || s.Rows != 0 {
		t.Errorf("SpeedOf(nil, nil) = %+v", s)
	}
	if b := BytesPerNonzero(nil); b != 0 {
		t.Errorf("BytesPerNonzero(nil) = %v", b)
	}
	if TotalSeconds(nil) != 0 || MedianSeconds(nil) != 0 {
		t.Error("the seconds of a nil run are not 0")
	}
	rows := speedRows([]Speed{{Name: "none"}, {Name: "a", Rows: 10, NNZ: 20, Seconds: 0.001}, {Name: "no nonzeros", Rows: 10, Seconds: 0.001}})
	if got := strings.Join(rows[0], " "); got != "none 0 0 — — —" {
		t.Errorf("row of no speed: %q", got)
	}
	if got := strings.Join(rows[1], " "); got != "a 10 20 1.00 1e+04 50000.00" {
		t.Errorf("row of a speed: %q", got)
	}
	if got := strings.Join(rows[2], " "); got != "no nonzeros 10 0 1.00 1e+04 —" {
		t.Errorf("row of a speed without nonzeros: %q", got)
	}
}

// TestRCV1ShapedRows: a row count outside the RCV1 set's is refused
// before anything is written.
func TestRCV1ShapedRows(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	for _, rows := range []int{0, -5, 781266, math.MaxInt} {
		if path, err := RCV1Shaped(rows); err == nil || !strings.Contains(err.Error(), "1 to 781265 rows") {
			t.Errorf("RCV1Shaped(%d) = %q, %v", rows, path, err)
		}
	}
}
