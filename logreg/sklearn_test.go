package logreg

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/libm"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// sklearnTrace is sklearn_sgd.json or torch_adagrad.json
// (testdata/reference/README.md).
type sklearnTrace struct {
	Runs []struct {
		Name   string `json:"name"`
		Config struct {
			LearningRate  string   `json:"learning_rate"`
			Eta0          float64  `json:"eta0"`
			PowerT        float64  `json:"power_t"`
			Alpha         float64  `json:"alpha"`
			Average       int      `json:"average"`
			Tol           *float64 `json:"tol"`
			NIterNoChange int      `json:"n_iter_no_change"`
			MaxIter       int      `json:"max_iter"`
			Input         string   `json:"input"`
			// torch_adagrad.json
			LR     float64 `json:"lr"`
			Epochs int     `json:"epochs"`
		} `json:"config"`
		Epochs []struct {
			Epoch     int     `json:"epoch"`
			NIter     int     `json:"n_iter"`
			Loss      float64 `json:"loss"`
			Objective float64 `json:"objective"`
		} `json:"epochs"`
		Models []refModel `json:"models"`
	} `json:"runs"`
}

// refModel is a reference model at a checkpoint: after Epochs epochs (a fit
// with max_iter = Epochs, which ran NIter).
type refModel struct {
	Epochs    int       `json:"epochs"`
	NIter     int       `json:"n_iter"`
	Coef      []float64 `json:"coef"`
	Intercept float64   `json:"intercept"`
}

// checkModels runs cfg on one path for each reference model's epochs and
// compares the final model with it, which who made, within tol; it returns
// the largest relative difference.
func checkModels(t *testing.T, train *data.Dataset, cfg SklearnConfig, readable bool, models []refModel, who string, tol float64) float64 {
	t.Helper()
	worst := 0.0
	for _, m := range models {
		at := cfg
		at.Epochs = m.Epochs
		rel, j := modelDiff(runSklearn(t, train, at, readable).Model, m.Coef, m.Intercept)
		worst = max(worst, rel)
		if rel > tol {
			t.Errorf("%d epochs: weight %d differs from %s by %.3g relative", m.Epochs, j, who, rel)
		}
	}
	return worst
}

// sklearnExact is the agreement the loops reach with the references:
// each weight within 10⁻⁹ relative (and 10⁻¹⁵ absolute, for weights near 0).
const sklearnExact = 1e-9

// sklearnFolded is the agreement of an averaged run whose scale is folded
// back (foldsWhileAveraging) without the C library's exp and pow: there
// scikit-learn's average keeps about 7 digits, whose last ones come from
// its exp's last bits (package libm).
const sklearnFolded = 1e-5

// foldsWhileAveraging reports whether cfg's weight scale, Π(1 − η_t·α),
// falls below scikit-learn's fold at 10⁻⁹ once averaging has begun, in a
// run of steps steps.
func foldsWhileAveraging(cfg SklearnConfig, steps int) bool {
	if cfg.Average == 0 {
		return false
	}
	scale := 1.0
	for t := 1.0; t <= float64(steps); t++ {
		eta := cfg.Eta0
		switch cfg.LearningRate {
		case OptimalRate:
			eta = 1 / (cfg.Alpha * (cfg.optimalT0() + t - 1))
		case InvScalingRate:
			eta = cfg.Eta0 / math.Pow(t, cfg.PowerT)
		}
		if scale *= 1 - eta*cfg.Alpha; scale < 1e-9 {
			if t >= float64(cfg.Average) {
				return true
			}
			scale = 1
		}
	}
	return false
}

// modelDiff returns the largest relative difference between m and the
// reference (coef, intercept), with an absolute floor of 10⁻⁶·sklearnExact,
// and the index of that weight (len(coef) for the bias).
func modelDiff(m Model, coef []float64, intercept float64) (rel float64, at int) {
	at = -1
	for j, want := range append(slices.Clip(coef), intercept) {
		got := m.B
		if j < len(coef) {
			got = m.W[j]
		}
		if r := math.Abs(got-want) / max(math.Abs(want), 1e-6); r > rel || at < 0 {
			rel, at = r, j
		}
	}
	return rel, at
}

// skipUnderRace skips a test of whole runs on a9a under -race, which makes
// them ten times slower; SklearnLoop's second goroutine is checked under
// -race on the small sets of TestSklearnEngineFollowsReadable, and Optimum
// has none. Without -race they run in full.
func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("single-goroutine a9a runs: checked without -race")
	}
}

