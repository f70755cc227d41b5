package synth

import (
	"bufio"
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

// blockRows is how many rows share one random stream: blocks are made in
// parallel, each from its own stream, so the text does not depend on the
// number of processors.
const blockRows = 4096

// Write writes the set s as LIBSVM text to w.
func Write(w io.Writer, s Shape) error {
	if err := s.Check(); err != nil {
		return err
	}
	g := newGenerator(s)
	blocks := (s.Rows + blockRows - 1) / blockRows
	workers := runtime.GOMAXPROCS(0)
	// Block k is made into out[k%len(out)] by one worker while the writer
	// drains earlier ones: at most len(out) blocks are in memory.
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
			for {
				next.Lock()
				b := k
				k++
				next.Unlock()
				if b >= blocks {
					return
				}
				text := g.block(b)
				select {
				case out[b%len(out)] <- text:
				case <-stop:
					return
				}
			}
		})
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var err error
	for b := 0; b < blocks && err == nil; b++ {
		_, err = bw.Write(<-out[b%len(out)])
	}
	if err == nil {
		err = bw.Flush()
	}
	close(stop)
	wg.Wait()
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

// block returns the text of rows [b·blockRows, (b+1)·blockRows).
func (g *generator) block(b int) []byte {
	s := g.s
	r := rand.New(rand.NewPCG(s.Seed, uint64(b)))
	zipf := rand.NewZipf(r, 1.1, 10, uint64(s.Features-1))
	lo, hi := b*blockRows, min((b+1)*blockRows, s.Rows)
	text := make([]byte, 0, (hi-lo)*s.NNZ*16)
	var idx []int32
	var val []float64
	seen := make([]bool, s.Features) // the row's features so far
	for range hi - lo {
		// Between NNZ/4 and 7·NNZ/4 features, NNZ on average.
		n := s.NNZ/4 + r.IntN(3*s.NNZ/2+1)
		n = min(max(n, 1), s.Features)
		for _, j := range idx {
			seen[j] = false
		}
		idx, val = idx[:0], val[:0]
		for len(idx) < n {
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
