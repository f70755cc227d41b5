package logreg

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// The fast paths against the readable ones, to rounding (10⁻⁹ relative):
// TorchLoop's epochFast against step, MomentumSGD's lazy engines against
// MomentumSGDDense (gonum, the seed's shape) and against the engine that
// steps every weight.

// generic runs f with the loops on their readable paths only.
func generic(f func() (*History, error)) (*History, error) {
	testGeneric = true
	defer func() { testGeneric = false }()
	return f()
}

// oneHot returns d with every value set to 1, as in a9a: the loops then
// take their loops that do not read the values.
func oneHot(d *data.Dataset) *data.Dataset {
	e := *d
	e.Value = make([]float64, len(d.Value))
	for k := range e.Value {
		e.Value[k] = 1
	}
	return &e
}

// hugeDataset is randomDataset with values scaled up so that, with a large
// learning rate, logits leave the fast steps' range and exp's.
func hugeDataset(r *rand.Rand, n, width int) *data.Dataset {
	d := randomDataset(r, n, width, 0.4)
	for k := range d.Value {
		d.Value[k] *= 20
	}
	return d
}

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
				cs = append(cs, Config{Epochs: 3, LearningRate: lr, Shuffle: shuffle, InitStd: std, Float32: f32, Seed: 4})
			}
		}
	}
	return cs
}