// readSklearnTrace returns a9a's train set and the reference trace name,
// which must hold runs; it skips under -race (skipUnderRace).
func readSklearnTrace(t *testing.T, name string) (*data.Dataset, sklearnTrace) {
	t.Helper()
	skipUnderRace(t)
	train, _ := testkit.A9A(t)
	var ref sklearnTrace
	readTrace(t, name, &ref)
	if len(ref.Runs) == 0 {
		t.Fatalf("%s has no runs", name)
	}
	return train, ref
}

// sklearnPaths are SklearnLoop's two paths: the engine and the readable
// steps.
var sklearnPaths = []struct {
	name     string
	readable bool
}{{"engine", false}, {"readable", true}}

// runSklearn runs the loop on one path.
func runSklearn(t *testing.T, train *data.Dataset, cfg SklearnConfig, readable bool) *History {
	t.Helper()
	h, err := sklearnLoop(train, nil, cfg, readable)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestSklearnLoopMatchesScikitLearn runs every configuration of
// sklearn_sgd.json on a9a, on the engine and on the readable steps, and
// compares, for each epoch count scikit-learn was fitted with, the number
// of epochs run (n_iter_), the objective F of the model, and at the
// checkpoints every weight and the bias.
func TestSklearnLoopMatchesScikitLearn(t *testing.T) {
	train, ref := readSklearnTrace(t, "sklearn_sgd.json")
	for _, run := range ref.Runs {
		c := run.Config
		s, err := ParseSchedule(c.LearningRate)
		if err != nil {
			t.Fatal(err)
		}
		cfg := SklearnConfig{LearningRate: s, Eta0: c.Eta0, PowerT: c.PowerT, Alpha: c.Alpha,
			Average: c.Average, Epochs: c.MaxIter, NIterNoChange: c.NIterNoChange}
		if c.Tol != nil {
			cfg.Tol = *c.Tol
		}
		if c.Input == "dense" {
			cfg.InterceptDecay = 1 // scikit-learn's decay for dense input
		}
		tol := sklearnExact
		if foldsWhileAveraging(cfg.withDefaults(), cfg.Epochs*train.Rows()) && !libm.Exact {
			tol = sklearnFolded
		}
		for _, path := range sklearnPaths {
			t.Run(run.Name+"/"+path.name, func(t *testing.T) {
				h := runSklearn(t, train, cfg, path.readable)
				maxF := 0.0
				for _, e := range run.Epochs {
					// A fit with max_iter = k stops where the run stops.
					if want := min(e.Epoch, len(h.Epochs)); e.NIter != want {
						t.Errorf("max_iter %d: scikit-learn ran %d epochs, SklearnLoop %d", e.Epoch, e.NIter, want)
						continue
					}
					f := h.Epochs[e.NIter-1].Objective
					rel := math.Abs(f-e.Objective) / e.Objective
					maxF = max(maxF, rel)
					if rel > tol {
						t.Errorf("epoch %d: F %.15g, scikit-learn's model %.15g", e.Epoch, f, e.Objective)
					}
				}
				maxW := checkModels(t, train, cfg, path.readable, run.Models, "scikit-learn's coef_/intercept_", tol)
				t.Logf("%d epochs; largest relative difference: F %.2g, weights %.2g", len(h.Epochs), maxF, maxW)
			})
		}
	}
}

// TestAdaGradMatchesTorch compares AdaGradRate with torch.optim.Adagrad
// stepped per sample (torch_adagrad.json): every epoch's mean loss and F,
// and the weights at the checkpoints.
func TestAdaGradMatchesTorch(t *testing.T) {
	train, ref := readSklearnTrace(t, "torch_adagrad.json")
	for _, run := range ref.Runs {
		c := run.Config
		cfg := SklearnConfig{LearningRate: AdaGradRate, Eta0: c.LR, Alpha: c.Alpha, Epochs: c.Epochs}
		for _, path := range sklearnPaths {
			t.Run(run.Name+"/"+path.name, func(t *testing.T) {
				h := runSklearn(t, train, cfg, path.readable)
				if len(h.Epochs) != len(run.Epochs) {
					t.Fatalf("%d epochs, PyTorch ran %d", len(h.Epochs), len(run.Epochs))
				}
				maxL, maxF := 0.0, 0.0
				for k, e := range run.Epochs {
					r := h.Epochs[k]
					rl := math.Abs(r.Loss-e.Loss) / e.Loss
					rf := math.Abs(r.Objective-e.Objective) / e.Objective
					maxL, maxF = max(maxL, rl), max(maxF, rf)
					if rl > sklearnExact || rf > sklearnExact {
						t.Errorf("epoch %d: loss %.15g, F %.15g; PyTorch %.15g, %.15g", e.Epoch, r.Loss, r.Objective, e.Loss, e.Objective)
					}
				}
				maxW := checkModels(t, train, cfg, path.readable, run.Models, "PyTorch's", sklearnExact)
				t.Logf("largest relative difference: loss %.2g, F %.2g, weights %.2g", maxL, maxF, maxW)
			})
		}
	}
}

// TestOptimumMatchesScipy checks that Optimum, with SGDClassifier's
// objective (the bias out of the penalty), finds scipy's F* on a9a.
func TestOptimumMatchesScipy(t *testing.T) {
	skipUnderRace(t)
	train, _ := testkit.A9A(t)
	var ref struct {
		Config struct {
			Alpha float64 `json:"alpha"`
		} `json:"config"`
		Objective float64 `json:"objective"`
	}
	readTrace(t, "optimum.json", &ref)
	cfg := Config{L2: ref.Config.Alpha, BiasOutOfL2: true}
	m, err := Optimum(train, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := Objective(m, train, cfg)
	t.Logf("F* %.15g, scipy's %.15g", f, ref.Objective)
	if rel := (f - ref.Objective) / ref.Objective; math.Abs(rel) > sklearnExact {
		t.Errorf("F* = %.15g, scipy's L-BFGS %.15g (relative %.2g)", f, ref.Objective, rel)
	}
}

// TestAveragedReachesOptimum checks what the README and notebook 06 claim
// for averaging: within 10 epochs on a9a, file order, with scikit-learn's
// sparse intercept decay, F − F* ≤ 5·10⁻⁴ for a decaying rate 4/√t averaged
// from the first sample of epoch 3, and for a constant rate 0.03 averaged
// from the start; F* is scipy's (optimum.json).
func TestAveragedReachesOptimum(t *testing.T) {
	skipUnderRace(t)
	train, _ := testkit.A9A(t)
	var ref struct {
		Objective float64 `json:"objective"`
	}
	readTrace(t, "optimum.json", &ref)
	for _, cfg := range []SklearnConfig{
		{LearningRate: InvScalingRate, Eta0: 4, PowerT: 0.5, Average: 2*train.Rows() + 1},
		{LearningRate: ConstantRate, Eta0: 0.03, Average: 1},
	} {
		h, err := SklearnLoop(train, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if gap := h.Epochs[9].Objective - ref.Objective; !(gap <= 5e-4) {
			t.Errorf("%v η₀ %v, averaged from step %d: F − F* = %.3g after 10 epochs, want ≤ 5e-4", cfg.LearningRate, cfg.Eta0, cfg.Average, gap)
		}
	}
}

// formulaLoop is SklearnLoop's plain SGD as its formulas read, on dense
// weights: every weight shrinks at every step and the average is a running
// mean. It shares logLoss, logLossGrad and the rates with plainSGD, not the
// lazy forms.
func formulaLoop(d *data.Dataset, cfg SklearnConfig) Model {
	cfg = cfg.withDefaults()
	rates := newPlainSGD(d, cfg)
	w, avg := make([]float64, d.Width), make([]float64, d.Width)
	b, avgB := 0.0, 0.0
	ord := seeded.NewOrder(d.Rows(), cfg.Shuffle, seeded.NewRand(cfg.Seed))
	t := 1.0
	for range cfg.Epochs {
		for _, i := range ord.Next() {
			idx, val := d.Row(i)
			y := 2*d.Y[i] - 1
			z := dot(w, b, idx, val)
			rates.T = t
			eta := rates.rate()
			u := -eta * max(-maxDLoss, min(logLossGrad(z, y), maxDLoss))
			for j := range w {
				w[j] *= max(0, 1-eta*cfg.Alpha)
			}
			for k, j := range idx {
				w[j] += u * val[k]
			}
			b += u * cfg.InterceptDecay
			if k := float64(cfg.Average); k > 0 && t >= k {
				m := t - k + 1
				for j := range w {
					avg[j] += (w[j] - avg[j]) / m
				}
				avgB += (b - avgB) / m
			}
			t++
		}
	}
	if k := float64(cfg.Average); k > 0 && k <= t-1 {
		return Model{W: avg, B: avgB}
	}
	return Model{W: w, B: b}
}

// TestSklearnLoopFormulas checks the lazy forms (the scale of the weights,
// its folding when small, the lazy average) against the formulas on
// random data, with settings that fold often, clamp the shrinking factor to
// 0, start the average mid-epoch, and shuffle.
func TestSklearnLoopFormulas(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(11, 12)), 300, 20, 0.3)
	for _, tc := range []struct {
		cfg SklearnConfig
		tol float64
	}{
		{SklearnConfig{LearningRate: ConstantRate, Eta0: 0.05}, sklearnExact},
		{SklearnConfig{LearningRate: ConstantRate, Eta0: 0.05, Average: 1}, sklearnExact},
		{SklearnConfig{LearningRate: OptimalRate, Alpha: 0.01, Average: 450}, sklearnExact},
		{SklearnConfig{LearningRate: InvScalingRate, Eta0: 0.5, PowerT: 0.3, Average: 2, InterceptDecay: 1}, sklearnExact},
		{SklearnConfig{LearningRate: AdaptiveRate, Eta0: 0.1, Average: 100, Shuffle: true, Seed: 3}, sklearnExact},
		// ηα = 0.4: the scale falls below 10⁻⁹ and is folded every 41
		// steps. The lazy average (avg + avgA·v)/avgB then subtracts terms
		// up to 10⁹ times larger than w̄ and keeps only about 8 digits, as
		// scikit-learn's does.
		{SklearnConfig{LearningRate: ConstantRate, Eta0: 0.2, Alpha: 2}, sklearnExact},
		{SklearnConfig{LearningRate: ConstantRate, Eta0: 0.2, Alpha: 2, Average: 1}, 1e-7},
		// ηα > 1: the weights are set to 0 before each step's update.
		{SklearnConfig{LearningRate: ConstantRate, Eta0: 0.5, Alpha: 3, Average: 7}, sklearnExact},
		{SklearnConfig{LearningRate: InvScalingRate, Eta0: 1, Alpha: 1, Shuffle: true, Seed: 9, Epochs: 3}, sklearnExact},
	} {
		cfg := tc.cfg
		t.Run(fmt.Sprintf("%v/eta0=%v/alpha=%v/average=%d", cfg.LearningRate, cfg.Eta0, cfg.Alpha, cfg.Average), func(t *testing.T) {
			h, err := SklearnLoop(d, nil, cfg)
			if err != nil {
				t.Fatal(err)
			}
			want := formulaLoop(d, cfg)
			rel, at := modelDiff(h.Model, want.W, want.B)
			if rel > tc.tol {
				t.Errorf("weight %d differs from the formulas' by %.3g relative", at, rel)
			}
			t.Logf("largest relative difference %.2g", rel)
		})
	}
}

// sklearnConfigs are the settings SklearnLoop's engine and readable
// steps are compared with: every schedule, averaging from the start and
// from the middle of the second epoch, shuffling; 'optimal' with α large
// enough that its first steps are the only expanding ones, and small
// enough that they are many; penalties that fold the scale back or zero
// the weights; and AdaGrad.
func sklearnConfigs(n int) []SklearnConfig {
	var cs []SklearnConfig
	for _, s := range []SklearnConfig{
		{LearningRate: ConstantRate, Eta0: 0.05},
		{LearningRate: OptimalRate},
		{LearningRate: OptimalRate, Alpha: 0.01},
		{LearningRate: InvScalingRate, Eta0: 0.5, PowerT: 0.3},
		{LearningRate: AdaptiveRate, Eta0: 0.1},
		{LearningRate: ConstantRate, Eta0: 0.2, Alpha: 2},   // the scale folds every 41 steps
		{LearningRate: ConstantRate, Eta0: 0.05, Alpha: 30}, // ηα > 1: the weights are set to 0
		// Averaged, the scale falls below 10⁻³ (the engine takes the
		// formulas' step throughout) within 12 epochs, and not within 4.
		{LearningRate: ConstantRate, Eta0: 0.1, Alpha: 0.05, Epochs: 12},
		{LearningRate: ConstantRate, Eta0: 0.1, Alpha: 0.02},
	} {
		for _, average := range []int{0, 1, n + n/2} {
			for _, shuffle := range []bool{false, true} {
				c := s
				c.Average, c.Shuffle, c.Seed = average, shuffle, 6
				c.Epochs = max(c.Epochs, 4)
				cs = append(cs, c)
			}
		}
	}
	for _, lr := range []float64{0.1, 1} {
		for _, shuffle := range []bool{false, true} {
			cs = append(cs, SklearnConfig{LearningRate: AdaGradRate, Eta0: lr, Alpha: 0.01, Shuffle: shuffle, Seed: 6, Epochs: 4})
		}
	}
	return cs
}

// TestSklearnEngineFollowsReadable: the engine gives the readable steps'
// history (every Record field, the Objective included) and final model
// within 10⁻⁹ relative, for every setting of sklearnConfigs, on random
// sparse data, on one-hot data, on values large enough for margins past
// scikit-learn's cut-offs, and on a9a.
func TestSklearnEngineFollowsReadable(t *testing.T) {
	skipWithoutEngine(t)
	r := rand.New(rand.NewPCG(61, 62))
	type set struct {
		name        string
		train, test *data.Dataset
	}
	sets := []set{
		{"random", testkit.Random(r, 300, 30, 0.3), testkit.Random(r, 100, 30, 0.3)},
		{"one-hot", testkit.OneHot(testkit.Random(r, 300, 30, 0.3)), testkit.OneHot(testkit.Random(r, 100, 30, 0.3))},
		{"huge", testkit.Huge(r, 200, 20), testkit.Huge(r, 50, 20)},
	}
	if (os.Getenv(data.EnvDir) != "" || os.Getenv("CI") != "") && !raceDetector {
		train, test := testkit.A9A(t)
		sets = append(sets, set{"a9a", train, test})
	}
	for _, s := range sets {
		worst := 0.0
		for _, cfg := range sklearnConfigs(s.train.Rows()) {
			if s.name == "a9a" && (cfg.Shuffle || cfg.Alpha > 0.1) {
				continue // the file order and the seed's penalty: the rest is the small sets'
			}
			fast, err := SklearnLoop(s.train, s.test, cfg)
			if err != nil {
				t.Fatalf("%s %+v: %v", s.name, cfg, err)
			}
			ref, err := sklearnLoop(s.train, s.test, cfg, true)
			if err != nil {
				t.Fatalf("%s %+v: %v", s.name, cfg, err)
			}
			d, where := historyDiff(fast, ref)
			worst = max(worst, d)
			if d > sklearnExact {
				t.Errorf("%s %v eta0 %v alpha %v average %d shuffle %v: engine and readable differ by %.3g, %s",
					s.name, cfg.LearningRate, cfg.Eta0, cfg.Alpha, cfg.Average, cfg.Shuffle, d, where)
			}
		}
		t.Logf("%s: largest relative difference %.3g", s.name, worst)
	}
}

// TestSklearnLoopTol checks the rule for tol on a9a against its
// definition: the loop stops (or AdaptiveRate cuts its rate) after
// NIterNoChange epochs whose loss sum is not below the best by Tol·N.
func TestSklearnLoopTol(t *testing.T) {
	train, _ := testkit.A9A(t)
	cfg := SklearnConfig{LearningRate: ConstantRate, Eta0: 0.1, Tol: 1e-3, NIterNoChange: 2, Epochs: 30}
	h, err := SklearnLoop(train, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	n := float64(train.Rows())
	best, none, stop := math.Inf(1), 0, 0
	for _, r := range h.Epochs {
		if r.Loss*n > best-cfg.Tol*n {
			none++
		} else {
			none = 0
		}
		best = min(best, r.Loss*n)
		if none >= cfg.NIterNoChange {
			stop = r.Epoch
			break
		}
	}
	if stop == 0 || stop != len(h.Epochs) {
		t.Errorf("ran %d epochs; the rule stops after epoch %d", len(h.Epochs), stop)
	}
}

// TestSklearnLoopShuffle checks that the seed alone decides the order.
func TestSklearnLoopShuffle(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(13, 14)), 200, 10, 0.4)
	run := func(cfg SklearnConfig) Model {
		h, err := SklearnLoop(d, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return h.Model
	}
	cfg := SklearnConfig{LearningRate: ConstantRate, Eta0: 0.1, Epochs: 3}
	file := run(cfg)
	cfg.Shuffle, cfg.Seed = true, 1
	a, b := run(cfg), run(cfg)
	cfg.Seed = 2
	c := run(cfg)
	switch {
	case !slices.Equal(a.W, b.W) || a.B != b.B:
		t.Error("two runs with the same seed differ")
	case slices.Equal(a.W, c.W):
		t.Error("runs with seeds 1 and 2 are equal")
	case slices.Equal(a.W, file.W):
		t.Error("the shuffled run equals the run in file order")
	}
}

// TestSklearnLoopRecords checks the records and History of a run with the
// zero SklearnConfig: SGDClassifier's defaults with 10 epochs.
func TestSklearnLoopRecords(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(15, 16)), 100, 8, 0.5)
	test := testkit.Random(rand.New(rand.NewPCG(17, 18)), 50, 8, 0.5)
	var seen []int
	h, err := SklearnLoop(d, test, SklearnConfig{OnEpoch: func(r Record) { seen = append(seen, r.Epoch) }})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; !slices.Equal(seen, want) {
		t.Errorf("OnEpoch saw epochs %v, want %v", seen, want)
	}
	want := Config{Epochs: 10, L2: 1e-4, BiasOutOfL2: true}
	if h.Loop != "sklearn" || h.Config.Epochs != want.Epochs || h.Config.L2 != want.L2 || !h.Config.BiasOutOfL2 {
		t.Errorf("History %q with %+v, want \"sklearn\" with %+v", h.Loop, h.Config, want)
	}
	last := h.Epochs[len(h.Epochs)-1]
	if g, w := last.TrainError, predictions(h.Model, d, logitAboveZero).errorRate(); g != w {
		t.Errorf("last TrainError %v, the final model's %v", g, w)
	}
	if g, w := last.TestError, predictions(h.Model, test, logitAboveZero).errorRate(); g != w {
		t.Errorf("last TestError %v, the final model's %v", g, w)
	}
	for _, r := range h.Epochs {
		if !(r.Loss > 0) || math.IsInf(r.Loss, 0) {
			t.Errorf("epoch %d: loss %v", r.Epoch, r.Loss)
		}
	}
}

