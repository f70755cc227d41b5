package logreg

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/sgdlab/sgdlab/data"
)

// A per-sample loop is one chain of dependent steps and keeps one core
// busy. What the epoch's record needs besides the training pass is
// independent work that can run beside it: the train and test error of the
// weights at the end of the epoch, and the loss sum, which the fast paths
// leave until after the pass and find from what each step recorded. The
// evaluator copies the weights at the end of an epoch and cuts that work
// into a few tasks of some tens of microseconds each (parts of the loss
// sum, ranges of rows to count), which a second goroutine takes one after
// the other while the next epoch trains.
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
	float32   bool
	w         []float64
	b         float64
	w32       []float32 // the float32 model, with what countPredictions32 needs
	b32       float32
	order     *sgemmOrder
	val32     []float32 // train values in float32
	val32Test []float32 // test values in float32

	// lossOf says how loss is to be found: lossDone (the loop computed it),
	// lossBCE (bceSum of q), lossClipped (lossSum of z and reg in the
	// visiting order visit, the labels of y) or lossPrePass (lossClipped
	// of the snapshot's own model, penalty halfLambda·‖w‖², on the rows in
	// the order visit).
	lossOf int
	q      []float64
	z, reg []float64
	visit  []int
	// fixedOrder: the loop's order slice stays as it is for the whole run
	// (no shuffling), so visit may be that slice rather than a copy.
	fixedOrder bool
	y          []float64
	halfLambda float64
	loss       float64
	train      counts
	test       counts
	// rec is the epoch's record: what the loop knew at start, completed
	// by the evaluator; err is why it could not be.
	rec Record
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
	lossDone = iota
	lossBCE
	lossClipped
	lossPrePass
)

// task is a part of a snapshot's evaluation: a part of the loss sum, over
// the positions [lo, hi) of the visiting order, or a count of the rows
// [lo, hi) of train or test.
type task struct {
	kind   int
	lo, hi int
}

// The kinds of task.
const (
	taskLoss = iota
	taskTrain
	taskTest
)

// taskResult is what a task found: a product and a penalty sum for the
// loss, or counts; or why it could not.
type taskResult struct {
	prod negLogProduct
	reg  float64
	c    counts
	err  error
}

// Into how many tasks the work is cut: each a few tens of microseconds on
// a9a (BenchmarkErrorsA9A, BenchmarkLossSumsA9A), small enough that the
// loop rarely waits long for a task the other goroutine holds, and few
// enough that taking them costs nothing that shows.
const (
	trainParts   = 4
	testParts    = 2
	clippedParts = 4 // lossSum's exponential per sample costs about 18 nonzeros' counting
)

// claimWord packs a snapshot's claims: its seq, how many tasks it has, and
// how many are taken. A helper takes a task by raising the count in one
// compare-and-swap, so a helper still holding the word of a snapshot that
// has since been reused for the next one takes nothing from either.
func claimWord(seq, tasks, taken int) uint64 {
	return uint64(uint32(seq))<<32 | uint64(uint16(tasks))<<16 | uint64(uint16(taken))
}

// claim takes the next task nobody has taken, if there is one.
func (sn *snapshot) claim() (int, bool) {
	for {
		w := sn.claims.Load()
		taken, n := int(w&0xFFFF), int(w>>16&0xFFFF)
		if taken >= n {
			return 0, false
		}
		if sn.claims.CompareAndSwap(w, w+1) {
			return taken, true
		}
	}
}

