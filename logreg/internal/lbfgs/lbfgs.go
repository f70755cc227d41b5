package lbfgs

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// Gradient thresholds: the target, and the largest gradient accepted when
// the search stops first.
const (
	GradTarget = 1e-8
	GradAccept = 1e-6
)

// Minimize returns the minimiser of f over n variables, grad setting g to
// f's gradient at θ, or an error saying why it stopped short. stop, if not
// nil, is asked between evaluations, and an error it returns ends the
// search with that error.
//
// The search ends at the target, or where f stops decreasing or its line
// search fails. Near the optimum f is flat to rounding and that happens
// first; but so it does far from it, where f is badly scaled (a penalty
// of 10⁵⁰ on some variables and none on another), so the point is
// accepted only if its gradient is below GradAccept.
func Minimize(n int, f func(θ []float64) float64, grad func(g, θ []float64), stop func() error) ([]float64, error) {
	settings := &optimize.Settings{
		GradientThreshold: GradTarget,
		// Stop only once f no longer decreases at all for 20 iterations.
		Converger:       &optimize.FunctionConverge{Iterations: 20},
		MajorIterations: 10000,
	}
	p := optimize.Problem{Func: f, Grad: grad}
	var stopped error // stop's error: the search's end, whatever its point
	if stop != nil {
		p.Status = func() (optimize.Status, error) {
			if stopped = stop(); stopped != nil {
				return optimize.Failure, stopped
			}
			return optimize.NotTerminated, nil
		}
	}
	res, err := optimize.Minimize(p, make([]float64, n), settings, &optimize.LBFGS{})
	switch {
	case stopped != nil:
		return nil, stopped
	case res == nil:
		return nil, err
	case res.Status == optimize.GradientThreshold:
		return res.X, nil
	}
	if g := GradNorm(grad, res.X); !(g <= GradAccept) { // NaN too
		if err == nil {
			err = fmt.Errorf("the search stopped (%v)", res.Status)
		}
		return nil, fmt.Errorf("gradient %.3g: %w", g, err)
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
