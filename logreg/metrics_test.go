package logreg

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

func TestErrorRate(t *testing.T) {
	d := handDataset() // labels 1, 0, 1, 0
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
	unlabelled := handDataset()
	unlabelled.Y = nil
	for _, tc := range []struct {
		name string
		m    Model
		d    *data.Dataset
		want string
	}{
		{"no labels", Model{W: make([]float64, 3)}, unlabelled, panicNoLabels},
		{"narrow model", Model{W: make([]float64, 2)}, handDataset(), panicModelWidth},
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

// countRowsPerRow is countRows as it was before its loops took four
// nonzeros at a time: the reference of TestCountRows.
func countRowsPerRow(w []float64, b float64, d *data.Dataset, ones bool) counts {
	n := d.Rows()
	var c counts
	for i := range n {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		z := 0.0
		for k, j := range d.Index[lo:hi] {
			if ones {
				z += w[j]
			} else {
				z += float64(w[j] * d.Value[lo+k])
			}
		}
		c.add(z+b >= sigmoidHalf64, d.Y[i])
	}
	c.n = n
	return c
}

// TestCountRows checks that countRows counts what countRowsPerRow counts,
// as does countRowsIn on trust in two parts, on rows of random lengths
// (empty ones too), with values 1 or not, and weights of very different
// sizes (±10¹⁶ next to 1), so that a sum in another order would round
// differently and change predictions.
func TestCountRows(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	const width = 20
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 1001} {
		for _, ones := range []bool{true, false} {
			d := &data.Dataset{RowPtr: []int{0}, Width: width}
			for range n {
				for _, j := range r.Perm(width)[:r.IntN(16)] {
					v := 1.0
					if !ones {
						v = float64(1 + r.IntN(3))
					}
					d.Index = append(d.Index, int32(j))
					d.Value = append(d.Value, v)
				}
				d.RowPtr = append(d.RowPtr, len(d.Index))
				y := float64(r.IntN(2))
				d.Y, d.Label = append(d.Y, y), append(d.Label, 2*y-1)
			}
			w := make([]float64, width)
			for j := range w {
				w[j] = []float64{1e16, -1e16, 1, -1, 0.5, r.NormFloat64()}[r.IntN(6)]
			}
			for _, b := range []float64{-0.5, 0.5, r.NormFloat64()} {
				want := countRowsPerRow(w, b, d, ones)
				if got := countRows(w, b, d, ones); got != want {
					t.Errorf("n=%d ones=%v b=%v: countRows %+v, row by row %+v", n, ones, b, got, want)
				}
				// In two parts, on trust (the rows are valid).
				cut := r.IntN(n + 1)
				if got := countRowsIn(w, b, d, 0, cut, ones, true).plus(countRowsIn(w, b, d, cut, n, ones, true)); got != want {
					t.Errorf("n=%d ones=%v b=%v: trusted, cut at %d: %+v, row by row %+v", n, ones, b, cut, got, want)
				}
			}
		}
	}
}
