package numpydense

import (
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"gonum.org/v1/gonum/mat"
)

// Loop is logreg.NumPyLoop written as the NumPy program is, on gonum:
//
//	grad = (σ(x·W) − y)·x + λ·W      (λ·W with W[0] zeroed if BiasOutOfL2)
//	v    = m·v − (1 − m)·grad
//	W   += lr·v
//
// Arguments, options, records and errors are NumPyLoop's; each epoch's
// errors are counted as logreg.ErrorRate and BroadcastErrorRate count
// them. History.Loop is "numpy-dense".
func Loop(train, test *data.Dataset, cfg logreg.Config) (*logreg.History, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	// As NumPyLoop checks them: densified, a repeated index would keep one
	// of its values only.
	if err := datacheck.Sets(train, test); err != nil {
		return nil, err
	}
	if err := datacheck.Rows(train, test, true, true); err != nil {
		return nil, err
	}
	cfg = cfg.WithDefaults()
	lambda, m, lr := max(cfg.L2, 0), cfg.Momentum, cfg.LearningRate
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

	ord := seeded.NewOrder(n, cfg.Shuffle, r)
	h := &logreg.History{Loop: "numpy-dense", Config: cfg, Alpha: lambda, Epochs: []logreg.Record{}}
	first := 1
	if !cfg.NoPrePass {
		first = 0
	}
	var err error
	for e := first; e <= cfg.Epochs && err == nil; e++ {
		start := time.Now()
		total := 0.0
		for _, i := range ord.Next() {
			xi, y := x.RowView(i), train.Y[i]
			if e > 0 {
				p := logreg.Sigmoid(mat.Dot(xi, w))
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
			l := logreg.ClippedBCE(logreg.Sigmoid(mat.Dot(xi, w)), y) + lambda/2*sq
			if total += l; !finite(l) || !finite(w.AtVec(0)) {
				err = &logreg.DivergedError{Epoch: e, Sample: i, What: "loss"}
				break
			}
		}
		if err != nil {
			break
		}
		seconds := time.Since(start).Seconds()
		model := modelOf(w)
		rec := logreg.Record{Epoch: e, Loss: total / float64(n), Seconds: seconds,
			AsWrittenError: logreg.BroadcastErrorRate(model, train), TrainError: logreg.ErrorRate(model, train)}
		if cfg.RecordObjective {
			rec.Objective = logreg.Objective(model, train, logreg.Config{L2: cfg.L2, BiasOutOfL2: true})
		}
		if test != nil {
			rec.TestError = logreg.ErrorRate(model, test)
		}
		h.Epochs = append(h.Epochs, rec)
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(rec)
		}
	}
	h.Model = modelOf(w)
	if err != nil {
		h.Stopped = err.Error()
	}
	return h, err
}

// modelOf returns a copy of W as a logreg.Model: W[0] is the bias.
func modelOf(w *mat.VecDense) logreg.Model {
	raw := w.RawVector().Data
	return logreg.Model{W: append([]float64(nil), raw[1:]...), B: raw[0]}
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return x-x == 0 }
