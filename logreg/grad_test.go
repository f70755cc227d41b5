package logreg

import (
	"math"
	"testing"
)

// TestLogitGradFiniteDifference checks LogitGrad against a central
// difference of the loss as a function of z, and against p − y. The loss is
// written with LogSigmoid for the differences: BCE(σ(z), 0) forms 1 − σ(z),
// whose rounding would swamp a difference quotient for z ≫ 0.
func TestLogitGradFiniteDifference(t *testing.T) {
	const h = 1e-6
	loss := func(z, y float64) float64 { return -y*LogSigmoid(z) - (1-y)*LogSigmoid(-z) }
	for _, z := range []float64{-8, -2, -0.5, 0, 0.3, 1, 4, 9} {
		for _, y := range []float64{0, 1} {
			p := Sigmoid(z)
			fd := (loss(z+h, y) - loss(z-h, y)) / (2 * h)
			g := LogitGrad(p, y)
			if math.Abs(g-fd) > 1e-8 {
				t.Errorf("z=%v y=%v: LogitGrad %.10g, central difference %.10g", z, y, g, fd)
			}
			if math.Abs(g-(p-y)) > 1e-15 {
				t.Errorf("z=%v y=%v: LogitGrad %.17g, p − y %.17g", z, y, g, p-y)
			}
		}
	}
}

// TestWeightGradient checks, for a whole model, that the gradient of the
// sample loss BCE(σ(w·x + b), y) is LogitGrad·x for the weights and
// LogitGrad for the bias, by central differences in every parameter.
func TestWeightGradient(t *testing.T) {
	idx := []int32{0, 2, 3}
	val := []float64{1, -0.5, 2}
	w := []float64{0.3, -1.2, 0.7, -0.1}
	b := 0.2
	const h = 1e-6
	for _, y := range []float64{0, 1} {
		loss := func() float64 { return BCE(Sigmoid(dot(w, b, idx, val)), y) }
		g := LogitGrad(Sigmoid(dot(w, b, idx, val)), y)
		want := map[int]float64{0: g * 1, 1: 0, 2: g * -0.5, 3: g * 2}
		for j := range w {
			w0 := w[j]
			w[j] = w0 + h
			fp := loss()
			w[j] = w0 - h
			fm := loss()
			w[j] = w0
			if fd := (fp - fm) / (2 * h); math.Abs(fd-want[j]) > 1e-8 {
				t.Errorf("y=%v: ∂L/∂w%d = %.10g by differences, %.10g as g·x", y, j, fd, want[j])
			}
		}
		b0 := b
		b = b0 + h
		fp := loss()
		b = b0 - h
		fm := loss()
		b = b0
		if fd := (fp - fm) / (2 * h); math.Abs(fd-g) > 1e-8 {
			t.Errorf("y=%v: ∂L/∂b = %.10g by differences, %.10g as g", y, fd, g)
		}
	}
}

// TestLogitGradGuard checks PyTorch's guard where p saturates: the gradient
// shrinks, and vanishes at p = 0 or 1 whatever the label.
func TestLogitGradGuard(t *testing.T) {
	for _, tc := range []struct {
		p, y, want float64
	}{
		{1, 0, 0},
		{0, 1, 0},
		{1, 1, 0},
		{0.5, 1, -0.5},
		{0.5, 0, 0.5},
	} {
		if got := LogitGrad(tc.p, tc.y); got != tc.want {
			t.Errorf("LogitGrad(%v, %v) = %v, want %v", tc.p, tc.y, got, tc.want)
		}
	}
	// σ(30) is 1 − 9.4e-14: p(1 − p) < 1e-12, so the gradient is about
	// (1 − p)/1e-12 ≈ 0.094 of p − y.
	p := Sigmoid(30)
	if g := LogitGrad(p, 0); g < 0.05 || g > 0.15 {
		t.Errorf("LogitGrad(σ(30), 0) = %v, want about 0.094 (p − y = %v)", g, p)
	}
}