// TestSklearnConfigValidate lists the settings SklearnLoop refuses; each
// error wraps ErrConfig and names the parameter.
func TestSklearnConfigValidate(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		cfg  SklearnConfig
		name string
	}{
		{SklearnConfig{LearningRate: -1}, "learning_rate"},
		{SklearnConfig{LearningRate: AdaGradRate + 1}, "learning_rate"},
		{SklearnConfig{LearningRate: ConstantRate}, "eta0"},
		{SklearnConfig{LearningRate: InvScalingRate}, "eta0"},
		{SklearnConfig{LearningRate: AdaptiveRate}, "eta0"},
		{SklearnConfig{LearningRate: AdaGradRate}, "eta0"},
		{SklearnConfig{Eta0: -1}, "eta0"},
		{SklearnConfig{Eta0: nan}, "eta0"},
		{SklearnConfig{PowerT: math.Inf(1)}, "power_t"},
		{SklearnConfig{Alpha: -1e-4}, "alpha"},
		{SklearnConfig{Alpha: nan}, "alpha"},
		{SklearnConfig{Average: -1}, "average"},
		{SklearnConfig{Epochs: -1}, "epochs"},
		{SklearnConfig{Tol: -1}, "tol"},
		{SklearnConfig{Tol: math.Inf(1)}, "tol"},
		{SklearnConfig{NIterNoChange: -1}, "n_iter_no_change"},
		{SklearnConfig{InterceptDecay: -1}, "intercept decay"},
		{SklearnConfig{LearningRate: AdaGradRate, Eta0: 0.1, Average: 1}, "average"},
		{SklearnConfig{LearningRate: AdaGradRate, Eta0: 0.1, Tol: 1e-3}, "tol"},
		{SklearnConfig{Alpha: 1e22}, "alpha 1e+22 is too large for learning_rate optimal"},
		{SklearnConfig{Alpha: 1e300}, "its first rate"},
	} {
		err := tc.cfg.Validate()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%+v: error %v, want ErrConfig naming %s", tc.cfg, err, tc.name)
		}
		if _, err := SklearnLoop(testkit.Hand(), nil, tc.cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: SklearnLoop returned %v, want ErrConfig", tc.cfg, err)
		}
	}
	for _, cfg := range []SklearnConfig{{}, {LearningRate: AdaGradRate, Eta0: 1}, {LearningRate: InvScalingRate, Eta0: 1, PowerT: -0.5},
		{Alpha: 1e20}, {Alpha: 1e-300}, {LearningRate: ConstantRate, Eta0: 0.01, Alpha: 1e300}} {
		if err := cfg.Validate(); err != nil {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
}

// TestSklearnLoopData checks the errors for unusable data.
func TestSklearnLoopData(t *testing.T) {
	wide := testkit.Hand()
	wide.Width = 4
	bad := testkit.Hand()
	bad.Index[2] = 7
	dup := testkit.Hand()
	dup.Index[1] = 0 // row 0 holds feature 0 twice
	for _, tc := range []struct {
		name        string
		train, test *data.Dataset
		cfg         SklearnConfig
	}{
		{"no train set", nil, nil, SklearnConfig{}},
		{"empty train set", &data.Dataset{RowPtr: []int{0}}, nil, SklearnConfig{}},
		{"test width", testkit.Hand(), wide, SklearnConfig{}},
		{"train index", bad, nil, SklearnConfig{}},
		{"test index", testkit.Hand(), bad, SklearnConfig{}},
		{"adagrad repeated index", dup, nil, SklearnConfig{LearningRate: AdaGradRate, Eta0: 0.1}},
	} {
		if _, err := SklearnLoop(tc.train, tc.test, tc.cfg); !errors.Is(err, ErrData) {
			t.Errorf("%s: %v, want ErrData", tc.name, err)
		}
	}
	// The plain schedules add a repeated feature twice, as scikit-learn does.
	if _, err := SklearnLoop(dup, nil, SklearnConfig{}); err != nil {
		t.Errorf("repeated index: %v", err)
	}
}

// TestSklearnLoopOverflow checks that weights that overflow stop the run
// with a *DivergedError instead of returning NaN, on either path.
func TestSklearnLoopOverflow(t *testing.T) {
	d := testkit.Hand()
	for i := range d.Value {
		d.Value[i] = 1e300
	}
	for _, cfg := range []SklearnConfig{
		{LearningRate: ConstantRate, Eta0: 1e10},
		{LearningRate: AdaGradRate, Eta0: 1e300},
	} {
		for _, path := range sklearnPaths {
			h, err := sklearnLoop(d, nil, cfg, path.readable)
			var div *DivergedError
			if !errors.As(err, &div) || h == nil || len(h.Epochs) != div.Epoch-1 {
				t.Errorf("%v, %s: %v, want a *DivergedError and the epochs before", cfg.LearningRate, path.name, err)
			}
		}
	}
}

// TestSchedule checks the schedules' names, parsing and JSON form.
func TestSchedule(t *testing.T) {
	for s := OptimalRate; s <= AdaGradRate; s++ {
		p, err := ParseSchedule(s.String())
		if err != nil || p != s {
			t.Errorf("ParseSchedule(%q) = %v, %v", s.String(), p, err)
		}
		b, err := json.Marshal(SklearnConfig{LearningRate: s})
		if err != nil {
			t.Fatal(err)
		}
		var back SklearnConfig
		if err := json.Unmarshal(b, &back); err != nil || back.LearningRate != s {
			t.Errorf("%s: JSON %s read back as %v, %v", s, b, back.LearningRate, err)
		}
	}
	if _, err := ParseSchedule("pa1"); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "adagrad") {
		t.Errorf("ParseSchedule(pa1): %v", err)
	}
	if _, err := json.Marshal(SklearnConfig{LearningRate: 9}); err == nil {
		t.Error("an unknown schedule marshalled")
	}
	if got := Schedule(9).String(); got != "Schedule(9)" {
		t.Errorf("Schedule(9).String() = %q", got)
	}
}

