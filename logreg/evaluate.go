package logreg

import (
	"runtime"
	"sort"

	"github.com/sgdlab/sgdlab/data"
)

// A per-sample loop is one chain of dependent steps and keeps one core
// busy. What the epoch's record needs besides the training pass is
// independent work that can run beside it: the train and test error of the
// weights at the end of the epoch, and the loss sum, which the fast paths
// leave until after the pass and find from what each step recorded. The
// evaluator copies the weights at the end of an epoch and does that work on
// a second goroutine while the next epoch trains; that goroutine completes
// the record and hands it to Config.OnEpoch as soon as it is known, and the
// loop collects it into the History one or two epochs later. On a machine
// with a free core the evaluation then costs little but the last epoch's,
// which nothing overlaps and which is split between two goroutines. With
// GOMAXPROCS(0) = 1 it evaluates at once, on the loop's goroutine. Either
// way the numbers are the same, and OnEpoch is called once per record, in
// order, from one goroutine at a time, never concurrently.

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
	lossOf     int
	q          []float64
	z, reg     []float64
	visit      []int
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

// evaluate computes the snapshot's loss and its counts on train and, if it
// has rows, test, whose rows are as *trainRows and testRows say; it finds
// out whether train's values are all 1 if *trainRows does not say, and
// records it there. With split it counts part of train on a goroutine of
// its own meanwhile (splitTrain). It returns an error wrapping ErrData for
// a train row the pre-pass cannot read.
func (sn *snapshot) evaluate(train, test *data.Dataset, trainRows *rowFacts, testRows rowFacts, split bool) error {
	n, cut := train.Rows(), 0
	var part *background
	if split {
		sn.onesOf(train, trainRows)
		cut = sn.splitTrain(train, test)
		rows, to := *trainRows, cut
		part = goCount(func() counts { return sn.count(train, 0, to, sn.val32, rows) })
	}
	switch sn.lossOf {
	case lossBCE:
		sn.loss = bceSum(sn.q)
	case lossClipped:
		sn.loss = lossSum(sn.z, sn.reg, sn.y, sn.visit)
	case lossPrePass:
		ones, err := sn.prePass(train)
		if err != nil {
			if part != nil {
				part.wait()
			}
			return err
		}
		trainRows.checked = true
		if !trainRows.onesKnown {
			trainRows.onesKnown, trainRows.ones = true, ones
		}
	}
	sn.onesOf(train, trainRows)
	sn.test = counts{}
	if hasRows(test) {
		sn.test = sn.count(test, 0, test.Rows(), sn.val32Test, testRows)
	}
	sn.train = sn.count(train, cut, n, sn.val32, *trainRows)
	if part != nil {
		sn.train = part.wait().plus(sn.train)
	}
	return nil
}

// background is a count running on a goroutine of its own.
type background struct {
	c    counts
	done chan struct{}
}

// goCount starts count on a goroutine of its own. (A function of its own,
// so that evaluate's variables stay on its stack when it does not split.)
func goCount(count func() counts) *background {
	g := &background{done: make(chan struct{})}
	go func() {
		g.c = count()
		close(g.done)
	}()
	return g
}

// wait returns the count once it is done.
func (g *background) wait() counts {
	<-g.done
	return g.c
}

// splitTrain returns where the last evaluation cuts train: another
// goroutine counts the rows before the cut while this one finds the loss
// and counts test and the rest, so that each has about the same work. A
// count costs about the same per nonzero whichever rows it counts, bceSum
// as 2 nonzeros per sample and lossSum as 18 (BenchmarkErrorsA9A,
// BenchmarkLossSumsA9A). The float32 count takes train whole.
func (sn *snapshot) splitTrain(train, test *data.Dataset) int {
	n := train.Rows()
	if sn.float32 || n == 0 {
		return n
	}
	loss := 0
	switch sn.lossOf {
	case lossBCE:
		loss = 2 * len(sn.q)
	case lossClipped, lossPrePass:
		loss = 18 * len(sn.visit)
	}
	other := loss
	if hasRows(test) {
		other += test.RowPtr[test.Rows()] - test.RowPtr[0]
	}
	start := train.RowPtr[0]
	half := (train.RowPtr[n] - start + other) / 2
	return min(sort.Search(n, func(i int) bool { return train.RowPtr[i+1]-start >= half }), n)
}

