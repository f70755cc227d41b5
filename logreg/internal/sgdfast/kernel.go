package sgdfast

import "unsafe"

// The one-hot steps of Torch, of NumPy without momentum and of Sklearn's
// schedules but AdaGrad, in assembly (kernel_amd64.s), where the CPU has
// AVX and FMA. Go's compiler checks every index, keeps per-sample state in
// memory across the row loops, and has no FMA without a branch on
// GOAMD64=v1; by hand a step takes about half the instructions. The kernel
// also takes the sum of the next sample's weights off the chain of
// dependent operations, by summing them before the update, from the
// weights the update is about to change:
//
//	w'·x' = (w − t·x)·x' = w·x' − t·(x·x')
//
// with t the step's multiple of x (lr·(p − y), over the scale for NumPy and
// Sklearn). For one-hot rows x·x' counts the features the two rows share,
// which the kernel finds by stamping each feature with the step that last
// touched it, or, in a run that visits the rows in the same order every
// pass, reads from the counts its first pass recorded (shareRead). The next
// logit then follows from D = 1 + e⁻ᶻ by one division and one FMA,
// z' = K − L/D: its other terms are known before it (the assembly spells
// them out), and the exponential is arranged for latency. Sklearn's rate,
// scale and average coefficients change every step, and each step
// computes them first, off the chain, as advance does (schedule.go). For
// Torch, when q = L/D is small enough for a short Taylor polynomial (L up
// to lMax, as with the seed's learning rate), the next D does not wait for
// z' either: e^(−z') = e^(−K)·e^q, with e^(−K) computed as soon as K is
// known. The formulas are those of torch.steps, scaled.steps and
// plainSGD.applySteps, with FMA where a product meets a sum but in
// Sklearn's schedule, which rounds as advance does: the results agree to
// rounding, and the schedule's numbers bit for bit (tests compare them).
//
// What bounds a pass is its instructions as much as its chain, and more
// so when the host shares the core's issue width with another thread. So
// the loops have their own loop heads and tails, a pass that reads
// x·x' does not check again the rows of the pass that recorded it, and
// Torch's reading passes run in a function of their own (onehotTorchRead),
// which keeps in registers what the general one keeps in memory.
//
// The kernel takes nothing on trust that it has not checked. Until it has
// run one whole pass, it checks each row before using it: row bounds,
// indices increasing within [0, Width), every value 1 (in the first pass of
// Torch or Sklearn in a fixed order, the goroutine that prepares x·x' beside
// it checks the rows it prepares, as prepare.go explains). After such a pass
// it checks row bounds (but when reading x·x', as above) and the first row
// of each call (when reading, only that it exists). A row that fails stops
// it before the row is used, and the Go steps, with Go's checks, take over
// from there. So no pass over the data is needed to choose it, and a data
// set that is not one-hot costs one stopped kernel.

// onehotKernel is the kernel's view of a run: the data, the weights, the
// stamps, and the loop's state between calls. Its layout is the
// assembly's (TestOnehotKernelLayout checks the offsets); every field is
// 8 bytes.
type onehotKernel struct {
	order       *int      // 0: the pass's order, n rows
	n           int       // 8
	rowPtr      *int      // 16: nrows+1 entries
	nrows       int       // 24
	index       *int32    // 32: nnz entries
	nnz         int       // 40
	w           *float64  // 48: width weights (NumPy: u, w = scale·u)
	width       int       // 56
	stamp       *int64    // 64: width entries: the step that last touched feature j
	y           *float64  // 72: nrows labels
	p           *float64  // 80: Torch: n outputs, D = 1/p of each sample
	tab         *expEntry // 88: expTab
	lr          float64   // 96
	b           float64   // 104: in and out
	pos         int       // 112: in and out
	gen         int64     // 120: the last stamp given, in and out
	status      int       // 128: out: kernelBadData
	cur, next   [2]int    // 136, 152: scratch: bounds of the current and next rows
	value       *float64  // 168: nnz values
	check       int       // 176: 1 until a whole pass ran in the kernel
	loop        int       // 184: loopTorch, loopMomentum or loopSklearn
	scaledState           // 192
	kconst                // 288: constants
	shared      *float64  // 408: n counts, x·x' of the rows at pos and pos+1, as float64s the step reads
	shareMode   int       // 416: how the kernel finds x·x' (shareStamps, …)
	c720, c5040 float64   // 424, 432: 1/720, 1/5040
	lMax        float64   // 440: Torch's largest lr·c for e^(lr·c·p) by its polynomial
	// Torch's stop: the kernel stops at the head of step stop, saving
	// z, D and whether D is known, and sets resume, with which the next
	// call goes on from them, bit for bit as if it had not stopped.
	stop, resume   int     // 448, 456
	zSaved, dSaved float64 // 464, 472
	dKnown         int     // 480

	sklearnState // 488

	// train is the data set rowPtr, index, value and y are of.
	train *Data
	// Go's side of the shared counts: the buffer, and the order they are
	// for, once a whole pass has recorded them.
	counts     []float64
	countedFor *int
	countedN   int
	// fixedOrder: every pass visits the rows in the same order, in the
	// same slice, so the counts one pass records hold for the next.
	fixedOrder bool
	// prep, in a Torch or Sklearn run with fixedOrder, prepares the
	// counts of its order beside the passes over it until one runs wholly
	// in the kernel (prepare.go); stall is Run.stall.
	prep  *onehotPrep
	stall func()
}

