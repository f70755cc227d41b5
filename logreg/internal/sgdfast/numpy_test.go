package sgdfast

import (
	"math"
	"testing"
)

// TestMomentumPower checks A^g from the tables against g multiplications,
// across the tables' seams and beyond them.
func TestMomentumPower(t *testing.T) {
	p := numpyParams{lr: 0.001, m: 0.9, keep: 1 - 0.9, lambda: 1e-4, penalBias: true}
	s := newCatchUp(&Data{Width: 3}, p, make([]float64, 3), 0)
	a := mat2{1, 0, 0, 1}
	worst := 0.0
	for g := 0; g <= 3*powSmall*powLarge; g++ {
		got := s.power(g)
		for k := range a {
			worst = max(worst, math.Abs(got[k]-a[k])/max(math.Abs(a[k]), 1e-300))
		}
		a = s.a.mul(a)
	}
	t.Logf("largest relative difference %.3g over %d powers", worst, 3*powSmall*powLarge)
	if worst > 1e-10 {
		t.Errorf("powers of A from the tables differ from repeated products by %.3g relative", worst)
	}
}
