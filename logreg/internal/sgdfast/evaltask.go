package sgdfast

import "sort"

// An epoch's evaluation as tasks (see evaluate.go): planned when the
// snapshot starts, taken one at a time by whichever goroutine helps, and
// put together in their order by the one that finishes the last.

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
// loss (and, with lossBCE, the running-accuracy count), or counts; or why
// it could not.
type taskResult struct {
	prod  negLogProduct
	reg   float64
	right int
	c     Counts
	err   error
}

// Into how many tasks the work is cut: each a few tens of microseconds on
// a9a (BenchmarkErrorsA9A, BenchmarkLossSumsA9A), small enough that the
// loop rarely waits long for a task the other goroutine holds, and few
// enough that taking them costs nothing that shows.
const (
	trainParts   = 4
	testParts    = 2
	clippedParts = 4 // MomentumSGD's loss sum, about 0.1 ms on a9a (lossSum)
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

// cutRows returns where to cut d's rows into parts with about the same
// number of nonzeros each: parts + 1 positions from 0 to d.Rows(). Rows
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

// plan cuts sn's evaluation into tasks and opens them to helpers.
func (ev *evaluator) plan(sn *snapshot) {
	tasks := sn.tasks[:0]
	switch sn.lossOf {
	case lossBCE:
		tasks = append(tasks, task{taskLoss, 0, len(sn.visit)})
	case lossClipped, lossPrePass:
		n := len(sn.visit)
		for k := range clippedParts {
			tasks = append(tasks, task{taskLoss, n * k / clippedParts, n * (k + 1) / clippedParts})
		}
		if sn.lossOf == lossPrePass {
			sn.z, sn.reg = sampleBuf(sn.z, n), sampleBuf(sn.reg, n)
		}
	}
	tasks = appendCounts(tasks, taskTest, ev.testCuts)
	tasks = appendCounts(tasks, taskTrain, ev.trainCuts)
	sn.tasks = tasks
	sn.results = grow(sn.results, len(tasks))
	clear(sn.results)
	sn.finished.Store(0)
	ev.mu.Lock()
	sn.seq, sn.complete = ev.started, false
	ev.mu.Unlock()
	sn.claims.Store(claimWord(ev.started, len(tasks), 0))
}

// appendCounts appends the count tasks for the rows cuts cut.
func appendCounts(tasks []task, kind int, cuts []int) []task {
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
			res.prod, res.right = bcePart(sn.p[t.lo:t.hi], sn.y, sn.visit[t.lo:t.hi])
		case lossPrePass:
			if res.err = ev.checkTrainRows(); res.err != nil {
				return
			}
			r := float64(sn.halfLambda * sqNorm(sn.w))
			d := ev.train
			for pos := t.lo; pos < t.hi; pos++ {
				i := sn.visit[pos]
				lo, hi := d.RowPtr[i], d.RowPtr[i+1]
				// X @ W with the bias as the first column: b + Σ w·x, left to right.
				z := sn.b
				for k, j := range d.Index[lo:hi] {
					z += float64(sn.w[j] * d.Value[lo+k])
				}
				sn.z[pos], sn.reg[pos] = z, r
			}
			fallthrough
		case lossClipped:
			res.prod, res.reg = lossPart(sn.z[t.lo:t.hi], sn.reg[t.lo:t.hi], sn.y, sn.visit[t.lo:t.hi])
		}
	case taskTest:
		if res.err = ev.checkTest(); res.err == nil {
			res.c = countRowsIn(sn.w, sn.b, ev.test, t.lo, t.hi, ev.testRows)
		}
	case taskTrain:
		rows := sn.trainRows
		if !rows.checked {
			// Only the pre-pass's snapshot comes before a training pass
			// has checked the rows.
			if res.err = ev.checkTrainRows(); res.err != nil {
				return
			}
			rows.checked = true
		}
		if !rows.onesKnown {
			rows.ones = ev.onesTrain()
		}
		res.c = countRowsIn(sn.w, sn.b, ev.train, t.lo, t.hi, rows)
	}
}

// checkTest checks test's rows and finds out whether its values are all
// 1, once; they are read here first.
func (ev *evaluator) checkTest() error {
	ev.testOnce.Do(func() {
		if ev.testErr = CheckRows(ev.test, "test", false); ev.testErr == nil {
			ev.testRows = rowFacts{checked: true, onesKnown: true, ones: allOnes(ev.test.Value)}
		}
	})
	return ev.testErr
}

// checkTrainRows checks train's rows once, as MomentumSGD needs them (indices
// increasing), for the pre-pass, which reads them before any training pass
// has.
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

// conclude puts sn's results together, in the order of its tasks, completes
// its record and reports it, with any later ones that were complete first.
func (ev *evaluator) conclude(sn *snapshot) {
	prod, reg := newNegLogProduct(), 0.0
	sn.train, sn.test, sn.right = Counts{}, Counts{}, 0
	for i, t := range sn.tasks {
		res := &sn.results[i]
		if res.err != nil && sn.err == nil {
			sn.err = res.err
		}
		switch t.kind {
		case taskLoss:
			prod.times(res.prod)
			reg += res.reg
			sn.right += res.right
		case taskTrain:
			sn.train = sn.train.plus(res.c)
		case taskTest:
			sn.test = sn.test.plus(res.c)
		}
	}
	sn.loss = prod.sum() + reg
	if sn.err == nil && !finite(sn.loss) {
		sn.err = &Diverged{Epoch: sn.rec.Epoch, Sample: sn.firstInfinite(), What: "loss"}
	}
	if sn.err == nil {
		sn.rec.Loss, sn.rec.Right, sn.rec.Train, sn.rec.Test = sn.loss, sn.right, sn.train, sn.test
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
		default:
			l = lossSum(sn.z[pos:pos+1], sn.reg[pos:pos+1], sn.y, sn.visit[pos:pos+1])
		}
		if !finite(l) {
			return i
		}
	}
	return -1
}
