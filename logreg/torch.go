package logreg

import (
	"math/rand/v2"
	"time"

	"github.com/sgdlab/sgdlab/data"
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
// 0 when test is nil or empty). History.Model is the final model; the seed's
// "Final Train Accuracy" is 1 − the last TrainError.
//
// By default every quantity is a float64. With cfg.Float32 the loop repeats
// PyTorch's float32 arithmetic: weights, bias, inputs, z, p, the loss, the
// gradient and lr are float32, each operation rounded to float32 in PyTorch's
// order (z summed as OpenBLAS sums it; see sgemmOrder); only the loss sum is
// float64, as in Python. On a9a this matches PyTorch 1.13 except where
// glibc's expf and logf round differently from correctly rounded ones (see
// libm32.go), which moves the loss sums by up to 3·10⁻⁹ relative; built with
// the tag sgdlab_libm it calls the C library's functions and matches
// PyTorch's trace and final weights bit for bit.
//
// In float64 mode step, the readable form, sums z left to right, then adds
// the bias; PyTorch's dgemm sums in another order, so the two differ in the
// last bits. The loop runs a faster form of step (torch_fast.go; for
// one-hot rows on amd64, onehot_kernel.go) that follows it to rounding:
// another exponential and p − y for autograd's gradient where they agree to
// rounding. On a9a the loss sums are within 10⁻¹⁴ relative of PyTorch's
// float64 trace.
//
// TorchLoop returns an error wrapping ErrConfig or ErrData for a bad cfg or
// unusable data (see Config.Validate), or for rows with an index outside
// [0, Width) or bounds that do not fit Index.
func TorchLoop(train, test *data.Dataset, cfg Config) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	r := newRand(cfg.Seed)
	var s torchState
	if cfg.Float32 {
		s = newTorch32(train, test, cfg, r)
	} else {
		s = newTorch64(train, cfg, r)
	}
	ord := newOrder(train.Rows(), cfg.Shuffle, r)
	h := &History{Loop: "torch", Config: cfg, Epochs: make([]Record, 0, cfg.Epochs)}
	n := float64(train.Rows())
	// Each epoch's errors are counted while the next one trains (see
	// evaluate.go), so its record is complete an epoch or two later; so
	// are the loss and the running accuracy of the fast paths.
	ev := newEvaluator(train, test, func(sn *snapshot) {
		if sn.lossOf != lossDone {
			sn.rec.Loss, sn.rec.RunningAccuracy = sn.loss, float64(sn.right)/n
		}
		sn.rec.TrainError, sn.rec.TestError = sn.train.errorRate(), sn.test.errorRate()
	}, cfg.OnEpoch)
	defer ev.stop()
	ev.fixedOrder = !cfg.Shuffle
	t64, _ := s.(*torch64)
	if t64 != nil {
		defer func() { t64.kernel.release() }()
	}
	if t64 == nil || t64.kernel == nil {
		// The kernel checks train's rows as it trains; without it they
		// are checked here.
		if err := checkRows(train, false); err != nil {
			return nil, err
		}
		if t64 != nil {
			ev.knowOnesTrain(t64.ones)
		}
	}
	for e := 1; e <= cfg.Epochs; e++ {
		start := time.Now()
		loss, right := s.epoch(ord.next(), ev.slot())
		seconds := time.Since(start).Seconds()
		if err := s.failure(); err != nil {
			return nil, err
		}
		// A pass checks every row it reads (the kernel as it goes, or
		// checkRows before the first), and a whole pass in the kernel
		// every value.
		ev.trainChecked()
		if t64 != nil && t64.kernel != nil && t64.kernel.check == 0 {
			ev.knowOnesTrain(true)
		}
		rec := Record{Epoch: e, Loss: loss, RunningAccuracy: float64(right) / n, Seconds: seconds}
		if e == cfg.Epochs {
			if err := ev.finish(s, rec, h); err != nil {
				return nil, err
			}
			break
		}
		if err := ev.next(s, rec, h); err != nil {
			return nil, err
		}
	}
	h.Model = s.model()
	return h, nil
}

// torchState is the PyTorch model in one precision.
type torchState interface {
	// epoch trains one pass over the rows in the given order and returns
	// the loss sum and the number of rows predicted right before their
	// update; or it leaves both to the evaluator, recording in sn what it
	// needs.
	epoch(order []int, sn *snapshot) (loss float64, right int)
	// snap copies the current weights into sn, for the evaluator.
	snap(sn *snapshot)
	// model returns a copy of the current weights.
	model() Model
	// failure returns why the last epoch could not run, if it could not.
	failure() error
}

