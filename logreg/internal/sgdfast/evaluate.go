package sgdfast

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// A per-sample loop is one chain of dependent steps and keeps one core
// busy. What an epoch's record needs besides the training pass is
// independent work that runs beside it: the train and test error of the
// weights at the end of the epoch, their objective on train, and the loss
// sum, which the trainers leave until after the pass and find from what
// each step recorded. The
// evaluator copies the weights at the end of an epoch and cuts that work
// into a fixed list of parts of some tens of microseconds each (parts of
// the loss sum, ranges of rows to count), which a second goroutine claims
// one after the other, through one atomic counter, while the next epoch
// trains.
//
// When the loop has to wait for a record (all its snapshots are pending,
// or training is over), it claims the parts nobody has claimed yet
// itself, and waits only for those already running: the last epoch's
// evaluation, which nothing overlaps, is shared by both. The parts, and
// the order in which their results are put together, are fixed when the
// snapshot starts, so the numbers do not depend on who ran which. With
// GOMAXPROCS(0) = 1 the loop runs every part itself, at once. Records go
// to Run.OnEpoch in order, from one goroutine at a time.

// snapshot is one epoch's work for the evaluator: a copy of the model, and
// what its loss sum is made of; then the results.
type snapshot struct {
	w []float64
	b float64

	// lossOf says how the loss is found: lossBCE (bcePart of p, each
	// step's probability as the step recorded it, in the visiting order
	// visit, the labels y; it also counts the running accuracy),
	// lossClipped (lossSum of z and reg in the order visit), lossPrePass
	// (lossClipped of the snapshot's own model, with the penalty penalty,
	// on the rows in the order visit) or lossLog (logLossPart of z, each
	// step's logit before its update).
	lossOf int
	p      []float64
	z, reg []float64
	visit  []int
	// fixedOrder: the loop's order slice stays as it is for the whole run
	// (no shuffling), so visit may be that slice rather than a copy.
	fixedOrder bool
	y          []float64
	penalty    float64
	// logits holds the model's logit on each row of train, which the
	// counts store for the objective.
	logits []float64
	// rec is the epoch's record: what the loop knew at start, completed
	// by the evaluator; err is why it could not be.
	rec Epoch
	err error
	// facts is what the loop knew of train's rows when it started the
	// snapshot.
	facts rowFacts

	// The evaluation: its parts, claimed in turn through next (which is
	// out of range until the snapshot is published); done counts the
	// parts finished, and whoever finishes the last completes the record.
	// seq is the snapshot's place among those started, complete (under
	// the evaluator's mu) says the record is complete, and ready receives
	// one token once it is also reported.
	parts    []part
	next     atomic.Int32
	done     atomic.Int32
	seq      int
	complete bool
	ready    chan struct{}
}

// part is a part of a snapshot's evaluation, over the positions [lo, hi)
// of the visiting order (the loss) or the rows [lo, hi) of train or test;
// and what it found, or why it could not.
type part struct {
	kind   int
	lo, hi int
	prod   negLogProduct
	reg    float64
	right  int
	c      Counts
	err    error
}

// The kinds of part.
const (
	partLoss = iota
	partTrain
	partTest
)

// Into how many parts the work is cut: each a few tens of microseconds on
// a9a (BenchmarkErrorsA9A, BenchmarkLossSumsA9A), small enough that the
// loop rarely waits long for a part the other goroutine holds.
const (
	trainParts   = 4
	testParts    = 2
	clippedParts = 4 // NumPy's loss sum takes about as long as the counts
)

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
	lossLog
)

// evalSlots is how many snapshots exist: the one the loop fills, and up to
// four others pending, so that evaluations that take longer than a pass
// (the first, which also checks test's rows; NumPy's pre-pass, which
// checks train's and sums the loss of every row) do not hold the loop up.
const evalSlots = 5

// evaluator evaluates snapshots, and reports their records in the order
// they are started.
type evaluator struct {
	train, test *Data
	onEpoch     func(Epoch)
	objective   bool    // whether records carry the objective
	alpha       float64 // the objective's penalty
	// positiveFrom is the smallest logit predicted positive (Kind.positiveFrom).
	positiveFrom float64
	// facts is what the loop knows of train's rows, which start passes
	// on to each snapshot.
	facts rowFacts
	// fixedOrder: the loop visits the rows in one order slice, unchanged
	// for the whole run.
	fixedOrder bool
	// trainCuts and testCuts cut the rows into parts of about the same
	// number of nonzeros; nParts is how many parts every snapshot has.
	trainCuts, testCuts []int
	nParts              int32

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
	// wake tells it there are more; ended is closed when it returns.
	published atomic.Int64
	wake      chan struct{}
	ended     chan struct{}
	stall     func() // Run.stall

	// mu guards the slots' complete and seq, reported (how many records
	// have been reported, in order) and failed (a record that could not
	// be completed: none after it is reported).
	mu       sync.Mutex
	reported int
	failed   bool
}

