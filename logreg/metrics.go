package logreg

import (
	"math"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
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
// binary labels (d.Y nil, or a label other than 0 and 1), if its RowPtr
// does not fit its Index, or if m has fewer weights than d has columns.
func ErrorRate(m Model, d *data.Dataset) float64 {
	c := predictions(m, d, sigmoidAtLeastHalf)
	if c.n == 0 {
		return math.NaN()
	}
	return c.errorRate()
}

// counts summarises a model's predictions on a data set.
type counts struct {
	n       int // rows
	pos     int // rows labelled 1
	predPos int // rows predicted 1
	wrong   int // rows predicted wrongly
}

// errorRate returns the share of wrong predictions, 0 for no rows (no test
// set).
func (c counts) errorRate() float64 {
	if c.n == 0 {
		return 0
	}
	return float64(c.wrong) / float64(c.n)
}

// predictions counts m's predictions on every row of d, a row positive
// when positive(z) for its logit z = w·x + b summed left to right
// (Model.Logit).
func predictions(m Model, d *data.Dataset, positive func(z float64) bool) counts {
	datacheck.Eval(len(m.W), d)
	return countRows(d, func(i int) bool { return positive(m.Logit(d.Row(i))) })
}

// The rules that call a logit z positive: the seed's programs', σ(z) ≥ 1/2,
// and SGDClassifier.predict's, z > 0, which counts negative a logit a
// little below 0 where σ of it rounds to 1/2.
func sigmoidAtLeastHalf(z float64) bool { return Sigmoid(z) >= 0.5 }
func logitAboveZero(z float64) bool     { return z > 0 }

// countRows counts the predictions on every row of d, with labels in
// {0,1}: row i is predicted positive when positive(i).
func countRows(d *data.Dataset, positive func(i int) bool) counts {
	c := counts{n: d.Rows()}
	for i := range c.n {
		predicted, truth := positive(i), d.Y[i] == 1
		if truth {
			c.pos++
		}
		if predicted {
			c.predPos++
		}
		if predicted != truth {
			c.wrong++
		}
	}
	return c
}

// BroadcastErrorRate returns what the NumPy program prints as
// "Misclassified": np.mean(predictions != y) with predictions of shape (N,)
// and y of shape (N,1). NumPy broadcasts the comparison to an N×N matrix whose
// entry (i, j) is [ŷⱼ ≠ yᵢ], so the mean runs over all N² pairs of a label and
// a prediction, matched or not. Counting instead of comparing gives it in
// O(N): with P₁ rows predicted 1, P₀ predicted 0, N₁ labelled 1 and N₀
// labelled 0,
//
//	BroadcastErrorRate = (P₁·N₀ + P₀·N₁) / N².
//
// It depends on the model only through the share q = P₁/N of predicted
// positives. With π = N₁/N the share of positives,
//
//	BroadcastErrorRate = π + q·(1 − 2π),
//
// a straight line in q. On a9a π = 7,841/32,561 ≈ 0.241, so the value is
// 0.241 + 0.518·q: 0.759 for the zero model (σ(0) = 0.5 predicts every row
// positive), about 0.33 to 0.34 for any model that predicts positives at
// the rate a 15%-error model does (q ≈ 0.17 to 0.19), and 2π(1 − π) ≈ 0.366
// for a perfect classifier. Which rows are right never enters: training can
// move the correct error from 24% to 15% while this number hardly moves.
//
// It returns NaN for a data set with no rows and panics as ErrorRate does.
func BroadcastErrorRate(m Model, d *data.Dataset) float64 {
	c := predictions(m, d, sigmoidAtLeastHalf)
	if c.n == 0 {
		return math.NaN()
	}
	return c.broadcast()
}

// broadcast returns (P₁·N₀ + P₀·N₁)/N², counting exactly in integers (N² is
// about 10⁹ on a9a) and dividing once, as NumPy's mean of N² booleans does.
func (c counts) broadcast() float64 {
	if c.n == 0 {
		return 0
	}
	p1, n1 := int64(c.predPos), int64(c.pos)
	p0, n0 := int64(c.n)-p1, int64(c.n)-n1
	n := int64(c.n)
	return float64(p1*n0+p0*n1) / float64(n*n)
}