// TestClipDLoss checks that the clip by comparisons is min and max's, bit
// for bit, NaN and signed zeros included.
func TestClipDLoss(t *testing.T) {
	for _, g := range []float64{0, math.Copysign(0, -1), 0.25, -1, maxDLoss, -maxDLoss, math.Nextafter(maxDLoss, math.Inf(1)),
		-2 * maxDLoss, math.Inf(1), math.Inf(-1), math.NaN()} {
		got, want := clipDLoss(g), max(-maxDLoss, min(g, maxDLoss))
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("clipDLoss(%v) = %v, want %v", g, got, want)
		}
	}
}

// TestLogLoss checks the loss and its derivative against log1p and the
// sigmoid: to rounding within the cut-offs at yz = ±18, and within their
// approximation, about e^(−|yz|), beyond them.
func TestLogLoss(t *testing.T) {
	for _, z := range []float64{-40, -18.5, -18, -3, -1e-3, 0, 0.7, 17.9, 18, 18.5, 40} {
		for _, y := range []float64{-1, 1} {
			m := z * y
			loss, grad := logLoss(z, y), logLossGrad(z, y)
			wantLoss, wantGrad := math.Log1p(math.Exp(-m)), -y*Sigmoid(-m)
			tol := 1e-15 * max(1, wantLoss)
			if math.Abs(m) > 18 {
				tol = 2 * math.Exp(-math.Abs(m))
			}
			if math.Abs(loss-wantLoss) > tol || math.Abs(grad-wantGrad) > tol {
				t.Errorf("z %v, y %v: loss %v, ∂/∂z %v; want %v, %v", z, y, loss, grad, wantLoss, wantGrad)
			}
		}
	}
}

