package playground

import (
	"fmt"
	"math"
)

// Setting is one position of the sliders.
type Setting struct {
	LearningRate float64
	Momentum     float64
	Epochs       int
}

func (s Setting) String() string {
	return fmt.Sprintf("learning rate %g, momentum %g, %d epochs", s.LearningRate, s.Momentum, s.Epochs)
}

// Grids of slider positions. A slider moves over integers; these map each
// position to a value. Learning rates are spaced evenly on a log scale, four
// to a decade, from 1e-4 to 1e-1, so 0.001 and 0.01 are both positions.
var (
	learningRates = logGrid(-4, -1, 4)
	momenta       = []float64{0, 0.5, 0.8, 0.9, 0.95, 0.99}
)

const maxEpochs = 100

// The starting values that replace a NaN, which has no nearest position:
// notebook 04's own, the program's learning rate and no momentum.
const (
	defaultLearningRate = 0.001
	defaultMomentum     = 0.0
)

// logGrid returns 10^(lo + k/perDecade) for k = 0 … (hi−lo)·perDecade,
// rounded to 3 significant digits so the labels read 0.00178, not 0.0017782794.
func logGrid(lo, hi, perDecade int) []float64 {
	var g []float64
	for k := 0; k <= (hi-lo)*perDecade; k++ {
		v := math.Pow(10, float64(lo)+float64(k)/float64(perDecade))
		scale := math.Pow(10, 2-math.Floor(math.Log10(v)))
		g = append(g, math.Round(v*scale)/scale)
	}
	return g
}

// nearest returns the position in grid, which ascends, whose value is
// closest to v, which is not NaN. A value beyond an end, an infinity too,
// takes that end.
func nearest(grid []float64, v float64) int {
	v = min(max(v, grid[0]), grid[len(grid)-1])
	best := 0
	for i, g := range grid {
		if math.Abs(g-v) < math.Abs(grid[best]-v) {
			best = i
		}
	}
	return best
}

// position is a Setting as slider positions.
type position struct{ lr, momentum, epochs int }

// startOf returns the Setting on the sliders' grids nearest to s, and a
// note for the page for each NaN in s, which takes its default: Run returns
// no error, so the page is where a reader learns of it.
func startOf(s Setting) (Setting, []string) {
	var notes []string
	if math.IsNaN(s.LearningRate) {
		s.LearningRate = defaultLearningRate
		notes = append(notes, fmt.Sprintf("The starting learning rate is NaN (not a number); it starts at %g.", defaultLearningRate))
	}
	if math.IsNaN(s.Momentum) {
		s.Momentum = defaultMomentum
		notes = append(notes, fmt.Sprintf("The starting momentum is NaN (not a number); it starts at %g.", defaultMomentum))
	}
	return positionOf(s).setting(), notes
}

// positionOf returns the slider positions nearest to s, whose values are
// not NaN (startOf replaces those).
func positionOf(s Setting) position {
	return position{
		lr:       nearest(learningRates, s.LearningRate),
		momentum: nearest(momenta, s.Momentum),
		epochs:   min(max(s.Epochs, 1), maxEpochs),
	}
}

// setting returns the Setting at slider positions p, clamped to the grids.
func (p position) setting() Setting {
	return Setting{
		LearningRate: learningRates[min(max(p.lr, 0), len(learningRates)-1)],
		Momentum:     momenta[min(max(p.momentum, 0), len(momenta)-1)],
		Epochs:       min(max(p.epochs, 1), maxEpochs),
	}
}
