package sgdfast

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// sklearnRun returns a Sklearn run of p on train for epochs, from zero
// weights, visiting the rows in file order or, if shuffled, in a new order
// each pass; a step left to the formulas fails t, as the settings below
// leave none.
func sklearnRun(t *testing.T, p SGDParams, train *data.Dataset, epochs int, shuffled bool) *Run {
	r := newRun(Params{Kind: Sklearn, SGD: p}, train, nil, epochs)
	r.State = &SGDState{V: make([]float64, train.Width), Scale: 1, T: 1, AvgB: 1}
	if p.AverageFrom > 0 {
		r.State.Avg = make([]float64, train.Width)
	}
	r.ExactSGD = func(i int) (float64, bool) {
		t.Errorf("%+v: row %d left to the formulas", p, i)
		return 0, false
	}
	if shuffled {
		rng := rand.New(rand.NewPCG(43, 44))
		r.Shuffled, r.Order = true, func() []int { return rng.Perm(train.Rows()) }
	}
	return r
}

// sklearnKernelSettings are Sklearn settings whose every step the engine
// takes itself on the data of the tests below: rates well under etaSafe
// from the first step, 'optimal' through a large t₀; averaging from the
// first step, and from a step within the second pass, which ends a call.
func sklearnKernelSettings(rows int) []SGDParams {
	var ps []SGDParams
	for _, p := range []SGDParams{
		{Schedule: Constant, Eta0: 0.05},
		{Schedule: Optimal, T0: 1 / (1e-3 * 0.05)},
		{Schedule: InvScaling, Eta0: 0.05, PowerT: 0.5},
		{Schedule: InvScaling, Eta0: 0.05, PowerT: 0.3},
	} {
		for _, from := range []float64{0, 1, float64(rows + rows/2)} {
			p.Alpha, p.InterceptDecay, p.AverageFrom = 1e-3, 0.01, from
			ps = append(ps, p)
		}
	}
	return ps
}

// TestSklearnKernelFollowsGoSteps: on one-hot data the kernel's steps
// give the Go steps' losses, counts and model (the average's, when
// averaging) to rounding, in file order, where the passes after the
// first read x·x', and shuffled; on rows it does not take, which it
// leaves to the Go steps from there on, the run's outcome is the Go
// steps' own.
func TestSklearnKernelFollowsGoSteps(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	const rows = 2*rateBlock + 300 // blocks of rates and chunks of the preparation end within passes
	oneHot := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(45, 46)), rows, 40, 0.3))
	spoilt := func(row int, spoil func(d *data.Dataset, lo, hi int)) *data.Dataset {
		d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(45, 46)), rows, 40, 0.3))
		d.Index, d.Value = slices.Clone(d.Index), slices.Clone(d.Value)
		spoil(d, d.RowPtr[row], d.RowPtr[row+1])
		return d
	}
	sets := []struct {
		name      string
		d         *data.Dataset
		wholeRuns bool // the kernel runs every step
	}{
		{"one-hot", oneHot, true},
		{"value 2 in row 0", spoilt(0, func(d *data.Dataset, lo, _ int) { d.Value[lo] = 2 }), false},
		{"value 0.5 in row 700", spoilt(700, func(d *data.Dataset, _, hi int) { d.Value[hi-1] = 0.5 }), false},
		{"repeated index in the last row", spoilt(rows-1, func(d *data.Dataset, lo, _ int) { d.Index[lo+1] = d.Index[lo] }), false},
	}
	for _, set := range sets {
		for _, p := range sklearnKernelSettings(set.d.Rows()) {
			for _, shuffled := range []bool{false, true} {
				name := fmt.Sprintf("%s, %+v, shuffled %v", set.name, p, shuffled)
				fast, goOnly := sklearnRun(t, p, set.d, 4, shuffled), sklearnRun(t, p, set.d, 4, shuffled)
				goOnly.goOnly = true
				recs, b, err := collect(fast)
				goRecs, goB, goErr := collect(goOnly)
				if err != nil || goErr != nil {
					t.Fatalf("%s: %v, %v", name, err, goErr)
				}
				if diff, counts := runsDiffer(recs, goRecs, fast.W, goOnly.W, b, goB); diff > 1e-12 || counts {
					t.Errorf("%s: kernel and Go steps differ by %.3g (counts differ: %v)", name, diff, counts)
				}
				if !sameSchedule(fast.State, goOnly.State) {
					t.Errorf("%s: the schedule's numbers differ: %+v, %+v", name, *fast.State, *goOnly.State)
				}
				if set.wholeRuns {
					want := shareRead // the second pass reads what the first recorded
					if shuffled {
						want = shareStamps
					}
					if k := kernelAfterPasses(t, p, set.d, shuffled); k.shareMode != want {
						t.Errorf("%s: the kernel's mode %d after two passes, want %d", name, k.shareMode, want)
					}
				}
			}
		}
	}
}

