package logreg

import (
	"runtime"

	"github.com/sgdlab/sgdlab/data"
)

// A per-sample loop is one chain of dependent steps and keeps one core
// busy. What the epoch's record needs besides the training pass is
// independent work that can run beside it: the train and test error of the
// weights at the end of the epoch, and the loss sum, whose logarithms the
// fast paths take after the pass from what each step recorded. The
// evaluator copies the weights at the end of an epoch and does that work on
// a second goroutine while the next epoch trains; the loop collects the
// record one epoch later. On a machine with a free core the evaluation then
// costs almost nothing but the last epoch's. With GOMAXPROCS(0) = 1 it
// evaluates at once. Either way the numbers are the same.

// snapshot is one epoch's work for the evaluator: a copy of the model, and
// what its loss sum is made of; then the results.
type snapshot struct {
	float32   bool
	w         []float64
	b         float64
	w32       []float32 // the float32 model, with what countPredictions32 needs
	b32       float32
	order     *sgemmOrder
	val32     []float32 // train values in float32
	val32Test []float32 // test values in float32

	// lossOf says how loss is to be found: lossDone (the loop computed it),
	// lossBCE (bceSum of q) or lossClipped (lossSum of z and reg in the
	// visiting order visit, the labels of y).
	lossOf int
	q      []float64
	z, reg []float64
	visit  []int
	y      []float64
	loss   float64
	train  counts
	test   counts
}

// How a snapshot's loss is found.
const (
	lossDone = iota
	lossBCE
	lossClipped
)

// evaluate computes the snapshot's loss and its counts on train and, if it
// has rows, test.
func (sn *snapshot) evaluate(train, test *data.Dataset) {
	switch sn.lossOf {
	case lossBCE:
		sn.loss = bceSum(sn.q)
	case lossClipped:
		sn.loss = lossSum(sn.z, sn.reg, sn.y, sn.visit)
	}
	count := func(d *data.Dataset, val32 []float32) counts {
		if sn.float32 {
			return countPredictions32(sn.order, sn.w32, sn.b32, d, val32)
		}
		return countPredictions(sn.w, sn.b, d)
	}
	sn.train = count(train, sn.val32)
	sn.test = counts{}
	if hasRows(test) {
		sn.test = count(test, sn.val32Test)
	}
}

// grow returns buf resized to n, reusing its memory when it can.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// snapshotter is a loop's state: snap copies its model into sn.
type snapshotter interface {
	snap(sn *snapshot)
}

// evalSlots is how many snapshots exist: the one being evaluated and the
// one the loop fills.
const evalSlots = 2

// evaluator evaluates snapshots in the order they are started.
type evaluator struct {
	train, test *data.Dataset
	slots       [evalSlots]snapshot
	started     int
	jobs, done  chan *snapshot
	background  bool
}

// newEvaluator returns an evaluator for train and test (which may be nil);
// stop must be called when the loop is done with it.
func newEvaluator(train, test *data.Dataset) *evaluator {
	ev := &evaluator{
		train: train, test: test,
		jobs: make(chan *snapshot, evalSlots), done: make(chan *snapshot, evalSlots),
		background: runtime.GOMAXPROCS(0) > 1,
	}
	if ev.background {
		go func() {
			for sn := range ev.jobs {
				sn.evaluate(ev.train, ev.test)
				ev.done <- sn
			}
		}()
	}
	return ev
}

// slot returns the snapshot the next start submits, for the loop to record
// its loss inputs in. At most one other may be pending when it is called.
func (ev *evaluator) slot() *snapshot {
	sn := &ev.slots[ev.started%evalSlots]
	sn.lossOf = lossDone
	return sn
}

// start snaps s into the slot and evaluates it, in the background if it
// can.
func (ev *evaluator) start(s snapshotter) {
	sn := &ev.slots[ev.started%evalSlots]
	ev.started++
	s.snap(sn)
	if ev.background {
		ev.jobs <- sn
		return
	}
	sn.evaluate(ev.train, ev.test)
	ev.done <- sn
}

// wait returns the oldest pending snapshot, evaluated.
func (ev *evaluator) wait() *snapshot { return <-ev.done }

// stop ends the background goroutine.
func (ev *evaluator) stop() { close(ev.jobs) }
