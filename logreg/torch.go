package logreg

import (
	"slices"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/pytorch"
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
// Python. On a9a this matches PyTorch 1.13 except where glibc's expf and logf
// round differently from correctly rounded ones, which moves the loss sums by
// up to 3·10⁻⁹ relative; built with the tag sgdlab_libm it calls the C
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
	r := newRand(cfg.Seed)
	w := make([]float64, train.Width)
	if cfg.InitStd > 0 {
		initNormal(r, w, cfg.InitStd)
	}
	n := float64(train.Rows())
	rn := &run{
		h:     &History{Loop: "torch", Config: cfg, Epochs: []Record{}},
		train: train, test: test, ord: newOrder(train.Rows(), cfg.Shuffle, r), first: 1,
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

func (s *torch64) count(m Model, d *data.Dataset) counts { return predictions(m, d) }

// torch32 is TorchLoop's model in float32, PyTorch's default precision.
type torch32 struct {
	train       *data.Dataset
	order       *pytorch.SgemmOrder
	w           []float32
	b, lr       float32
	val, valTst []float32 // train and test values as float32 tensors hold them
	y           []float32
	counting    []float32 // the weights count counts with
	// half is the smallest logit z with Sigmoid32(z) ≥ 0.5: count
	// predicts z ≥ half, which spares an expf a row.
	half float32
}

func newTorch32(train, test *data.Dataset, lr float64, w []float64) *torch32 {
	s := &torch32{
		train:    train,
		order:    pytorch.NewSgemmOrder(train.Width),
		w:        pytorch.Float32s(w),
		lr:       float32(lr), // the Python float lr * a float32 tensor
		val:      pytorch.Float32s(train.Value),
		y:        pytorch.Float32s(train.Y),
		counting: make([]float32, train.Width),
		half:     sgdfast.HalfPoint32(Sigmoid32),
	}
	if test != nil {
		s.valTst = pytorch.Float32s(test.Value)
	}
	return s
}

// pass trains on the rows in order and records each step's p and label in
// t: the loss sum and the running accuracy, which no later step needs,
// are found from them beside the next pass (tally.sums), and the pass
// runs the steps alone.
func (s *torch32) pass(order []int, _ bool, t *tally) *DivergedError {
	t.perSample = true
	t.p, t.y = slices.Grow(t.p[:0], len(order))[:len(order)], slices.Grow(t.y[:0], len(order))[:len(order)]
	for pos, i := range order {
		var ok bool
		t.p[pos], ok = s.step(i)
		t.y[pos] = s.y[i]
		if !ok {
			return &DivergedError{Sample: i, What: "weights"}
		}
	}
	return nil
}

// step is torch64.step in float32.
func (s *torch32) step(i int) (p float32, ok bool) {
	d, w, lr := s.train, s.w, s.lr
	lo, hi := d.RowPtr[i], d.RowPtr[i+1]
	idx, val, y := d.Index[lo:hi], s.val[lo:hi], s.y[i]
	z := s.order.Dot(w, s.b, idx, val)
	p = Sigmoid32(z)
	g := LogitGrad32(p, y)
	for k, j := range idx {
		w[j] -= float32(lr * float32(g*val[k]))
	}
	s.b -= float32(lr * g)
	return p, finite(float64(z)) && finite(float64(s.b))
}

func (s *torch32) snap(m *Model) {
	for j, v := range s.w {
		m.W[j] = float64(v)
	}
	m.B = float64(s.b)
}

// count counts m's predictions on d as PyTorch makes them in float32 (m's
// weights are float32 values).
func (s *torch32) count(m Model, d *data.Dataset) counts {
	val := s.val
	if d != s.train {
		val = s.valTst
	}
	w, b := s.counting, float32(m.B)
	for j, v := range m.W {
		w[j] = float32(v)
	}
	return countRows(d, func(i int) bool {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		return s.order.Dot(w, b, d.Index[lo:hi], val[lo:hi]) >= s.half
	})
}