// kernelAfterPasses returns the kernel of a plainSGD on d after two whole
// passes, in file order or shuffled; it fails t if the kernel stopped.
func kernelAfterPasses(t *testing.T, p SGDParams, d *data.Dataset, shuffled bool) *onehotKernel {
	r := sklearnRun(t, p, d, 2, shuffled)
	tr, err := newTrainer(r)
	if err != nil {
		t.Fatal(err)
	}
	s := tr.(*plainSGD)
	for range 2 {
		if err := s.pass(r.Order(), true, &snapshot{fixedOrder: !shuffled}); err != nil {
			t.Fatal(err)
		}
	}
	if s.kernel == nil || s.kernel.check != 0 {
		t.Fatalf("%+v: the kernel stopped or still checks", p)
	}
	return s.kernel
}

// TestSklearnScheduleFollowsFormulas: the rates and advance's numbers are
// those of the formulas taken step by step, bit for bit, for each
// schedule, averaging from the first step, from a later one or not at all;
// advance leaves its state as it was at η above etaSafe and at a scale to
// fold back.
func TestSklearnScheduleFollowsFormulas(t *testing.T) {
	for _, p := range []SGDParams{
		{Schedule: Constant, Eta0: 0.01},
		{Schedule: Optimal, T0: 123456},
		{Schedule: InvScaling, Eta0: 0.3, PowerT: 0.5},
		{Schedule: InvScaling, Eta0: 0.3, PowerT: 0.71},
	} {
		for _, from := range []float64{0, 1, 700} {
			p.Alpha, p.InterceptDecay, p.AverageFrom = 1e-4, 0.01, from
			s := &plainSGD{p: p, etaSafe: 1}
			sc := scheduleState{scale: 0.5, t: 1, avgB: 1}
			scale, avgA, avgB := sc.scale, 0.0, 1.0
			etas := make([]float64, 2000)
			p.rates(1, etas)
			for t0 := 1.0; t0 <= 2000; t0++ {
				var eta float64
				switch p.Schedule {
				case Optimal:
					eta = 1 / (p.Alpha * (p.T0 + t0 - 1))
				case InvScaling:
					eta = p.Eta0 / math.Pow(t0, p.PowerT)
				default:
					eta = p.Eta0
				}
				if got := etas[int(t0)-1]; got != eta {
					t.Fatalf("%+v, step %g: rate %g, want %g", p, t0, got, eta)
				}
				averaging := from > 0 && t0 >= from
				got, ok := s.advance(&sc, eta, averaging)
				scale *= 1 - float64(eta*p.Alpha)
				want := stepNumbers{kk: eta / scale, ds: p.InterceptDecay * scale}
				if averaging {
					m := t0 - from + 1
					want.avgA, want.mu = avgA, 1/m
					if m > 1 {
						avgB /= 1 - 1/m
					}
					avgA += float64(1 / m * avgB * scale)
				}
				wantSc := scheduleState{scale: scale, t: t0 + 1, avgA: avgA, avgB: avgB}
				if !ok || got != want || sc != wantSc {
					t.Fatalf("%+v, step %g: %+v, %+v, %v; want %+v, %+v", p, t0, got, sc, ok, want, wantSc)
				}
			}
		}
	}
	s := &plainSGD{p: SGDParams{Alpha: 0.5}, etaSafe: 1}
	for _, c := range []struct {
		eta, scale float64
	}{{1.5, 1}, {math.NaN(), 1}, {1, 1.5e-9}} { // η above etaSafe, or c·scale = 0.75e-9
		sc := scheduleState{scale: c.scale, t: 7, avgA: 2, avgB: 3}
		before := sc
		if _, ok := s.advance(&sc, c.eta, true); ok || sc != before {
			t.Errorf("η %g, scale %g: advance took the step (%v) or moved its state to %+v", c.eta, c.scale, ok, sc)
		}
	}
}

