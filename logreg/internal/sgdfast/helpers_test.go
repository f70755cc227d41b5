package sgdfast

import (
	"math"

	"github.com/sgdlab/sgdlab/data"
)

// dataOf returns d as the engine takes it.
func dataOf(d *data.Dataset) *Data {
	return &Data{RowPtr: d.RowPtr, Index: d.Index, Value: d.Value, Y: d.Y, Width: d.Width}
}

// exactStep returns Run.Exact for the Torch program on d, as the formulas
// read (logreg's readable step): p = σ(z) by math.Exp, autograd's guarded
// gradient, and the update.
func exactStep(d *Data, w []float64, lr float64) func(i int, b float64) (float64, float64, bool) {
	return func(i int, b float64) (float64, float64, bool) {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		z := 0.0
		for k, j := range d.Index[lo:hi] {
			z += float64(w[j] * d.Value[lo+k])
		}
		p, y := 1/(1+math.Exp(-(z+b))), d.Y[i]
		g := (p - y) / math.Max((1-p)*p, 1e-12) * (1 - p) * p
		for k, j := range d.Index[lo:hi] {
			w[j] -= float64(lr * float64(g*d.Value[lo+k]))
		}
		b -= float64(lr * g)
		return p, b, finite(b)
	}
}

// fileOrder returns Run.Order for n rows in file order.
func fileOrder(n int) func() []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return func() []int { return order }
}

// newRun returns a run of p on train and test (nil for none) from zero
// weights, epochs passes in file order.
func newRun(p Params, train, test *data.Dataset, epochs int) *Run {
	r := &Run{Params: p, Train: *dataOf(train), W: make([]float64, train.Width), Epochs: epochs, Order: fileOrder(train.Rows())}
	if test != nil {
		r.Test = dataOf(test)
	}
	r.Exact = exactStep(&r.Train, r.W, p.LR)
	return r
}
