package logreg

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

func TestErrorRate(t *testing.T) {
	d := testkit.Hand() // labels 1, 0, 1, 0
	for _, tc := range []struct {
		name string
		m    Model
		want float64
	}{
		// σ(0) = 0.5 ≥ 0.5: the zero model predicts every row positive.
		{"zero model", Model{W: make([]float64, 3)}, 0.5},
		{"all negative", Model{W: make([]float64, 3), B: -1}, 0.5},
		// Feature 0 marks exactly the positive rows.
		{"perfect", Model{W: []float64{2, 0, 0}, B: -1}, 0},
		{"inverted", Model{W: []float64{-2, 0, 0}, B: 1}, 1},
		// Rows 1 and 2 have feature 1; row 2 is positive: one wrong (row 1),
		// and rows 0, 3 without it are predicted 0: one more wrong (row 0).
		{"feature 1", Model{W: []float64{0, 2, 0}, B: -1}, 0.5},
		// A wider model is fine: its extra weights see no data.
		{"wider model", Model{W: []float64{2, 0, 0, 5}, B: -1}, 0},
	} {
		if got := ErrorRate(tc.m, d); got != tc.want {
			t.Errorf("%s: ErrorRate = %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := ErrorRate(Model{}, &data.Dataset{RowPtr: []int{0}}); !math.IsNaN(got) {
		t.Errorf("ErrorRate on no rows = %v, want NaN", got)
	}
}

func TestErrorRatePanics(t *testing.T) {
	unlabelled := testkit.Hand()
	unlabelled.Y = nil
	label2, labelNaN, short, shifted := testkit.Hand(), testkit.Hand(), testkit.Hand(), testkit.Hand()
	label2.Y[1] = 2
	labelNaN.Y[0] = math.NaN()
	short.Y = short.Y[:1]
	shifted.RowPtr[0] = 1
	for _, tc := range []struct {
		name string
		m    Model
		d    *data.Dataset
		want string
	}{
		{"no labels", Model{W: make([]float64, 3)}, unlabelled, datacheck.PanicNoLabels},
		{"label 2", Model{W: make([]float64, 3)}, label2, datacheck.PanicNoLabels},
		{"label NaN", Model{W: make([]float64, 3)}, labelNaN, datacheck.PanicNoLabels},
		{"fewer labels than rows", Model{W: make([]float64, 3)}, short, datacheck.PanicNoLabels},
		{"RowPtr from 1", Model{W: make([]float64, 3)}, shifted, datacheck.PanicRows},
		{"narrow model", Model{W: make([]float64, 2)}, testkit.Hand(), datacheck.PanicModelWidth},
	} {
		for name, f := range map[string]func(Model, *data.Dataset) float64{
			"ErrorRate": ErrorRate, "BroadcastErrorRate": BroadcastErrorRate,
		} {
			func() {
				defer func() {
					if r := recover(); r != tc.want {
						t.Errorf("%s: %s panicked with %v, want %q", tc.name, name, r, tc.want)
					}
				}()
				f(tc.m, tc.d)
			}()
		}
	}
}

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
