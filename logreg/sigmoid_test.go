package logreg

import (
	"math"
	"testing"
)

func TestSigmoidSpecialCases(t *testing.T) {
	for _, tc := range []struct {
		z, want float64
	}{
		{0, 0.5},
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
		{40, 1},   // 1 + e⁻⁴⁰ rounds to 1
		{-800, 0}, // e⁸⁰⁰ overflows: 1/(1+Inf), no NaN
		{800, 1},
	} {
		if got := Sigmoid(tc.z); got != tc.want {
			t.Errorf("Sigmoid(%v) = %v, want %v", tc.z, got, tc.want)
		}
	}
	if !math.IsNaN(Sigmoid(math.NaN())) {
		t.Error("Sigmoid(NaN) is not NaN")
	}
}

// TestSigmoidTails checks the relative accuracy of Sigmoid in its lower
// tail, where σ(z) = eᶻ/(1 + eᶻ) is the accurate form, and the symmetry
// σ(−z) = 1 − σ(z) where both sides are representable.
func TestSigmoidTails(t *testing.T) {
	for _, z := range []float64{-1, -5, -20, -36, -100, -300, -700} {
		e := math.Exp(z)
		want := e / (1 + e)
		if rel := math.Abs(Sigmoid(z)-want) / want; rel > 4e-16 {
			t.Errorf("Sigmoid(%v) = %v, want %v (relative error %.2g)", z, Sigmoid(z), want, rel)
		}
	}
	for _, z := range []float64{0.1, 1, 3, 10} {
		if d := Sigmoid(-z) - (1 - Sigmoid(z)); math.Abs(d) > 0x1p-52 { // one ulp of 1: the rounding of 1 − σ(z)
			t.Errorf("σ(−%v) − (1 − σ(%v)) = %.3g", z, z, d)
		}
	}
}

func TestLogSigmoid(t *testing.T) {
	for _, tc := range []struct {
		z, want, tol float64
	}{
		{0, -math.Ln2, 0},
		{math.Inf(1), 0, 0},
		{math.Inf(-1), math.Inf(-1), 0},
		{-800, -800, 0},                  // log(Sigmoid(−800)) would be −Inf
		{40, -math.Exp(-40), 1e-15},      // log(Sigmoid(40)) would be 0
		{-40, -40 - math.Exp(-40), 0},    // z − log1p(eᶻ)
		{2, math.Log(Sigmoid(2)), 1e-14}, // moderate z: the naive form is close
		{-3, math.Log(Sigmoid(-3)), 1e-14},
	} {
		got := LogSigmoid(tc.z)
		if tc.tol == 0 && got != tc.want || math.Abs(got-tc.want) > tc.tol*math.Abs(tc.want) {
			t.Errorf("LogSigmoid(%v) = %v, want %v", tc.z, got, tc.want)
		}
	}
	if !math.IsNaN(LogSigmoid(math.NaN())) {
		t.Error("LogSigmoid(NaN) is not NaN")
	}
}
