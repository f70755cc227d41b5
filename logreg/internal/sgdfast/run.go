package sgdfast

import (
	"fmt"
	"math"
	"time"
)

// Data is a data set of sparse rows: row i has the feature indices
// Index[RowPtr[i]:RowPtr[i+1]], the values at the same positions of Value,
// and the label Y[i] in {0,1}. Width is the number of feature columns.
type Data struct {
	RowPtr []int
	Index  []int32
	Value  []float64
	Y      []float64
	Width  int
}

// rows returns the number of rows, the number of labels.
func (d *Data) rows() int { return len(d.Y) }

// Kind is a kind of per-sample loop.
type Kind int

const (
	// Torch is the PyTorch program: each sample's BCE, before its update,
	// summed; the running accuracy; no penalty and no momentum.
	Torch Kind = iota
	// NumPy is the NumPy program: velocity and an L2 penalty in the
	// gradient, each sample's clipped loss plus (λ/2)·‖w‖² after its
	// update, and an optional pass before training that only sums the loss.
	NumPy
	// Sklearn is scikit-learn's SGDClassifier (log loss, L2 penalty, a
	// learning-rate schedule, averaging) and AdaGrad in its composite
	// form: each sample's log loss before its step, summed.
	Sklearn
)

// positiveFrom returns the smallest logit the loop predicts positive: for
// Sklearn the smallest positive float64, z > 0 as SGDClassifier.predict
// has it; for the others sigmoidHalf, σ(z) ≥ 1/2 as logreg.ErrorRate has
// it. The two differ only for z in [sigmoidHalf, 0], about 3·10⁻¹⁶
// wide: the zero model, or a rate so small that the steps have left the
// logits there.
func (k Kind) positiveFrom() float64 {
	if k == Sklearn {
		return math.SmallestNonzeroFloat64
	}
	return sigmoidHalf
}

// Params are the constants of a loop.
type Params struct {
	Kind     Kind
	LR       float64
	Lambda   float64 // NumPy: λ of the penalty, ≥ 0
	Momentum float64 // NumPy: m in [0,1)
	// PenalBias (NumPy) puts the bias in the gradient's penalty.
	PenalBias bool
	// PrePass (NumPy) runs epoch 0: the loss of the initial weights.
	PrePass bool
	// SGD holds Sklearn's constants.
	SGD SGDParams
}

// Run is one run of a loop: its data, its weights and its epochs.
type Run struct {
	Params
	Train Data
	Test  *Data // nil for none
	// W holds the initial weights, Train.Width of them; Train trains them
	// in place. B is the initial bias.
	W []float64
	B float64
	// Epochs is the number of training passes.
	Epochs int
	// Order returns the visiting order of the next pass, one call a pass
	// (the pre-pass's included). Shuffled says whether the order changes
	// from one pass to the next; if not, Order returns the same slice.
	Order    func() []int
	Shuffled bool
	// Exact (Torch) is the step as the formulas read, which the engine
	// takes for a sample whose logit is outside the fast step's range: it
	// trains on row i, with the bias b, and returns p = σ(z), the new bias,
	// and whether z and the new bias are finite.
	Exact func(i int, b float64) (p, newB float64, ok bool)
	// Sklearn: State is the run's model, shared with ExactSGD, which takes
	// a step on it as the formulas read (the engine takes it for the steps
	// its own cannot follow to the bit): it steps on row i and returns the
	// logit before the step and whether that logit and the model after it
	// are finite. W is not trained: it receives the
	// reported model of each epoch (the average, once averaging began).
	// AdaGrad takes neither and trains W.
	State    *SGDState
	ExactSGD func(i int) (z float64, ok bool)
	// Objective asks for each epoch's Objective, with the penalty α =
	// Alpha: one more exponential a training row, beside the next pass.
	Objective bool
	Alpha     float64
	// OnEpoch receives each epoch's numbers, in order, from one goroutine
	// at a time; every call returns before Train does. A panic in it ends
	// the run: Train panics with the same value.
	OnEpoch func(Epoch)

	// For tests: stall, if set, runs before the evaluator's goroutine
	// takes a snapshot, standing for a core the host has taken away;
	// goOnly keeps the kernel out, for comparisons with it.
	stall  func()
	goOnly bool
}

// Epoch is what one pass found.
type Epoch struct {
	Epoch int // 1 for the first training pass; 0 for the pre-pass
	// Loss is the sum of the per-sample losses (see Kind).
	Loss float64
	// Right (Torch) counts the samples predicted right before their update.
	Right int
	// Train and Test count the predictions of the weights at the end of
	// the pass; Test is zero without a test set.
	Train, Test Counts
	// Objective is F = (1/N)·Σᵢ log(1 + e^(−yᵢzᵢ)) + (α/2)·‖w‖² of those
	// weights on train (yᵢ = ±1, zᵢ = w·xᵢ + b, α = Run.Alpha), if
	// Run.Objective; else 0.
	Objective float64
	// Seconds is the wall time of the training pass.
	Seconds float64
}

// Counts summarises a model's predictions on a data set: for Torch and
// NumPy a row is positive when σ(w·x + b) ≥ 1/2, as the seed's programs
// predict, for Sklearn when w·x + b > 0, as SGDClassifier.predict does
// (w·x summed from left to right, then b added).
type Counts struct {
	Rows    int // rows counted
	Pos     int // rows labelled 1
	PredPos int // rows predicted 1
	Wrong   int // rows predicted wrongly
}

