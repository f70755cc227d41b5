package logreg

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

func TestDot(t *testing.T) {
	w := []float64{1, 2, 3, 4}
	idx, val := []int32{1, 3}, []float64{0.5, -1}
	if got, want := dot(w, 10, idx, val), 10+1-4.0; got != want {
		t.Errorf("dot = %v, want %v", got, want)
	}
	if got, want := dotBiasFirst(w, 10, idx, val), 7.0; got != want {
		t.Errorf("dotBiasFirst = %v, want %v", got, want)
	}
	if got := sqNorm(w); got != 30 {
		t.Errorf("sqNorm = %v, want 30", got)
	}
}

func TestSgemmOrderBlocks(t *testing.T) {
	for _, tc := range []struct {
		k        int
		lo, tail []int
	}{
		{123, []int{0, 123}, []int{120}},
		{5, []int{0, 5}, []int{0}},
		{128, []int{0, 128}, []int{128}},
		{129, []int{0, 64, 129}, []int{64, 128}},
		{200, []int{0, 104, 200}, []int{104, 200}},
		{300, []int{0, 128, 216, 300}, []int{128, 216, 296}},
	} {
		o := newSgemmOrder(tc.k)
		if !slices.Equal(o.lo, tc.lo) || !slices.Equal(o.tail, tc.tail) {
			t.Errorf("K=%d: blocks %v tails %v, want %v %v", tc.k, o.lo, o.tail, tc.lo, tc.tail)
		}
	}
}

// TestSgemmOrderProbes replays probes made on PyTorch 1.13 with OpenBLAS
// 0.3.21 (nn.Linear(123, 1) on a row of ones): all weights 1 except
// w[i] = 2³⁰ and w[j] = −2³⁰. The ones summed into the same accumulator
// as 2³⁰ before the cancellation are lost to rounding, so the output tells
// which columns PyTorch adds together first; the values below are the
// outputs PyTorch printed.
func TestSgemmOrderProbes(t *testing.T) {
	o := newSgemmOrder(123)
	idx := make([]int32, 123)
	val := make([]float32, 123)
	for j := range idx {
		idx[j], val[j] = int32(j), 1
	}
	for _, tc := range []struct {
		i, j int
		want float32
	}{
		{0, 4, 121},  // same accumulator, adjacent: nothing lost
		{0, 8, 120},  // column 4 lost in between
		{0, 1, 60},   // accumulators 0 and 1 meet first: both lose their ones
		{0, 2, 0},    // accumulators 0 and 2 meet last: everything lost
		{2, 1, 64},   // −2³⁰ + 33 rounds to −2³⁰ + 64 below 2³⁰
		{0, 120, 92}, // column 120 is in accumulator 0 ...
		{0, 121, 91}, // ... and so are 121 and 122, in order
		{0, 122, 90},
		{119, 122, 0}, // 119 is in accumulator 3
	} {
		w := make([]float32, 123)
		for k := range w {
			w[k] = 1
		}
		w[tc.i], w[tc.j] = 1<<30, -(1 << 30)
		if got := o.dot(w, 0, idx, val); got != tc.want {
			t.Errorf("w[%d]=2³⁰, w[%d]=−2³⁰: %v, PyTorch %v", tc.i, tc.j, got, tc.want)
		}
	}
	// The bias is added last: with b = 2³⁰ and w[1] = −2³⁰ PyTorch gave 128.
	w := make([]float32, 123)
	for k := range w {
		w[k] = 1
	}
	w[1] = -(1 << 30)
	if got := o.dot(w, 1<<30, idx, val); got != 128 {
		t.Errorf("bias probe: %v, PyTorch 128", got)
	}
}

// TestSgemmOrderSparse checks that the sparse dot equals the dense sum in
// the same order when columns are missing, and the float64 value closely.
func TestSgemmOrderSparse(t *testing.T) {
	for _, k := range []int{7, 123, 300} {
		o := newSgemmOrder(k)
		w := make([]float32, k)
		var idx []int32
		var val []float32
		want := 0.0
		for j := range k {
			w[j] = float32(math.Sin(float64(j)))
			if j%3 != 1 {
				idx = append(idx, int32(j))
				val = append(val, float32(j%5)-1.5)
				want += float64(w[j]) * float64(val[len(val)-1])
			}
		}
		got := o.dot(w, 0.25, idx, val)
		if math.Abs(float64(got)-(want+0.25)) > 1e-5*math.Max(1, math.Abs(want)) {
			t.Errorf("K=%d: dot %v, float64 %v", k, got, want+0.25)
		}
	}
}

// TestHalfPoint32 checks that torch32's count, z ≥ half, predicts what
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
			tl := tally{perSample: true, p: tc.p, y: tc.y}
			loss, right := tl.sums()
			if !sameBits(loss, wantLoss) || right != wantRight {
				t.Errorf("loss %v, right %d; as written %v, %d", loss, right, wantLoss, wantRight)
			}
			bad := 0
			for k := range tc.p {
				one := tally{perSample: true, p: tc.p[k : k+1], y: tc.y[k : k+1]}
				loss, right := one.sums()
				wantLoss, wantRight := bceSums32(one.p, one.y)
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
