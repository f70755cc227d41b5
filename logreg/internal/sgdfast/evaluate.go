package sgdfast

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// A per-sample loop is one chain of dependent steps and keeps one core
// busy. What the epoch's record needs besides the training pass is
// independent work that can run beside it: the train and test error of the
// weights at the end of the epoch, and the loss sum, which the fast paths
// leave until after the pass and find from what each step recorded. The
// evaluator copies the weights at the end of an epoch and cuts that work
// into a few tasks of some tens of microseconds each (parts of the loss
// sum, ranges of rows to count; evaltask.go), which a second goroutine
// takes one after the other while the next epoch trains.
//
// When the loop has to wait for a record (all its snapshots are pending,
// or training is over), it takes the tasks nobody has taken yet itself,
// and waits only for those already running. On a shared machine the other
// core can stall for milliseconds at a time; the loop then does the work
// it would otherwise wait for, and the last epoch's evaluation, which
// nothing overlaps, is shared by both. The tasks, and the order in which
// their results are put together, are fixed when the snapshot starts, so
// the numbers do not depend on who ran which task. With GOMAXPROCS(0) = 1
// the loop runs every task itself, at once. OnEpoch is called once per
// record, in order, from one goroutine at a time, never concurrently.

// snapshot is one epoch's work for the evaluator: a copy of the model, and
// what its loss sum is made of; then the results.
type snapshot struct {
	w []float64
	b float64

	// lossOf says how loss is to be found: lossBCE (bcePart of p, each step's predicted probability as the step
	// recorded it, in the visiting order visit, the labels of y; it also
	// finds right, the running-accuracy count), lossClipped (lossSum of z and reg in the
	// order visit, the labels of y) or lossPrePass (lossClipped of the
	// snapshot's own model, penalty halfLambda·‖w‖², on the rows in the
	// order visit).
	lossOf int
	p      []float64
	right  int
	z, reg []float64
	visit  []int
	// fixedOrder: the loop's order slice stays as it is for the whole run
	// (no shuffling), so visit may be that slice rather than a copy.
	fixedOrder bool
	y          []float64
	halfLambda float64
	loss       float64
	train      Counts
	test       Counts
	// rec is the epoch's record: what the loop knew at start, completed
	// by the evaluator; err is why it could not be.
	rec Epoch
	err error
	// trainRows is what the loop knew of train's rows when it started
	// the snapshot.
	trainRows rowFacts

	// The evaluation: its tasks and their results, the tasks' claims
	// (claimWord) and how many are finished; seq is the snapshot's place
	// among those started, complete (under the evaluator's mu) says the
	// record is complete, and done receives one token once it is also
	// reported (a buffer of one, made once: an epoch allocates nothing).
	tasks    []task
	results  []taskResult
	claims   atomic.Uint64
	finished atomic.Int32
	seq      int
	complete bool
	done     chan struct{}
}

// rowFacts are what has been found out about a data set's rows.
type rowFacts struct {
	onesKnown, ones bool // whether every value is 1, if known
	checked         bool // every row's bounds fit and its indices lie in [0, Width)
}

// How a snapshot's loss is found.
const (
	lossBCE = iota
	lossClipped
	lossPrePass
)

// evaluator evaluates snapshots, and reports their records in the order
// they are started.
type evaluator struct {
	train, test *Data
	// onEpoch, if not nil, receives each record.
	onEpoch func(Epoch)
	// trainRows is what the loop knows of train's rows, which start
	// passes on to each snapshot.
	trainRows rowFacts
	// fixedOrder: the loop visits the rows in one order slice, unchanged
	// for the whole run (see snapshot).
	fixedOrder bool
	// trainCuts and testCuts cut the rows into parts of about the same
	// number of nonzeros.
	trainCuts, testCuts []int

	// What either goroutine finds out once, for every snapshot: whether
	// test's rows fit and are all 1 (testRows, or testErr), whether train's
	// are all 1, and whether they fit and increase, as the pre-pass needs
	// (trainErr).
	testOnce, onesOnce, trainOnce sync.Once
	testRows                      rowFacts
	testErr, trainErr             error
	trainOnes                     bool

	slots      [evalSlots]snapshot
	started    int // snapshots started, and collected by wait
	collected  int
	background bool
	// published is how many snapshots the other goroutine may help with;
	// wake tells it there are more.
	published atomic.Int64
	wake      chan struct{}
	stall     func() // a test's stand-in for a core taken away

	// mu guards the slots' complete and seq, reported (how many records
	// have been reported, in order) and failed (a record that could not
	// be completed: none after it is reported).
	mu       sync.Mutex
	reported int
	failed   bool
}

// evalSlots is how many snapshots exist: the one the loop fills, and up to
// four others pending, so that evaluations that take longer than a pass
// (the first, which also checks test's rows and values; MomentumSGD's
// pre-pass, which checks train's and sums the loss of every row) or a
// stretch in which the host slows the other core down do not hold the
// loop up. With three, MomentumSGD's 10 epochs took 7% longer at the
// median, the loop doing work the other goroutine got to later.
const evalSlots = 5

// newEvaluator returns the evaluator of r's passes; stop must be called
// when the loop is done with it.
func newEvaluator(r *Run) *evaluator {
	ev := &evaluator{
		train: &r.Train, test: r.Test, onEpoch: r.OnEpoch,
		trainCuts:  cutRows(&r.Train, trainParts),
		background: runtime.GOMAXPROCS(0) > 1,
		stall:      r.stall,
		fixedOrder: !r.Shuffled,
	}
	if r.Test != nil && r.Test.rows() > 0 {
		ev.testCuts = cutRows(r.Test, testParts)
	}
	for k := range ev.slots {
		ev.slots[k].done = make(chan struct{}, 1)
	}
	if ev.background {
		ev.wake = make(chan struct{}, 1)
		go ev.helpAlong()
	}
	return ev
}