// evaluator evaluates snapshots, and reports their records in the order
// they are started.
type evaluator struct {
	train, test *data.Dataset
	// complete fills in the record from the evaluated snapshot; onEpoch,
	// if not nil, then receives it.
	complete func(sn *snapshot)
	onEpoch  func(Record)
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
	stall     func() // helperStall

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

// newEvaluator returns an evaluator for train and test (which may be nil)
// that completes each record with complete and passes it to onEpoch (which
// may be nil); stop must be called when the loop is done with it.
func newEvaluator(train, test *data.Dataset, complete func(sn *snapshot), onEpoch func(Record)) *evaluator {
	ev := &evaluator{
		train: train, test: test, complete: complete, onEpoch: onEpoch,
		trainCuts:  cutRows(train, trainParts),
		background: runtime.GOMAXPROCS(0) > 1,
		stall:      helperStall,
	}
	if hasRows(test) {
		ev.testCuts = cutRows(test, testParts)
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

// cutRows returns where to cut d's rows into parts with about the same
// number of nonzeros each: parts + 1 positions from 0 to d.Rows(). Rows
// whose bounds make no sense count as empty here; the counts find them.
func cutRows(d *data.Dataset, parts int) []int {
	n := d.Rows()
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

// helpAlong is the second goroutine: it helps with every snapshot
// published, in order, until stop.
func (ev *evaluator) helpAlong() {
	next := int64(0)
	for range ev.wake {
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

// helperStall, if set (by tests), runs before the second goroutine helps
// with a snapshot, standing for a core the host has taken away; each
// evaluator takes it when it is made.
var helperStall func()

// help runs sn's tasks that nobody has taken, until none is left; whoever
// finishes the last one completes the record.
func (ev *evaluator) help(sn *snapshot) {
	for {
		i, ok := sn.claim()
		if !ok {
			return
		}
		// Once this task counts as finished, sn may be concluded and
		// reused: its length is read before.
		n := len(sn.tasks)
		ev.run(sn, &sn.tasks[i], &sn.results[i])
		if int(sn.finished.Add(1)) == n {
			ev.conclude(sn)
		}
	}
}

// knowOnesTrain tells the evaluator whether every value of train is 1,
// which the loop found out already, for the snapshots it starts next.
func (ev *evaluator) knowOnesTrain(ones bool) {
	ev.trainRows.onesKnown, ev.trainRows.ones = true, ones
}

// trainChecked tells the evaluator that train's rows have been checked
// (row bounds, indices in [0, Width)), so that the snapshots it starts
// next count them without checking each index again.
func (ev *evaluator) trainChecked() { ev.trainRows.checked = true }

// slot returns the snapshot the next start submits, for the loop to record
// its loss inputs in. At most evalSlots − 1 others may be pending when it
// is called (next sees to that).
func (ev *evaluator) slot() *snapshot {
	sn := &ev.slots[ev.started%evalSlots]
	sn.lossOf, sn.fixedOrder = lossDone, ev.fixedOrder
	return sn
}

// start snaps s into the slot, with what the loop knows of the epoch's
// record, plans its tasks and publishes it; with no second goroutine, it
// evaluates it at once.
func (ev *evaluator) start(s snapshotter, rec Record) {
	sn := &ev.slots[ev.started%evalSlots]
	s.snap(sn)
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

// plan cuts sn's evaluation into tasks and opens them to helpers.
func (ev *evaluator) plan(sn *snapshot) {
	tasks := sn.tasks[:0]
	switch sn.lossOf {
	case lossBCE:
		tasks = append(tasks, task{taskLoss, 0, len(sn.q)})
	case lossClipped, lossPrePass:
		n := len(sn.visit)
		for k := range clippedParts {
			tasks = append(tasks, task{taskLoss, n * k / clippedParts, n * (k + 1) / clippedParts})
		}
		if sn.lossOf == lossPrePass {
			sn.z, sn.reg = sampleBuf(sn.z, n), sampleBuf(sn.reg, n)
		}
	}
	// The float32 count takes each data set whole.
	tasks = appendCounts(tasks, taskTest, ev.testCuts, sn.float32)
	tasks = appendCounts(tasks, taskTrain, ev.trainCuts, sn.float32)
	sn.tasks = tasks
	sn.results = grow(sn.results, len(tasks))
	clear(sn.results)
	sn.finished.Store(0)
	ev.mu.Lock()
	sn.seq, sn.complete = ev.started, false
	ev.mu.Unlock()
	sn.claims.Store(claimWord(ev.started, len(tasks), 0))
}

// appendCounts appends the count tasks for the rows cuts cut, or one for
// them all if whole.
func appendCounts(tasks []task, kind int, cuts []int, whole bool) []task {
	if len(cuts) < 2 {
		return tasks
	}
	if whole {
		return append(tasks, task{kind, 0, cuts[len(cuts)-1]})
	}
	for k := 1; k < len(cuts); k++ {
		tasks = append(tasks, task{kind, cuts[k-1], cuts[k]})
	}
	return tasks
}

// run runs one task of sn into res.
func (ev *evaluator) run(sn *snapshot, t *task, res *taskResult) {
	switch t.kind {
	case taskLoss:
		switch sn.lossOf {
		case lossBCE:
			res.prod = newNegLogProduct()
			res.prod.mul(sn.q[t.lo:t.hi])
		case lossPrePass:
			if res.err = ev.checkTrain(); res.err != nil {
				return
			}
			r := float64(sn.halfLambda * sqNorm(sn.w))
			for pos := t.lo; pos < t.hi; pos++ {
				idx, val := ev.train.Row(sn.visit[pos])
				sn.z[pos], sn.reg[pos] = dotBiasFirst(sn.w, sn.b, idx, val), r
			}
			fallthrough
		case lossClipped:
			res.prod, res.reg = lossPart(sn.z[t.lo:t.hi], sn.reg[t.lo:t.hi], sn.y, sn.visit[t.lo:t.hi])
		}
	case taskTest:
		if res.err = ev.checkTest(); res.err == nil {
			res.c = sn.count(ev.test, t.lo, t.hi, sn.val32Test, ev.testRows)
		}
	case taskTrain:
		rows := sn.trainRows
		if !rows.checked {
			// Only the pre-pass's snapshot comes before a training pass
			// has checked the rows.
			if res.err = ev.checkTrain(); res.err != nil {
				return
			}
			rows.checked = true
		}
		if !sn.float32 && !rows.onesKnown {
			rows.ones = ev.onesTrain()
		}
		res.c = sn.count(ev.train, t.lo, t.hi, sn.val32, rows)
	}
}

// checkTest checks test's rows and finds out whether its values are all
// 1, once; they are read here first.
func (ev *evaluator) checkTest() error {
	ev.testOnce.Do(func() {
		if ev.testErr = checkRows(ev.test, false); ev.testErr == nil {
			ev.testRows = rowFacts{checked: true, onesKnown: true, ones: allOnes(ev.test.Value)}
		}
	})
	return ev.testErr
}

// checkTrain checks train's rows once, as MomentumSGD needs them (indices
// increasing), for the pre-pass, which reads them before any training pass
// has.
func (ev *evaluator) checkTrain() error {
	ev.trainOnce.Do(func() { ev.trainErr = checkRows(ev.train, true) })
	return ev.trainErr
}

// onesTrain reports whether every value of train is 1, found out once,
// for snapshots started before the loop knew.
func (ev *evaluator) onesTrain() bool {
	ev.onesOnce.Do(func() { ev.trainOnes = allOnes(ev.train.Value) })
	return ev.trainOnes
}

// conclude puts sn's results together, in the order of its tasks, completes
// its record and reports it, with any later ones that were complete first.
func (ev *evaluator) conclude(sn *snapshot) {
	prod, reg := newNegLogProduct(), 0.0
	sn.train, sn.test = counts{}, counts{}
	for i, t := range sn.tasks {
		res := &sn.results[i]
		if res.err != nil && sn.err == nil {
			sn.err = res.err
		}
		switch t.kind {
		case taskLoss:
			prod.times(res.prod)
			reg += res.reg
		case taskTrain:
			sn.train = sn.train.plus(res.c)
		case taskTest:
			sn.test = sn.test.plus(res.c)
		}
	}
	if sn.lossOf != lossDone {
		sn.loss = prod.sum() + reg
	}
	if sn.err == nil {
		ev.complete(sn)
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
			ev.onEpoch(next.rec)
		}
		ev.reported++
	}
	ev.mu.Unlock()
	sn.done <- struct{}{}
}

// count predicts the rows [lo, hi) of d with the snapshot's model; val32
// is d.Value in float32, for a float32 model, which counts all rows or
// none; rows says what is known of d's rows.
func (sn *snapshot) count(d *data.Dataset, lo, hi int, val32 []float32, rows rowFacts) counts {
	if sn.float32 {
		if lo == hi {
			return counts{}
		}
		return countPredictions32(sn.order, sn.w32, sn.b32, d, val32)
	}
	return countRowsIn(sn.w, sn.b, d, lo, hi, rows.ones, rows.checked)
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

// snapshotter is a loop's state: snap copies its model into sn.
type snapshotter interface {
	snap(sn *snapshot)
}

// next starts the evaluation of an epoch that is not the last, with what
// the loop knows of its record, and collects into h the records of earlier
// epochs, as many as the next epoch needs to have a free slot.
func (ev *evaluator) next(s snapshotter, rec Record, h *History) error {
	ev.start(s, rec)
	for ev.started-ev.collected >= evalSlots {
		if err := h.add(ev.wait()); err != nil {
			return err
		}
	}
	return nil
}

// finish starts the evaluation of the last epoch and collects every
// record into h.
func (ev *evaluator) finish(s snapshotter, rec Record, h *History) error {
	ev.start(s, rec)
	// Every task nobody has taken first, the last epoch's included, so
	// as not to wait for a task the other goroutine holds while some are
	// left to do.
	for seq := ev.collected; seq < ev.started; seq++ {
		ev.help(&ev.slots[seq%evalSlots])
	}
	for ev.started > ev.collected {
		if err := h.add(ev.wait()); err != nil {
			return err
		}
	}
	return nil
}

// wait returns the record of the oldest pending snapshot, complete, or why
// it cannot be: it runs the snapshot's tasks nobody has taken, then waits
// for those others run.
func (ev *evaluator) wait() (Record, error) {
	sn := &ev.slots[ev.collected%evalSlots]
	ev.help(sn)
	<-sn.done
	ev.collected++
	return sn.rec, sn.err
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
		releaseSampleBuf(sn.q)
		releaseSampleBuf(sn.z)
		releaseSampleBuf(sn.reg)
		sn.q, sn.z, sn.reg = nil, nil, nil
	}
}