// TestSklearnPrepared: a first pass in file order that reads the counts
// another goroutine prepared, wherever it takes over from recording, gives
// the bits of a first pass that records them all, and the same counts,
// without averaging, averaging from the first step, and from a step
// within the second chunk; a bad row in a prepared chunk stops the kernel
// at that row, as recording does. As in TestOnehotPrepared, the other
// goroutine is run to its end before the pass.
func TestSklearnPrepared(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // no goroutine of its own
	d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(47, 48)), 5*prepChunk+100, 40, 0.3))
	order := fileOrder(d.Rows())()
	chunks := (len(order) + prepChunk - 1) / prepChunk
	trainer := func(d *data.Dataset, p SGDParams) *plainSGD {
		tr, err := newTrainer(sklearnRun(t, p, d, 1, false))
		if err != nil {
			t.Fatal(err)
		}
		return tr.(*plainSGD)
	}
	for _, from := range []float64{0, 1, prepChunk + 100} {
		p := SGDParams{Schedule: Constant, Eta0: 0.05, Alpha: 1e-3, InterceptDecay: 0.01, AverageFrom: from}
		ref := trainer(d, p)
		if err := ref.pass(order, true, &snapshot{}); err != nil {
			t.Fatal(err)
		}
		for taken := range chunks { // the chunks [0, taken] are the loop's
			s := trainer(d, p)
			prepareAhead(s.kernel, order, taken)
			if err := s.pass(order, true, &snapshot{}); err != nil {
				t.Fatal(err)
			}
			if s.kernel == nil || s.kernel.countedFor != &order[0] {
				t.Fatalf("%+v, taken %d: kernel %+v", p, taken, s.kernel)
			}
			if !sameState(s.st, ref.st) {
				t.Errorf("%+v, taken %d: the model differs from a pass that records", p, taken)
			}
			if got, want := s.kernel.counts[:len(order)-1], ref.kernel.counts[:len(order)-1]; !slices.Equal(got, want) {
				t.Errorf("%+v, taken %d: counts differ from those recorded", p, taken)
			}
		}
	}

	// A row with an index out of range, in the last chunk: the helper
	// finds it, the kernel stops there, and the Go steps reject the data.
	bad := *d
	bad.Index = slices.Clone(d.Index)
	badRow := len(order) - 10
	bad.Index[bad.RowPtr[badRow]] = int32(d.Width)
	s := trainer(&bad, SGDParams{Schedule: Constant, Eta0: 0.05, Alpha: 1e-3, InterceptDecay: 0.01})
	prepareAhead(s.kernel, order, -1)
	if st := s.kernel.prep.state[chunks-1].Load(); st != chunkBad {
		t.Fatalf("the chunk with a bad row is in state %d", st)
	}
	var rowErr *RowError
	if err := s.pass(order, true, &snapshot{}); s.kernel != nil || !errors.As(err, &rowErr) || rowErr.Row != badRow {
		t.Errorf("a bad row: kernel %v, error %v", s.kernel, err)
	}
}

// TestSklearnFirstStepsPrepared: in a run in file order whose first steps
// the formulas take ('optimal' from a small t₀), those are the steps whose
// rate is above etaSafe; the preparation starts before the first of them,
// and the other goroutine prepares their chunks too, so that after the
// first pass they are ready for the second; and the run gives the bits of
// one whose loop records every chunk itself.
func TestSklearnFirstStepsPrepared(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(53, 54)), 8*prepChunk+100, 40, 0.3))
	p := SGDParams{Schedule: Optimal, T0: 1000, Alpha: 1e-3, InterceptDecay: 0.01}
	order := fileOrder(d.Rows())()
	run := func(procs int) (*plainSGD, int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		r := sklearnRun(t, p, d, 2, false)
		exact, prefix := 0, 0 // prefix: the formulas took the steps [0, prefix)
		step := formulasStep(r, &exact)
		var s *plainSGD
		r.ExactSGD = func(i int) (float64, bool) {
			if i == 0 && s.kernel.prep == nil {
				t.Errorf("procs %d: no preparation at the first step", procs)
			}
			if i == prefix {
				prefix++
			}
			return step(i)
		}
		tr, err := newTrainer(r)
		if err != nil {
			t.Fatal(err)
		}
		s = tr.(*plainSGD)
		above := 0
		for tt := 1.0; !(p.rate(tt) <= s.etaSafe); tt++ {
			above++
		}
		if err := s.pass(order, true, &snapshot{}); err != nil {
			t.Fatal(err)
		}
		if prefix != above {
			t.Errorf("procs %d: the formulas took the first %d steps; %d have a rate above etaSafe", procs, prefix, above)
		}
		if procs > 1 {
			// The chunks wholly within the formulas' first steps are the
			// other goroutine's alone: once it is done, they are ready.
			first := prefix / prepChunk
			if first < 3 {
				t.Fatalf("the formulas took the first %d steps; the test wants some chunks of them", prefix)
			}
			waitForHelper(t, s.kernel.prep)
			for c := range first {
				if st := s.kernel.prep.state[c].Load(); st != chunkReady {
					t.Errorf("chunk %d, within the formulas' first %d steps, is in state %d after the first pass", c, prefix, st)
				}
			}
		}
		if err := s.pass(order, true, &snapshot{}); err != nil {
			t.Fatal(err)
		}
		s.release()
		return s, exact
	}
	got, n := run(2)
	want, wantN := run(1) // no other goroutine: the loop records every chunk
	if n != wantN || !sameState(got.st, want.st) {
		t.Errorf("the formulas took %d steps, %d where the loop records; the models are the same: %v", n, wantN, sameState(got.st, want.st))
	}
}

