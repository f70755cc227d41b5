package logreg

import "testing"

func TestModelLogit(t *testing.T) {
	m := Model{W: []float64{0.5, -2, 3}, B: 0.25}
	cases := []struct {
		index []int32
		value []float64
		want  float64
	}{
		{nil, nil, 0.25},
		{[]int32{0}, []float64{1}, 0.75},
		{[]int32{1, 2}, []float64{1, 2}, 0.25 - 2 + 6},
	}
	for _, c := range cases {
		if got := m.Logit(c.index, c.value); got != c.want {
			t.Errorf("Logit(%v, %v) = %g, want %g", c.index, c.value, got, c.want)
		}
	}
}

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
