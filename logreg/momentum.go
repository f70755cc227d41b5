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
// with the NumPy program's traces to 5·10⁻¹³ relative, and the final weights
// to 10⁻¹¹ (the lazy updates below round differently from NumPy's
// whole-vector ones, and NumPy's dot product sums in another order).
//
// Before training the program makes one pass that only sums the loss of the
// initial weights and prints it as "Epoch 0"; it is the first Record (Epoch
// 0) unless cfg.NoPrePass. Each Record carries AsWrittenError, the
// program's printed "Misclassified" (BroadcastErrorRate on train), and the
// real TrainError and TestError of the same weights (TestError 0 when test
// is nil or empty). The weights start at zero, or with cfg.InitStd > 0 at
// N(0, InitStd²) draws from cfg.Seed (the bias at 0).
//
// Written as above, a step touches every weight, O(width), because the
// penalty and the velocity move weights whose feature is 0 in the sample.
// MomentumSGD runs in O(nonzeros) per step instead: without momentum, the
// weights are a shared scale times a vector and the penalty's shrinking
// is one multiplication of the scale (momentum_scale.go; for one-hot rows
// on amd64, onehot_kernel.go); with momentum, each weight and its velocity
// are caught up in closed form when their feature next appears
// (momentum_catchup.go). Both follow the formulas to rounding: histories
// agree with MomentumSGDDense, the readable reference, within 10⁻⁹
// relative (tests run every combination of options; the largest difference
// seen is 6·10⁻¹², on a9a). A configuration they cannot take (labels
// outside {0,1}, lr·λ > 1/2 without momentum) steps every weight as written.
//
// MomentumSGD returns an error wrapping ErrConfig or ErrData for a bad cfg
// or unusable data (see Config.Validate), or for rows whose indices are not
// increasing within [0, Width), as data.Read makes them: every engine,
// the readable one too, takes a row's indices in order.
func MomentumSGD(train, test *data.Dataset, cfg Config) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	r := newRand(cfg.Seed)
	w0 := make([]float64, train.Width)
	if cfg.InitStd > 0 {
		initNormal(r, w0, cfg.InitStd)
	}
	s := newMomentumEngine(train, cfg, w0)
	ord := newOrder(train.Rows(), cfg.Shuffle, r)
	h := &History{Loop: "momentum", Config: cfg, Epochs: make([]Record, 0, cfg.Epochs+1)}
	// Each pass's errors are counted while the next one trains (see
	// evaluate.go), so its record is complete a pass or two later.
	nRows := float64(train.Rows())
	ev := newEvaluator(train, test, func(sn *snapshot) {
		if sn.lossOf != lossDone {
			sn.rec.Loss = sn.loss / nRows
		}
		sn.rec.AsWrittenError, sn.rec.TrainError, sn.rec.TestError = sn.train.broadcast(), sn.train.errorRate(), sn.test.errorRate()
	}, cfg.OnEpoch)
	defer ev.stop()
	ev.fixedOrder = !cfg.Shuffle
	scaled, _ := s.(*momentumScaled)
	if scaled != nil {
		defer func() { scaled.kernel.release() }()
	}
	if scaled == nil || scaled.kernel == nil {
		// The kernel checks train's rows as it trains, and the evaluator
		// as it reads them for the pre-pass; the other engines need them
		// checked first.
		if err := checkRows(train, true); err != nil {
			return nil, err
		}
	}
	if scaled != nil && scaled.kernel == nil {
		ev.knowOnesTrain(scaled.ones)
	}
	var snapper snapshotter = engineSnapshot{s}
	first := 1
	if !cfg.NoPrePass {
		first = 0
	}
	for e := first; e <= cfg.Epochs; e++ {
		start := time.Now()
		loss := s.pass(ord.next(), e > 0, ev.slot())
		seconds := time.Since(start).Seconds()
		if scaled != nil && scaled.err != nil {
			return nil, scaled.err
		}
		// A training pass checks every row it reads (the kernel as it
		// goes, or checkRows before the first), and a whole pass in the
		// kernel every value.
		if e > 0 {
			ev.trainChecked()
		}
		if scaled != nil && scaled.kernel != nil && scaled.kernel.check == 0 {
			ev.knowOnesTrain(true)
		}
		rec := Record{Epoch: e, Loss: loss / nRows, Seconds: seconds}
		if e == cfg.Epochs {
			if err := ev.finish(snapper, rec, h); err != nil {
				return nil, err
			}
			break
		}
		if err := ev.next(snapper, rec, h); err != nil {
			return nil, err
		}
	}
	w, b := s.weights()
	h.Model = Model{W: append([]float64(nil), w...), B: b}
	return h, nil
}

