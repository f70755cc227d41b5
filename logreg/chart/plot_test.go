package chart_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// TestPlotWindow checks the y slider's first window: fitted to the epochs
// from 1 on, so that epoch 0's 0.76 does not flatten errors that differ by
// thousandths, with a margin of a tenth of their span.
func TestPlotWindow(t *testing.T) {
	xs := []float64{0, 1, 2, 3}
	a := chart.Series{Name: "a", X: xs, Y: []float64{0.76, 0.152, 0.151, 0.150}}
	b := chart.Series{Name: "b", X: xs, Y: []float64{0.76, 0.150, 0.149, 0.148}}
	for _, tc := range []struct {
		name       string
		y          chart.Axis
		series     []chart.Series
		ok         bool
		start, end float64 // of the data extent, in percent
	}{
		// Extent 0.148..0.76 (0.612); fit 0.148..0.152 ± 0.0004, already round.
		{"fitted", chart.Axis{Name: "e"}, []chart.Series{a, b}, true,
			0, (0.1524 - 0.148) / 0.612 * 100},
		// From zero: extent 0..0.76, window 0..0.152 + 0.0152, rounded up to 0.17.
		{"from zero", chart.Axis{Name: "e", FromZero: true}, []chart.Series{a, b}, true, 0, 0.17 / 0.76 * 100},
		{"log axis shows all", chart.Axis{Name: "e", Log: true}, []chart.Series{a, b}, false, 0, 0},
		{"no epoch 0", chart.Axis{Name: "e"}, []chart.Series{{Name: "c", X: []float64{1, 2}, Y: []float64{0.3, 0.2}}}, false, 0, 0},
		{"epoch 0 inside", chart.Axis{Name: "e"}, []chart.Series{{Name: "c", X: xs, Y: []float64{0.2, 0.3, 0.1, 0.2}}}, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := optionOf(t, chart.Plot{Title: "t", Y: tc.y, Series: tc.series}.Chart())
			start, end, ok := yWindow(o)
			if ok != tc.ok {
				t.Fatalf("y slider %v, want %v: %+v", ok, tc.ok, o.DataZoom)
			}
			if ok && (math.Abs(start-tc.start) > 1e-3 || math.Abs(end-tc.end) > 1e-3) {
				t.Errorf("window %.4f–%.4f%%, want %.4f–%.4f%%", start, end, tc.start, tc.end)
			}
			hasX := false
			for _, z := range o.DataZoom {
				hasX = hasX || (z.XAxisIndex != nil && *z.XAxisIndex == 0)
			}
			if !hasX {
				t.Error("no x slider")
			}
		})
	}
}

// TestPlotWindowHoldsLaterPoints: the initial y window holds every point
// from epoch 1 on, also where the later points lie within a millionth of
// the extent of each other and float32 percentages would round inwards.
func TestPlotWindowHoldsLaterPoints(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	xs := []float64{0, 1, 2, 3}
	for k := range 1000 {
		base := r.Float64()
		ys := []float64{base - r.Float64(), base, base + r.Float64()*math.Pow(10, -1-r.Float64()*7), base - r.Float64()*1e-7}
		lo, hi := slices.Min(ys), slices.Max(ys)
		o := optionOf(t, chart.Plot{Title: "t", Y: chart.Axis{Name: "e"}, Series: []chart.Series{{Name: "s", X: xs, Y: ys}}}.Chart())
		start, end, ok := yWindow(o)
		if !ok {
			continue
		}
		for _, y := range ys[1:] {
			if p := (y - lo) / (hi - lo) * 100; p < start || p > end {
				t.Fatalf("case %d, %v: point %v at %v%%, outside the window %v–%v%%", k, ys, y, p, start, end)
			}
		}
	}
}

