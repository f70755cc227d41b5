package logreg

import (
	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// NumPyLoop runs the seed's NumPy program (its SGDWithMomentum class and
// training loop) on train and reports each pass. With the bias b as the
// NumPy program's W[0], for each sample (x, y), in file order or a fresh
// random order every pass if cfg.Shuffle:
//
//	p   = σ(b + w·x)
//	g_w = (p − y)·x + λ·w
//	g_b = (p − y) + λ·b          (λ·b dropped if cfg.BiasOutOfL2)
//	v   = m·v − (1 − m)·g        velocity, for w and b alike
//	W  += lr·v
//	loss += ClippedBCE(σ(b + w·x), y) + (λ/2)·‖w‖²    after the update
//
// and after each pass Loss = loss/N. As the seed has it, the gradient
// penalises the bias while the printed loss does not; cfg.BiasOutOfL2 takes
// the seed's commented-out alternative. λ is cfg.L2 (10⁻⁴ for 0, none for a
// negative L2), m is cfg.Momentum. Everything is float64 (cfg.Float32 is
// ignored).
//
// Before training the program makes one pass that only sums the loss of the
// initial weights and prints it as "Epoch 0"; it is the first Record (Epoch
// 0) unless cfg.NoPrePass. Each Record carries AsWrittenError, the
// program's printed "Misclassified" (BroadcastErrorRate on train), and the
// real TrainError and TestError of the same weights (TestError 0 when test
// is nil). The weights start at zero, or with cfg.InitStd > 0 at N(0,
// InitStd²) draws from cfg.Seed (the bias at 0).
//
// Written as above, a step touches every weight, O(width), because the
// penalty and the velocity move weights whose feature is 0 in the sample.
// The loop runs on the speed engine, in O(nonzeros) per step (see the
// package doc), which follows the formulas to rounding: on a9a the losses
// agree with the NumPy program's traces to 5·10⁻¹³ relative, and the final
// weights to 10⁻¹¹. numpydense.Loop is the same program on dense
// matrices, in the seed's shape.
//
// NumPyLoop returns an error wrapping ErrConfig or ErrData for a bad cfg
// or unusable data (see Config.Validate), or for rows whose indices are not
// increasing within [0, Width), as data.Read makes them. When the weights
// or the loss stop being finite it returns the History of the epochs
// before, and a *DivergedError.
func NumPyLoop(train, test *data.Dataset, cfg Config) (*History, error) {
	return numpyLoop(train, test, cfg, false)
}

// numpyLoop is NumPyLoop, on its readable step only if readable.
func numpyLoop(train, test *data.Dataset, cfg Config, readable bool) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	r := seeded.NewRand(cfg.Seed)
	s := &numpy{
		train: train, lr: cfg.LearningRate, m: cfg.Momentum, keep: 1 - cfg.Momentum,
		lambda: cfg.lambda(), penalBias: !cfg.BiasOutOfL2,
		w: make([]float64, train.Width), v: make([]float64, train.Width),
	}
	if cfg.InitStd > 0 {
		seeded.InitNormal(r, s.w, cfg.InitStd)
	}
	n := float64(train.Rows())
	rn := &run{
		h:     &History{Loop: "numpy", Config: cfg, Alpha: s.lambda, Epochs: []Record{}},
		train: train, test: test, ord: seeded.NewOrder(train.Rows(), cfg.Shuffle, r), first: 1,
		record: func(e int, loss float64, _ int, tr, te counts) Record {
			return Record{Epoch: e, Loss: loss / n, AsWrittenError: tr.broadcast(),
				TrainError: tr.errorRate(), TestError: te.errorRate()}
		},
	}
	if !cfg.NoPrePass {
		rn.first = 0
	}
	fast := sgdfast.Params{
		Kind: sgdfast.NumPy, LR: s.lr, Lambda: s.lambda, Momentum: s.m,
		PenalBias: s.penalBias, PrePass: !cfg.NoPrePass,
	}
	if readable || !sgdfast.Takes(fast, train.Y) {
		return rn.readably(s, true)
	}
	return rn.fast(&sgdfast.Run{Params: fast, W: s.w})
}

// numpy is NumPyLoop's model and the constants of its step.
type numpy struct {
	train       *data.Dataset
	lr, m, keep float64 // learning rate, momentum m and 1 − m as Python computes it
	lambda      float64
	penalBias   bool
	w, v        []float64
	b, vb       float64
}

// pass visits the rows in order, stepping if train is set, and keeps in t
// the sum of the per-sample losses after each step.
func (s *numpy) pass(order []int, train bool, t *tally) *DivergedError {
	t.loss = 0
	for _, i := range order {
		idx, val := s.train.Row(i)
		y := s.train.Y[i]
		if train {
			s.step(idx, val, y)
		}
		l := s.loss(idx, val, y)
		t.loss += l
		switch {
		case !finite(l):
			return &DivergedError{Sample: i, What: "loss"}
		case !finite(s.b):
			return &DivergedError{Sample: i, What: "weights"}
		}
	}
	return nil
}

// step is SGDWithMomentum.step on one sample. It walks every weight,
// merging in the sample's nonzeros (whose indices increase).
func (s *numpy) step(idx []int32, val []float64, y float64) {
	r := Sigmoid(dotBiasFirst(s.w, s.b, idx, val)) - y
	gb := r
	if s.penalBias {
		gb += float64(s.lambda * s.b)
	}
	s.vb = float64(s.m*s.vb) - float64(s.keep*gb)
	s.b += float64(s.lr * s.vb)
	k := 0
	for j := range s.w {
		g := float64(s.lambda * s.w[j])
		if k < len(idx) && int(idx[k]) == j {
			g = float64(r*val[k]) + g
			k++
		}
		s.v[j] = float64(s.m*s.v[j]) - float64(s.keep*g)
		s.w[j] += float64(s.lr * s.v[j])
	}
}

// loss is logreg_loss: the clipped BCE of the current weights on one sample
// plus the penalty on the weights, bias excluded.
func (s *numpy) loss(idx []int32, val []float64, y float64) float64 {
	p := Sigmoid(dotBiasFirst(s.w, s.b, idx, val))
	return ClippedBCE(p, y) + float64(s.lambda/2*sqNorm(s.w))
}

func (s *numpy) snap(m *Model) { copy(m.W, s.w); m.B = s.b }

func (s *numpy) count(m Model, d *data.Dataset) counts { return predictions(m, d, sigmoidAtLeastHalf) }
