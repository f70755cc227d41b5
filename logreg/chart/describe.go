package chart

import (
	"fmt"
	"strings"

	"github.com/sgdlab/sgdlab/logreg"
)

// Describe returns the program and the settings of h's run in the words the
// notebooks use, for a chart's subtitle: "NumPy program · learning rate
// 0.001 · L2 0.0001 · 10 epochs", with momentum, the bias left out of L2,
// shuffling, a random start and float32 named only when they are in effect;
// for SklearnLoop its schedule, α, averaging and intercept decay. A nil h
// gives "".
func Describe(h *logreg.History) string {
	if h == nil {
		return ""
	}
	if h.Loop == "sklearn" && h.Sklearn != nil {
		return describeSklearn(*h.Sklearn)
	}
	c := h.Config
	numpy := h.Loop == "numpy" || h.Loop == "numpy-dense"
	parts := []string{program(h.Loop), fmt.Sprintf("learning rate %g", c.LearningRate)}
	if numpy && c.L2 > 0 {
		parts = append(parts, fmt.Sprintf("L2 %g", c.L2))
	}
	if numpy && c.BiasOutOfL2 {
		parts = append(parts, "bias out of L2")
	}
	if numpy && c.Momentum != 0 {
		parts = append(parts, fmt.Sprintf("momentum %g", c.Momentum))
	}
	if c.Shuffle {
		parts = append(parts, fmt.Sprintf("shuffled (seed %d)", c.Seed))
	}
	if c.InitStd > 0 {
		parts = append(parts, fmt.Sprintf("random start σ %g (seed %d)", c.InitStd, c.Seed))
	}
	if !numpy && c.Float32 {
		parts = append(parts, "float32")
	}
	parts = append(parts, fmt.Sprintf("%d epochs", c.Epochs))
	return strings.Join(parts, " · ")
}

// describeSklearn is Describe for SklearnLoop: "SGDClassifier · invscaling
// η₀ 4, power_t 0.5 · α 0.0001 · averaged from step 65123 · 10 epochs".
func describeSklearn(c logreg.SklearnConfig) string {
	rate := fmt.Sprintf("%v η₀ %g", c.LearningRate, c.Eta0)
	switch c.LearningRate {
	case logreg.OptimalRate:
		rate = "optimal rate"
	case logreg.InvScalingRate:
		rate += fmt.Sprintf(", power_t %g", c.PowerT)
	case logreg.AdaGradRate:
		rate = fmt.Sprintf("AdaGrad lr %g", c.Eta0)
	}
	parts := []string{program("sklearn"), rate, fmt.Sprintf("α %g", c.Alpha)}
	switch {
	case c.Average == 1:
		parts = append(parts, "averaged")
	case c.Average > 1:
		parts = append(parts, fmt.Sprintf("averaged from step %d", c.Average))
	}
	if c.LearningRate != logreg.AdaGradRate && c.InterceptDecay != 0.01 {
		parts = append(parts, fmt.Sprintf("intercept decay %g", c.InterceptDecay))
	}
	if c.Shuffle {
		parts = append(parts, fmt.Sprintf("shuffled (seed %d)", c.Seed))
	}
	return strings.Join(append(parts, fmt.Sprintf("%d epochs", c.Epochs)), " · ")
}

// program names the loop of a History.
func program(loop string) string {
	switch loop {
	case "torch":
		return "PyTorch loop"
	case "numpy":
		return "NumPy program"
	case "numpy-dense":
		return "NumPy program, dense"
	case "sklearn":
		return "SGDClassifier"
	case "":
		return "run"
	}
	return loop
}
