package logreg

import (
	"math"

	"github.com/sgdlab/sgdlab/data"
)

// Panic messages of ErrorRate and BroadcastErrorRate: programmer errors the
// loops rule out before they start.
const (
	panicNoLabels   = "logreg: data set has no binary labels"
	panicModelWidth = "logreg: model has fewer weights than the data has columns"
)

// ErrorRate returns the share of the rows of d that m classifies wrongly,
//
//	(1/N)·#{i : [σ(w·xᵢ + b) ≥ 0.5] ≠ yᵢ},
//
// the number both seed programs meant to print. A row is predicted positive
// when Sigmoid(z) ≥ 0.5, as the programs decide, which for z within about
// 10⁻¹⁶ below 0 is not quite the same as z ≥ 0.
//
// ErrorRate returns NaN for a data set with no rows. It panics if d has no
// binary labels (d.Y is nil) or m has fewer weights than d has columns.
func ErrorRate(m Model, d *data.Dataset) float64 {
	c := countPredictions(m.W, m.B, d)
	if c.n == 0 {
		return math.NaN()
	}
	return float64(c.wrong) / float64(c.n)
}

// counts summarises a model's predictions on a data set.
type counts struct {
	n       int // rows
	pos     int // rows labelled 1
	predPos int // rows predicted 1
	wrong   int // rows predicted wrongly
}

// errorRate returns the share of wrong predictions, 0 for no rows (so that
// a History stays JSON-encodable when there is no test set).
func (c counts) errorRate() float64 {
	if c.n == 0 {
		return 0
	}
	return float64(c.wrong) / float64(c.n)
}

// countPredictions predicts every row of d with weights w and bias b in
// float64. A row is positive when Sigmoid(z) ≥ 0.5, which it tests as
// z ≥ sigmoidHalf64 without computing an exponential (see half.go), and it
// counts without a branch on the outcome, which no predictor can guess.
func countPredictions(w []float64, b float64, d *data.Dataset) counts {
	return countRows(w, b, d, false)
}

// countRows is countPredictions, with ones set when every value of d is 1:
// it then adds the weights without reading the values (the products by 1
// are exact, so the sums are the same).
//
// Each row's logit is summed left to right in one sum: a sum in another
// order could differ in its last bit, and so change the prediction of a
// row whose logit is within rounding of the threshold. The loops take four
// nonzeros per iteration, for fewer instructions per nonzero. (Summing
// four rows side by side, four independent chains, measured slower than
// that: the processor overlaps consecutive rows already, and four rows'
// slices do not fit in the registers.)
func countRows(w []float64, b float64, d *data.Dataset, ones bool) counts {
	return countRowsIn(w, b, d, 0, d.Rows(), ones, false)
}

// countRowsIn is countRows on the rows [lo, hi) of d; trusted says their
// indices are known to lie in [0, d.Width), so that the assembly need not
// check them again (the Go loops check them all the same).
func countRowsIn(w []float64, b float64, d *data.Dataset, lo, hi int, ones, trusted bool) counts {
	checkEval(len(w), d)
	rowPtr, y := d.RowPtr[lo:hi+1], d.Y[lo:hi]
	var c counts
	if ones {
		c = countOnes(w[:d.Width], b, rowPtr, d.Index, y, trusted)
	} else {
		c = countValues(w[:d.Width], b, rowPtr, d.Index, d.Value, y)
	}
	c.n = hi - lo
	return c
}

// plus returns the counts of c's rows and d's together.
func (c counts) plus(d counts) counts {
	return counts{n: c.n + d.n, pos: c.pos + d.pos, predPos: c.predPos + d.predPos, wrong: c.wrong + d.wrong}
}

// countOnesGo counts the predictions on rows given as in a data.Dataset,
// by rowPtr and index, with labels label and every value 1. On amd64
// countOnes does the same in assembly (count_amd64.s).
func countOnesGo(w []float64, b float64, rowPtr []int, index []int32, label []float64) counts {
	var c counts
	for i, y := range label {
		c = c.with(sumOnes(w, index[rowPtr[i]:rowPtr[i+1]])+b >= sigmoidHalf64, y)
	}
	return c
}

// countValues is countOnes for rows with values value.
func countValues(w []float64, b float64, rowPtr []int, index []int32, value, label []float64) counts {
	var c counts
	for i, y := range label {
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val := index[lo:hi], value[lo:hi]
		z := 0.0
		for ; len(idx) >= 4 && len(val) >= 4; idx, val = idx[4:], val[4:] {
			z += float64(w[idx[0]] * val[0])
			z += float64(w[idx[1]] * val[1])
			z += float64(w[idx[2]] * val[2])
			z += float64(w[idx[3]] * val[3])
		}
		val = val[:len(idx)]
		for k, j := range idx {
			z += float64(w[j] * val[k])
		}
		c = c.with(z+b >= sigmoidHalf64, y)
	}
	return c
}

// sumOnes returns the sum of w[j] over idx, left to right.
func sumOnes(w []float64, idx []int32) float64 {
	z := 0.0
	for ; len(idx) >= 4; idx = idx[4:] {
		z += w[idx[0]]
		z += w[idx[1]]
		z += w[idx[2]]
		z += w[idx[3]]
	}
	for _, j := range idx {
		z += w[j]
	}
	return z
}

// with returns c with one more row, predicted positive or not, labelled y
// in {0,1}. It counts without a branch on the outcome, which no predictor
// can guess.
func (c counts) with(positive bool, y float64) counts {
	truth := y == 1
	c.pos += b2i(truth)
	c.predPos += b2i(positive)
	c.wrong += b2i(positive != truth)
	return c
}

// countPredictions32 is countPredictions in float32, with PyTorch's order
// of summation; val32 is d.Value rounded to float32.
func countPredictions32(o *sgemmOrder, w []float32, b float32, d *data.Dataset, val32 []float32) counts {
	checkEval(len(w), d)
	n := d.Rows()
	label := d.Y[:n]
	var pos, predPos, wrong int
	for i, y := range label {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		positive, truth := o.dot(w, b, d.Index[lo:hi], val32[lo:hi]) >= sigmoidHalf32, y == 1
		pos += b2i(truth)
		predPos += b2i(positive)
		wrong += b2i(positive != truth)
	}
	return counts{n: n, pos: pos, predPos: predPos, wrong: wrong}
}

// add counts one row predicted positive or not, with label y in {0,1}.
func (c *counts) add(positive bool, y float64) {
	truth := y == 1
	if truth {
		c.pos++
	}
	if positive {
		c.predPos++
	}
	if positive != truth {
		c.wrong++
	}
}

// checkEval panics unless a model with width weights can classify d.
func checkEval(width int, d *data.Dataset) {
	if d.Rows() > 0 && d.Y == nil {
		panic(panicNoLabels)
	}
	if width < d.Width {
		panic(panicModelWidth)
	}
}
