package lbfgs

import (
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
	θ, err := Minimize(3, f, grad)
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
