package logreg

import (
	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/pytorch"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// TorchLoop runs the seed's PyTorch program on train and reports each epoch
// and the final model. The program, step by step, for each sample (x, y) in
// file order (or a fresh random order every epoch if cfg.Shuffle):
//
//	z = w·x + b                  nn.Linear on one row
//	p = σ(z)                     torch.sigmoid
//	L = BCE(p, y)                nn.BCELoss, each log clamped at −100
//	right += [p ≥ 0.5] == y      running accuracy, before the update
//	g = LogitGrad(p, y)          loss.backward(): ∂L/∂z, ≈ p − y
//	w −= lr·(g·x);  b −= lr·g    param -= learning_rate * param.grad
//	loss += L                    loss.item(), summed in float64
//
// The weights and the bias start at zero (or, with cfg.InitStd > 0, the
// weights at N(0, InitStd²) drawn from cfg.Seed). There is no penalty and no
// momentum: cfg.L2, Momentum, BiasOutOfL2 and NoPrePass are ignored. A step
// touches only the sample's nonzero features, O(nonzeros).
//
// Each Record holds the epoch's loss sum and running accuracy, and the
// train and test error of the weights at the end of the epoch (TestError is
// 0 when test is nil). History.Model is the final model; the seed's "Final
// Train Accuracy" is 1 − the last TrainError.
//
// By default every quantity is a float64. With cfg.Float32 the loop repeats
// PyTorch's float32 arithmetic: weights, bias, inputs, z, p, the loss, the
// gradient and lr are float32, each operation rounded to float32 in PyTorch's
// order (z summed as OpenBLAS sums it); only the loss sum is float64, as in
// Python. That step is pytorch.Loop's, in logreg/internal/pytorch. On a9a
// this matches PyTorch 1.13 except where glibc's expf and logf round
// differently from correctly rounded ones, which moves the loss sums by up
// to 3·10⁻⁹ relative; built with the tag sgdlab_libm it calls the C
// library's functions and matches PyTorch's trace and final weights bit for
// bit.
//
// In float64 mode the step below sums z left to right, then adds the bias;
// PyTorch's dgemm sums in another order, so the two differ in the last
// bits. The loop runs on the speed engine, which follows the step to
// rounding (see the package doc); on a9a the loss sums are within 10⁻¹⁴
// relative of PyTorch's float64 trace.
//
// TorchLoop returns an error wrapping ErrConfig or ErrData for a bad cfg or
// unusable data (see Config.Validate), or for rows with an index outside
// [0, Width) or bounds that do not fit Index. When the weights stop being
// finite it returns the History of the epochs before, and a *DivergedError.
func TorchLoop(train, test *data.Dataset, cfg Config) (*History, error) {
	return torchLoop(train, test, cfg, false)
}

// torchLoop is TorchLoop, on its readable steps only if readable.
func torchLoop(train, test *data.Dataset, cfg Config, readable bool) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	r := seeded.NewRand(cfg.Seed)
	w := make([]float64, train.Width)
	if cfg.InitStd > 0 {
		seeded.InitNormal(r, w, cfg.InitStd)
	}
	n := float64(train.Rows())
	rn := &run{
		h:     &History{Loop: "torch", Config: cfg, Epochs: []Record{}},
		train: train, test: test, ord: seeded.NewOrder(train.Rows(), cfg.Shuffle, r), first: 1,
		record: func(e int, loss float64, right int, tr, te counts) Record {
			return Record{Epoch: e, Loss: loss, RunningAccuracy: float64(right) / n,
				TrainError: tr.errorRate(), TestError: te.errorRate()}
		},
	}
	if cfg.Float32 {
		return rn.readably(newTorch32(train, test, cfg.LearningRate, w), false)
	}
	s := &torch64{train: train, w: w, lr: cfg.LearningRate}
	fast := sgdfast.Params{Kind: sgdfast.Torch, LR: cfg.LearningRate}
	if readable || !sgdfast.Takes(fast, train.Y) {
		return rn.readably(s, false)
	}
	exact := func(i int, b float64) (float64, float64, bool) {
		s.b = b
		p, ok := s.step(i)
		return p, s.b, ok
	}
	return rn.fast(&sgdfast.Run{Params: fast, W: w, Exact: exact})
}

// torch64 is TorchLoop's model in float64.
type torch64 struct {
	train *data.Dataset
	w     []float64
	b, lr float64
}

// pass trains on the rows in order and keeps in t the loss sum and the
// running-accuracy count.
func (s *torch64) pass(order []int, _ bool, t *tally) *DivergedError {
	y := s.train.Y
	t.loss, t.right = 0, 0
	for _, i := range order {
		p, ok := s.step(i)
		t.loss += BCE(p, y[i])
		if (p >= 0.5) == (y[i] == 1) {
			t.right++
		}
		if !ok {
			return &DivergedError{Sample: i, What: "weights"}
		}
	}
	return nil
}

// step trains on sample i as the PyTorch program does and returns its p,
// from before the update; ok reports whether its logit and the bias after
// it are finite.
func (s *torch64) step(i int) (p float64, ok bool) {
	idx, val := s.train.Row(i)
	z := dot(s.w, s.b, idx, val)
	p = Sigmoid(z)
	g := LogitGrad(p, s.train.Y[i])
	for k, j := range idx {
		s.w[j] -= float64(s.lr * float64(g*val[k]))
	}
	s.b -= float64(s.lr * g)
	return p, finite(z) && finite(s.b)
}

func (s *torch64) snap(m *Model) { copy(m.W, s.w); m.B = s.b }

func (s *torch64) count(m Model, d *data.Dataset) counts {
	return predictions(m, d, sigmoidAtLeastHalf)
}

// torch32 is TorchLoop's model in float32, PyTorch's default precision:
// the program's step is pytorch.Loop's, read there beside PyTorch's other
// float32 arithmetic; torch32 hands it the data and the seam's tally.
type torch32 struct {
	train *data.Dataset
	loop  *pytorch.Loop
}

func newTorch32(train, test *data.Dataset, lr float64, w []float64) *torch32 {
	return &torch32{train: train, loop: pytorch.NewLoop(train, test, lr, w)}
}

// pass trains on the rows in order and records each step's p and label in
// t.steps, from which tally.sums finds the loss sum and the running
// accuracy beside the next pass.
func (s *torch32) pass(order []int, _ bool, t *tally) *DivergedError {
	if t.steps == nil {
		t.steps = new(pytorch.Steps)
	}
	if i, ok := s.loop.Pass(order, t.steps); !ok {
		return &DivergedError{Sample: i, What: "weights"}
	}
	return nil
}

func (s *torch32) snap(m *Model) { m.B = s.loop.Weights(m.W) }

// count counts m's predictions on d as PyTorch makes them in float32 (m's
// weights are float32 values).
func (s *torch32) count(m Model, d *data.Dataset) counts {
	return countRows(d, s.loop.Positive(m.W, m.B, d != s.train))
}
