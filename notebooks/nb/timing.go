package nb

import (
	"math"
	"slices"

	"github.com/sgdlab/sgdlab/logreg"
)

// RelDiff is the largest relative difference between the losses, train and
// test errors of two runs, epoch by epoch:
//
//	max over epochs and fields of |a − b| / max(|a|, 1e-300)
//
// over the epochs both recorded.
func RelDiff(a, b *logreg.History) float64 {
	d := 0.0
	for i, r := range a.Epochs {
		if i >= len(b.Epochs) {
			break
		}
		q := b.Epochs[i]
		for _, p := range [][2]float64{{r.Loss, q.Loss}, {r.TrainError, q.TrainError}, {r.TestError, q.TestError}} {
			d = max(d, math.Abs(p[0]-p[1])/max(math.Abs(p[0]), 1e-300))
		}
	}
	return d
}

// TotalSeconds is the training time of a run: the sum of its records'
// Seconds.
func TotalSeconds(h *logreg.History) float64 {
	t := 0.0
	for _, r := range h.Epochs {
		t += r.Seconds
	}
	return t
}

// MedianSeconds is the median of the records' Seconds, the upper of the two
// middle ones for an even count; 0 for no records.
func MedianSeconds(h *logreg.History) float64 {
	if len(h.Epochs) == 0 {
		return 0
	}
	s := make([]float64, len(h.Epochs))
	for i, r := range h.Epochs {
		s[i] = r.Seconds
	}
	slices.Sort(s)
	return s[len(s)/2]
}
