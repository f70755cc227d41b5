package logreg

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/lbfgs"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestObjectiveGradient checks objective.grad against central differences
// of objective.value at a random point, bias in and out of the penalty.
func TestObjectiveGradient(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(1, 2)), 200, 12, 0.4)
	for _, cfg := range []Config{{L2: 0.05}, {L2: 0.05, BiasOutOfL2: true}, {L2: -1}} {
		o := newObjective(d, cfg)
		r := rand.New(rand.NewPCG(3, 4))
		theta := make([]float64, d.Width+1)
		for j := range theta {
			theta[j] = r.NormFloat64()
		}
		g := make([]float64, len(theta))
		o.grad(g, theta)
		const h = 1e-6
		for j := range theta {
			t0 := theta[j]
			theta[j] = t0 + h
			fp := o.value(theta)
			theta[j] = t0 - h
			fm := o.value(theta)
			theta[j] = t0
			if fd := (fp - fm) / (2 * h); math.Abs(fd-g[j]) > 1e-7 {
				t.Errorf("%+v: ∂F/∂θ%d = %.9g, central difference %.9g", cfg, j, g[j], fd)
			}
		}
	}
}

// gradNorm returns the largest |component| of ∇F at m on d.
func gradNorm(d *data.Dataset, cfg Config, m Model) float64 {
	return lbfgs.GradNorm(newObjective(d, cfg).grad, append(append([]float64(nil), m.W...), m.B))
}

// TestOptimumRandom checks that Optimum's point has a vanishing gradient and
// is no worse than any nearby point, on random data.
func TestOptimumRandom(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(5, 6)), 300, 10, 0.5)
	for _, cfg := range []Config{{}, {BiasOutOfL2: true}, {L2: 0.1}} {
		m, err := Optimum(d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if g := gradNorm(d, cfg, m); g > lbfgs.GradAccept {
			t.Errorf("%+v: gradient norm %.3g at the optimum", cfg, g)
		}
		f := Objective(m, d, cfg)
		r := rand.New(rand.NewPCG(7, 8))
		for range 20 {
			q := Model{W: append([]float64(nil), m.W...), B: m.B + 1e-3*r.NormFloat64()}
			for j := range q.W {
				q.W[j] += 1e-3 * r.NormFloat64()
			}
			if fq := Objective(q, d, cfg); fq < f {
				t.Errorf("%+v: F %.12g at a nearby point, %.12g at the optimum", cfg, fq, f)
			}
		}
	}
}

// TestOptimumA9A checks the floor on a9a: a vanishing gradient and about
// 15% train and test error with the seed's penalty.
func TestOptimumA9A(t *testing.T) {
	train, test := testkit.A9A(t)
	m, err := Optimum(train, Config{})
	if err != nil {
		t.Fatal(err)
	}
	g := gradNorm(train, Config{}, m)
	trainErr, testErr := ErrorRate(m, train), ErrorRate(m, test)
	t.Logf("a9a optimum: F %.6f, gradient norm %.2g, train error %.4f, test error %.4f",
		Objective(m, train, Config{}), g, trainErr, testErr)
	if g > lbfgs.GradAccept {
		t.Errorf("gradient norm %.3g at the optimum", g)
	}
	for _, e := range []float64{trainErr, testErr} {
		if e < 0.14 || e > 0.16 {
			t.Errorf("error %.4f at the optimum, want about 0.15", e)
		}
	}
}

func TestOptimumErrors(t *testing.T) {
	if _, err := Optimum(nil, Config{}); err == nil {
		t.Error("nil train set: no error")
	}
	d := testkit.Random(rand.New(rand.NewPCG(1, 1)), 10, 3, 0.5)
	if _, err := Optimum(d, Config{Momentum: 2}); err == nil {
		t.Error("bad config: no error")
	}
	// Data the loops refuse, Optimum and OptimalObjective refuse too, rather
	// than index out of range in gonum's goroutines or return a NaN F*.
	for _, tc := range []struct {
		name  string
		spoil func(d *data.Dataset)
		want  string
	}{
		{"index past the width", func(d *data.Dataset) { d.Index[len(d.Index)-1] = int32(d.Width) }, "row 9 has index 3"},
		{"negative index", func(d *data.Dataset) { d.Index[0] = -1 }, "row 0 has index -1"},
		{"row past the indices", func(d *data.Dataset) { d.RowPtr[len(d.RowPtr)-1]++ }, "RowPtr"},
		{"NaN value", func(d *data.Dataset) { d.Value[2] = math.NaN() }, "has value NaN"},
		{"infinite value", func(d *data.Dataset) { d.Value[len(d.Value)-1] = math.Inf(-1) }, "has value -Inf"},
		{"label 3", func(d *data.Dataset) { d.Y[4] = 3 }, "train set: row 4 has label 3"},
	} {
		d := testkit.Random(rand.New(rand.NewPCG(1, 1)), 10, 3, 0.5)
		tc.spoil(d)
		if _, err := Optimum(d, Config{}); !errors.Is(err, ErrData) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Optimum, %s: %v, want ErrData saying %q", tc.name, err, tc.want)
		}
		if _, _, err := OptimalObjective(d, 1e-4); !errors.Is(err, ErrData) {
			t.Errorf("OptimalObjective, %s: %v, want ErrData", tc.name, err)
		}
	}
}

