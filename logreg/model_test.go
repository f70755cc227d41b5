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
