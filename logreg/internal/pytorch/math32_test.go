package pytorch

import (
	"math"
	"testing"
)

// sigmoid and bce are logreg's Sigmoid and BCE, the float64 formulas the
// float32 ones are checked against (the package cannot import logreg,
// which imports it).
func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func bce(p, y float64) float64 {
	return float64((y-1)*math.Max(math.Log(1-p), -100)) - float64(y*math.Max(math.Log(p), -100))
}

// TestSigmoid32 checks the float32 sigmoid against the float64 ones, and
// where float32 saturates.
func TestSigmoid32(t *testing.T) {
	for _, z := range []float32{-80, -30, -10, -1, -0.25, 0, 0.25, 1, 10, 15} {
		want := sigmoid(float64(z))
		if rel := math.Abs(float64(Sigmoid32(z))-want) / want; rel > 2e-7 {
			t.Errorf("Sigmoid32(%v) = %v, float64 %v", z, Sigmoid32(z), want)
		}
	}
	for _, tc := range []struct{ z, want float32 }{
		{17, 1},  // 1 + e⁻¹⁷ rounds to 1 in float32
		{-89, 0}, // expf(89) overflows
		{0, 0.5},
	} {
		if got := Sigmoid32(tc.z); got != tc.want {
			t.Errorf("Sigmoid32(%v) = %v, want %v", tc.z, got, tc.want)
		}
	}
}

// TestBCE32 checks the float32 losses against the float64 ones to float32
// precision. For y = 0 the error is absolute, up to an ulp of 1 (6e-8):
// PyTorch forms 1 − p in float32 before the log.
func TestBCE32(t *testing.T) {
	for _, p := range []float32{1e-6, 0.01, 0.3, 0.5, 0.7, 0.99} {
		for _, y := range []float32{0, 1} {
			want := bce(float64(p), float64(y))
			if got := bce32(p, y); math.Abs(float64(got)-want) > 3e-7*want+6e-8 {
				t.Errorf("bce32(%v, %v) = %v, float64 %v", p, y, got, want)
			}
		}
	}
	if got := bce32(0, 1); got != 100 {
		t.Errorf("bce32(0, 1) = %v, want 100", got)
	}
}

// TestLogitGrad32Guard checks PyTorch's guard in float32: σ(17) rounds to 1
// and the gradient of a wrong label is 0.
func TestLogitGrad32Guard(t *testing.T) {
	if g := LogitGrad32(Sigmoid32(17), 0); g != 0 {
		t.Errorf("LogitGrad32(Sigmoid32(17), 0) = %v, want 0", g)
	}
	if g := LogitGrad32(Sigmoid32(2), 1); math.Abs(float64(g)-(sigmoid(2)-1)) > 1e-7 {
		t.Errorf("LogitGrad32(Sigmoid32(2), 1) = %v, want about %v", g, sigmoid(2)-1)
	}
}
