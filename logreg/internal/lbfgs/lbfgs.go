package lbfgs

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// Gradient thresholds: the target, and the largest gradient accepted when
// the line search stops first.
const (
	GradTarget = 1e-8
	GradAccept = 1e-6
)

// Minimize returns the minimiser of f over n variables, grad setting g to
// f's gradient at θ, or an error saying why it stopped short.
func Minimize(n int, f func(θ []float64) float64, grad func(g, θ []float64)) ([]float64, error) {
	settings := &optimize.Settings{
		GradientThreshold: GradTarget,
		// Stop only once f no longer decreases at all for 20 iterations.
		Converger:       &optimize.FunctionConverge{Iterations: 20},
		MajorIterations: 10000,
	}
	res, err := optimize.Minimize(optimize.Problem{Func: f, Grad: grad}, make([]float64, n), settings, &optimize.LBFGS{})
	if res == nil {
		return nil, err
	}
	if err != nil {
		if g := GradNorm(grad, res.X); g > GradAccept {
			return nil, fmt.Errorf("gradient %.3g: %w", g, err)
		}
	}
	return res.X, nil
}

// GradNorm returns the largest |component| of grad's gradient at θ.
func GradNorm(grad func(g, θ []float64), θ []float64) float64 {
	g := make([]float64, len(θ))
	grad(g, θ)
	n := 0.0
	for _, v := range g {
		n = max(n, math.Abs(v))
	}
	return n
}