// TestPlotLogAndRightAxis checks the log option (values ≤ 0 become gaps)
// and a second series on its own log axis at the right.
func TestPlotLogAndRightAxis(t *testing.T) {
	xs := []float64{1, 2, 3}
	o := optionOf(t, chart.Plot{
		Title: "t", Y: chart.Axis{Name: "loss"},
		Series:      []chart.Series{{Name: "loss", X: xs, Y: []float64{0.5, 0.4, 0.35}}},
		Right:       chart.Axis{Name: "F − F*", Log: true},
		RightSeries: []chart.Series{{Name: "gap", X: xs, Y: []float64{1e-2, 1e-5, 0}}},
	}.Chart())
	if len(o.YAxis) != 2 || o.YAxis[0].Type != "value" || o.YAxis[1].Type != "log" ||
		o.YAxis[1].Name != "F − F*" || o.YAxis[1].Position != "right" {
		t.Fatalf("y axes %+v, want a value axis and a log axis at the right", o.YAxis)
	}
	if len(o.Series) != 2 || o.Series[0].YAxisIndex != 0 || o.Series[1].YAxisIndex != 1 {
		t.Fatalf("series %+v, want loss on axis 0 and gap on axis 1", o.Series)
	}
	if _, ys := points(t, o, 1); ys[0] != 1e-2 || ys[1] != 1e-5 || !math.IsNaN(ys[2]) {
		t.Errorf("gap = %v, want 0 as a gap on the log axis", ys)
	}
	if o.Series[0].Symbol == o.Series[1].Symbol {
		t.Error("the two lines share a marker")
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		h    *logreg.History
		want string
	}{
		{&logreg.History{Loop: "numpy", Config: logreg.Config{LearningRate: 0.001, L2: 1e-4, Epochs: 10}},
			"NumPy program · learning rate 0.001 · L2 0.0001 · 10 epochs"},
		{&logreg.History{Loop: "numpy", Config: logreg.Config{LearningRate: 0.01, L2: 1e-4, Momentum: 0.9,
			BiasOutOfL2: true, Shuffle: true, Seed: 1, Epochs: 100}},
			"NumPy program · learning rate 0.01 · L2 0.0001 · bias out of L2 · momentum 0.9 · shuffled (seed 1) · 100 epochs"},
		{&logreg.History{Loop: "torch", Config: logreg.Config{LearningRate: 0.001, L2: 1e-4, Momentum: 0.9, Float32: true, Epochs: 10}},
			"PyTorch loop · learning rate 0.001 · float32 · 10 epochs"},
		{&logreg.History{Loop: "numpy-dense", Config: logreg.Config{LearningRate: 0.001, L2: -1, InitStd: 0.01, Seed: 2, Epochs: 3}},
			"NumPy program, dense · learning rate 0.001 · random start σ 0.01 (seed 2) · 3 epochs"},
		{&logreg.History{Loop: "sklearn", Sklearn: &logreg.SklearnConfig{LearningRate: logreg.InvScalingRate, Eta0: 4,
			PowerT: 0.5, Alpha: 1e-4, Average: 65123, InterceptDecay: 1, Epochs: 10}},
			"SGDClassifier · invscaling η₀ 4, power_t 0.5 · α 0.0001 · averaged from step 65123 · intercept decay 1 · 10 epochs"},
		{&logreg.History{Loop: "sklearn", Sklearn: &logreg.SklearnConfig{Alpha: 1e-4, Average: 1, InterceptDecay: 0.01, Epochs: 5,
			Shuffle: true, Seed: 3}},
			"SGDClassifier · optimal rate · α 0.0001 · averaged · shuffled (seed 3) · 5 epochs"},
		{&logreg.History{Loop: "sklearn", Sklearn: &logreg.SklearnConfig{LearningRate: logreg.AdaGradRate, Eta0: 0.1, Alpha: 1e-4,
			InterceptDecay: 0.01, Epochs: 10}},
			"SGDClassifier · AdaGrad lr 0.1 · α 0.0001 · 10 epochs"},
		{nil, ""},
	} {
		if got := chart.Describe(tc.h); got != tc.want {
			t.Errorf("Describe = %q, want %q", got, tc.want)
		}
		if strings.Contains(chart.Describe(tc.h), "momentum 0 ") {
			t.Error("momentum 0 named")
		}
	}
}