// onesOf finds out whether every value of train is 1, for a float64
// model, if rows does not say yet, and records it there.
func (sn *snapshot) onesOf(train *data.Dataset, rows *rowFacts) {
	if !sn.float32 && !rows.onesKnown {
		rows.onesKnown, rows.ones = true, allOnes(train.Value)
	}
}

// prePass finds the loss of MomentumSGD's pre-pass, which trains nothing:
// each row's logit under the snapshot's model, in the order visited, and
// the penalty of its weights; and, as it reads every value, whether they
// are all 1. The lazy engines leave it to the evaluator, beside the first
// epoch (deferPrePass). The rows are read here before the kernel has
// checked them, so they are checked first.
func (sn *snapshot) prePass(train *data.Dataset) (ones bool, err error) {
	if err := checkRows(train, true); err != nil {
		return false, err
	}
	n := len(sn.visit)
	sn.z, sn.reg = grow(sn.z, n), grow(sn.reg, n)
	r := float64(sn.halfLambda * sqNorm(sn.w))
	ones = true
	for pos, i := range sn.visit {
		idx, val := train.Row(i)
		sn.z[pos], sn.reg[pos] = dotBiasFirst(sn.w, sn.b, idx, val), r
		ones = ones && allOnes(val)
	}
	sn.loss = lossSum(sn.z, sn.reg, sn.y, sn.visit)
	return ones, nil
}

