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
// It is +Inf, never small, when the runs cannot be the same: a nil run,
// different numbers of epochs or epoch numbers (one with NumPyLoop's
// pre-pass, one without; one stopped early), or a value that is not finite
// where the other run's differs.
func RelDiff(a, b *logreg.History) float64 {
	if a == nil || b == nil || len(a.Epochs) != len(b.Epochs) {
		return math.Inf(1)
	}
	d := 0.0
	for i, r := range a.Epochs {
		q := b.Epochs[i]
		if r.Epoch != q.Epoch {
			return math.Inf(1)
		}
		for _, p := range [][2]float64{{r.Loss, q.Loss}, {r.TrainError, q.TrainError}, {r.TestError, q.TestError}} {
			switch {
			case p[0] == p[1] || math.IsNaN(p[0]) && math.IsNaN(p[1]):
			case math.IsInf(p[0], 0) || math.IsInf(p[1], 0) || math.IsNaN(p[0]) || math.IsNaN(p[1]):
				return math.Inf(1)
			default:
				d = max(d, math.Abs(p[0]-p[1])/max(math.Abs(p[0]), 1e-300))
			}
		}
	}
	return d
}

// TotalSeconds is the training time of a run: the sum of its records'
// Seconds; 0 for a nil run.
func TotalSeconds(h *logreg.History) float64 {
	if h == nil {
		return 0
	}
	t := 0.0
	for _, r := range h.Epochs {
		t += r.Seconds
	}
	return t
}

// MedianSeconds is the median of the records' Seconds, the upper of the two
// middle ones for an even count; 0 for no records or a nil run.
func MedianSeconds(h *logreg.History) float64 {
	if h == nil || len(h.Epochs) == 0 {
		return 0
	}
	s := make([]float64, len(h.Epochs))
	for i, r := range h.Epochs {
		s[i] = r.Seconds
	}
	slices.Sort(s)
	return s[len(s)/2]
}
