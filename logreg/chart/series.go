package chart

import "github.com/sgdlab/sgdlab/logreg"

// Series is one named line: the points (X[i], Y[i]). X is usually the epoch.
type Series struct {
	Name string
	X    []float64
	Y    []float64
}

// Field picks one number out of every epoch Record of a History.
type Field struct {
	// Name labels the line when a Series is made without a name.
	Name string
	// Of returns the field's value for one epoch.
	Of func(logreg.Record) float64
}

// The columns of a logreg.Record, named as the charts label them.
var (
	// Loss is what the loop prints as its loss.
	Loss = Field{"loss", func(r logreg.Record) float64 { return r.Loss }}
	// AsWrittenError is the NumPy program's printed "Misclassified", the
	// broadcasting mean over N² pairs.
	AsWrittenError = Field{"misclassified (as written)", func(r logreg.Record) float64 { return r.AsWrittenError }}
	// TrainError is the correct share of misclassified training samples.
	TrainError = Field{"train error", func(r logreg.Record) float64 { return r.TrainError }}
	// TestError is the correct share of misclassified test samples.
	TestError = Field{"test error", func(r logreg.Record) float64 { return r.TestError }}
	// RunningAccuracy is the PyTorch loop's printed accuracy.
	RunningAccuracy = Field{"running accuracy", func(r logreg.Record) float64 { return r.RunningAccuracy }}
	// Seconds is the wall time of the epoch's training pass.
	Seconds = Field{"seconds", func(r logreg.Record) float64 { return r.Seconds }}
	// Milliseconds is the same in milliseconds, as "ms per epoch".
	Milliseconds = Field{"ms per epoch", func(r logreg.Record) float64 { return 1000 * r.Seconds }}
	// Objective is F = mean log loss + (α/2)‖w‖² of the epoch's weights.
	Objective = Field{"objective F", func(r logreg.Record) float64 { return r.Objective }}
)

// Gap is F − F*, how far the epoch's objective is above its minimum fstar
// (logreg.OptimalObjective for the run's History.Alpha): draw it on a log
// axis (Axis.Log), where a run that keeps approaching the optimum falls in
// a straight line and one that stalls levels off.
func Gap(fstar float64) Field {
	return Field{"F − F*", func(r logreg.Record) float64 { return r.Objective - fstar }}
}

// Series returns the field over the epochs of h: X[i] = h.Epochs[i].Epoch,
// Y[i] = f.Of(h.Epochs[i]). An empty name means f.Name. A nil h gives an
// empty Series.
func (f Field) Series(name string, h *logreg.History) Series {
	if name == "" {
		name = f.Name
	}
	s := Series{Name: name}
	if h == nil {
		return s
	}
	s.X = make([]float64, len(h.Epochs))
	s.Y = make([]float64, len(h.Epochs))
	for i, r := range h.Epochs {
		s.X[i] = float64(r.Epoch)
		s.Y[i] = f.Of(r)
	}
	return s
}

// Printed returns the misclassification the loop of h printed: AsWrittenError
// for the NumPy program (Loop "numpy", or any epoch with an as-written
// error), else TrainError (the PyTorch loop prints a running accuracy; the
// error of its weights at each epoch's end is TrainError).
func Printed(h *logreg.History) Field {
	if h != nil {
		if h.Loop == "numpy" {
			return AsWrittenError
		}
		for _, r := range h.Epochs {
			if r.AsWrittenError != 0 {
				return AsWrittenError
			}
		}
	}
	return TrainError
}