// TestTorchLoopFastIsExact: the fast float64 epoch gives the readable one's
// history and model within 10⁻⁹ relative, with every option, on random
// data, on random one-hot data and on a9a. (The float32 configurations take
// the same path in both runs and must agree bit for bit.) Logits beyond
// the fast step's range are TestTorchFastStepFallback's.
func TestTorchLoopFastIsExact(t *testing.T) {
	if !libmExact64() {
		t.Skip("no inline log here: TorchLoop runs the readable step only")
	}
	r := rand.New(rand.NewPCG(31, 32))
	sets := []struct {
		name        string
		train, test *data.Dataset
		lr          float64
	}{
		{"random", randomDataset(r, 400, 30, 0.3), randomDataset(r, 100, 30, 0.3), 0.05},
		{"random one-hot", oneHot(randomDataset(r, 400, 30, 0.3)), oneHot(randomDataset(r, 100, 30, 0.3)), 0.05},
	}
	if os.Getenv(data.EnvDir) != "" || os.Getenv("CI") != "" {
		train, test := loadA9A(t)
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
			ref, err := generic(func() (*History, error) { return TorchLoop(set.train, set.test, cfg) })
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

// TestTorchFastStepFallback runs the fast step and the readable one sample
// by sample from the same weights, on data whose logits leave
// (−fastLogit, fastLogit), reach autograd's guard, overflow exp, and
// overflow the weights: after each step the weights agree within 10⁻¹²
// of the largest. Whole histories are not compared there: with logits in
// the hundreds a run is chaotic (on such data the readable path's own
// history moved by up to 0.36 relative when lr moved by one ulp), so only
// a single step is a fair test.
func TestTorchFastStepFallback(t *testing.T) {
	if !libmExact64() {
		t.Skip("no inline log here: TorchLoop runs the readable step only")
	}
	r := rand.New(rand.NewPCG(33, 34))
	for _, set := range []struct {
		name string
		d    *data.Dataset
		lr   float64
	}{
		{"huge logits", hugeDataset(r, 300, 20), 1},
		{"one-hot huge logits", oneHot(hugeDataset(r, 300, 20)), 30},
		{"diverging", hugeDataset(r, 300, 20), 1e306},
	} {
		cfg := Config{LearningRate: set.lr, InitStd: 0.1, Seed: 4}.WithDefaults()
		ref := newTorch64(set.d, cfg, newRand(cfg.Seed))
		fast := *ref
		fast.w = make([]float64, len(ref.w))
		ref.fast, fast.fast = false, true
		steps := fast.steps
		if fast.ones {
			steps = fast.stepsOnes
		}
		p := make([]float64, 1)
		slow, worst := 0, 0.0
		for range 3 {
			for i := range set.d.Rows() {
				copy(fast.w, ref.w)
				fast.b = ref.b
				if steps([]int{i}, 0, p) == 0 {
					slow++
					fast.stepP(i)
				}
				ref.step(i, 0, 0)
				scale := math.Abs(ref.b)
				for _, w := range ref.w {
					scale = max(scale, math.Abs(w))
				}
				for j, w := range append([]float64{ref.b}, ref.w...) {
					v := fast.b
					if j > 0 {
						v = fast.w[j-1]
					}
					if v == w || math.IsNaN(v) && math.IsNaN(w) {
						continue
					}
					d := math.Abs(v-w) / scale
					if !(d <= 1e-12) {
						t.Fatalf("%s, row %d: weight %d is %v after the fast step, %v after the readable one", set.name, i, j, v, w)
					}
					worst = max(worst, d)
				}
			}
		}
		if slow == 0 {
			t.Errorf("%s: no logit outside (−fastLogit, fastLogit); the test does not test the fallback", set.name)
		}
		t.Logf("%s: %d of %d steps outside the fast step's range, largest difference %.3g of the largest weight", set.name, slow, 3*set.d.Rows(), worst)
	}
}

// momentumConfigs are the option combinations MomentumSGD reads, with the
// learning rate lr.
func momentumConfigs(lr float64, epochs int) []Config {
	var cs []Config
	for _, m := range []float64{0, 0.9} {
		for _, biasOut := range []bool{false, true} {
			for _, shuffle := range []bool{false, true} {
				for _, std := range []float64{0, 0.1} {
					for _, l2 := range []float64{0, -1, 0.01} {
						for _, noPre := range []bool{false, true} {
							cs = append(cs, Config{Epochs: epochs, LearningRate: lr, Momentum: m, BiasOutOfL2: biasOut,
								Shuffle: shuffle, InitStd: std, L2: l2, NoPrePass: noPre, Seed: 5})
						}
					}
				}
			}
		}
	}
	return cs
}

// TestMomentumSGDLazyMatchesDense runs the lazy engines and the gonum
// reference on random sparse data for every combination of options, and
// for a penalty strong enough to fold the scale back many times, for
// momenta that give the matrix A complex eigenvalues, and for logits
// beyond expFast's range: histories and models agree within 10⁻⁹
// relative.
func TestMomentumSGDLazyMatchesDense(t *testing.T) {
	if !libmExact64() {
		t.Skip("no inline log here: MomentumSGD steps every weight")
	}
	r := rand.New(rand.NewPCG(41, 42))
	train, test := randomDataset(r, 300, 40, 0.15), randomDataset(r, 100, 40, 0.15)
	hotTrain, hotTest := oneHot(train), oneHot(test)
	cfgs := momentumConfigs(0.05, 4)
	cfgs = append(cfgs,
		Config{Epochs: 4, LearningRate: 0.5, L2: 0.8},                   // c = 0.6: a fold every ~540 steps
		Config{Epochs: 4, LearningRate: 0.5, L2: 0.5, Momentum: 0.2},    // A with complex eigenvalues
		Config{Epochs: 4, LearningRate: 0.05, L2: 0.01, Momentum: 0.99}, // slow decay of the velocity
	)
	worst := 0.0
	for _, cfg := range cfgs {
		lazy, err := MomentumSGD(train, test, cfg)
		if err != nil {
			t.Fatal(err)
		}
		dense, err := MomentumSGDDense(train, test, cfg)
		if err != nil {
			t.Fatal(err)
		}
		d, where := historyDiff(lazy, dense)
		worst = max(worst, d)
		if d > 1e-9 {
			t.Errorf("%+v: lazy and dense differ by %.3g relative, %s", cfg, d, where)
		}
		if lazy, err = MomentumSGD(hotTrain, hotTest, cfg); err != nil {
			t.Fatal(err)
		}
		if dense, err = MomentumSGDDense(hotTrain, hotTest, cfg); err != nil {
			t.Fatal(err)
		}
		d, where = historyDiff(lazy, dense)
		worst = max(worst, d)
		if d > 1e-9 {
			t.Errorf("one-hot %+v: lazy and dense differ by %.3g relative, %s", cfg, d, where)
		}
	}
	t.Logf("%d configurations, on random and one-hot values, largest relative difference %.3g", len(cfgs), worst)

	// More rows than the tables of powers of A reach in one go: a rare
	// feature falls behind by more than powSmall·powLarge steps.
	long := randomDataset(r, powSmall*powLarge+5000, 5, 0.3)
	long.Width = 6 // feature 5 only in the first and the last row
	long = withFeature(withFeature(long, 0, 5), long.Rows()-1, 5)
	for _, cfg := range []Config{{Epochs: 1, LearningRate: 0.01, Momentum: 0.9, L2: 0.01}} {
		lazy, err := MomentumSGD(long, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		dense, err := MomentumSGDDense(long, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if d, where := historyDiff(lazy, dense); d > 1e-9 {
			t.Errorf("%d rows %+v: lazy and dense differ by %.3g relative, %s", long.Rows(), cfg, d, where)
		}
	}

	huge, hugeTest := hugeDataset(r, 200, 20), hugeDataset(r, 50, 20)
	for _, m := range []float64{0, 0.9} {
		cfg := Config{Epochs: 3, LearningRate: 0.5, Momentum: m, L2: 0.01}
		lazy, err := MomentumSGD(huge, hugeTest, cfg)
		if err != nil {
			t.Fatal(err)
		}
		dense, err := MomentumSGDDense(huge, hugeTest, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if d, where := historyDiff(lazy, dense); d > 1e-9 {
			t.Errorf("huge logits %+v: lazy and dense differ by %.3g relative, %s", cfg, d, where)
		}
	}
}

// TestMomentumSGDLazyMatchesStepA9A compares the lazy engines with the
// engine that steps every weight on a9a, for every combination of options,
// two passes each.
func TestMomentumSGDLazyMatchesStepA9A(t *testing.T) {
	train, test := loadA9A(t)
	if !libmExact64() {
		t.Skip("no inline log here: MomentumSGD steps every weight")
	}
	worst := 0.0
	for _, cfg := range momentumConfigs(0.001, 2) {
		if cfg.NoPrePass { // the pre-pass changes nothing the other configs do not test
			continue
		}
		lazy, err := MomentumSGD(train, test, cfg)
		if err != nil {
			t.Fatal(err)
		}
		step, err := generic(func() (*History, error) { return MomentumSGD(train, test, cfg) })
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

// TestMomentumPower checks A^g from the tables against g multiplications,
// across the tables' seams and beyond them.
func TestMomentumPower(t *testing.T) {
	s := newMomentumCatchUp(handDataset(), newMomentumParams(Config{Momentum: 0.9, L2: 1e-4}.WithDefaults()), make([]float64, 3))
	p := mat2{1, 0, 0, 1}
	worst := 0.0
	for g := 0; g <= 3*powSmall*powLarge; g++ {
		got := s.power(g)
		for k := range p {
			worst = max(worst, math.Abs(got[k]-p[k])/max(math.Abs(p[k]), 1e-300))
		}
		p = s.a.mul(p)
	}
	t.Logf("largest relative difference %.3g over %d powers", worst, 3*powSmall*powLarge)
	if worst > 1e-10 {
		t.Errorf("powers of A from the tables differ from repeated products by %.3g relative", worst)
	}
}

// TestLoopsAllocateNothingPerEpoch: a run allocates its History, its model
// and its buffers once (the evaluator's, as its snapshots are first used:
// both runs compared use them all); ten more epochs allocate nothing more,
// but for the one or two allocations the runtime itself makes, or not,
// depending on which of the two goroutines waits for the other (the
// average of five runs moves by one between runs of the test).
func TestLoopsAllocateNothingPerEpoch(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	train, test := randomDataset(r, 200, 20, 0.3), randomDataset(r, 50, 20, 0.3)
	for _, tc := range []struct {
		name string
		run  loop
		cfg  Config
	}{
		{"TorchLoop", TorchLoop, Config{}},
		{"TorchLoop float32", TorchLoop, Config{Float32: true}},
		{"MomentumSGD", MomentumSGD, Config{}},
		{"MomentumSGD momentum", MomentumSGD, Config{Momentum: 0.9}},
		{"MomentumSGD shuffled", MomentumSGD, Config{Shuffle: true, InitStd: 0.1}},
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
		if few, many := allocs(evalSlots+1), allocs(evalSlots+11); many > few+2 {
			t.Errorf("%s: %v allocations with %d epochs, %v with %d", tc.name, few, evalSlots+1, many, evalSlots+11)
		}
	}
}

// withFeature returns d with feature j (the last column) set to 1 in row i.
func withFeature(d *data.Dataset, i int, j int32) *data.Dataset {
	e := *d
	e.Index, e.Value, e.RowPtr = nil, nil, []int{0}
	for r := range d.Rows() {
		idx, val := d.Row(r)
		e.Index, e.Value = append(e.Index, idx...), append(e.Value, val...)
		if r == i {
			e.Index, e.Value = append(e.Index, j), append(e.Value, 1)
		}
		e.RowPtr = append(e.RowPtr, len(e.Index))
	}
	return &e
}

// TestFastGradient checks what the fast steps assume of autograd's
// gradient: for |z| < fastLogit its guard does not bite, (1 − p)·p ≥ 10⁻¹²,
// and LogitGrad(p, y) is p − y within a few ulp. (Beyond, the guard bites
// from |z| ≈ 27.6 on.)
func TestFastGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	zs := []float64{fastLogit, -fastLogit, math.Nextafter(fastLogit, 0), math.Nextafter(-fastLogit, 0), 0, 1e-300}
	for range 500_000 {
		zs = append(zs, (2*r.Float64()-1)*fastLogit)
	}
	worst := 0.0
	for _, z := range zs {
		p := Sigmoid(z)
		if (1-p)*p < backwardEps {
			t.Fatalf("z = %v: (1 − p)·p = %v, under the guard", z, (1-p)*p)
		}
		for _, y := range []float64{0, 1} {
			if d := p - y; d != 0 {
				worst = max(worst, math.Abs(LogitGrad(p, y)-d)/math.Abs(d))
			}
		}
	}
	t.Logf("LogitGrad within %.3g relative (%.2f ulp) of p − y for |z| ≤ %v", worst, worst/0x1p-53, float64(fastLogit))
	if worst > 6*0x1p-53 {
		t.Errorf("LogitGrad differs from p − y by %.3g relative", worst)
	}
	if p := Sigmoid(28); (1-p)*p >= backwardEps {
		t.Errorf("z = 28: the guard does not bite; the comment is wrong")
	}
}

// TestDataChecks checks allOnes and binaryLabels on every length up to 9
// with one odd value at each position, the values a loop must not miss
// among them (NaN, and −0, which is 0).
func TestDataChecks(t *testing.T) {
	for n := range 10 {
		ones, labels := make([]float64, n), make([]float64, n)
		for k := range ones {
			ones[k], labels[k] = 1, float64(k%2)
		}
		if !allOnes(ones) || !binaryLabels(labels) {
			t.Errorf("n=%d: allOnes %v, binaryLabels %v, want true", n, allOnes(ones), binaryLabels(labels))
		}
		for k := range n {
			for _, v := range []float64{0, 2, math.Nextafter(1, 2), math.NaN(), math.Inf(1)} {
				ones[k] = v
				if allOnes(ones) {
					t.Errorf("n=%d: allOnes true with %v at %d", n, v, k)
				}
				ones[k] = 1
			}
			for _, v := range []float64{0.5, -1, 2, math.NaN(), math.Inf(-1)} {
				old := labels[k]
				labels[k] = v
				if binaryLabels(labels) {
					t.Errorf("n=%d: binaryLabels true with %v at %d", n, v, k)
				}
				labels[k] = math.Copysign(0, -1)
				if !binaryLabels(labels) {
					t.Errorf("n=%d: binaryLabels false with −0 at %d", n, k)
				}
				labels[k] = old
			}
		}
	}
}
