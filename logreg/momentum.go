package logreg

import (
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// MomentumSGD runs the seed's NumPy program (its SGDWithMomentum class and
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
// the seed's commented-out alternative. λ is cfg.Lambda(), m is cfg.Momentum.
// Everything is float64 (cfg.Float32 is ignored). On a9a the losses agree
// with the NumPy program's traces to 4·10⁻¹⁶ relative (NumPy's dot product
// sums in another order).
//
// Before training the program makes one pass that only sums the loss of the
// initial weights and prints it as "Epoch 0"; it is the first Record (Epoch
// 0) unless cfg.NoPrePass. Each Record carries AsWrittenError, the
// program's printed "Misclassified" (BroadcastErrorRate on train), and the
// real TrainError and TestError of the same weights (TestError 0 when test
// is nil or empty). The weights start at zero, or with cfg.InitStd > 0 at
// N(0, InitStd²) draws from cfg.Seed (the bias at 0).
//
// A step touches every weight, O(width), because the penalty and the
// velocity change weights whose feature is 0 in the sample (with λ = 0 and
// m = 0 it touches only the sample's nonzeros).
//
// MomentumSGD returns an error wrapping ErrConfig or ErrData for a bad cfg
// or unusable data (see Config.Validate).
func MomentumSGD(train, test *data.Dataset, cfg Config) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	r := newRand(cfg.Seed)
	s := newMomentum(train, cfg)
	if cfg.InitStd > 0 {
		initNormal(r, s.w, cfg.InitStd)
	}
	ord := newOrder(train.Rows(), cfg.Shuffle, r)
	h := &History{Loop: "momentum", Config: cfg}
	first := 1
	if !cfg.NoPrePass {
		first = 0
	}
	for e := first; e <= cfg.Epochs; e++ {
		start := time.Now()
		rec := Record{Epoch: e, Loss: s.pass(ord.next(), e > 0) / float64(train.Rows())}
		rec.Seconds = time.Since(start).Seconds()
		c := countPredictions(s.w, s.b, train)
		rec.AsWrittenError, rec.TrainError = c.broadcast(), c.errorRate()
		if hasRows(test) {
			rec.TestError = countPredictions(s.w, s.b, test).errorRate()
		}
		h.Epochs = append(h.Epochs, rec)
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(rec)
		}
	}
	h.Model = Model{W: append([]float64(nil), s.w...), B: s.b}
	return h, nil
}

// momentum is MomentumSGD's state: weights and velocities, the bias and its
// velocity kept apart.
type momentum struct {
	train     *data.Dataset
	w, v      []float64
	b, vb     float64
	lr        float64
	m, keep   float64 // momentum m and 1 − m, as Python computes it
	lambda    float64
	penalBias bool
}

func newMomentum(train *data.Dataset, cfg Config) *momentum {
	return &momentum{
		train:     train,
		w:         make([]float64, train.Width),
		v:         make([]float64, train.Width),
		lr:        cfg.LearningRate,
		m:         cfg.Momentum,
		keep:      1 - cfg.Momentum,
		lambda:    cfg.Lambda(),
		penalBias: !cfg.BiasOutOfL2,
	}
}

// pass visits the rows in order, stepping if train is set, and returns the
// sum of the per-sample losses after each step.
func (s *momentum) pass(order []int, train bool) (loss float64) {
	d := s.train
	for _, i := range order {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		idx, val, y := d.Index[lo:hi], d.Value[lo:hi], d.Y[i]
		if train {
			s.step(idx, val, y)
		}
		loss += s.loss(idx, val, y)
	}
	return loss
}

// step is SGDWithMomentum.step on one sample.
func (s *momentum) step(idx []int32, val []float64, y float64) {
	r := Sigmoid(dotBiasFirst(s.w, s.b, idx, val)) - y
	gb := r
	if s.penalBias {
		gb += float64(s.lambda * s.b)
	}
	s.vb = float64(s.m*s.vb) - float64(s.keep*gb)
	s.b += float64(s.lr * s.vb)
	if s.lambda == 0 && s.m == 0 {
		// Nothing moves a weight whose feature is 0 in this sample.
		for k, j := range idx {
			g := float64(r * val[k])
			s.v[j] = -float64(s.keep * g)
			s.w[j] += float64(s.lr * s.v[j])
		}
		return
	}
	// Walk every weight, merging in the sample's nonzeros.
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
func (s *momentum) loss(idx []int32, val []float64, y float64) float64 {
	p := Sigmoid(dotBiasFirst(s.w, s.b, idx, val))
	return ClippedBCE(p, y) + float64(s.lambda/2*sqNorm(s.w))
}