func TestObjective(t *testing.T) {
	d := testkit.Hand()
	zero := Model{W: make([]float64, 3)}
	if got := Objective(zero, d, Config{}); math.Abs(got-math.Ln2) > 1e-15 {
		t.Errorf("Objective(zero) = %v, want log 2", got)
	}
	// Penalty: (λ/2)·(‖w‖² + b²) by default, without b² if BiasOutOfL2; a
	// wider model's extra weight sees no data but is penalised.
	m := Model{W: []float64{0, 0, 0, 3}, B: 0}
	cfg := Config{L2: 0.5}
	if got, want := Objective(m, d, cfg), math.Ln2+0.25*9; math.Abs(got-want) > 1e-15 {
		t.Errorf("Objective(wider) = %v, want %v", got, want)
	}
	b := Model{W: make([]float64, 3), B: 0.1}
	in, out := Objective(b, d, cfg), Objective(b, d, Config{L2: 0.5, BiasOutOfL2: true})
	if d := in - out; math.Abs(d-0.25*0.01) > 1e-15 {
		t.Errorf("bias penalty %v, want %v", d, 0.25*0.01)
	}
}

// TestRecordObjective: with Config.RecordObjective each loop's last Record
// holds F of its final model, with the loop's α (History.Alpha: λ for
// NumPyLoop, 0 for TorchLoop), on both paths, and without it 0;
// OptimalObjective's F* lies below it and refuses a bad α.
func TestRecordObjective(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(91, 92)), 200, 12, 0.4)
	for _, tc := range []struct {
		name  string
		run   func() (*History, error)
		alpha float64
	}{
		{"torch", func() (*History, error) { return TorchLoop(d, nil, Config{LearningRate: 0.05, RecordObjective: true}) }, 0},
		{"torch readable", func() (*History, error) {
			return torchLoop(d, nil, Config{LearningRate: 0.05, RecordObjective: true}, true)
		}, 0},
		{"numpy", func() (*History, error) {
			return NumPyLoop(d, nil, Config{LearningRate: 0.05, L2: 0.01, RecordObjective: true})
		}, 0.01},
		{"numpy readable", func() (*History, error) {
			return numpyLoop(d, nil, Config{LearningRate: 0.05, L2: 0.01, RecordObjective: true}, true)
		}, 0.01},
		{"sklearn", func() (*History, error) { return SklearnLoop(d, nil, SklearnConfig{Alpha: 0.01}) }, 0.01},
	} {
		h, err := tc.run()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want := Objective(h.Model, d, objectiveConfig(tc.alpha))
		got := h.Epochs[len(h.Epochs)-1].Objective
		if h.Alpha != tc.alpha || math.Abs(got-want) > 1e-12*want {
			t.Errorf("%s: alpha %v, last objective %.15g; want alpha %v, F %.15g", tc.name, h.Alpha, got, tc.alpha, want)
		}
		if tc.alpha == 0 {
			continue
		}
		fstar, _, err := OptimalObjective(d, tc.alpha)
		if err != nil || !(fstar <= got) {
			t.Errorf("%s: F* %v (%v), above the run's F %v", tc.name, fstar, err, got)
		}
	}
	for name, run := range map[string]func() (*History, error){
		"torch":          func() (*History, error) { return TorchLoop(d, nil, Config{LearningRate: 0.05}) },
		"numpy readable": func() (*History, error) { return numpyLoop(d, nil, Config{LearningRate: 0.05}, true) },
	} {
		if h, err := run(); err != nil || h.Epochs[len(h.Epochs)-1].Objective != 0 {
			t.Errorf("%s without RecordObjective: %v, objective %v; want 0", name, err, h.Epochs[len(h.Epochs)-1].Objective)
		}
	}
	for _, alpha := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, _, err := OptimalObjective(d, alpha); !errors.Is(err, ErrConfig) {
			t.Errorf("alpha %v: %v, want ErrConfig", alpha, err)
		}
	}
}

// TestOptimalObjectiveHugeAlpha: with α from 10²⁵ up, the weights' penalty
// dwarfs the bias's loss, and L-BFGS from zero stops where F stops
// decreasing, at the zero model; F* is then the loss of the best bias
// alone, the labels' entropy, and OptimalObjective returns it or an error,
// never log 2.
func TestOptimalObjectiveHugeAlpha(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(5, 6)), 200, 6, 0.5)
	p := 0.0
	for _, y := range d.Y {
		p += y
	}
	p /= float64(d.Rows())
	entropy := -p*math.Log(p) - (1-p)*math.Log(1-p)
	if math.Abs(entropy-math.Ln2) < 1e-3 {
		t.Fatalf("labels %.3f positive: too balanced for the test", p)
	}
	for _, alpha := range []float64{1e25, 1e50, 1e300} {
		fstar, _, err := OptimalObjective(d, alpha)
		if err == nil && math.Abs(fstar-entropy) > 1e-9 {
			t.Errorf("alpha %g: F* %.12f, want %.12f or an error", alpha, fstar, entropy)
		}
		t.Logf("alpha %g: F* %.12f, %v", alpha, fstar, err)
	}
}

// TestOptimalObjectiveContext: a context already done stops the search,
// with its error; a live one finds OptimalObjective's F*.
func TestOptimalObjectiveContext(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(7, 8)), 200, 6, 0.5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := OptimalObjectiveContext(ctx, d, 1e-4); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v, want context.Canceled", err)
	}
	want, _, err := OptimalObjective(d, 1e-4)
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := OptimalObjectiveContext(context.Background(), d, 1e-4); err != nil || got != want {
		t.Errorf("live context: %v, %v; want %v", got, err, want)
	}
}