// How the kernel finds x·x', the number of features the row it steps
// shares with the next one. Stamping each feature costs three instructions
// a nonzero; x·x' depends on the rows alone, so when every pass visits them in the same order (no
// shuffling) one pass records it and the rest read it.
const (
	shareStamps  = iota // stamp
	shareRecord         // stamp, and record x·x' in shared
	shareRead           // read x·x' from shared; no stamps
	sharePrepare        // record, or read what another goroutine prepares (prepare.go)
)

// Which loop's step a kernel runs.
const (
	loopTorch = iota
	loopMomentum
	loopSklearn
)

// scaledState is NumPy's part of the kernel (scaled).
type scaledState struct {
	zOut, regOut *float64 // 192, 200: n outputs each, for lossSum
	scale, sumU2 float64  // 208, 216: in and out
	vb           float64  // 224: in and out
	shrink       float64  // 232: c = 1 − lr·λ
	m, keep      float64  // 240, 248
	lambdaB      float64  // 256: λ if the bias is penalised, else 0
	halfLambda   float64  // 264
	minScale     float64  // 272
	b0           float64  // 280: scratch: the new bias but for the res term
}

// sklearnState is Sklearn's part of the kernel (plainSGD): the schedule's
// constants and state (scheduleState), which each step moves as advance
// does.
type sklearnState struct {
	// rates + pos·8 is the address of the call's etas[pos − first], for
	// rates Go works out (ratesAhead): a uintptr, as it may lie outside
	// the array, which plainSGD.etas holds on the heap, where it does not
	// move.
	rates   uintptr  // 488
	callEnd int      // 496: the kernel stops at the head of step callEnd
	avg     *float64 // 504: the average's avg, or nil for steps before averaging
	avgBias float64  // 512: in and out
	// negMargin, margin: ∓marginCut, beyond which the formulas' step
	// takes over.
	negMargin, margin float64 // 520, 528
	// rateOf is the formula of η (rateConstant, …), which the kernel
	// evaluates as rate does, so that no Go loop waits on its divisions.
	rateOf                 int     // 536
	eta0, alpha, t0, decay float64 // 544, 552, 560, 568
	etaSafe, resetScale    float64 // 576, 584
	averageFrom            float64 // 592
	t, avgA, avgB          float64 // 600, 608, 616: in and out; the scale is scaledState's
	// The step's ds, avgA before it and μ, from its head to its end.
	ds, avgAPrev, mu float64 // 624, 632, 640
}

// How a Sklearn step in the kernel finds η.
const (
	rateConstant = iota // η₀
	rateOptimal         // 1/(α·(t₀ + t − 1))
	rateInvSqrt         // η₀/√t
	rateAhead           // from rates
)

// kconst are the constants the assembly reads from memory.
type kconst struct {
	negLimit, limit   float64   // 288, 296: ∓fastLogit
	sign              [2]uint64 // 304: the sign bit, 16 bytes for VXORPD
	invLn2N, round    float64   // 320, 328: expInvLn2N, expRound
	ln2N, ln2NRest    float64   // 336, 344: ln 2/N rounded to float64, and the rest
	c6, half          float64   // 352, 360: 1/6, 1/2
	c120, c24         float64   // 368, 376: 1/120, 1/24
	one               float64   // 384
	negExpMax, expMax float64   // 392, 400
}

