package logreg

import (
	"math/rand/v2"

	"github.com/sgdlab/sgdlab/data"
)

// randomDataset returns n rows of the given width, each column present with
// probability density; half the values are 1 (as in a9a), the others
// normal. Labels are drawn from a logistic model with random weights, so
// there is something to learn but the classes overlap.
func randomDataset(r *rand.Rand, n, width int, density float64) *data.Dataset {
	d := &data.Dataset{RowPtr: []int{0}, Width: width}
	truth := make([]float64, width)
	for j := range truth {
		truth[j] = 2 * r.NormFloat64()
	}
	for range n {
		z := -0.5
		for j := range width {
			if r.Float64() >= density {
				continue
			}
			v := 1.0
			if r.IntN(2) == 0 {
				v = r.NormFloat64()
			}
			d.Index = append(d.Index, int32(j))
			d.Value = append(d.Value, v)
			z += truth[j] * v
		}
		d.RowPtr = append(d.RowPtr, len(d.Index))
		y := 0.0
		if r.Float64() < Sigmoid(z) {
			y = 1
		}
		d.Y = append(d.Y, y)
		d.Label = append(d.Label, 2*y-1)
	}
	return d
}

// handDataset is a small data set written out by hand: 4 rows, 3 columns.
//
//	row  label  features
//	0    +1     0:1 2:1
//	1    −1     1:1
//	2    +1     0:1 1:1
//	3    −1     2:1
func handDataset() *data.Dataset {
	return &data.Dataset{
		RowPtr: []int{0, 2, 3, 5, 6},
		Index:  []int32{0, 2, 1, 0, 1, 2},
		Value:  []float64{1, 1, 1, 1, 1, 1},
		Label:  []float64{1, -1, 1, -1},
		Y:      []float64{1, 0, 1, 0},
		Width:  3,
	}
}
