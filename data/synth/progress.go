package synth

import (
	"fmt"
	"io"
	"time"

	"github.com/sgdlab/sgdlab/data/internal/report"
)

// Progress is what Write's progress function receives.
type Progress struct {
	// Rows is the number of rows written so far, of Total, the set's.
	Rows, Total int
	// Bytes is the text written so far.
	Bytes int64
	// Elapsed is the time since the write started.
	Elapsed time.Duration
	// Done is set on the last call, made once the write ends, with an
	// error or not.
	Done bool
}

// RowsPerSecond returns Rows / Elapsed, or 0 before any time has passed.
func (p Progress) RowsPerSecond() float64 { return report.RowsPerSecond(p.Rows, p.Elapsed) }

// ProgressInterval is how often Write reports its progress, at most; a
// block of rows is reported once it is written.
const ProgressInterval = report.Interval

// tracker reports a write's progress to f, if f is not nil.
type tracker struct {
	s           Shape
	f           func(Progress)
	start, last time.Time
	rows        int
	bytes       int64
}

func newTracker(s Shape, f func(Progress)) *tracker {
	now := time.Now()
	return &tracker{s: s, f: f, start: now, last: now}
}

// add counts block b, of n bytes, written, and reports it if the last
// report is ProgressInterval old.
func (t *tracker) add(b, n int) {
	lo := b * t.s.rowsPerBlock()
	t.rows, t.bytes = lo+min(t.s.rowsPerBlock(), t.s.Rows-lo), t.bytes+int64(n)
	if now := time.Now(); t.f != nil && now.Sub(t.last) >= ProgressInterval {
		t.last = now
		t.report(false)
	}
}

// finish makes the last report, with Done set.
func (t *tracker) finish() {
	if t.f != nil {
		t.report(true)
	}
}

func (t *tracker) report(done bool) {
	t.f(Progress{Rows: t.rows, Total: t.s.Rows, Bytes: t.bytes, Elapsed: time.Since(t.start), Done: done})
}

// ProgressLine returns a progress function for Write that reports on w,
// once a write has taken a second, as data.ProgressLine reports a read:
//
//	writing rcv1.svm: 412,000 of 781,265 rows, 431 MB, 318,000 rows/s
//
// On a terminal the line is redrawn in place; elsewhere (a log) it is
// written when the report starts and again when the write ends.
func ProgressLine(w io.Writer, name string) func(Progress) {
	return progressLine(w, name, report.IsTerminal(w))
}

// progressLine is ProgressLine, redrawing in place when live.
func progressLine(w io.Writer, name string, live bool) func(Progress) {
	line := report.Line(w, live)
	return func(p Progress) { line(p.Elapsed, p.Done, lineOf(name, p)) }
}

// lineOf is the text of one report.
func lineOf(name string, p Progress) string {
	return fmt.Sprintf("writing %s: %s of %s rows, %d MB, %s rows/s", name, report.Thousands(int64(p.Rows)),
		report.Thousands(int64(p.Total)), report.MB(p.Bytes), report.Thousands(int64(p.RowsPerSecond())))
}
