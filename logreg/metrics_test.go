package logreg

import (
	"math"
	"testing"

	"github.com/sgdlab/sgdlab/data"
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
	for _, tc := range []struct {
		name string
		m    Model
		d    *data.Dataset
		want string
	}{
		{"no labels", Model{W: make([]float64, 3)}, unlabelled, panicNoLabels},
		{"narrow model", Model{W: make([]float64, 2)}, testkit.Hand(), panicModelWidth},
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