// helpAlong is the second goroutine: it helps with every snapshot
// published, in order, until stop.
func (ev *evaluator) helpAlong() {
	next := int64(0)
	for ev.await(next) {
		for ; next < ev.published.Load(); next++ {
			if ev.stall != nil {
				ev.stall()
			}
			// If the loop finished this one and reused its slot, the
			// slot holds a later snapshot, which is just as good to help.
			ev.help(&ev.slots[next%evalSlots])
		}
	}
}

// await waits until more than next snapshots are published, or stop, and
// reports whether it was not stop. Once the second goroutine has helped
// with a snapshot it expects the next within a pass, and polls for it for
// up to helperPoll, yielding its thread to any other goroutine, before it
// sleeps: woken from sleep it waited a tenth of a millisecond or more for
// its core on this host, and the loop took on the last epoch's evaluation
// alone meanwhile. Polling took TorchLoop's 10 epochs 4% less time at the
// median (interleaved, 12 rounds); polling before the first snapshot too,
// during the first pass, gained nothing more.
func (ev *evaluator) await(next int64) bool {
	deadline := time.Now().Add(helperPoll)
	for next > 0 && next >= ev.published.Load() && time.Now().Before(deadline) {
		select {
		case _, ok := <-ev.wake:
			if !ok {
				return false
			}
		default:
		}
		runtime.Gosched()
	}
	if next < ev.published.Load() {
		return true
	}
	_, ok := <-ev.wake
	return ok
}

// helperPoll is how long the second goroutine polls for the next snapshot
// before it sleeps: longer than a pass on a9a in the host's slowest
// stretches.
const helperPoll = 2 * time.Millisecond

// know tells the evaluator what the loop has found out about train's rows,
// for the snapshots it starts next: whether they are checked (row bounds,
// indices in [0, Width)), so that they are counted without checking each
// index again, and whether every value is 1.
func (ev *evaluator) know(f rowFacts) { ev.trainRows = f }

// slot returns the snapshot the next start submits, for the loop to record
// its loss inputs in. At most evalSlots − 1 others may be pending when it
// is called (next sees to that).
func (ev *evaluator) slot() *snapshot {
	sn := &ev.slots[ev.started%evalSlots]
	sn.fixedOrder = ev.fixedOrder
	return sn
}

// start snaps s into the slot, with what the loop knows of the epoch's
// record, plans its tasks and publishes it; with no second goroutine, it
// evaluates it at once.
func (ev *evaluator) start(t trainer, rec Epoch) {
	sn := &ev.slots[ev.started%evalSlots]
	w, b := t.weights()
	sn.w, sn.b = append(sn.w[:0], w...), b
	sn.rec, sn.trainRows, sn.err = rec, ev.trainRows, nil
	ev.plan(sn)
	ev.started++
	if !ev.background {
		ev.help(sn)
		return
	}
	ev.published.Store(int64(ev.started))
	select {
	case ev.wake <- struct{}{}:
	default: // it has been told already
	}
}

// deferPrePass records in sn that its loss is the pre-pass's over the rows
// in order, with labels y and penalty λ/2 = halfLambda.
func deferPrePass(sn *snapshot, order []int, y []float64, halfLambda float64) {
	sn.lossOf, sn.y, sn.halfLambda = lossPrePass, y, halfLambda
	sn.setVisit(order)
}

// setVisit records the visiting order: order itself if it stays as it is,
// else a copy (a copy of a9a's order took 0.03 ms of the loop's time an
// epoch).
func (sn *snapshot) setVisit(order []int) {
	if sn.fixedOrder {
		sn.visit = order
		return
	}
	sn.visit = append(sn.visit[:0], order...)
}

// grow returns buf resized to n, reusing its memory when it can.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// next starts the evaluation of an epoch that is not the last, with what
// the loop knows of its record, and collects the records of earlier
// epochs, as many as the next epoch needs to have a free slot.
func (ev *evaluator) next(t trainer, rec Epoch) error {
	ev.start(t, rec)
	for ev.started-ev.collected >= evalSlots {
		if err := ev.wait(); err != nil {
			return err
		}
	}
	return nil
}

// finish starts the evaluation of the last epoch and collects every
// record.
func (ev *evaluator) finish(t trainer, rec Epoch) error {
	ev.start(t, rec)
	// Every task nobody has taken first, the last epoch's included, so
	// as not to wait for a task the other goroutine holds while some are
	// left to do.
	for seq := ev.collected; seq < ev.started; seq++ {
		ev.help(&ev.slots[seq%evalSlots])
	}
	for ev.started > ev.collected {
		if err := ev.wait(); err != nil {
			return err
		}
	}
	return nil
}

// wait waits for the record of the oldest pending snapshot, and returns why
// it could not be completed, if it could not: it runs the snapshot's tasks
// nobody has taken, then waits for those others run.
func (ev *evaluator) wait() error {
	sn := &ev.slots[ev.collected%evalSlots]
	ev.help(sn)
	<-sn.done
	ev.collected++
	return sn.err
}

// stop ends the second goroutine and, if every snapshot was collected (no
// task can still be reading them), releases their buffers to later runs.
func (ev *evaluator) stop() {
	if ev.background {
		close(ev.wake)
	}
	if ev.collected < ev.started {
		return
	}
	for k := range ev.slots {
		sn := &ev.slots[k]
		releaseSampleBuf(sn.p)
		releaseSampleBuf(sn.z)
		releaseSampleBuf(sn.reg)
		sn.p, sn.z, sn.reg = nil, nil, nil
	}
}
