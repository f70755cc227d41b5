package logreg

import (
	"errors"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/datacheck"
	"github.com/sgdlab/sgdlab/logreg/internal/pytorch"
	"github.com/sgdlab/sgdlab/logreg/internal/seeded"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// The seam between the readable loops and the speed engine
// (internal/sgdfast). A run goes to the engine, in one call, when the
// engine takes its setting; otherwise, and in float32, it runs the
// program's readable step sample by sample, as written in torch.go and
// numpy.go (the float32 step in internal/pytorch). The two give the same
// records, to rounding.

// run is one run of a loop, as the seam drives it.
type run struct {
	h           *History
	train, test *data.Dataset
	ord         *seeded.Order
	first       int // the first epoch: 0 with NumPyLoop's pre-pass, else 1
	// record makes an epoch's record from the sum of its per-sample
	// losses, the number of samples predicted right before their update,
	// and the predictions of the weights at its end on train and test.
	record func(e int, loss float64, right int, train, test counts) Record
	// stop, if set, reports after an epoch's readable pass whether
	// training ends with that epoch (SklearnLoop's rule for tol).
	stop func() bool
}

// errEnough ends a readable run whose stop said so; it is no failure.
var errEnough = errors.New("logreg: training ends here")

// readable is a program in its readable form.
type readable interface {
	// pass visits the rows in order, training on each if train is set
	// (all passes but NumPyLoop's pre-pass), and leaves in t what the
	// epoch's loss sum and running accuracy are found from. It stops at
	// the first sample whose logit or bias is not finite, or after which
	// the loss is not, with a *DivergedError (Epoch left 0).
	pass(order []int, train bool, t *tally) *DivergedError
	// snap copies the current model into m, whose W has the right length.
	snap(m *Model)
	// count counts the predictions of m, a model snap made, on d, as the
	// program predicts. It is called from one goroutine at a time.
	count(m Model, d *data.Dataset) counts
}

// tally is what a pass leaves for its epoch's record: the sum of the
// per-sample losses and the number of samples predicted right before their
// update; or, from TorchLoop's float32 steps, each step's p and label in
// the visiting order, which the evaluation beside the next pass sums.
type tally struct {
	loss  float64
	right int
	// steps, if set, holds the float32 steps the sums are found from.
	steps *pytorch.Steps
}

// sums returns the loss sum and the running-accuracy count of t's pass.
func (t *tally) sums() (loss float64, right int) {
	if t.steps != nil {
		return t.steps.Sums()
	}
	return t.loss, t.right
}

// add appends rec to the History and passes it to Config.OnEpoch.
func (r *run) add(rec Record) {
	r.h.Epochs = append(r.h.Epochs, rec)
	if on := r.h.Config.OnEpoch; on != nil {
		on(rec)
	}
}

// readably runs the epochs on p's readable passes, each epoch's counts
// beside the next epoch's pass (sgdfast.Beside). sorted says p needs the
// indices of a row to increase (NumPyLoop's every-weight step merges by
// index).
func (r *run) readably(p readable, sorted bool) (*History, error) {
	if err := datacheck.Rows(r.train, r.test, sorted, false); err != nil {
		return nil, err
	}
	// An epoch's model, tally and time, from its pass to its evaluation.
	type epoch struct {
		m       Model
		t       tally
		seconds float64
	}
	slots := make([]epoch, 3)
	for k := range slots {
		slots[k].m.W = make([]float64, r.train.Width)
	}
	enough := false
	train := func(e, k int) error {
		if enough {
			return errEnough
		}
		s := &slots[k]
		start := time.Now()
		err := p.pass(r.ord.Next(), e > 0, &s.t)
		s.seconds = time.Since(start).Seconds()
		p.snap(&s.m)
		switch {
		case err != nil:
			err.Epoch = e
			return err
		case !sgdfast.AllFinite(s.m.W) || !finite(s.m.B):
			return &DivergedError{Epoch: e, Sample: -1, What: "weights"}
		}
		enough = r.stop != nil && r.stop()
		return nil
	}
	eval := func(e, k int) error {
		s := &slots[k]
		var test counts
		if r.test != nil {
			test = p.count(s.m, r.test)
		}
		loss, right := s.t.sums()
		rec := r.record(e, loss, right, p.count(s.m, r.train), test)
		if r.h.Config.RecordObjective {
			rec.Objective = recordObjective(s.m, r.train, r.h.Alpha)
			if !finite(rec.Objective) {
				return &DivergedError{Epoch: e, Sample: -1, What: "objective"}
			}
		}
		rec.Seconds = s.seconds
		r.add(rec)
		return nil
	}
	err := sgdfast.Beside(r.first, r.h.Config.Epochs, len(slots), train, eval)
	if errors.Is(err, errEnough) {
		err = nil
	}
	m := Model{W: make([]float64, r.train.Width)}
	p.snap(&m)
	return r.finish(m, err)
}

// fast runs the epochs on the engine: e holds the loop's parameters, its
// weights W (and bias B) and what its kind needs besides (the readable
// step for the samples the engine leaves to it); fast adds the data, the
// epochs, the order and the records.
func (r *run) fast(e *sgdfast.Run) (*History, error) {
	cfg := r.h.Config
	e.Train = datacheck.EngineData(r.train)
	e.Epochs, e.Order, e.Shuffled = cfg.Epochs, r.ord.Next, cfg.Shuffle
	e.Objective, e.Alpha = cfg.RecordObjective, r.h.Alpha
	e.OnEpoch = func(e sgdfast.Epoch) {
		rec := r.record(e.Epoch, e.Loss, e.Right, countsOf(e.Train), countsOf(e.Test))
		rec.Objective, rec.Seconds = e.Objective, e.Seconds
		r.add(rec)
	}
	if r.test != nil {
		test := datacheck.EngineData(r.test)
		e.Test = &test
	}
	b, err := sgdfast.Train(e)
	var d *sgdfast.Diverged
	var bad *sgdfast.RowError
	switch {
	case errors.As(err, &d):
		err = &DivergedError{Epoch: d.Epoch, Sample: d.Sample, What: d.What}
	case errors.As(err, &bad):
		err = datacheck.Wrap(err)
	}
	return r.finish(Model{W: e.W, B: b}, err)
}

// finish sets the History's model, a copy of m, and returns it with err:
// a run that diverged returns the epochs before, any other error none. A
// value of train that is not finite, or in a float32 run beyond float32's
// range, makes a run look as if it diverged; that run returns the data's
// error instead, which a smaller rate would not cure. A run from random
// weights, or in NumPyLoop with lr·L2 ≥ 1, that diverged says those may be
// the cause too.
func (r *run) finish(m Model, err error) (*History, error) {
	if errors.Is(err, ErrDiverged) {
		if bad := datacheck.TrainValues(r.train, r.h.Config.Float32); bad != nil {
			err = bad
		}
	}
	var d *DivergedError
	if errors.As(err, &d) {
		c := r.h.Config
		d.randomStart = c.InitStd > 0
		d.penaltyOvershoots = r.h.Loop == "numpy" && c.LearningRate*c.lambda() >= 1
	}
	if err != nil && !errors.Is(err, ErrDiverged) {
		return nil, err
	}
	r.h.Model = Model{W: append([]float64(nil), m.W...), B: m.B}
	if err != nil {
		r.h.Stopped = err.Error()
	}
	return r.h, err
}

// countsOf is the engine's counts as the package keeps them.
func countsOf(c sgdfast.Counts) counts {
	return counts{n: c.Rows, pos: c.Pos, predPos: c.PredPos, wrong: c.Wrong}
}
