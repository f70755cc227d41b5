package logreg

import (
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"gonum.org/v1/gonum/mat"
)

// NumPyLoopDense is NumPyLoop written as the NumPy program is: a dense
// N×(1+width) matrix whose first column is ones (np.hstack), one weight
// vector W whose first entry is the bias, and whole-vector operations,
//
//	grad = (σ(x·W) − y)·x + λ·W      (λ·W with W[0] zeroed if BiasOutOfL2)
//	v    = m·v − (1 − m)·grad
//	W   += lr·v
//
// on gonum. It is the readable reference the sparse NumPyLoop is tested
// against (histories equal within rounding: gonum sums dot products in its
// own order), and slow: O(width) per step for every operation, and the data
// densified, N·(1+width) float64s. Arguments, options, records and errors
// are those of NumPyLoop; History.Loop is "numpy-dense".
func NumPyLoopDense(train, test *data.Dataset, cfg Config) (*History, error) {
	cfg, err := prepare(train, test, cfg)
	if err != nil {
		return nil, err
	}
	if err := datacheck.Rows(train, test, true, true); err != nil {
		// As NumPyLoop refuses them: densified, a repeated index would keep
		// one of its values only.
		return nil, err
	}
	lambda, m, lr := cfg.lambda(), cfg.Momentum, cfg.LearningRate
	x := train.Dense(true)
	n, cols := x.Dims()
	w := mat.NewVecDense(cols, nil)
	r := seeded.NewRand(cfg.Seed)
	if cfg.InitStd > 0 {
		seeded.InitNormal(r, w.RawVector().Data[1:], cfg.InitStd)
	}
	v := mat.NewVecDense(cols, nil)
	grad := mat.NewVecDense(cols, nil)
	penalised := mat.NewVecDense(cols, nil)
	var xTest *mat.Dense
	if test != nil {
		xTest = test.Dense(true)
	}

	ord := seeded.NewOrder(n, cfg.Shuffle, r)
	h := &History{Loop: "numpy-dense", Config: cfg, Alpha: lambda, Epochs: []Record{}}
	first := 1
	if !cfg.NoPrePass {
		first = 0
	}
	for e := first; e <= cfg.Epochs && err == nil; e++ {
		start := time.Now()
		total := 0.0
		for _, i := range ord.Next() {
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
			sq := 0.0
			if cols > 1 { // gonum has no vector of no elements
				weights := w.SliceVec(1, cols)
				sq = mat.Dot(weights, weights)
			}
			l := ClippedBCE(Sigmoid(mat.Dot(xi, w)), y) + lambda/2*sq
			if total += l; !finite(l) || !finite(w.AtVec(0)) {
				err = &DivergedError{Epoch: e, Sample: i, What: "loss"}
				break
			}
		}
		if err != nil {
			break
		}
		rec := Record{Epoch: e, Loss: total / float64(n)}
		rec.Seconds = time.Since(start).Seconds()
		raw := w.RawVector().Data
		if cfg.RecordObjective {
			rec.Objective = recordObjective(Model{W: raw[1:], B: raw[0]}, train, lambda)
		}
		c := denseCounts(train, x, w)
		rec.AsWrittenError, rec.TrainError = c.broadcast(), c.errorRate()
		if xTest != nil {
			rec.TestError = denseCounts(test, xTest, w).errorRate()
		}
		h.Epochs = append(h.Epochs, rec)
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(rec)
		}
	}
	raw := w.RawVector().Data
	h.Model = Model{W: append([]float64(nil), raw[1:]...), B: raw[0]}
	if err != nil {
		h.Stopped = err.Error()
	}
	return h, err
}

// denseCounts predicts every row of d, x its dense matrix (bias column
// first), with W, as 1/(1 + exp(−X @ W)) ≥ 0.5.
func denseCounts(d *data.Dataset, x *mat.Dense, w *mat.VecDense) counts {
	var z mat.VecDense
	z.MulVec(x, w)
	return countRows(d, func(i int) bool { return Sigmoid(z.AtVec(i)) >= 0.5 })
}
