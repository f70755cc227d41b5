package sgdfast

import (
	"math"
	"runtime"
	"sync/atomic"
	"unsafe"
)

// A Torch or Sklearn run that visits the rows in one order every pass
// records each x·x' in its first pass and reads them from the second on
// (shareRecord, shareRead). Recording, with the stamps and the checks of
// every row that go with it, makes the first pass about twice as long as the
// others. The counts depend on the rows alone, so a second goroutine
// prepares them beside that pass, with the same checks: the order is cut
// into chunks, the loop records them from the first on, the other goroutine
// prepares them from the last down, and where the two meet the loop goes on
// reading what the other prepared (onehotTorchRead). The kernel stops at the
// end of each chunk it records and goes on from the z and D it saved, in
// either function, so that where the two meet, which depends on how fast
// each ran, changes no bit of the result. A Sklearn pass starts the
// preparation at its start, beside the steps the formulas take first
// ('optimal''s, sgd.go): the other goroutine prepares their chunks first,
// from the first up and ahead of those steps, which then need not check
// their rows, and the kernel reads them from the next pass on. Sklearn's
// calls of the kernel end at the chunks' ends until a pass has run wholly in
// the kernel, and each reads its chunk or records it (kernel.run). With no
// second core (GOMAXPROCS 1) the loop records every chunk.

// prepChunk is how many positions a chunk of the preparation holds: long
// beside a stop and a start of the kernel, short beside a pass.
const prepChunk = 512

// onehotPrep is the preparation of the counts of one order: x·x' of the
// rows at each position and the next (counts[i] for order[i] and
// order[i+1]).
type onehotPrep struct {
	d      *Data
	order  []int
	counts []float64
	// state[c] is chunk c's: free, the loop's, the other goroutine's,
	// then prepared (or found to hold a row the kernel does not take).
	state []atomic.Int32
	// ahead is how many chunks the formulas step first, without the
	// kernel: the other goroutine prepares them first, ahead of the
	// loop, which need not check their rows itself (rowsChecked).
	ahead int
}

// A chunk's state.
const (
	chunkFree = iota
	chunkLoop
	chunkHelper
	chunkReady
	chunkBad
)

// newOnehotPrep returns the preparation of order's counts on d and, where
// there is a second core, starts the goroutine that prepares the first
// ahead chunks from the first up, then the others from the last down.
func newOnehotPrep(d *Data, order []int, stall func(), ahead int) *onehotPrep {
	p := &onehotPrep{
		d: d, order: order,
		counts: sampleBuf(nil, len(order)),
		state:  make([]atomic.Int32, (len(order)+prepChunk-1)/prepChunk),
		ahead:  ahead,
	}
	if runtime.GOMAXPROCS(0) > 1 && len(p.state) > 1 {
		go p.helpAlong(stall)
	}
	return p
}

// helpAlong is the second goroutine: it prepares the chunks the formulas
// step first from the first up, then the others from the last down,
// passing over those the loop has taken, until it meets a bad row. A
// Sklearn pass whose first steps the formulas take starts the kernel at a
// later chunk, and the chunks before it are read from the next pass on.
// stall, if not nil, runs before each chunk (a test's stand-in for a core
// taken away).
func (p *onehotPrep) helpAlong(stall func()) {
	stamps := make([]int32, p.d.Width)
	for c := range p.ahead {
		if !p.help(c, stamps, stall) {
			return
		}
	}
	for c := len(p.state) - 1; c >= p.ahead; c-- {
		if !p.help(c, stamps, stall) {
			return
		}
	}
}

// help prepares chunk c unless the loop has taken it, and reports whether
// it held no bad row.
func (p *onehotPrep) help(c int, stamps []int32, stall func()) bool {
	if stall != nil {
		stall()
	}
	if !p.state[c].CompareAndSwap(chunkFree, chunkHelper) {
		return true
	}
	if !p.prepare(c, stamps) {
		p.state[c].Store(chunkBad)
		return false
	}
	p.state[c].Store(chunkReady)
	return true
}

