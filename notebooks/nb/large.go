package nb

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// RCV1Shaped returns the path of the synthetic set shaped like RCV1
// (synth.RCV1) with the given number of rows, from 1 to 781265 (the full
// set, 788 MB of text), written once into the user cache folder, where
// `sgdlab bench -rcv1` makes it too. A write that takes more than a second
// shows its progress; interrupting the kernel stops it and removes what it
// wrote. For other shapes and sizes, `sgdlab gen` writes a set anywhere.
func RCV1Shaped(rows int) (string, error) {
	if rows < 1 || rows > synth.RCV1.Rows {
		return "", fmt.Errorf("the RCV1-shaped set has 1 to %d rows, not %d; `sgdlab gen` writes other sizes", synth.RCV1.Rows, rows)
	}
	cache, err := data.CacheDir()
	if err != nil {
		return "", fmt.Errorf("the synthetic set: %w", err)
	}
	s := synth.RCV1
	s.Rows = rows
	// The kernel's interrupt is a SIGINT to the cell's program: ending the
	// write cleanly leaves no partial file in the cache.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return synth.File(ctx, cache, s, writeProgress("writing the RCV1-shaped set"))
}

// writeProgress shows a write of a synthetic set in the notebook once it
// has taken a second, as ReadProgress shows a read; a write that stops
// short, its file removed, leaves no line.
func writeProgress(title string) func(synth.Progress) {
	show := lateStatus(title)
	return func(p synth.Progress) {
		line := fmt.Sprintf("%d of %d rows · %.0f MB · %.3g k rows/s", p.Rows, p.Total, float64(p.Bytes)/1e6, p.RowsPerSecond()/1e3)
		if p.Done && p.Rows < p.Total {
			line = ""
		}
		show(p.Elapsed, p.Done, float64(p.Rows)/float64(p.Total), line)
	}
}

// BytesPerNonzero is the memory d's slices hold (row bounds, indices,
// values, labels) per stored nonzero.
func BytesPerNonzero(d *data.Dataset) float64 {
	if d == nil {
		return 0
	}
	b := 8*len(d.RowPtr) + 4*len(d.Index) + 8*len(d.Value) + 8*len(d.Label) + 8*len(d.Y) + 8*len(d.QID)
	return float64(b) / float64(max(d.NNZ(), 1))
}

// Speed is how fast a run went over its data set: its median epoch's
// training pass.
type Speed struct {
	Name      string
	Rows, NNZ int
	Seconds   float64 // the median epoch's (MedianSeconds)
}

// SpeedOf is the Speed of the run h on d; a nil d or h (a run that
// failed) leaves its part 0, which SpeedTable shows as unmeasured.
func SpeedOf(name string, d *data.Dataset, h *logreg.History) Speed {
	s := Speed{Name: name, Seconds: MedianSeconds(h)}
	if d != nil {
		s.Rows, s.NNZ = d.Rows(), d.NNZ()
	}
	return s
}

// SpeedTable displays the speeds side by side: rows, nonzeros, the median
// epoch in milliseconds, rows per second and nanoseconds per nonzero; "—"
// where a speed has no time or no data to divide by.
func SpeedTable(speeds ...Speed) {
	chart.Table([]string{"set", "rows", "nonzeros", "ms per epoch", "rows/s", "ns per nonzero"}, speedRows(speeds)).Display()
}

// speedRows are SpeedTable's rows.
func speedRows(speeds []Speed) [][]string {
	var rows [][]string
	for _, s := range speeds {
		ms, rate, perNonzero := "—", "—", "—"
		if s.Seconds > 0 {
			ms, rate = fmt.Sprintf("%.2f", 1e3*s.Seconds), fmt.Sprintf("%.3g", float64(s.Rows)/s.Seconds)
			if s.NNZ > 0 {
				perNonzero = fmt.Sprintf("%.2f", 1e9*s.Seconds/float64(s.NNZ))
			}
		}
		rows = append(rows, []string{s.Name, fmt.Sprint(s.Rows), fmt.Sprint(s.NNZ), ms, rate, perNonzero})
	}
	return rows
}