// kernelBadData is the status of a call that met a row it does not take:
// a bound, an index or a value it does not accept. It returns before that
// row, which the caller leaves to the Go loop.
const kernelBadData = 1

// newOnehotKernel returns a kernel over d and its weights w, or nil where
// the CPU lacks it or d is not shaped for it. d's labels must be in {0,1}.
func newOnehotKernel(d *Data, w []float64, lr float64) *onehotKernel {
	if !haveOnehotKernel || len(w) < d.Width || len(d.RowPtr) != d.rows()+1 || len(d.Value) != len(d.Index) {
		return nil
	}
	return &onehotKernel{
		train:  d,
		rowPtr: unsafe.SliceData(d.RowPtr), nrows: d.rows(),
		index: unsafe.SliceData(d.Index), value: unsafe.SliceData(d.Value), nnz: len(d.Index),
		w: unsafe.SliceData(w), width: d.Width,
		stamp: unsafe.SliceData(make([]int64, max(d.Width, 1))),
		y:     unsafe.SliceData(d.Y),
		tab:   &expTab[0],
		lr:    lr,
		check: 1,
		kconst: kconst{
			negLimit: -fastLogit, limit: fastLogit,
			sign:    [2]uint64{1 << 63, 1 << 63},
			invLn2N: expInvLn2N, round: expRound,
			ln2N: expLn2N, ln2NRest: expLn2NRest,
			c6: 1.0 / 6, half: 0.5, c120: 1.0 / 120, c24: 1.0 / 24,
			one:       1,
			negExpMax: -expMax, expMax: expMax,
		},
		c720: 1.0 / 720, c5040: 1.0 / 5040,
		lMax: 1.0 / 48,
	}
}

// kernelOf returns the kernel for r's run, or nil where the CPU lacks it,
// r's data is not shaped for it, or a test keeps it out.
func kernelOf(r *Run) *onehotKernel {
	if r.goOnly {
		return nil
	}
	k := newOnehotKernel(&r.Train, r.W, r.LR)
	if k != nil {
		k.fixedOrder, k.stall = !r.Shuffled, r.stall
	}
	return k
}

// run runs the kernel on order from pos; it returns b, and false if it
// stopped at a row it does not take.
func (k *onehotKernel) run(order []int, pos int, b float64) (float64, bool) {
	k.order, k.n = unsafe.SliceData(order), len(order)
	k.b, k.pos, k.status = b, pos, 0
	k.stop, k.resume = k.n, 0
	k.shareMode = shareStamps
	switch {
	case k.countedFor == k.order && k.countedN == k.n:
		k.shareMode = shareRead
		if k.loop == loopTorch {
			onehotTorchRead(k)
			return k.b, k.status != kernelBadData
		}
	case k.fixedOrder && k.loop == loopTorch:
		k.runPrepared(order)
		k.shareMode = sharePrepare
		return k.b, k.status != kernelBadData
	case k.fixedOrder && k.loop == loopSklearn:
		// Sklearn's calls end where the preparation's chunks do: each
		// reads its chunk's counts, or records them.
		k.callEnd = min(k.callEnd, (pos/prepChunk+1)*prepChunk)
		k.shareMode = shareRecord
		if k.prepared(order, 0).ready(pos / prepChunk) {
			k.shareMode = shareRead
		}
		onehotSteps(k)
		k.shareMode = sharePrepare
		return k.b, k.status != kernelBadData
	case k.fixedOrder:
		if len(k.counts) < k.n {
			k.counts = sampleBuf(nil, k.n)
			k.shared = unsafe.SliceData(k.counts)
		}
		k.shareMode = shareRecord
	}
	onehotSteps(k)
	return k.b, k.status != kernelBadData
}

// torchSteps is torch.steps by the kernel: it runs order[pos:],
// storing each D = 1/p, until the end, a sample whose logit is outside
// (−fastLogit, fastLogit) or NaN, or a row it does not take (then ok is
// false), and returns that position.
func (k *onehotKernel) torchSteps(order []int, pos int, ds []float64, b *float64) (next int, ok bool) {
	if pos >= len(order) {
		return pos, true
	}
	k.loop, k.p = loopTorch, unsafe.SliceData(ds[:len(order)])
	*b, ok = k.run(order, pos, *b)
	return k.pos, ok
}