// waitForHelper waits until the other goroutine of p has passed every
// chunk, failing t after 10 seconds.
func waitForHelper(t *testing.T, p *onehotPrep) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for c := 0; c < len(p.state); {
		if st := p.state[c].Load(); st != chunkFree && st != chunkHelper {
			c++
			continue
		}
		if time.Now().After(deadline) {
			t.Fatalf("chunk %d still waits for the other goroutine", c)
		}
		runtime.Gosched()
	}
}

// TestSklearnFirstStepsBadRow: a row that does not fit, among the first
// steps the formulas take, stops the run with a *RowError for it before
// any step of its chunk (the Go steps, without the kernel, check every row
// before the first).
func TestSklearnFirstStepsBadRow(t *testing.T) {
	d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(55, 56)), 3*prepChunk, 40, 0.3))
	d.Index = slices.Clone(d.Index)
	const badRow = prepChunk + 7
	d.Index[d.RowPtr[badRow]+1] = int32(d.Width)
	for _, goOnly := range []bool{false, true} {
		r := sklearnRun(t, SGDParams{Schedule: Optimal, T0: 1000, Alpha: 1e-3, InterceptDecay: 0.01}, d, 1, false)
		r.goOnly = goOnly
		exact := 0
		step := formulasStep(r, &exact)
		r.ExactSGD = func(i int) (float64, bool) {
			if i == badRow {
				t.Fatalf("goOnly %v: the formulas' step reads the bad row", goOnly)
			}
			return step(i)
		}
		want := badRow / prepChunk * prepChunk
		if goOnly || !haveOnehotKernel {
			want = 0
		}
		var rowErr *RowError
		if _, err := Train(r); !errors.As(err, &rowErr) || rowErr.Row != badRow || exact != want {
			t.Errorf("goOnly %v: error %v after %d of the formulas' steps, want a *RowError for row %d after %d", goOnly, err, exact, badRow, want)
		}
	}
}

// sameState reports whether a and b hold the same numbers, bit for bit.
func sameState(a, b *SGDState) bool {
	same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	return slices.Equal(a.V, b.V) && slices.Equal(a.Avg, b.Avg) && same(a.Scale, b.Scale) && same(a.B, b.B) &&
		same(a.T, b.T) && same(a.AvgA, b.AvgA) && same(a.AvgB, b.AvgB) && same(a.AvgBias, b.AvgBias)
}

// TestSklearnKernelMargins: where logits pass scikit-learn's cut-offs at
// ±18 (weights started at N(0, 5²)), the kernel leaves those steps to the
// formulas and goes on after them, in file order (reading x·x' from the
// second pass) and shuffled, and the run is the Go steps' to rounding. The
// formulas' step here is formulasStep, a stand-in for logreg's.
func TestSklearnKernelMargins(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	r := rand.New(rand.NewPCG(49, 50))
	d := testkit.OneHot(testkit.Random(r, 2*rateBlock+300, 40, 0.3))
	v0 := make([]float64, d.Width)
	for j := range v0 {
		v0[j] = 5 * r.NormFloat64()
	}
	p := SGDParams{Schedule: Constant, Eta0: 0.02, Alpha: 1e-3, InterceptDecay: 0.01}
	for _, shuffled := range []bool{false, true} {
		if exact := besideGoSteps(t, p, d, shuffled, v0); exact[0] == 0 || exact[1] == 0 {
			t.Errorf("shuffled %v: the formulas took %d and %d steps; the test wants some", shuffled, exact[0], exact[1])
		}
	}
}

