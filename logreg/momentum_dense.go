package logreg

import (
	"time"

	"github.com/sgdlab/sgdlab/data"
	"gonum.org/v1/gonum/mat"
)

// MomentumSGDDense is MomentumSGD written as the NumPy program is: a dense
// N×(1+width) matrix whose first column is ones (np.hstack), one weight
// vector W whose first entry is the bias, and whole-vector operations,
//
//	grad = (σ(x·W) − y)·x + λ·W      (λ·W with W[0] zeroed if BiasOutOfL2)
//	v    = m·v − (1 − m)·grad
//	W   += lr·v
//
// on gonum. It is the readable reference the sparse MomentumSGD is tested
// against (histories equal within rounding: gonum sums dot products in its
// own order), and slow: O(width) per step for every operation, and the data
// densified, N·(1+width) float64s. Arguments, options, records and errors
// are those of MomentumSGD; History.Loop is "momentum-dense".
func MomentumSGDDense(train, test *data.Dataset, cfg Config) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	lambda, m, lr := cfg.Lambda(), cfg.Momentum, cfg.LearningRate
	x := train.Dense(true)
	n, cols := x.Dims()
	w := mat.NewVecDense(cols, nil)
	r := newRand(cfg.Seed)
	if cfg.InitStd > 0 {
		initNormal(r, w.RawVector().Data[1:], cfg.InitStd)
	}
	v := mat.NewVecDense(cols, nil)
	grad := mat.NewVecDense(cols, nil)
	penalised := mat.NewVecDense(cols, nil)
	var xTest *mat.Dense
	if hasRows(test) {
		xTest = test.Dense(true)
	}

	ord := newOrder(n, cfg.Shuffle, r)
	h := &History{Loop: "momentum-dense", Config: cfg}
	first := 1
	if !cfg.NoPrePass {
		first = 0
	}
	for e := first; e <= cfg.Epochs; e++ {
		start := time.Now()
		total := 0.0
		for _, i := range ord.next() {
			xi, y := x.RowView(i), train.Y[i]
			if e > 0 {
				p := Sigmoid(mat.Dot(xi, w))
				penalised.CopyVec(w)
				if cfg.BiasOutOfL2 {
					penalised.SetVec(0, 0)
				}
				grad.ScaleVec(p-y, xi)
				grad.AddScaledVec(grad, lambda, penalised)
				v.ScaleVec(m, v)
				v.AddScaledVec(v, -(1 - m), grad)
				w.AddScaledVec(w, lr, v)
			}
			weights := w.SliceVec(1, cols)
			total += ClippedBCE(Sigmoid(mat.Dot(xi, w)), y) + lambda/2*mat.Dot(weights, weights)
		}
		rec := Record{Epoch: e, Loss: total / float64(n)}
		rec.Seconds = time.Since(start).Seconds()
		c := denseCounts(x, w, train.Y)
		rec.AsWrittenError, rec.TrainError = c.broadcast(), c.errorRate()
		if xTest != nil {
			rec.TestError = denseCounts(xTest, w, test.Y).errorRate()
		}
		h.Epochs = append(h.Epochs, rec)
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(rec)
		}
	}
	raw := w.RawVector().Data
	h.Model = Model{W: append([]float64(nil), raw[1:]...), B: raw[0]}
	return h, nil
}

// denseCounts predicts every row of x (bias column first) with W, as
// 1/(1 + exp(−X @ W)) ≥ 0.5.
func denseCounts(x *mat.Dense, w *mat.VecDense, y []float64) counts {
	n, _ := x.Dims()
	var z mat.VecDense
	z.MulVec(x, w)
	c := counts{n: n}
	for i := range n {
		c.add(Sigmoid(z.AtVec(i)) >= 0.5, y[i])
	}
	return c
}
