package lbfgs

import (
	"errors"
	"math"
	"testing"
)

// TestMinimize finds the minimiser (1, −2, 3) of a convex quadratic, its
// gradient there below GradTarget.
func TestMinimize(t *testing.T) {
	want := []float64{1, -2, 3}
	f := func(θ []float64) float64 {
		s := 0.0
		for k, v := range θ {
			s += float64(k+1) * (v - want[k]) * (v - want[k])
		}
		return s
	}
	grad := func(g, θ []float64) {
		for k, v := range θ {
			g[k] = 2 * float64(k+1) * (v - want[k])
		}
	}
	θ, err := Minimize(3, f, grad, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if math.Abs(θ[k]-want[k]) > 1e-8 {
			t.Errorf("θ = %v, want %v", θ, want)
		}
	}
	if g := GradNorm(grad, θ); g > GradTarget {
		t.Errorf("gradient %.3g at the minimiser", g)
	}
}

// softplus returns log(1 + eᵘ).
func softplus(u float64) float64 { return max(u, 0) + math.Log1p(math.Exp(-math.Abs(u))) }

// sigma returns 1/(1 + e⁻ᵘ).
func sigma(u float64) float64 { return 1 / (1 + math.Exp(-u)) }

// TestMinimizeBadlyScaled: with a penalty of 10⁵⁰ on θ₀ and none on θ₁,
// f(θ) = (10⁵⁰/2)·θ₀² + log(1 + e^(−u)) + log(1 + e^(u−1)), u = θ₀ + θ₁,
// the search stops where f stops decreasing, far from the minimiser
// (0, ½); Minimize either finds the minimiser or says it did not.
func TestMinimizeBadlyScaled(t *testing.T) {
	const a = 1e50
	f := func(θ []float64) float64 {
		u := θ[0] + θ[1]
		return a/2*θ[0]*θ[0] + softplus(-u) + softplus(u-1)
	}
	grad := func(g, θ []float64) {
		u := θ[0] + θ[1]
		d := -sigma(-u) + sigma(u-1)
		g[0], g[1] = a*θ[0]+d, d
	}
	θ, err := Minimize(2, f, grad, nil)
	if err == nil && (math.Abs(θ[0]) > 1e-12 || math.Abs(θ[1]-0.5) > 1e-6) {
		t.Errorf("θ = %v accepted, gradient %.3g; want (0, 0.5) or an error", θ, GradNorm(grad, θ))
	}
	t.Logf("θ %v, error %v", θ, err)
}

// TestMinimizeStop: an error from stop ends the search with that error,
// also where the point reached would pass.
func TestMinimizeStop(t *testing.T) {
	errStop := errors.New("stop here")
	calls := 0
	stop := func() error {
		if calls++; calls > 3 {
			return errStop
		}
		return nil
	}
	// Rosenbrock's function takes far more than 3 evaluations.
	f := func(θ []float64) float64 { return 100*math.Pow(θ[1]-θ[0]*θ[0], 2) + math.Pow(1-θ[0], 2) }
	grad := func(g, θ []float64) {
		g[0] = -400*θ[0]*(θ[1]-θ[0]*θ[0]) - 2*(1-θ[0])
		g[1] = 200 * (θ[1] - θ[0]*θ[0])
	}
	if θ, err := Minimize(2, f, grad, stop); !errors.Is(err, errStop) {
		t.Errorf("θ %v, error %v; want %v", θ, err, errStop)
	}
	if θ, err := Minimize(2, f, grad, func() error { return nil }); err != nil || math.Abs(θ[0]-1) > 1e-6 {
		t.Errorf("θ %v, error %v; want (1, 1)", θ, err)
	}
	// f(θ) = 10⁻⁷·θ: its gradient is below GradAccept everywhere, so any
	// point it stops at would pass.
	calls = 0
	line := func(θ []float64) float64 { return 1e-7 * θ[0] }
	slope := func(g, _ []float64) { g[0] = 1e-7 }
	if θ, err := Minimize(1, line, slope, stop); !errors.Is(err, errStop) {
		t.Errorf("stopped where the gradient is small: θ %v, error %v; want %v", θ, err, errStop)
	}
}