// torch64 is TorchLoop's state in float64.
type torch64 struct {
	train *data.Dataset
	w     []float64
	b, lr float64
	// fast selects epochFast (torch_fast.go), which needs labels in {0,1}
	// and the inline log; ones, its loop for values that are all 1.
	fast, ones bool
	// kernel, if not nil, runs stepsOnes in assembly (onehot_kernel.go).
	kernel *onehotKernel
	// err is why the last epoch stopped early: a row neither the kernel
	// nor the Go loop can take.
	err error
}

func newTorch64(train *data.Dataset, cfg Config, r *rand.Rand) *torch64 {
	s := &torch64{train: train, w: make([]float64, train.Width), lr: cfg.LearningRate}
	if cfg.InitStd > 0 {
		initNormal(r, s.w, cfg.InitStd)
	}
	s.fast = !testGeneric && libmExact64() && binaryLabels(train.Y)
	if s.fast {
		// The kernel checks the values itself as it goes; without it,
		// stepsOnes needs them checked first.
		if s.kernel = newOnehotKernel(train, s.w, s.lr); s.kernel == nil {
			s.ones = allOnes(train.Value)
		} else {
			s.kernel.fixedOrder = !cfg.Shuffle
		}
	}
	return s
}

func (s *torch64) epoch(order []int, sn *snapshot) (loss float64, right int) {
	if s.fast {
		s.epochFast(order, sn)
		return 0, 0
	}
	for _, i := range order {
		loss, right = s.step(i, loss, right)
	}
	return loss, right
}

// step is one sample of the PyTorch program, written as the formulas read;
// it adds the sample's loss to loss and its running-accuracy count to right.
// epochFast (torch_fast.go) computes the same, to rounding, faster.
func (s *torch64) step(i int, loss float64, right int) (float64, int) {
	idx, val := s.train.Row(i)
	y := s.train.Y[i]
	p := Sigmoid(dot(s.w, s.b, idx, val))
	l := BCE(p, y)
	if (p >= 0.5) == (y == 1) {
		right++
	}
	s.update(idx, val, LogitGrad(p, y))
	return loss + l, right
}

// update is the SGD step w −= lr·g·x, b −= lr·g for ∂L/∂z = g.
func (s *torch64) update(idx []int32, val []float64, g float64) {
	for k, j := range idx {
		s.w[j] -= float64(s.lr * float64(g*val[k]))
	}
	s.b -= float64(s.lr * g)
}

func (s *torch64) snap(sn *snapshot) {
	sn.float32, sn.w, sn.b = false, append(sn.w[:0], s.w...), s.b
}

func (s *torch64) model() Model { return Model{W: append([]float64(nil), s.w...), B: s.b} }

func (s *torch64) failure() error { return s.err }

// torch32 is TorchLoop's state in float32, PyTorch's default precision.
type torch32 struct {
	train       *data.Dataset
	order       *sgemmOrder
	w           []float32
	b, lr       float32
	val, valTst []float32 // train and test values as float32 tensors hold them
	y           []float32
}

func newTorch32(train, test *data.Dataset, cfg Config, r *rand.Rand) *torch32 {
	s := &torch32{
		train: train,
		order: newSgemmOrder(train.Width),
		w:     make([]float32, train.Width),
		lr:    float32(cfg.LearningRate), // the Python float lr * a float32 tensor
		val:   toFloat32(train.Value),
		y:     toFloat32(train.Y),
	}
	if test != nil {
		s.valTst = toFloat32(test.Value)
	}
	if cfg.InitStd > 0 {
		w := make([]float64, len(s.w))
		initNormal(r, w, cfg.InitStd)
		copy(s.w, toFloat32(w))
	}
	return s
}

func (s *torch32) epoch(order []int, _ *snapshot) (loss float64, right int) {
	d, w, lr := s.train, s.w, s.lr
	for _, i := range order {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		idx, val, y := d.Index[lo:hi], s.val[lo:hi], s.y[i]
		p := Sigmoid32(s.order.dot(w, s.b, idx, val))
		l := bceLabel32(p, y)
		if (p >= 0.5) == (y == 1) {
			right++
		}
		g := LogitGrad32(p, y)
		for k, j := range idx {
			w[j] -= float32(lr * float32(g*val[k]))
		}
		s.b -= float32(lr * g)
		loss += float64(l)
	}
	return loss, right
}

func (s *torch32) snap(sn *snapshot) {
	sn.float32, sn.w32, sn.b32 = true, append(sn.w32[:0], s.w...), s.b
	sn.order, sn.val32, sn.val32Test = s.order, s.val, s.valTst
}

func (s *torch32) failure() error { return nil }

func (s *torch32) model() Model {
	w := make([]float64, len(s.w))
	for j, v := range s.w {
		w[j] = float64(v)
	}
	return Model{W: w, B: float64(s.b)}
}

// toFloat32 rounds each element of x to float32, as torch.tensor(x,
// dtype=torch.float32) does.
func toFloat32(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = float32(v)
	}
	return out
}
