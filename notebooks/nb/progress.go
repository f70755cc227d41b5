package nb

import (
	"fmt"
	"os"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// Progress in the notebook, for work that takes seconds: a read shows a
// bar once it has taken a second, a run a line per epoch with its rate
// (chart.Status, chart.Progress).

// showAfter is how long a read goes on before its bar shows.
const showAfter = time.Second

// ReadProgress returns a data.ReadOptions.Progress that shows a read in
// the notebook once it has taken a second: a bar of the input read so far
// (when its size is known) with rows, megabytes and rows per second, and,
// when the read ends, a lasting line with the totals. A shorter read shows
// nothing.
func ReadProgress(title string) func(data.ReadProgress) {
	show := lateStatus(title)
	return func(p data.ReadProgress) {
		done := -1.0
		if p.Size > 0 {
			done = float64(p.Bytes) / float64(p.Size)
		}
		show(p.Elapsed, p.Done, done, readLine(p))
	}
}

// lateStatus returns what shows a piece of work on a chart.Status once it
// has gone on for showAfter: the share done (−1 when unknown) and a text;
// at its end the text stays as a lasting line, or with "" the line goes.
func lateStatus(title string) func(elapsed time.Duration, end bool, share float64, text string) {
	s := chart.NewStatus(title)
	drawn := false
	return func(elapsed time.Duration, end bool, share float64, text string) {
		if elapsed < showAfter && !drawn {
			return
		}
		drawn = true
		if end {
			s.Done(text)
			return
		}
		s.Show(share, text)
	}
}

// readLine is the text of a read's progress:
//
//	412,000 rows · 431 of 788 MB · 318 k rows/s
func readLine(p data.ReadProgress) string {
	of := ""
	if p.Size >= 0 {
		of = fmt.Sprintf(" of %.0f", float64(p.Size)/1e6)
	}
	return fmt.Sprintf("%d rows · %.0f%s MB · %.3g k rows/s", p.Rows, float64(p.Bytes)/1e6, of, p.RowsPerSecond()/1e3)
}

// Reading is what reading a file took.
type Reading struct {
	Rows    int
	Bytes   int64 // the file's size as stored
	Seconds float64
}

// RowsPerSecond is the rate of the read in rows; 0 for a read that took
// no measurable time, as data.ReadProgress's rate is.
func (r Reading) RowsPerSecond() float64 { return rate(float64(r.Rows), r.Seconds) }

// MBPerSecond is the rate of the read in megabytes (10⁶ bytes) of the
// file as stored; 0 as RowsPerSecond is.
func (r Reading) MBPerSecond() float64 { return rate(float64(r.Bytes)/1e6, r.Seconds) }

// rate returns amount/seconds, or 0 where seconds is not positive.
func rate(amount, seconds float64) float64 {
	if !(seconds > 0) {
		return 0
	}
	return amount / seconds
}

// ReadFile reads the LIBSVM file at path with binary labels, as
// data.ReadFile does, showing its progress (ReadProgress) when it takes
// more than a second, and returns the data set and what the read took.
func ReadFile(path string) (*data.Dataset, Reading, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, Reading{}, err
	}
	start := time.Now()
	d, err := data.ReadFile(path, data.ReadOptions{Binary: true, Progress: ReadProgress("reading " + st.Name())})
	if err != nil {
		return nil, Reading{}, err
	}
	return d, Reading{Rows: d.Rows(), Bytes: st.Size(), Seconds: time.Since(start).Seconds()}, nil
}

// Loop is the signature of logreg's loops.
type Loop func(train, test *data.Dataset, cfg logreg.Config) (*logreg.History, error)

// Train runs loop on train and test with cfg, showing each epoch as it
// ends (chart.Progress: the time of its training pass and its rate in rows
// per second), then the time per epoch as a chart. cfg.OnEpoch, if set, is
// called too.
func Train(title string, loop Loop, train, test *data.Dataset, cfg logreg.Config) (*logreg.History, error) {
	rows := 0
	if train != nil { // the loop says what is wrong with it
		rows = train.Rows()
	}
	p := chart.NewProgress(title, cfg.WithDefaults().Epochs, chart.Milliseconds).WithRows(rows)
	if on := cfg.OnEpoch; on != nil {
		cfg.OnEpoch = func(r logreg.Record) { p.OnEpoch(r); on(r) }
	} else {
		cfg.OnEpoch = p.OnEpoch
	}
	// Deferred, so that a loop that panics does not leave the line saying
	// it runs: its epochs so far show as a chart above the panic.
	defer p.Done()
	return loop(train, test, cfg)
}