// TestSklearnKernelScheduleStops: where the schedule leaves steps to the
// formulas (η above etaSafe, a scale to fold back), the kernel stops at
// the same steps as the Go steps, and the runs agree to rounding: 'optimal'
// from a small t₀ and InvScaling with a power whose rates Go works out
// ahead, whose first steps are above etaSafe; InvScaling with a rate that
// rises above it within a call (a negative power); and a constant rate
// whose scale passes 10⁻⁹ in the second pass. formulasStep does not fold,
// so from there on every step is its.
func TestSklearnKernelScheduleStops(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(51, 52)), 2*rateBlock+300, 40, 0.3))
	for _, p := range []SGDParams{
		{Schedule: Optimal, T0: 1000, Alpha: 1e-3},
		{Schedule: InvScaling, Eta0: 2, PowerT: 0.3, Alpha: 1e-3},
		{Schedule: InvScaling, Eta0: 0.05, PowerT: -0.3, Alpha: 1e-3},
		{Schedule: Constant, Eta0: 0.2, Alpha: 0.05},
	} {
		p.InterceptDecay = 0.01
		for _, shuffled := range []bool{false, true} {
			exact := besideGoSteps(t, p, d, shuffled, nil)
			if exact[0] == 0 || exact[0] != exact[1] || exact[0] == 3*d.Rows() {
				t.Errorf("%+v, shuffled %v: the formulas took %d steps beside the kernel, %d beside the Go steps; the test wants some, and the same", p, shuffled, exact[0], exact[1])
			}
		}
	}
}

// besideGoSteps runs p on d for 3 epochs from the weights v0 (nil: 0),
// with the kernel and with the Go steps alone, each leaving steps to
// formulasStep; it fails t where the two runs differ beyond rounding, and
// returns how many steps each left.
func besideGoSteps(t *testing.T, p SGDParams, d *data.Dataset, shuffled bool, v0 []float64) (exact [2]int) {
	t.Helper()
	var runs [2]*Run
	for k, goOnly := range []bool{false, true} {
		run := sklearnRun(t, p, d, 3, shuffled)
		copy(run.State.V, v0)
		run.goOnly = goOnly
		run.ExactSGD = formulasStep(run, &exact[k])
		runs[k] = run
	}
	recs, b, err := collect(runs[0])
	goRecs, goB, goErr := collect(runs[1])
	if err != nil || goErr != nil {
		t.Fatalf("%+v, shuffled %v: %v, %v", p, shuffled, err, goErr)
	}
	if diff, counts := runsDiffer(recs, goRecs, runs[0].W, runs[1].W, b, goB); diff > 1e-12 || counts {
		t.Errorf("%+v, shuffled %v: kernel and Go steps differ by %.3g (counts differ: %v)", p, shuffled, diff, counts)
	}
	if !sameSchedule(runs[0].State, runs[1].State) {
		t.Errorf("%+v, shuffled %v: the schedule's numbers differ: %+v, %+v", p, shuffled, *runs[0].State, *runs[1].State)
	}
	if exact[0] >= 3*d.Rows() {
		t.Errorf("%+v, shuffled %v: the formulas took every step", p, shuffled)
	}
	return exact
}

// sameSchedule reports whether a and b hold the same scale, step and
// average's coefficients, bit for bit: they follow from the schedule
// alone, whichever steps took them.
func sameSchedule(a, b *SGDState) bool {
	same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	return same(a.Scale, b.Scale) && same(a.T, b.T) && same(a.AvgA, b.AvgA) && same(a.AvgB, b.AvgB)
}

// formulasStep is a stand-in for logreg's readable step (Run.ExactSGD) on
// r's state, without averaging: scikit-learn's step as it reads, the logit
// summed left to right. It counts its steps in n.
func formulasStep(r *Run, n *int) func(i int) (float64, bool) {
	d, p, st := &r.Train, &r.SGD, r.State
	return func(i int) (float64, bool) {
		*n++
		idx, val := d.Index[d.RowPtr[i]:d.RowPtr[i+1]], d.Value[d.RowPtr[i]:d.RowPtr[i+1]]
		z := 0.0
		for k, j := range idx {
			z += float64(st.V[j] * val[k])
		}
		z = float64(z*st.Scale) + st.B
		eta, y := p.rate(st.T), 2*d.Y[i]-1
		g := -y / (math.Exp(y*z) + 1) // ∂ℓ/∂z
		switch m := y * z; {
		case m > 18:
			g = -y * math.Exp(-m)
		case m < -18:
			g = -y
		}
		u := -eta * g
		st.Scale *= 1 - float64(eta*p.Alpha)
		c := u / st.Scale
		for k, j := range idx {
			st.V[j] += float64(val[k] * c)
		}
		st.B += float64(u * p.InterceptDecay)
		st.T++
		return z, finite(z) && finite(st.B)
	}
}