// deferPrePass records in sn that its loss is the pre-pass's over the rows
// in order, with labels y and penalty λ/2 = halfLambda.
func deferPrePass(sn *snapshot, order []int, y []float64, halfLambda float64) {
	sn.lossOf, sn.y, sn.halfLambda = lossPrePass, y, halfLambda
	sn.visit = append(sn.visit[:0], order...)
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

// evalSlots is how many snapshots exist: the one being evaluated, the one
// the loop fills, and one waiting between them, so that an evaluation that
// takes longer than a pass (the first, which also checks test's rows and
// values) does not hold the loop up.
const evalSlots = 3

// evaluator evaluates snapshots in the order they are started.
type evaluator struct {
	train, test *data.Dataset
	// complete fills in the record from the evaluated snapshot; onEpoch,
	// if not nil, then receives it.
	complete func(sn *snapshot)
	onEpoch  func(Record)
	// trainRows is what the loop knows of train's rows, which start
	// passes on to each snapshot.
	trainRows rowFacts
	// foundTrain and foundTest are what the evaluating goroutine found
	// out itself: whether every value is 1 (see countRows; reading every
	// value takes a third of an evaluation, so it is done once, and not
	// for train when the loop knows already), and that test's rows are
	// checked, once checked is set.
	foundTrain, foundTest rowFacts
	checked               bool
	// err is why the evaluation cannot go on, if it cannot: a test row, or
	// a train row the pre-pass reads, that does not fit.
	err        error
	slots      [evalSlots]snapshot
	started    int // snapshots started, and collected by wait
	collected  int
	jobs, done chan *snapshot
	background bool
}

// newEvaluator returns an evaluator for train and test (which may be nil)
// that completes each record with complete and passes it to onEpoch (which
// may be nil); stop must be called when the loop is done with it.
func newEvaluator(train, test *data.Dataset, complete func(sn *snapshot), onEpoch func(Record)) *evaluator {
	ev := &evaluator{
		train: train, test: test, complete: complete, onEpoch: onEpoch,
		jobs: make(chan *snapshot, evalSlots), done: make(chan *snapshot, evalSlots),
		background: runtime.GOMAXPROCS(0) > 1,
	}
	if ev.background {
		go func() {
			for sn := range ev.jobs {
				ev.run(sn)
			}
		}()
	}
	return ev
}

// run evaluates sn, completes its record, reports it and marks it done.
func (ev *evaluator) run(sn *snapshot) {
	ev.report(sn, false)
	ev.done <- sn
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

// report evaluates sn, completes its record and hands it to onEpoch; or it
// records in sn.err why it cannot, and every later snapshot fails alike.
// Only the goroutine that evaluates touches ev.err; the loop reads sn.err
// once sn comes back to it.
func (ev *evaluator) report(sn *snapshot, split bool) {
	defer func() { sn.err = ev.err }()
	if !ev.checked {
		// Train's rows are the loop's to check, and the pre-pass's (see
		// prePass); test's are checked here, beside the first pass, the
		// first time they are read.
		if hasRows(ev.test) {
			ev.err = checkRows(ev.test, false)
			ev.foundTest.checked = ev.err == nil
		}
		if !sn.float32 {
			ev.foundTest.onesKnown, ev.foundTest.ones = true, hasRows(ev.test) && allOnes(ev.test.Value)
		}
		ev.checked = true
	}
	if ev.err != nil {
		return
	}
	trainRows := sn.trainRows
	if !trainRows.onesKnown && ev.foundTrain.onesKnown {
		trainRows.onesKnown, trainRows.ones = true, ev.foundTrain.ones
	}
	if ev.err = sn.evaluate(ev.train, ev.test, &trainRows, ev.foundTest, split); ev.err != nil {
		return
	}
	if trainRows.onesKnown && !sn.float32 {
		ev.foundTrain.onesKnown, ev.foundTrain.ones = true, trainRows.ones
	}
	ev.complete(sn)
	if ev.onEpoch != nil {
		ev.onEpoch(sn.rec)
	}
}

// slot returns the snapshot the next start submits, for the loop to record
// its loss inputs in. At most evalSlots − 1 others may be pending when it
// is called (next sees to that).
func (ev *evaluator) slot() *snapshot {
	sn := &ev.slots[ev.started%evalSlots]
	sn.lossOf = lossDone
	return sn
}

// start snaps s into the slot, with what the loop knows of the epoch's
// record, and evaluates it, in the background if it can.
func (ev *evaluator) start(s snapshotter, rec Record) {
	sn := &ev.slots[ev.started%evalSlots]
	ev.started++
	s.snap(sn)
	sn.rec, sn.trainRows = rec, ev.trainRows
	if ev.background {
		ev.jobs <- sn
		return
	}
	ev.run(sn)
}

// next starts the evaluation of an epoch that is not the last, with what
// the loop knows of its record, and collects into h the records of earlier
// epochs, waiting for as many as the next epoch needs to have a free slot.
func (ev *evaluator) next(s snapshotter, rec Record, h *History) error {
	ev.start(s, rec)
	for ev.started-ev.collected >= evalSlots {
		if err := h.add(ev.wait()); err != nil {
			return err
		}
	}
	return nil
}

// finish collects every pending record into h, then evaluates the last
// epoch and adds its record.
func (ev *evaluator) finish(s snapshotter, rec Record, h *History) error {
	for ev.started > ev.collected {
		if err := h.add(ev.wait()); err != nil {
			return err
		}
	}
	return h.add(ev.last(s, rec))
}

// last evaluates the last epoch's snapshot of s, with what the loop knows
// of its record, and returns the record complete. It must be called when
// no snapshot is pending (every start waited for). Nothing trains any
// more, so it evaluates at once, on the caller's goroutine, and with a
// free core splits the work in two.
func (ev *evaluator) last(s snapshotter, rec Record) (Record, error) {
	sn := &ev.slots[ev.started%evalSlots]
	ev.started++
	s.snap(sn)
	sn.rec, sn.trainRows = rec, ev.trainRows
	ev.report(sn, ev.background)
	return sn.rec, sn.err
}

// wait returns the record of the oldest pending snapshot, complete, or why
// test cannot be evaluated.
func (ev *evaluator) wait() (Record, error) {
	sn := <-ev.done
	ev.collected++
	return sn.rec, sn.err
}

// stop ends the background goroutine.
func (ev *evaluator) stop() { close(ev.jobs) }
