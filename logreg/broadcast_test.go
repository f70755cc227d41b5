package logreg

import (
	"math/rand/v2"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// literalBroadcast is np.mean(predictions != y) for predictions of shape
// (N,) and y of shape (N,1), written out: the mean over all N² pairs (i, j)
// of [ŷⱼ ≠ yᵢ].
func literalBroadcast(pred []bool, y []float64) float64 {
	count := 0
	for i := range y {
		for j := range pred {
			if pred[j] != (y[i] == 1) {
				count++
			}
		}
	}
	n := float64(len(y))
	return float64(count) / (n * n)
}

// TestBroadcastClosedForm checks the O(N) closed form against the literal
// O(N²) broadcast on random data and random models, bit for bit.
func TestBroadcastClosedForm(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := range 20 {
		n := 1 + r.IntN(300)
		d := testkit.Random(r, n, 8, 0.5)
		m := Model{W: make([]float64, 8), B: r.NormFloat64()}
		for j := range m.W {
			m.W[j] = 2 * r.NormFloat64()
		}
		pred := make([]bool, n)
		for i := range n {
			idx, val := d.Row(i)
			pred[i] = Sigmoid(dot(m.W, m.B, idx, val)) >= 0.5
		}
		want := literalBroadcast(pred, d.Y)
		if got := BroadcastErrorRate(m, d); got != want {
			t.Errorf("trial %d (N=%d): closed form %v, literal %v", trial, n, got, want)
		}
	}
}

// TestBroadcastIgnoresCorrectness shows the flaw on the hand data set (half
// positive): a perfect model and an inverted one print the same 0.5.
func TestBroadcastIgnoresCorrectness(t *testing.T) {
	d := testkit.Hand()
	perfect := Model{W: []float64{2, 0, 0}, B: -1}
	inverted := Model{W: []float64{-2, 0, 0}, B: 1}
	for _, m := range []Model{perfect, inverted} {
		if got := BroadcastErrorRate(m, d); got != 0.5 {
			t.Errorf("BroadcastErrorRate(%v) = %v, want 0.5", m, got)
		}
	}
}
