package nb

import (
	"context"
	"fmt"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// RCV1Shaped returns the path of the synthetic set shaped like RCV1
// (synth.RCV1) with the given number of rows (781265: the full set, 788
// MB of text), written once into the user cache folder, where `sgdlab
// bench -rcv1` makes it too.
func RCV1Shaped(rows int) (string, error) {
	cache, err := data.CacheDir()
	if err != nil {
		return "", fmt.Errorf("the synthetic set: %w", err)
	}
	s := synth.RCV1
	s.Rows = rows
	return synth.File(context.Background(), cache, s, nil)
}

// BytesPerNonzero is the memory d's slices hold (row bounds, indices,
// values, labels) per stored nonzero.
func BytesPerNonzero(d *data.Dataset) float64 {
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

// SpeedOf is the Speed of the run h on d.
func SpeedOf(name string, d *data.Dataset, h *logreg.History) Speed {
	return Speed{Name: name, Rows: d.Rows(), NNZ: d.NNZ(), Seconds: MedianSeconds(h)}
}

// SpeedTable displays the speeds side by side: rows, nonzeros, the median
// epoch in milliseconds, rows per second and nanoseconds per nonzero.
func SpeedTable(speeds ...Speed) {
	var rows [][]string
	for _, s := range speeds {
		rows = append(rows, []string{s.Name, fmt.Sprint(s.Rows), fmt.Sprint(s.NNZ),
			fmt.Sprintf("%.2f", 1e3*s.Seconds), fmt.Sprintf("%.3g", float64(s.Rows)/s.Seconds),
			fmt.Sprintf("%.2f", 1e9*s.Seconds/float64(s.NNZ))})
	}
	chart.Table([]string{"set", "rows", "nonzeros", "ms per epoch", "rows/s", "ns per nonzero"}, rows).Display()
}
