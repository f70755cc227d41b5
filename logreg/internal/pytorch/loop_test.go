package pytorch

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// TestHalfPoint32 checks that Loop.Positive's test, z ≥ half, predicts what
// Sigmoid32(z) ≥ 0.5 does, for every float32 within 2²⁰ steps of the
// threshold, either side, and on random logits of every scale.
func TestHalfPoint32(t *testing.T) {
	half := sgdfast.HalfPoint32(Sigmoid32)
	if !(half <= 0 && half > -1e-6) {
		t.Fatalf("threshold %g not just below 0", half)
	}
	bad := 0
	check := func(z float32) {
		if p := Sigmoid32(z); (p >= 0.5) != (z >= half) {
			if bad++; bad <= 5 {
				t.Errorf("z = %g: Sigmoid32 %v, threshold %g", z, p, half)
			}
		}
	}
	const steps = 1 << 20
	for d := -int64(steps); d <= steps; d++ {
		if m := int64(math.Float32bits(-half)) + d; m >= 0 {
			check(-math.Float32frombits(uint32(m)))
			check(math.Float32frombits(uint32(m)))
		}
	}
	r := rand.New(rand.NewPCG(5, 5))
	for range 200_000 {
		check(float32(math.Ldexp(2*r.Float64()-1, 7-r.IntN(40))))
	}
	for _, z := range []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN())} {
		check(z)
	}
}

// TestBCESums32 checks the loss sum and running count of the float32
// steps as the evaluation finds them (sgdfast.BCESums32, one logarithm a
// sample) against bce32 summed as written: the same bits, for
// probabilities of every scale and both ends; a label outside {0,1} takes
// the formula as written.
func TestBCESums32(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	p := []float32{0, 1, 0.5, math.Nextafter32(0.5, 0), math.Nextafter32(1, 0), 1e-45, 1e-30, 3.7e-44}
	for range 100_000 {
		p = append(p, r.Float32(), float32(math.Ldexp(r.Float64(), -r.IntN(150))), 1-float32(math.Ldexp(r.Float64(), -r.IntN(30))))
	}
	y := make([]float32, len(p))
	for k := range y {
		y[k] = float32(r.IntN(2))
	}
	for _, tc := range []struct {
		name string
		p, y []float32
	}{
		{"labels 0 and 1", p, y},
		{"all 1", p, slices.Repeat([]float32{1}, len(p))},
		{"all 0", p, make([]float32, len(p))},
		{"a NaN", []float32{0.3, float32(math.NaN()), 0.6}, []float32{1, 0, 0}},
		{"a label 0.5", []float32{0.3, 0.4, 0.6}, []float32{1, 0.5, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantLoss, wantRight := bceSums32(tc.p, tc.y)
			tl := Steps{P: tc.p, Y: tc.y}
			loss, right := tl.Sums()
			if !sameBits(loss, wantLoss) || right != wantRight {
				t.Errorf("loss %v, right %d; as written %v, %d", loss, right, wantLoss, wantRight)
			}
			bad := 0
			for k := range tc.p {
				one := Steps{P: tc.p[k : k+1], Y: tc.y[k : k+1]}
				loss, right := one.Sums()
				wantLoss, wantRight := bceSums32(one.P, one.Y)
				if (!sameBits(loss, wantLoss) || right != wantRight) && bad < 5 {
					bad++
					t.Errorf("p %v, y %v: loss %v, right %d; as written %v, %d", tc.p[k], tc.y[k], loss, right, wantLoss, wantRight)
				}
			}
		})
	}
}

// sameBits reports whether a and b are the same float64, NaN or not.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}
