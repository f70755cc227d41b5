package pytorch

import (
	"math"
	"slices"
	"testing"
)

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
		o := NewSgemmOrder(tc.k)
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
	o := NewSgemmOrder(123)
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
		if got := o.Dot(w, 0, idx, val); got != tc.want {
			t.Errorf("w[%d]=2³⁰, w[%d]=−2³⁰: %v, PyTorch %v", tc.i, tc.j, got, tc.want)
		}
	}
	// The bias is added last: with b = 2³⁰ and w[1] = −2³⁰ PyTorch gave 128.
	w := make([]float32, 123)
	for k := range w {
		w[k] = 1
	}
	w[1] = -(1 << 30)
	if got := o.Dot(w, 1<<30, idx, val); got != 128 {
		t.Errorf("bias probe: %v, PyTorch 128", got)
	}
}

// TestSgemmOrderSparse checks that the sparse dot equals the dense sum in
// the same order when columns are missing, and the float64 value closely.
func TestSgemmOrderSparse(t *testing.T) {
	for _, k := range []int{7, 123, 300} {
		o := NewSgemmOrder(k)
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
		got := o.Dot(w, 0.25, idx, val)
		if math.Abs(float64(got)-(want+0.25)) > 1e-5*math.Max(1, math.Abs(want)) {
			t.Errorf("K=%d: dot %v, float64 %v", k, got, want+0.25)
		}
	}
}
