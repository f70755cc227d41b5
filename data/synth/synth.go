package synth

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Shape describes a synthetic binary classification set. Its zero value is
// not valid: Rows, Features and NNZ must be positive, NNZ at most Features.
type Shape struct {
	Rows     int
	Features int
	// NNZ is the mean number of nonzeros per row.
	NNZ int
	// OneHot sets every value to 1; otherwise values are real and each row
	// has norm 1.
	OneHot bool
	// Noise is the probability that a row's label is flipped, in [0, 1].
	Noise float64
	// Seed fixes every random draw.
	Seed uint64
}

var (
	// RCV1 is shaped like Bottou's RCV1 training split.
	RCV1 = Shape{Rows: 781265, Features: 47152, NNZ: 76, Noise: 0.05, Seed: 1}
	// A9A is shaped like a9a's training file.
	A9A = Shape{Rows: 32561, Features: 123, NNZ: 14, OneHot: true, Noise: 0.15, Seed: 1}
)

// Check reports what makes s invalid, or nil.
func (s Shape) Check() error {
	switch {
	case s.Rows < 1:
		return fmt.Errorf("synth: rows must be >= 1, got %d", s.Rows)
	case s.Features < 1 || s.Features > math.MaxInt32:
		return fmt.Errorf("synth: features must be in [1, %d], got %d", math.MaxInt32, s.Features)
	case s.NNZ < 1 || s.NNZ > s.Features:
		return fmt.Errorf("synth: nonzeros per row must be in [1, features=%d], got %d", s.Features, s.NNZ)
	case !(s.Noise >= 0 && s.Noise <= 1):
		return fmt.Errorf("synth: noise must be in [0, 1], got %g", s.Noise)
	}
	return nil
}

// String names the shape, for file names and messages.
func (s Shape) String() string {
	kind := "real"
	if s.OneHot {
		kind = "onehot"
	}
	return fmt.Sprintf("%dx%d-nnz%d-%s-noise%g-seed%d", s.Rows, s.Features, s.NNZ, kind, s.Noise, s.Seed)
}

// blockRows is how many rows share one random stream at most: blocks are
// made in parallel, each from its own stream, so the text does not depend
// on the number of processors.
const blockRows = 4096

// blockText is about the most text a block is made for: a shape whose rows
// are long (NNZ above 128) has fewer rows per block, down to one, so that
// the blocks in memory stay small at any NNZ.
const blockText = 8 << 20

// inFlight bounds the text of the blocks made ahead of the writer: blocks
// of long rows are made by fewer workers.
const inFlight = 1 << 30

// rowsPerBlock returns the rows of each block of s (the last may have fewer).
func (s Shape) rowsPerBlock() int { return min(blockRows, max(1, blockText/16/s.NNZ)) }

// blocks returns the number of blocks of s, rounded up without adding to
// s.Rows, which may be as large as an int goes.
func (s Shape) blocks() int {
	n := s.Rows / s.rowsPerBlock()
	if s.Rows%s.rowsPerBlock() != 0 {
		n++
	}
	return n
}

// maxRow returns the most nonzeros a row of s has.
func (s Shape) maxRow() int64 {
	return min(int64(s.NNZ/4)+3*int64(s.NNZ)/2, int64(s.Features))
}

// blockMemory returns the most bytes the text of one block of s takes.
func (s Shape) blockMemory() int64 { return int64(s.rowsPerBlock()) * s.MaxLine() }

// MaxLine returns the most bytes a line of s takes: a label and a newline,
// and per nonzero a space, the index, a colon and the value (1, or at most
// 9 bytes: 1.234e-05).
func (s Shape) MaxLine() int64 {
	value := int64(9)
	if s.OneHot {
		value = 1
	}
	nonzero := 2 + int64(len(strconv.Itoa(s.Features))) + value
	return 3 + s.maxRow()*nonzero
}

// workers returns how many goroutines make the blocks of s: one per
// processor, fewer when the blocks they hold would pass inFlight.
func (s Shape) workers() int {
	return int(min(int64(runtime.GOMAXPROCS(0)), max(1, inFlight/(3*s.blockMemory()))))
}

// Memory returns about the most bytes Write holds at once for s, with the
// processors it has now: the hidden weights and the order of the features,
// 12 bytes a feature; each worker's scratch, a byte a feature and 12 a
// nonzero of a row; and the text of the blocks made and not yet written,
// three a worker and the one being written. It does not grow with Rows.
func (s Shape) Memory() int64 {
	w := int64(s.workers())
	return 12*int64(s.Features) + w*(int64(s.Features)+12*s.maxRow()) + (3*w+1)*s.blockMemory()
}

