package data

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sgdlab/sgdlab/data/internal/report"
)

// ReadProgress is what ReadOptions.Progress receives while a read goes on.
type ReadProgress struct {
	// Path is the file's, with ReadFile and ReadPair; empty with Read.
	Path string
	// Rows is the number of rows parsed so far.
	Rows int
	// Bytes is how much of the input is consumed, as stored: a compressed
	// file's compressed bytes.
	Bytes int64
	// Size is the input's size as stored, or −1 when unknown (a pipe).
	Size int64
	// Elapsed is the time since the read started.
	Elapsed time.Duration
	// Done is set on the last call, made once the read ends, with an
	// error or not.
	Done bool
}

// RowsPerSecond returns Rows / Elapsed, or 0 before any time has passed.
func (p ReadProgress) RowsPerSecond() float64 { return report.RowsPerSecond(p.Rows, p.Elapsed) }

// ProgressInterval is how often ReadOptions.Progress is called during a read.
const ProgressInterval = report.Interval

// readTracker counts a read's rows and bytes and reports them every
// ProgressInterval from a goroutine of its own; a nil *readTracker counts
// nothing.
type readTracker struct {
	f          func(ReadProgress)
	path       string
	size       int64
	start      time.Time
	rows       atomic.Int64
	bytes      atomic.Int64
	stop, done chan struct{}
	once       sync.Once
	// panicked holds what a report's f panicked with, on the reporting
	// goroutine, for finish to panic with on the reader's.
	panicked *any
}

// startProgress starts reporting to f, or returns nil when f is nil.
func startProgress(f func(ReadProgress), path string, size int64) *readTracker {
	if f == nil {
		return nil
	}
	t := &readTracker{f: f, path: path, size: size, start: time.Now(),
		stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(t.done)
		defer func() {
			if v := recover(); v != nil {
				t.panicked = &v
			}
		}()
		tick := time.NewTicker(ProgressInterval)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				t.report(false)
			case <-t.stop:
				return
			}
		}
	}()
	return t
}

func (t *readTracker) report(done bool) {
	t.f(ReadProgress{Path: t.path, Rows: int(t.rows.Load()), Bytes: t.bytes.Load(), Size: t.size,
		Elapsed: time.Since(t.start), Done: done})
}

// add counts rows parsed and bytes consumed.
func (t *readTracker) add(rows int, bytes int64) {
	if t != nil {
		t.rows.Add(int64(rows))
		t.bytes.Add(bytes)
	}
}

// finish stops the reports and makes the last one, with Done set. Progress
// is never called after finish returns. If a report panicked, on the
// reporting goroutine, where nothing could recover it, finish panics with
// the same value instead, on the reader's.
func (t *readTracker) finish() {
	if t == nil {
		return
	}
	t.once.Do(func() {
		close(t.stop)
		<-t.done
		if t.panicked != nil {
			panic(*t.panicked)
		}
		t.report(true)
	})
}

// counting returns r, counting the bytes read from it.
func (t *readTracker) counting(r io.Reader) io.Reader {
	if t == nil {
		return r
	}
	return &countingBytes{r, t}
}

type countingBytes struct {
	r io.Reader
	t *readTracker
}

func (c *countingBytes) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.t.bytes.Add(int64(n))
	return n, err
}

// ProgressLine returns a ReadOptions.Progress that draws one line on w,
// redrawn in place, once a read has taken a second:
//
//	reading train.svm: 412,000 rows, 431 of 788 MB, 318,000 rows/s
//
// It returns nil, which reports nothing, when w is not a terminal.
func ProgressLine(w io.Writer) func(ReadProgress) {
	if !report.IsTerminal(w) {
		return nil
	}
	line := report.Line(w, true)
	return func(p ReadProgress) { line(p.Elapsed, p.Done, progressLine(p)) }
}

// progressLine is the text of one report.
func progressLine(p ReadProgress) string {
	name := p.Path
	if name == "" {
		name = "input"
	}
	of := ""
	if p.Size >= 0 {
		of = fmt.Sprintf(" of %d", report.MB(p.Size))
	}
	return fmt.Sprintf("reading %s: %s rows, %d%s MB, %s rows/s", name, report.Thousands(int64(p.Rows)),
		report.MB(p.Bytes), of, report.Thousands(int64(p.RowsPerSecond())))
}