// prepare checks the rows chunk c's steps read, order[a] to order[b] for
// its positions [a, b) (order[b] is the last one's next row), as the kernel
// checks them (row bounds, indices increasing within [0, Width), every
// value 1), and counts x·x' of each position into counts. A feature is
// stamped with 1 + the position of the row that last had it. It reports
// whether every row passed.
func (p *onehotPrep) prepare(c int, stamps []int32) bool {
	d, n := p.d, len(p.order)
	a := c * prepChunk
	last := min(a+prepChunk, n-1)
	rowPtr, index, value := d.RowPtr, d.Index, d.Value
	const one = 0x3FF0000000000000 // the bits of 1
	for i := a; i <= last; i++ {
		r := p.order[i]
		if uint(r) >= uint(d.rows()) {
			return false
		}
		lo, hi := rowPtr[r], rowPtr[r+1]
		if lo < 0 || lo > hi || hi > len(index) || hi > len(value) {
			return false
		}
		tag := int32(i + 1)
		shared, prev := 0, int32(-1)
		val := value[lo:hi]
		for k, j := range index[lo:hi] {
			if j <= prev || int(j) >= len(stamps) || math.Float64bits(val[k]) != one {
				return false
			}
			prev = j
			// Equal, not at least: the chunks after this one, prepared
			// first, left later positions' stamps.
			shared += b2i(stamps[j] == tag-1)
			stamps[j] = tag
		}
		if i > a {
			p.counts[i-1] = float64(shared)
		}
	}
	return true
}

// stop keeps the other goroutine from taking any more chunks (those
// nobody has claimed become the loop's) and waits for the one it is
// preparing, if any, so that it writes no count after.
func (p *onehotPrep) stop() {
	for c := range p.state {
		p.state[c].CompareAndSwap(chunkFree, chunkLoop)
		for p.state[c].Load() == chunkHelper {
			runtime.Gosched()
		}
	}
}

// prepared returns the preparation of the counts of order, the kernel's
// pass, started if it is not under way, with ahead chunks the formulas
// step first.
func (k *onehotKernel) prepared(order []int, ahead int) *onehotPrep {
	p := k.prep
	if p == nil || !p.of(order) {
		p = newOnehotPrep(k.train, order, k.stall, ahead)
		k.prep, k.counts, k.shared = p, p.counts, unsafe.SliceData(p.counts)
	}
	return p
}

// of reports whether p is the preparation of order, the same slice.
func (p *onehotPrep) of(order []int) bool {
	return unsafe.SliceData(p.order) == unsafe.SliceData(order) && len(p.order) == len(order)
}

// rowsChecked reports whether the other goroutine has prepared chunk c,
// and so checked its rows, without taking it.
func (p *onehotPrep) rowsChecked(c int) bool { return p.state[c].Load() == chunkReady }

// ready reports whether chunk c is prepared: it takes the chunk for the
// loop if nobody has, and waits for the other goroutine if it is
// preparing it.
func (p *onehotPrep) ready(c int) bool {
	st := p.state[c].Load()
	if st == chunkFree {
		if p.state[c].CompareAndSwap(chunkFree, chunkLoop) {
			return false
		}
		st = p.state[c].Load() // the other goroutine took it just now
	}
	for st == chunkHelper {
		runtime.Gosched() // the other goroutine is preparing it
		st = p.state[c].Load()
	}
	return st == chunkReady
}

// runPrepared runs the kernel's Torch pass from k.pos while the other
// goroutine prepares the counts of its order: the chunks nobody has taken
// it records itself in onehotSteps, the prepared ones it reads in
// onehotTorchRead, until the end, a sample whose logit the Go step takes,
// or a row the kernel does not take.
func (k *onehotKernel) runPrepared(order []int) {
	p := k.prepared(order, 0)
	for k.pos < k.n {
		c := k.pos / prepChunk
		k.stop = min((c+1)*prepChunk, k.n)
		if p.ready(c) {
			for c++; c < len(p.state) && p.state[c].Load() == chunkReady; c++ {
			}
			k.stop = min(c*prepChunk, k.n)
			onehotTorchRead(k)
		} else {
			// The loop's, or one with a bad row, at which the kernel
			// stops as it checks each row.
			k.shareMode = shareRecord
			onehotSteps(k)
		}
		if k.resume == 0 {
			return // the end, the Go step or a bad row
		}
	}
}