// newEvaluator returns the evaluator of r's passes; stop must be called
// when the loop is done with it.
func newEvaluator(r *Run) *evaluator {
	ev := &evaluator{
		train: &r.Train, test: r.Test, onEpoch: r.OnEpoch, objective: r.Objective, alpha: r.Alpha,
		positiveFrom: r.Kind.positiveFrom(),
		trainCuts:    cutRows(&r.Train, trainParts),
		background:   runtime.GOMAXPROCS(0) > 1,
		stall:        r.stall,
		fixedOrder:   !r.Shuffled,
	}
	if r.Test != nil && r.Test.rows() > 0 {
		ev.testCuts = cutRows(r.Test, testParts)
	}
	ev.nParts = trainParts
	if len(ev.testCuts) > 0 {
		ev.nParts += testParts
	}
	if r.Kind == Torch {
		ev.nParts++
	} else {
		ev.nParts += clippedParts
	}
	for k := range ev.slots {
		ev.slots[k].ready = make(chan struct{}, 1)
		ev.slots[k].next.Store(ev.nParts) // nothing to claim yet
	}
	if ev.background {
		ev.wake, ev.ended = make(chan struct{}, 1), make(chan struct{})
		go ev.helpAlong()
	}
	return ev
}

// helpAlong is the second goroutine: it helps with every snapshot
// published, in order, until stop.
func (ev *evaluator) helpAlong() {
	defer close(ev.ended)
	next := int64(0)
	for range ev.wake {
		for ; next < ev.published.Load(); next++ {
			if ev.stall != nil {
				ev.stall()
			}
			// If the loop collected this one and reused its slot, the
			// slot holds a later snapshot, which is just as good to help.
			ev.help(&ev.slots[next%evalSlots])
		}
	}
}

// know tells the evaluator what the loop has found out about train's rows,
// for the snapshots it starts next: whether they are checked (row bounds,
// indices in [0, Width)), so that they are counted without checking each
// index again, and whether every value is 1.
func (ev *evaluator) know(f rowFacts) { ev.facts = f }

// slot returns the snapshot the next start submits, for the loop to record
// its loss inputs in. At most evalSlots − 1 others may be pending when it
// is called (next sees to that).
func (ev *evaluator) slot() *snapshot {
	sn := &ev.slots[ev.started%evalSlots]
	sn.fixedOrder = ev.fixedOrder
	return sn
}

