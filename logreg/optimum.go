package logreg

import (
	"context"
	"fmt"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/lbfgs"
)

// Objective returns the regularised mean loss that NumPyLoop's gradient
// descends, at model m on d:
//
//	F(w, b) = (1/N)·Σᵢ BCE(σ(w·xᵢ + b), yᵢ) + (λ/2)·(‖w‖² + b²)
//
// with λ = cfg.L2 (10⁻⁴ for 0, none for a negative L2), and without the b²
// term if cfg.BiasOutOfL2. (The seed's gradient penalises the bias, so the
// point its SGD hovers around minimises F with b², whatever the printed
// loss leaves out.) The losses are
// computed from the logit with LogSigmoid, exactly, without PyTorch's clamp
// or NumPy's clip. It panics as ErrorRate does.
func Objective(m Model, d *data.Dataset, cfg Config) float64 {
	datacheck.Eval(len(m.W), d)
	o := newObjective(d, cfg)
	return o.value(append(append([]float64(nil), m.W...), m.B))
}

// Optimum returns the exact minimiser of Objective on train, found by
// L-BFGS (gonum's optimize) from zero until the largest component of the
// gradient is below 10⁻⁸. Near the optimum F is flat to rounding and the line
// search may give up first; Optimum then accepts the point if its gradient is
// below 10⁻⁶, and returns an error naming the gradient otherwise. It is the floor per-sample
// SGD approaches: on a9a with the seed's λ = 10⁻⁴ (liblinear's C ≈ 0.31),
// about 15% train and test error.
//
// Optimum returns an error wrapping ErrConfig or ErrData for a bad cfg or
// train set, and the optimizer's error if it fails. Only cfg.L2 and
// cfg.BiasOutOfL2 matter.
func Optimum(train *data.Dataset, cfg Config) (Model, error) {
	return optimum(context.Background(), train, cfg)
}

// optimum is Optimum, ended with ctx's error once ctx is done.
func optimum(ctx context.Context, train *data.Dataset, cfg Config) (Model, error) {
	if err := cfg.Validate(); err != nil {
		return Model{}, err
	}
	if err := datacheck.Sets(train, nil); err != nil {
		return Model{}, err
	}
	if err := datacheck.Rows(train, nil, false, true); err != nil {
		return Model{}, err
	}
	o := newObjective(train, cfg)
	theta, err := lbfgs.Minimize(train.Width+1, o.value, o.grad, ctx.Err)
	if err != nil {
		return Model{}, fmt.Errorf("logreg: optimum: %w", err)
	}
	return Model{W: theta[:train.Width:train.Width], B: theta[train.Width]}, nil
}

// OptimalObjective returns F* = min F, the smallest value of the objective
// every Record reports (Record.Objective: mean log loss plus (α/2)·‖w‖²,
// the bias out of the penalty), on train for the penalty α ≥ 0, and the
// model that reaches it (Optimum's). F − F* is how far a loop still is from
// what per-sample SGD can reach; on a9a with α = 10⁻⁴, F* = 0.3244130441
// (scipy's L-BFGS agrees to 10⁻¹²). With α = 0 the minimum exists only
// when no linear model separates the classes, as on a9a.
//
// It returns an error wrapping ErrConfig for α negative, NaN or infinite,
// and Optimum's errors otherwise.
func OptimalObjective(train *data.Dataset, alpha float64) (float64, Model, error) {
	return OptimalObjectiveContext(context.Background(), train, alpha)
}

// OptimalObjectiveContext is OptimalObjective, which on a wide data set
// may take minutes: once ctx is done it stops, with an error wrapping
// ctx's.
func OptimalObjectiveContext(ctx context.Context, train *data.Dataset, alpha float64) (float64, Model, error) {
	if !finite(alpha) || alpha < 0 {
		return 0, Model{}, fmt.Errorf("%w: alpha %v, want ≥ 0 and finite", ErrConfig, alpha)
	}
	cfg := objectiveConfig(alpha)
	m, err := optimum(ctx, train, cfg)
	if err != nil {
		return 0, Model{}, err
	}
	return Objective(m, train, cfg), m, nil
}

// objectiveConfig is the Config whose Objective is Record.Objective for the
// penalty α: L2 α (or off for 0), the bias out of it.
func objectiveConfig(alpha float64) Config {
	if alpha == 0 {
		return Config{L2: -1, BiasOutOfL2: true}
	}
	return Config{L2: alpha, BiasOutOfL2: true}
}

// recordObjective returns Record.Objective of m on d for the penalty α.
func recordObjective(m Model, d *data.Dataset, alpha float64) float64 {
	o := objective{d: d, lambda: alpha}
	return o.at(m.W, m.B)
}

// objective is F on one data set with θ = (w, b) as one vector, b last.
type objective struct {
	d        *data.Dataset
	lambda   float64
	biasInL2 bool
}

func newObjective(d *data.Dataset, cfg Config) *objective {
	return &objective{d: d, lambda: cfg.lambda(), biasInL2: !cfg.BiasOutOfL2}
}

// value returns F(θ).
func (o *objective) value(theta []float64) float64 {
	w, b := split(theta)
	return o.at(w, b)
}

// at returns F(w, b).
func (o *objective) at(w []float64, b float64) float64 {
	d := o.d
	sum := 0.0
	for i := range d.Rows() {
		idx, val := d.Row(i)
		z := dot(w, b, idx, val)
		// −log σ(z) if y = 1, −log(1 − σ(z)) = −log σ(−z) if y = 0.
		if d.Y[i] == 1 {
			sum -= LogSigmoid(z)
		} else {
			sum -= LogSigmoid(-z)
		}
	}
	penalised := sqNorm(w)
	if o.biasInL2 {
		penalised += b * b
	}
	return sum/float64(d.Rows()) + o.lambda/2*penalised
}

// grad sets g to ∇F(θ): (1/N)·Σᵢ (σ(zᵢ) − yᵢ)·(xᵢ, 1) + λ·(w, b or 0).
func (o *objective) grad(g, theta []float64) {
	d := o.d
	w, b := split(theta)
	clear(g)
	gw, gb := g[:len(w)], &g[len(w)]
	for i := range d.Rows() {
		idx, val := d.Row(i)
		r := Sigmoid(dot(w, b, idx, val)) - d.Y[i]
		for k, j := range idx {
			gw[j] += r * val[k]
		}
		*gb += r
	}
	n := float64(d.Rows())
	for j := range g {
		g[j] /= n
	}
	for j := range gw {
		gw[j] += o.lambda * w[j]
	}
	if o.biasInL2 {
		*gb += o.lambda * b
	}
}

// split returns the weights and the bias of θ = (w, b). The weights may
// outnumber the data's columns (a wider model); the extra ones see no data.
func split(theta []float64) (w []float64, b float64) {
	n := len(theta) - 1
	return theta[:n], theta[n]
}