// Write writes the set s as LIBSVM text to w. It stops when ctx is done,
// within a block, and returns ctx.Err(). progress, when not nil, is called
// every ProgressInterval while the text is written and once at its end,
// with Done set, from the goroutine that called Write.
func Write(ctx context.Context, w io.Writer, s Shape, progress func(Progress)) error {
	if err := s.Check(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	g := newGenerator(s)
	blocks, workers := s.blocks(), s.workers()
	// Block k is made into out[k%len(out)] by one worker while the writer
	// drains earlier ones: at most len(out) blocks wait to be written.
	out := make([]chan []byte, 2*workers)
	for i := range out {
		out[i] = make(chan []byte, 1)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var next sync.Mutex
	k := 0
	for range workers {
		wg.Go(func() {
			scratch := g.newScratch()
			for {
				next.Lock()
				b := k
				k++
				next.Unlock()
				if b >= blocks {
					return
				}
				text := g.block(b, scratch, stop)
				select {
				case out[b%len(out)] <- text:
				case <-stop:
					return
				}
			}
		})
	}
	t := newTracker(s, progress)
	bw := bufio.NewWriterSize(w, 1<<20)
	var err error
	for b := 0; b < blocks && err == nil; b++ {
		var text []byte
		select {
		case text = <-out[b%len(out)]:
		case <-ctx.Done():
		}
		if err = ctx.Err(); err == nil {
			if _, err = bw.Write(text); err == nil {
				t.add(b, len(text))
			}
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	close(stop)
	wg.Wait()
	t.finish()
	return err
}

// generator holds what every block shares: the hidden weights and the
// order of the features.
type generator struct {
	s     Shape
	wstar []float64 // the hidden weights, by 0-based feature
	order []int32   // order[r] is the feature of Zipf rank r
}

func newGenerator(s Shape) *generator {
	r := rand.New(rand.NewPCG(s.Seed, math.MaxUint64))
	g := &generator{s: s, wstar: make([]float64, s.Features), order: make([]int32, s.Features)}
	for j := range g.wstar {
		g.wstar[j] = r.NormFloat64()
	}
	for j := range g.order {
		g.order[j] = int32(j)
	}
	r.Shuffle(len(g.order), func(a, b int) { g.order[a], g.order[b] = g.order[b], g.order[a] })
	return g
}

// stopped reports whether stop is closed.
func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// scratch is what a worker reuses from row to row.
type scratch struct {
	seen []bool // the row's features so far, false between rows
	idx  []int32
	val  []float64
}

func (g *generator) newScratch() *scratch { return &scratch{seen: make([]bool, g.s.Features)} }

// block returns the text of the rows of block b: rowsPerBlock rows from
// b·rowsPerBlock, fewer in the last block; or nil once stop is closed, which
// it checks every 2¹⁶ features drawn, so that a block of long rows ends soon
// after Write does.
func (g *generator) block(b int, sc *scratch, stop <-chan struct{}) []byte {
	s := g.s
	r := rand.New(rand.NewPCG(s.Seed, uint64(b)))
	zipf := rand.NewZipf(r, 1.1, 10, uint64(s.Features-1))
	lo := b * s.rowsPerBlock() // b < blocks: no overflow
	rows := min(s.rowsPerBlock(), s.Rows-lo)
	text := make([]byte, 0, rows*s.NNZ*16)
	idx, val, seen := sc.idx[:0], sc.val[:0], sc.seen
	defer func() { sc.idx, sc.val = idx, val }()
	draws := 0
	for range rows {
		// Between NNZ/4 and 7·NNZ/4 features, NNZ on average.
		n := s.NNZ/4 + r.IntN(3*s.NNZ/2+1)
		n = min(max(n, 1), s.Features)
		idx, val = idx[:0], val[:0]
		for len(idx) < n {
			if draws%(1<<16) == 0 && stopped(stop) {
				return nil // the worker ends, its scratch with it
			}
			draws++
			var j int32
			if len(idx) < s.Features/2 {
				j = g.order[zipf.Uint64()]
			} else {
				// Nearly every feature taken: draw uniformly, so that a
				// row as wide as the set still ends.
				j = int32(r.IntN(s.Features))
			}
			if !seen[j] {
				seen[j] = true
				idx = append(idx, j)
			}
		}
		for _, j := range idx {
			seen[j] = false
		}
		slices.Sort(idx)
		norm := 0.0
		for _, j := range idx {
			v := 1.0
			if !s.OneHot {
				// A term count's log times an idf-like weight fixed
				// per feature.
				v = (1 + math.Log(1+r.ExpFloat64())) * (0.5 + float64(j%97)/97)
			}
			val = append(val, v)
			norm += v * v
		}
		dot := 0.0
		for k, j := range idx {
			val[k] /= math.Sqrt(norm)
			dot += val[k] * g.wstar[j]
		}
		positive := dot > 0
		if r.Float64() < s.Noise {
			positive = !positive
		}
		if positive {
			text = append(text, "+1"...)
		} else {
			text = append(text, "-1"...)
		}
		for k, j := range idx {
			text = append(text, ' ')
			text = strconv.AppendInt(text, int64(j)+1, 10)
			text = append(text, ':')
			if s.OneHot {
				text = append(text, '1')
			} else {
				text = strconv.AppendFloat(text, val[k], 'g', 4, 64)
			}
		}
		text = append(text, '\n')
	}
	return text
}