// plus returns the counts of c's rows and d's together.
func (c Counts) plus(d Counts) Counts {
	return Counts{Rows: c.Rows + d.Rows, Pos: c.Pos + d.Pos, PredPos: c.PredPos + d.PredPos, Wrong: c.Wrong + d.Wrong}
}

// Diverged is the error of a run whose weights, loss or objective stopped
// being finite: in pass Epoch, at row Sample of the training set, or at
// the end of the pass (Sample −1).
type Diverged struct {
	Epoch, Sample int
	// What is "weights", "loss" or "objective".
	What string
}

func (d *Diverged) Error() string {
	if d.Sample < 0 {
		are := "is"
		if d.What == "weights" {
			are = "are"
		}
		return fmt.Sprintf("the %s %s not finite at the end of epoch %d", d.What, are, d.Epoch)
	}
	return fmt.Sprintf("the %s stopped being finite in epoch %d, at sample %d", d.What, d.Epoch, d.Sample)
}

// RowError is the error of a row that does not fit its data set: bounds
// that do not fit Index, an index outside [0, Width), or (NumPy) indices
// that do not increase.
type RowError struct {
	Set string // "train" or "test"
	Row int    // −1 for RowPtr as a whole
	Msg string
}

func (e *RowError) Error() string {
	if e.Row < 0 {
		return fmt.Sprintf("%s set: %s", e.Set, e.Msg)
	}
	return fmt.Sprintf("%s set: row %d %s", e.Set, e.Row, e.Msg)
}

// Takes reports whether the engine runs a loop with the parameters p on
// rows labelled y, to rounding of the steps as the formulas read: the
// labels are in {0,1}, this machine's math.Log is the one the loss sums
// inline (libmExact64), and for NumPy without momentum each step's
// shrinking of the weights, 1 − lr·λ, is at least 1/2.
func Takes(p Params, y []float64) bool {
	if !libmExact64() || !BinaryLabels(y) {
		return false
	}
	return p.Kind != NumPy || p.Momentum > 0 || shrink(p.LR, p.Lambda) >= minShrink
}

// trainer is one way of running a loop's passes.
type trainer interface {
	// pass visits the rows in order, stepping if train is set, and leaves
	// in sn what the loss sum needs. It returns a *RowError or *Diverged
	// (its Epoch left 0) if it stopped early.
	pass(order []int, train bool, sn *snapshot) error
	// weights returns the current weights (the trainer's own slice, valid
	// until the next pass) and bias.
	weights() ([]float64, float64)
	// facts returns what the trainer has found out about train's rows:
	// they are checked once it has checked them all or run a training
	// pass over them.
	facts() rowFacts
	// release hands its buffers on to later runs; it is not used again.
	release()
}

// Train runs r and returns the final bias, the weights being r.W; or why
// it stopped: a *RowError, or a *Diverged with r.OnEpoch called for every
// pass before the one that diverged. Takes must have said yes to r's
// parameters and labels. A panic in r.OnEpoch goes on from Train, with
// the same value, once its second goroutine has ended.
func Train(r *Run) (b float64, err error) {
	t, err := newTrainer(r)
	if err != nil {
		return r.B, err
	}
	defer t.release()
	// After ev.stop: the panic the evaluator recovered from OnEpoch, on
	// whichever goroutine reported, goes on here, on the caller's.
	defer func() { repanic(err) }()
	ev := newEvaluator(r)
	defer ev.stop()
	first := 1
	if r.PrePass {
		first = 0
	}
	for e := first; e <= r.Epochs && err == nil; e++ {
		start := time.Now()
		err = t.pass(r.Order(), e > 0, ev.slot())
		seconds := time.Since(start).Seconds()
		if d, ok := err.(*Diverged); ok {
			d.Epoch = e
		}
		if w, b := t.weights(); err == nil && (!AllFinite(w) || !finite(b)) {
			err = &Diverged{Epoch: e, Sample: -1, What: "weights"}
		}
		if err != nil {
			// The epochs before are reported first, unless one of them
			// failed too.
			if earlier := ev.finish(nil, Epoch{}); earlier != nil {
				err = earlier
			}
			break
		}
		ev.know(t.facts())
		rec := Epoch{Epoch: e, Seconds: seconds}
		if e == r.Epochs {
			err = ev.finish(t, rec)
		} else {
			err = ev.next(t, rec)
		}
	}
	_, b = t.weights()
	return b, err
}

// newTrainer returns the trainer of r's kind.
func newTrainer(r *Run) (trainer, error) {
	switch {
	case r.Kind == Torch:
		return newTorch(r)
	case r.Kind == Sklearn && r.SGD.Schedule == AdaGrad:
		return newAdaGrad(r)
	case r.Kind == Sklearn:
		return newPlainSGD(r)
	}
	return newNumPy(r)
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return x-x == 0 }

// AllFinite reports whether every element of w is finite.
func AllFinite(w []float64) bool {
	s := 0.0
	for _, v := range w {
		s += v - v // NaN once any v is NaN or ±Inf
	}
	return s == 0
}

// b2i returns 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