// BenchmarkSklearnLoopA9A times 10 epochs of each configuration of
// sklearn_sgd.json with epochs = 10 (plus AdaGrad), each epoch's train and
// test error and objective included, for the comparison with timing.py's
// (or sklearn_sgd.py --time's) SGDClassifier.
func BenchmarkSklearnLoopA9A(b *testing.B) {
	var ref sklearnTrace
	readTrace(b, "sklearn_sgd.json", &ref)
	for _, run := range ref.Runs {
		c := run.Config
		if c.MaxIter != 10 {
			continue
		}
		s, err := ParseSchedule(c.LearningRate)
		if err != nil {
			b.Fatal(err)
		}
		cfg := SklearnConfig{LearningRate: s, Eta0: c.Eta0, PowerT: c.PowerT, Alpha: c.Alpha, Average: c.Average, Epochs: 10}
		if c.Input == "dense" {
			cfg.InterceptDecay = 1
		}
		b.Run(run.Name, func(b *testing.B) { benchSklearn(b, cfg) })
	}
	b.Run("adagrad_lr0.1", func(b *testing.B) {
		benchSklearn(b, SklearnConfig{LearningRate: AdaGradRate, Eta0: 0.1, Epochs: 10})
	})
}

// benchSklearn is benchA9A for SklearnLoop with cfg.
func benchSklearn(b *testing.B, cfg SklearnConfig) {
	benchA9A(b, func(train, test *data.Dataset, _ Config) (*History, error) {
		return SklearnLoop(train, test, cfg)
	}, Config{})
}