// engineSnapshot gives an engine's weights to the evaluator.
type engineSnapshot struct{ momentumEngine }

func (e engineSnapshot) snap(sn *snapshot) {
	w, b := e.weights()
	sn.float32, sn.w, sn.b = false, append(sn.w[:0], w...), b
}

// momentumEngine is one way of running MomentumSGD's passes; they differ
// in speed, and in the last bits of the results.
type momentumEngine interface {
	// pass visits the rows in order, stepping if train is set, and returns
	// the sum of the per-sample losses after each step; or it leaves the
	// sum to the evaluator, recording in sn what it needs.
	pass(order []int, train bool, sn *snapshot) float64
	// weights returns the current weights (the engine's own slice, valid
	// until the next pass) and bias.
	weights() ([]float64, float64)
}

// newMomentumEngine returns the fastest engine that runs cfg on train
// from the weights w0 (which it may keep): with momentum, catching each
// weight up when its feature appears (momentum_catchup.go); without, a
// scale factor shared by all weights (momentum_scale.go); and where neither
// applies (labels not in {0,1}, a penalty so strong that lr·λ > 1/2, no
// inline log on this machine), the step as the formulas read,
// O(width) per step.
func newMomentumEngine(train *data.Dataset, cfg Config, w0 []float64) momentumEngine {
	p := newMomentumParams(cfg)
	lazy := !testGeneric && libmExact64() && binaryLabels(train.Y)
	switch {
	case lazy && p.m > 0:
		return newMomentumCatchUp(train, p, w0)
	case lazy && p.shrink() >= minShrink:
		return newMomentumScaled(train, p, w0, !cfg.Shuffle)
	}
	return &momentum{train: train, momentumParams: p, w: w0, v: make([]float64, len(w0))}
}

// momentumParams are the constants of a MomentumSGD step.
type momentumParams struct {
	lr, m, keep float64 // learning rate, momentum m and 1 − m as Python computes it
	lambda      float64
	penalBias   bool
}

func newMomentumParams(cfg Config) momentumParams {
	return momentumParams{
		lr:        cfg.LearningRate,
		m:         cfg.Momentum,
		keep:      1 - cfg.Momentum,
		lambda:    cfg.Lambda(),
		penalBias: !cfg.BiasOutOfL2,
	}
}

// biasStep updates the bias and its velocity for the residual p − y.
func (p *momentumParams) biasStep(b, vb, res float64) (float64, float64) {
	gb := res
	if p.penalBias {
		gb += float64(p.lambda * b)
	}
	vb = float64(p.m*vb) - float64(p.keep*gb)
	return b + float64(p.lr*vb), vb
}

// momentum is the engine that steps as the formulas read, every weight
// every step.
type momentum struct {
	train *data.Dataset
	momentumParams
	w, v  []float64
	b, vb float64
}

func (s *momentum) weights() ([]float64, float64) { return s.w, s.b }

// pass visits the rows in order, stepping if train is set, and returns the
// sum of the per-sample losses after each step.
func (s *momentum) pass(order []int, train bool, _ *snapshot) (loss float64) {
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
	s.b, s.vb = s.biasStep(s.b, s.vb, r)
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
