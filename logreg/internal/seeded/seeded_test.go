package seeded

import (
	"slices"
	"testing"
)

func TestOrder(t *testing.T) {
	fileOrder := NewOrder(5, false, NewRand(1))
	for range 2 {
		if got := fileOrder.Next(); !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
			t.Errorf("file order %v", got)
		}
	}
	perms := func(seed uint64) [][]int {
		o := NewOrder(50, true, NewRand(seed))
		return [][]int{slices.Clone(o.Next()), slices.Clone(o.Next())}
	}
	a, b, c := perms(7), perms(7), perms(8)
	for k := range a {
		if !slices.Equal(a[k], b[k]) {
			t.Errorf("pass %d: seed 7 gave two orders", k)
		}
		sorted := slices.Sorted(slices.Values(a[k]))
		for i, v := range sorted {
			if v != i {
				t.Fatalf("pass %d: %v is not a permutation", k, a[k])
			}
		}
	}
	if slices.Equal(a[0], a[1]) {
		t.Error("the same permutation twice in a row")
	}
	if slices.Equal(a[0], c[0]) {
		t.Error("seeds 7 and 8 gave the same permutation")
	}
}

func TestInitNormal(t *testing.T) {
	w := make([]float64, 20000)
	InitNormal(NewRand(3), w, 0.01)
	var sum, sq float64
	for _, v := range w {
		sum += v
		sq += v * v
	}
	n := float64(len(w))
	mean, variance := sum/n, sq/n-(sum/n)*(sum/n)
	if mean > 5e-4 || mean < -5e-4 || variance < 0.95e-4 || variance > 1.05e-4 {
		t.Errorf("mean %.3g, variance %.3g; want about 0 and 1e-4", mean, variance)
	}
}