// TestSklearnLoopManyEpochs checks that a huge epoch count is no huge
// allocation: with a large Tol the run stops after its second epoch, the
// first that can fail to improve on a best loss.
func TestSklearnLoopManyEpochs(t *testing.T) {
	h, err := SklearnLoop(testkit.Hand(), nil, SklearnConfig{Epochs: math.MaxInt, Tol: 1e9, NIterNoChange: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Epochs) != 2 {
		t.Errorf("%d epochs, want 2 (tol stops the run)", len(h.Epochs))
	}
}

// TestSklearnLoopPredicts: SklearnLoop's error rates count a row positive
// as SGDClassifier.predict does, when its logit is above 0, not when σ of
// it rounds to 1/2: at η₀ = 10⁻³⁰⁰ every logit is within 10⁻²⁹⁵ of 0, and
// σ would call them all positive. On the engine and the readable steps.
func TestSklearnLoopPredicts(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(17, 18)), 300, 8, 0.5)
	for name, readable := range map[string]bool{"engine": false, "readable": true} {
		for _, cfg := range []SklearnConfig{
			{LearningRate: ConstantRate, Eta0: 1e-300, Epochs: 1},
			{LearningRate: AdaGradRate, Eta0: 1e-300, Epochs: 1},
		} {
			h, err := sklearnLoop(d, d, cfg, readable)
			if err != nil {
				t.Fatal(err)
			}
			wrong, negative, positive := 0, 0, 0
			for i := range d.Rows() {
				z := h.Model.Logit(d.Row(i))
				if (z > 0) != (d.Y[i] == 1) {
					wrong++
				}
				if z > 0 {
					positive++
				} else {
					negative++
				}
			}
			want := float64(wrong) / float64(d.Rows())
			if r := h.Epochs[0]; r.TrainError != want || r.TestError != want || negative == 0 || positive == 0 {
				t.Errorf("%s, %v: train error %v, test error %v; want %v (%d logits ≤ 0, %d above)",
					name, cfg.LearningRate, r.TrainError, r.TestError, want, negative, positive)
			}
		}
	}
}

