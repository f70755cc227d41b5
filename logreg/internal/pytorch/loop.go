package pytorch

import (
	"math"
	"slices"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/libm"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// Loop is the seed's PyTorch program in float32, PyTorch's default
// precision: nn.Linear, torch.sigmoid, nn.BCELoss and its backward, and the
// update, each operation rounded to float32 in PyTorch's order, on the
// weights, the bias, the inputs and lr as float32 tensors hold them. It
// keeps no data set of its own: only the train and test values and the
// labels in float32, beside the caller's sets.
type Loop struct {
	train, test *data.Dataset
	order       *SgemmOrder
	w           []float32
	b, lr       float32
	val, valTst []float32 // train and test values as float32 tensors hold them
	y           []float32
	predicting  []float32 // the weights Positive predicts with
	// half is the smallest logit z with Sigmoid32(z) ≥ 0.5: Positive
	// predicts z ≥ half, which spares an expf a row.
	half float32
}

// NewLoop returns the program about to train on train (labels Y in
// {0,1}) at rate lr, from the weights w (one per column; the bias starts
// at 0). test, if not nil, is the set Positive also predicts on. The
// rows must be in range, as the caller checks before it steps.
func NewLoop(train, test *data.Dataset, lr float64, w []float64) *Loop {
	l := &Loop{
		train:      train,
		order:      NewSgemmOrder(len(w)),
		w:          Float32s(w),
		lr:         float32(lr), // the Python float lr * a float32 tensor
		val:        Float32s(train.Value),
		y:          Float32s(train.Y),
		predicting: make([]float32, len(w)),
		half:       sgdfast.HalfPoint32(Sigmoid32),
	}
	if test != nil {
		l.test, l.valTst = test, Float32s(test.Value)
	}
	return l
}

// Steps is what a pass records of its steps, in the visiting order: each
// step's p, from before its update, and its label. The loss sum and the
// running accuracy, which no later step needs, are found from them beside
// the next pass (Sums), so the pass runs the steps alone.
type Steps struct {
	P, Y []float32
}

// Pass trains on the rows in order and records each step's p and label in
// s, reusing its slices. It stops at the first sample whose logit, or the
// bias after it, is not finite, and returns that sample with ok false.
func (l *Loop) Pass(order []int, s *Steps) (sample int, ok bool) {
	n := len(order)
	s.P, s.Y = slices.Grow(s.P[:0], n)[:n], slices.Grow(s.Y[:0], n)[:n]
	for pos, i := range order {
		var ok bool
		s.P[pos], ok = l.Step(i)
		s.Y[pos] = l.y[i]
		if !ok {
			return i, false
		}
	}
	return 0, true
}

// Step trains on sample i as the PyTorch program does and returns its p,
// from before the update; ok reports whether its logit and the bias after
// it are finite.
func (l *Loop) Step(i int) (p float32, ok bool) {
	d, w, lr := l.train, l.w, l.lr
	lo, hi := d.RowPtr[i], d.RowPtr[i+1]
	idx, val, y := d.Index[lo:hi], l.val[lo:hi], l.y[i]
	z := l.order.Dot(w, l.b, idx, val)
	p = Sigmoid32(z)
	g := LogitGrad32(p, y)
	for k, j := range idx {
		w[j] -= float32(lr * float32(g*val[k]))
	}
	l.b -= float32(lr * g)
	return p, finite(z) && finite(l.b)
}

// Weights copies the weights, widened to float64, into w, which has one
// element a column, and returns the bias: the model as a caller keeps it.
func (l *Loop) Weights(w []float64) (b float64) {
	for j, v := range l.w {
		w[j] = float64(v)
	}
	return float64(l.b)
}

// Positive returns whether PyTorch, in float32, predicts row i of the
// train set (or of the test set, if test) positive with the weights w and
// the bias b, float32 values widened as Weights gives them. It rounds w
// once, into a buffer the Loop keeps: call it from one goroutine at a
// time, and use the function it returns before the next call.
func (l *Loop) Positive(w []float64, b float64, test bool) func(i int) bool {
	d, val := l.train, l.val
	if test {
		d, val = l.test, l.valTst
	}
	wf, bf := l.predicting, float32(b)
	for j, v := range w {
		wf[j] = float32(v)
	}
	return func(i int) bool {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		return l.order.Dot(wf, bf, d.Index[lo:hi], val[lo:hi]) >= l.half
	}
}

// Sums returns the loss sum of the recorded steps, PyTorch's float32
// nn.BCELoss summed in order in float64 as loss.item() is in Python, and
// the running-accuracy count, the steps with (p ≥ 0.5) = (y = 1). It takes
// one logarithm a sample (sgdfast.BCESums32), or, for a label outside
// {0,1}, the loss as written (bceSums32): the same bits.
func (s *Steps) Sums() (loss float64, right int) {
	if loss, right, ok := sgdfast.BCESums32(s.P, s.Y, libm.Logf); ok {
		return loss, right
	}
	return bceSums32(s.P, s.Y)
}

// bceSums32 is the sum of the float32 losses bce32(p[k], y[k]), in order,
// and the number of k with (p[k] ≥ 0.5) = (y[k] = 1).
func bceSums32(p, y []float32) (loss float64, right int) {
	for k, p := range p {
		loss += float64(bce32(p, y[k]))
		if (p >= 0.5) == (y[k] == 1) {
			right++
		}
	}
	return loss, right
}

// finite reports whether x is neither infinite nor NaN.
func finite(x float32) bool {
	return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0)
}