// numpySteps is scaled.steps by the kernel, on s's state:
// it runs order[pos:], recording z and reg, until the end, a scale that
// needs folding, a logit outside (−expMax, expMax) or NaN, or a row it
// does not take (then ok is false), and returns that position.
func (k *onehotKernel) numpySteps(s *scaled, order []int, pos int, z, reg []float64) (next int, ok bool) {
	if pos >= len(order) {
		return pos, true
	}
	p := &s.numpyParams
	lambdaB := 0.0
	if p.penalBias {
		lambdaB = p.lambda
	}
	k.loop = loopMomentum
	k.scaledState = scaledState{
		zOut: unsafe.SliceData(z[:len(order)]), regOut: unsafe.SliceData(reg[:len(order)]),
		scale: s.scale, sumU2: s.sumU2, vb: s.vb,
		shrink: shrink(p.lr, p.lambda), m: p.m, keep: p.keep, lambdaB: lambdaB, halfLambda: p.lambda / 2,
		minScale: minScale,
	}
	s.b, ok = k.run(order, pos, s.b)
	s.scale, s.sumU2, s.vb = k.scale, k.sumU2, k.vb
	return k.pos, ok
}

// sklearnSteps is plainSGD.applySteps by the kernel, on s's state and
// the schedule's, sc, from pos to end on order: it records each step's
// logit in zs and stops at end, a step the schedule leaves to the
// formulas, a logit outside (−marginCut, marginCut) or NaN, or a row it
// does not take (then ok is false), and returns that position. etas, if
// not nil, holds the steps' rates.
func (k *onehotKernel) sklearnSteps(s *plainSGD, sc *scheduleState, order []int, pos, end int, zs, etas []float64, averaging bool) (next int, ok bool) {
	st, p := s.st, &s.p
	k.loop = loopSklearn
	k.zOut, k.scale = unsafe.SliceData(zs[:len(order)]), sc.scale
	k.sklearnState = sklearnState{
		negMargin: -marginCut, margin: marginCut,
		rateOf: rateConstant,
		eta0:   p.Eta0, alpha: p.Alpha, t0: p.T0, decay: p.InterceptDecay,
		etaSafe: s.etaSafe, resetScale: resetScale, averageFrom: p.AverageFrom,
		t: sc.t, avgA: sc.avgA, avgB: sc.avgB,
	}
	switch {
	case etas != nil:
		k.rateOf = rateAhead
		k.rates = uintptr(unsafe.Pointer(unsafe.SliceData(etas))) - uintptr(pos)*8
	case p.Schedule == Optimal:
		k.rateOf = rateOptimal
	case p.Schedule == InvScaling:
		k.rateOf = rateInvSqrt
	}
	if averaging {
		k.avg, k.avgBias = unsafe.SliceData(st.Avg), st.AvgBias
	}
	for ok = true; ok && pos < end; {
		k.callEnd = end // run may end it sooner, at a chunk's end
		st.B, ok = k.run(order, pos, st.B)
		stopped := k.pos != k.callEnd
		if pos = k.pos; stopped {
			break
		}
	}
	sc.scale, sc.t, sc.avgA, sc.avgB = k.scale, k.t, k.avgA, k.avgB
	if averaging {
		st.AvgBias = k.avgBias
	}
	return pos, ok
}

// release hands the counts on to later runs (sampleBuf), once no goroutine
// can write them any more; the kernel is not to be used again. It may be
// nil.
func (k *onehotKernel) release() {
	if k == nil {
		return
	}
	if k.prep != nil {
		k.prep.stop()
	}
	releaseSampleBuf(k.counts)
	k.counts, k.shared, k.prep = nil, nil, nil
}

// passDone tells the kernel that a pass ran in it from start to end, so
// every row has been checked, and every x·x' of the pass's order recorded
// if it was recording them.
func (k *onehotKernel) passDone() {
	k.check = 0
	if k.shareMode == shareRecord || k.shareMode == sharePrepare {
		k.countedFor, k.countedN = k.order, k.n
	}
}