// TestSklearnLoopSubnormalRates: at a subnormal rate the engine's step
// would round otherwise than the formulas by far more than their last bit;
// SklearnLoop takes the readable steps then, so that its records and model
// are theirs.
func TestSklearnLoopSubnormalRates(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(19, 20)), 200, 8, 0.5)
	for _, cfg := range []SklearnConfig{
		{LearningRate: ConstantRate, Eta0: 5e-324, Epochs: 2},
		{LearningRate: InvScalingRate, Eta0: 1e-320, Epochs: 2},
		{LearningRate: InvScalingRate, Eta0: 1e-300, PowerT: 200, Epochs: 2},
		{LearningRate: AdaGradRate, Eta0: 1e-310, Epochs: 2},
	} {
		for _, set := range []*data.Dataset{d, testkit.OneHot(d)} {
			fast, slow := runSklearn(t, set, cfg, false), runSklearn(t, set, cfg, true)
			if !reflect.DeepEqual(fast.Model, slow.Model) || fast.Epochs[1].TrainError != slow.Epochs[1].TrainError {
				t.Errorf("%+v: engine %v, train error %v; readable %v, %v", cfg, fast.Model, fast.Epochs[1].TrainError,
					slow.Model, slow.Epochs[1].TrainError)
			}
		}
	}
}