// start snaps t's model into the slot, with what the loop knows of the
// epoch's record, plans its parts and publishes it; with no second
// goroutine, it evaluates it at once.
func (ev *evaluator) start(t trainer, rec Epoch) {
	sn := &ev.slots[ev.started%evalSlots]
	w, b := t.weights()
	sn.w, sn.b = append(sn.w[:0], w...), b
	sn.rec, sn.facts, sn.err = rec, ev.facts, nil
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

// plan cuts sn's evaluation into its parts and opens them to helpers. A
// helper that still holds sn from before claims nothing until then: next
// is at nParts or above until the parts are written.
func (ev *evaluator) plan(sn *snapshot) {
	parts := sn.parts[:0]
	n := len(sn.visit)
	switch sn.lossOf {
	case lossBCE:
		parts = append(parts, part{kind: partLoss, lo: 0, hi: n})
	case lossClipped, lossPrePass, lossLog:
		for k := range clippedParts {
			parts = append(parts, part{kind: partLoss, lo: n * k / clippedParts, hi: n * (k + 1) / clippedParts})
		}
		if sn.lossOf == lossPrePass {
			sn.z, sn.reg = sampleBuf(sn.z, n), sampleBuf(sn.reg, n)
		}
	}
	for k := 1; k < len(ev.testCuts); k++ {
		parts = append(parts, part{kind: partTest, lo: ev.testCuts[k-1], hi: ev.testCuts[k]})
	}
	for k := 1; k < len(ev.trainCuts); k++ {
		parts = append(parts, part{kind: partTrain, lo: ev.trainCuts[k-1], hi: ev.trainCuts[k]})
	}
	sn.parts = parts
	if ev.objective {
		sn.logits = sampleBuf(sn.logits, ev.train.rows())
	}
	sn.done.Store(0)
	ev.mu.Lock()
	sn.seq, sn.complete = ev.started, false
	ev.mu.Unlock()
	sn.next.Store(0)
}

// deferPrePass records in sn that its loss is the pre-pass's over the rows
// in order, with labels y and the penalty (λ/2)·‖w‖² of the weights sn is
// given.
func deferPrePass(sn *snapshot, order []int, y []float64, penalty float64) {
	sn.lossOf, sn.y, sn.penalty = lossPrePass, y, penalty
	sn.setVisit(order)
}

// setVisit records the visiting order: order itself if it stays as it is,
// else a copy.
func (sn *snapshot) setVisit(order []int) {
	if sn.fixedOrder {
		sn.visit = order
		return
	}
	sn.visit = append(sn.visit[:0], order...)
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

// finish starts the evaluation of the last epoch, if t is not nil, and
// collects every record.
func (ev *evaluator) finish(t trainer, rec Epoch) error {
	if t != nil {
		ev.start(t, rec)
	}
	// Every part nobody has claimed first, the last epoch's included, so
	// as not to wait for a part the other goroutine holds while some are
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
// it could not be completed, if it could not: it runs the snapshot's parts
// nobody has claimed, then waits for those others run.
func (ev *evaluator) wait() error {
	sn := &ev.slots[ev.collected%evalSlots]
	ev.help(sn)
	<-sn.ready
	ev.collected++
	return sn.err
}

// stop ends the second goroutine, and waits for it, so that no part or
// record runs once Train has returned (or panicked); then, if every
// snapshot was collected (no part can still be reading them), it releases
// their buffers to later runs.
func (ev *evaluator) stop() {
	if ev.background {
		close(ev.wake)
		<-ev.ended
	}
	if ev.collected < ev.started {
		return
	}
	for k := range ev.slots {
		sn := &ev.slots[k]
		releaseSampleBuf(sn.p)
		releaseSampleBuf(sn.z)
		releaseSampleBuf(sn.reg)
		releaseSampleBuf(sn.logits)
		sn.p, sn.z, sn.reg, sn.logits = nil, nil, nil, nil
	}
}

// help runs sn's parts that nobody has claimed, until none is left;
// whoever finishes the last one completes the record.
func (ev *evaluator) help(sn *snapshot) {
	for {
		k := sn.next.Add(1) - 1
		if k >= ev.nParts {
			return
		}
		ev.run(sn, &sn.parts[k])
		if sn.done.Add(1) == ev.nParts {
			ev.conclude(sn)
		}
	}
}

// run runs one part of sn.
func (ev *evaluator) run(sn *snapshot, pt *part) {
	switch pt.kind {
	case partLoss:
		switch sn.lossOf {
		case lossBCE:
			pt.prod, pt.right = bcePart(sn.p[pt.lo:pt.hi], sn.y, sn.visit[pt.lo:pt.hi])
		case lossPrePass:
			if !sn.facts.checked {
				if pt.err = ev.checkTrainRows(); pt.err != nil {
					return
				}
			}
			d := ev.train
			for pos := pt.lo; pos < pt.hi; pos++ {
				i := sn.visit[pos]
				lo, hi := d.RowPtr[i], d.RowPtr[i+1]
				idx, val := d.Index[lo:hi], d.Value[lo:hi]
				// X @ W with the bias as the first column: b + Σ w·x, left to right.
				z := sn.b
				for k, j := range idx {
					z += float64(sn.w[j] * val[k])
				}
				sn.z[pos], sn.reg[pos] = z, sn.penalty
			}
			fallthrough
		case lossClipped:
			pt.prod, pt.reg = lossPart(sn.z[pt.lo:pt.hi], sn.reg[pt.lo:pt.hi], sn.y, sn.visit[pt.lo:pt.hi])
		case lossLog:
			pt.prod = logLossPart(sn.z[pt.lo:pt.hi], sn.y, sn.visit[pt.lo:pt.hi])
		}
	case partTest:
		if pt.err = ev.checkTest(); pt.err == nil {
			pt.c = countRowsIn(sn.w, sn.b, ev.test, pt.lo, pt.hi, ev.testRows, ev.positiveFrom, nil)
		}
	case partTrain:
		rows := sn.facts
		if !rows.checked {
			// Only the pre-pass's snapshot comes before a training pass
			// has checked the rows.
			if pt.err = ev.checkTrainRows(); pt.err != nil {
				return
			}
			rows.checked = true
		}
		if !rows.onesKnown {
			rows.ones = ev.onesTrain()
		}
		if !ev.objective {
			pt.c = countRowsIn(sn.w, sn.b, ev.train, pt.lo, pt.hi, rows, ev.positiveFrom, nil)
			return
		}
		z := sn.logits[pt.lo:pt.hi]
		pt.c = countRowsIn(sn.w, sn.b, ev.train, pt.lo, pt.hi, rows, ev.positiveFrom, z)
		pt.prod = objectivePart(z, ev.train.Y[pt.lo:pt.hi])
	}
}

// checkTest checks test's rows and values, which are read here first, and
// finds out whether its values are all 1, once.
func (ev *evaluator) checkTest() error {
	ev.testOnce.Do(func() {
		if ev.testErr = CheckRows(ev.test, "test", false); ev.testErr != nil {
			return
		}
		ev.testRows = rowFacts{checked: true, onesKnown: true, ones: allOnes(ev.test.Value)}
		if !ev.testRows.ones {
			ev.testErr = CheckValues(ev.test, "test")
		}
	})
	return ev.testErr
}

// checkTrainRows checks train's rows once, as NumPy's trainers need them
// (indices increasing), for the pre-pass, which reads them before any
// training pass has.
func (ev *evaluator) checkTrainRows() error {
	ev.trainOnce.Do(func() { ev.trainErr = CheckRows(ev.train, "train", true) })
	return ev.trainErr
}

// onesTrain reports whether every value of train is 1, found out once,
// for snapshots started before the loop knew.
func (ev *evaluator) onesTrain() bool {
	ev.onesOnce.Do(func() { ev.trainOnes = allOnes(ev.train.Value) })
	return ev.trainOnes
}

// conclude puts sn's results together, in the order of its parts,
// completes its record and reports it, with any later ones that were
// complete first.
func (ev *evaluator) conclude(sn *snapshot) {
	prod, reg := newNegLogProduct(), 0.0
	obj := newNegLogProduct()
	var right int
	var train, test Counts
	for k := range sn.parts {
		pt := &sn.parts[k]
		if pt.err != nil && sn.err == nil {
			sn.err = pt.err
		}
		switch pt.kind {
		case partLoss:
			prod.times(pt.prod)
			reg += pt.reg
			right += pt.right
		case partTrain:
			train = train.plus(pt.c)
			obj.times(pt.prod)
		case partTest:
			test = test.plus(pt.c)
		}
	}
	loss := prod.sum() + reg
	if sn.err == nil && !finite(loss) {
		sn.err = &Diverged{Epoch: sn.rec.Epoch, Sample: sn.firstInfinite(), What: "loss"}
	}
	sn.rec.Loss, sn.rec.Right, sn.rec.Train, sn.rec.Test = loss, right, train, test
	if ev.objective {
		sn.rec.Objective = obj.sum()/float64(ev.train.rows()) + ev.alpha*halfSqNorm(sn.w[:ev.train.Width])
		if sn.err == nil && !finite(sn.rec.Objective) {
			sn.err = &Diverged{Epoch: sn.rec.Epoch, Sample: -1, What: "objective"}
		}
	}
	ev.mu.Lock()
	sn.complete = true
	for {
		next := &ev.slots[ev.reported%evalSlots]
		if next.seq != ev.reported || !next.complete {
			break
		}
		if next.err != nil {
			ev.failed = true
		}
		if !ev.failed && ev.onEpoch != nil {
			// A panic in onEpoch, on either goroutine, is the record's
			// error (see catching): mu is unlocked and ready is sent as
			// usual, later records are not reported, and the loop,
			// which collects this one after it is reported, stops.
			next.err = catching(func() error { ev.onEpoch(next.rec); return nil })
			ev.failed = next.err != nil
		}
		ev.reported++
	}
	ev.mu.Unlock()
	sn.ready <- struct{}{}
}

// firstInfinite returns the row of the first step whose loss is not
// finite, for a loss sum that is not: −1 if there is none (the sum of
// finite losses overflowed).
func (sn *snapshot) firstInfinite() int {
	for pos, i := range sn.visit {
		var l float64
		switch sn.lossOf {
		case lossBCE:
			s, _ := bcePart(sn.p[pos:pos+1], sn.y, sn.visit[pos:pos+1])
			l = s.sum()
		case lossLog:
			s := logLossPart(sn.z[pos:pos+1], sn.y, sn.visit[pos:pos+1])
			l = s.sum()
		default:
			l = lossSum(sn.z[pos:pos+1], sn.reg[pos:pos+1], sn.y, sn.visit[pos:pos+1])
		}
		if !finite(l) {
			return i
		}
	}
	return -1
}

// cutRows returns where to cut d's rows into parts with about the same
// number of nonzeros each: parts + 1 positions from 0 to d.rows(). Rows
// whose bounds make no sense count as empty here; the counts find them.
func cutRows(d *Data, parts int) []int {
	n := d.rows()
	cuts := make([]int, parts+1)
	cuts[parts] = n
	if n == 0 || len(d.RowPtr) != n+1 {
		return cuts
	}
	start, total := d.RowPtr[0], d.RowPtr[n]-d.RowPtr[0]
	for k := 1; k < parts; k++ {
		at := total * k / parts
		cuts[k] = max(cuts[k-1], sort.Search(n, func(i int) bool { return d.RowPtr[i+1]-start >= at }))
	}
	return cuts
}
