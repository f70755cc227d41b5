package testkit

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// Random returns n rows of the given width, each column present with
// probability density; half the values are 1 (as in a9a), the others
// normal. Labels are drawn from a logistic model with random weights, so
// there is something to learn but the classes overlap.
func Random(r *rand.Rand, n, width int, density float64) *data.Dataset {
	d := &data.Dataset{RowPtr: []int{0}, Width: width}
	truth := make([]float64, width)
	for j := range truth {
		truth[j] = 2 * r.NormFloat64()
	}
	for range n {
		z := -0.5
		for j := range width {
			if r.Float64() >= density {
				continue
			}
			v := 1.0
			if r.IntN(2) == 0 {
				v = r.NormFloat64()
			}
			d.Index = append(d.Index, int32(j))
			d.Value = append(d.Value, v)
			z += truth[j] * v
		}
		d.RowPtr = append(d.RowPtr, len(d.Index))
		y := 0.0
		if r.Float64() < 1/(1+math.Exp(-z)) {
			y = 1
		}
		d.Y = append(d.Y, y)
		d.Label = append(d.Label, 2*y-1)
	}
	return d
}

// OneHot returns d with every value set to 1, as in a9a: the loops then
// take their one-hot paths.
func OneHot(d *data.Dataset) *data.Dataset {
	e := *d
	e.Value = make([]float64, len(d.Value))
	for k := range e.Value {
		e.Value[k] = 1
	}
	return &e
}

// Huge is Random with values scaled up so that, with a large learning
// rate, logits leave the fast steps' range and exp's.
func Huge(r *rand.Rand, n, width int) *data.Dataset {
	d := Random(r, n, width, 0.4)
	for k := range d.Value {
		d.Value[k] *= 20
	}
	return d
}

// WithFeature returns d with feature j (the last column) set to 1 in row i.
func WithFeature(d *data.Dataset, i int, j int32) *data.Dataset {
	e := *d
	e.Index, e.Value, e.RowPtr = nil, nil, []int{0}
	for r := range d.Rows() {
		idx, val := d.Row(r)
		e.Index, e.Value = append(e.Index, idx...), append(e.Value, val...)
		if r == i {
			e.Index, e.Value = append(e.Index, j), append(e.Value, 1)
		}
		e.RowPtr = append(e.RowPtr, len(e.Index))
	}
	return &e
}

// Hand is a small data set written out by hand: 4 rows, 3 columns.
//
//	row  label  features
//	0    +1     0:1 2:1
//	1    −1     1:1
//	2    +1     0:1 1:1
//	3    −1     2:1
func Hand() *data.Dataset {
	return &data.Dataset{
		RowPtr: []int{0, 2, 3, 5, 6},
		Index:  []int32{0, 2, 1, 0, 1, 2},
		Value:  []float64{1, 1, 1, 1, 1, 1},
		Label:  []float64{1, -1, 1, -1},
		Y:      []float64{1, 0, 1, 0},
		Width:  3,
	}
}

// a9a is read once per test binary.
var a9a struct {
	once        sync.Once
	train, test *data.Dataset
	err         error
}

// A9A returns a9a's train and test sets. It skips when neither
// SGDLAB_DATA nor CI is set (a developer without the files); in CI the files
// must be found or downloaded, so a failure there fails the test.
func A9A(tb testing.TB) (train, test *data.Dataset) {
	tb.Helper()
	if os.Getenv(data.EnvDir) == "" && os.Getenv("CI") == "" {
		tb.Skip("a9a: set SGDLAB_DATA to the folder holding a9a and a9a.t")
	}
	a9a.once.Do(func() {
		a9a.train, a9a.test, a9a.err = data.A9A(context.Background(), data.Options{})
	})
	if a9a.err != nil {
		tb.Fatalf("a9a: %v", a9a.err)
	}
	return a9a.train, a9a.test
}

// BestTime keeps the fastest of a benchmark's iterations, reported beside
// the mean as best-ns/op: on a shared machine the mean moves with the
// host's load (BENCHMARKS.md), the best is what the code costs with the
// core to itself.
type BestTime struct {
	t0   time.Time
	best time.Duration
}

// Start starts an iteration.
func (t *BestTime) Start() { t.t0 = time.Now() }

// Stop ends it.
func (t *BestTime) Stop() {
	if d := time.Since(t.t0); t.best == 0 || d < t.best {
		t.best = d
	}
}

// Report reports the fastest iteration as best-ns/op.
func (t *BestTime) Report(b *testing.B) {
	b.ReportMetric(float64(t.best.Nanoseconds()), "best-ns/op")
}

// Recovered calls f and returns what it panicked with, or nil.
func Recovered(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// Settle waits, for at most a second, until no more goroutines run than
// baseline, and reports whether they came down to it: goroutines that
// have finished leave the count a moment later.
func Settle(baseline int) bool {
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > baseline; {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// BadShapes are the ways a hand-built data set can fail to fit itself,
// each spoiling a set in place: a RowPtr that does not fit its Index (the
// rows would shift), a negative width, a width past maxWidth (datacheck's
// MaxWidth, which testkit cannot import: datacheck's package imports the
// engine, whose tests import testkit).
func BadShapes(maxWidth int) map[string]func(d *data.Dataset) {
	return map[string]func(d *data.Dataset){
		"RowPtr from 1":         func(d *data.Dataset) { d.RowPtr[0] = 1 },
		"an index past RowPtr":  func(d *data.Dataset) { d.Index, d.Value = append(d.Index, 0), append(d.Value, 1) },
		"RowPtr short of Index": func(d *data.Dataset) { d.RowPtr[len(d.RowPtr)-1]-- },
		"negative width":        func(d *data.Dataset) { d.Width = -1 },
		"width past MaxWidth":   func(d *data.Dataset) { d.Width = maxWidth + 1 },
	}
}

// NumPyOptions is one combination of the options NumPyLoop reads, in
// logreg.Config's names; testkit cannot build the Config itself, since
// logreg's tests import testkit.
type NumPyOptions struct {
	Momentum             float64
	BiasOutOfL2, Shuffle bool
	InitStd, L2          float64
	NoPrePass            bool
}

// EveryNumPyOptions returns every combination the tests of NumPyLoop run:
// momentum or not, the bias in the penalty or out, file order or shuffled,
// zero or random start, no penalty, the default or 0.01, and with or
// without the pre-pass.
func EveryNumPyOptions() []NumPyOptions {
	var all []NumPyOptions
	for _, m := range []float64{0, 0.9} {
		for _, biasOut := range []bool{false, true} {
			for _, shuffle := range []bool{false, true} {
				for _, std := range []float64{0, 0.1} {
					for _, l2 := range []float64{0, -1, 0.01} {
						for _, noPre := range []bool{false, true} {
							all = append(all, NumPyOptions{m, biasOut, shuffle, std, l2, noPre})
						}
					}
				}
			}
		}
	}
	return all
}
