package chart_test

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// evilHistory is a NumPy run whose every field takes the values in turn,
// epochs 0, 1, ….
func evilHistory(vs ...float64) *logreg.History {
	h := &logreg.History{Loop: "numpy", Config: logreg.Config{Epochs: len(vs)}}
	for e, v := range vs {
		h.Epochs = append(h.Epochs, logreg.Record{Epoch: e, Loss: v, AsWrittenError: v, TrainError: v,
			TestError: v, RunningAccuracy: v, Seconds: v, Objective: v})
	}
	return h
}

// evilHistories are the runs every builder must draw: non-finite, huge,
// tiny, equal, ≤ 0 (for a log axis), none or one epoch.
var evilHistories = []struct {
	name string
	h    *logreg.History
}{
	{"NaN", evilHistory(0.69, math.NaN(), 0.5, math.NaN())},
	{"all NaN", evilHistory(math.NaN(), math.NaN(), math.NaN())},
	{"±Inf", evilHistory(0.69, math.Inf(1), 0.5, math.Inf(-1))},
	{"1.6e308 after epoch 0", evilHistory(0.69, 5, 1.6e308)},
	{"±1e308", evilHistory(1, 1e308, -1e308, 0.5)},
	{"±MaxFloat64", evilHistory(0, math.MaxFloat64, -math.MaxFloat64, 1)},
	{"-1e308 then small", evilHistory(0.7, -1e308, 0.3, 0.2)},
	{"subnormal", evilHistory(1, 0, 5e-324, 1e-320)},
	{"all equal", evilHistory(0.3, 0.3, 0.3)},
	{"negative and zero", evilHistory(-1, 0, -0.5, 2)},
	{"zero epochs", &logreg.History{Loop: "numpy"}},
	{"nil", nil},
	{"epoch 0 only", evilHistory(0.69)},
	{"negative epochs", &logreg.History{Loop: "numpy", Epochs: []logreg.Record{{Epoch: -2, Loss: 0.5}, {Epoch: -1, Loss: 0.4}, {Epoch: 1, Loss: 0.3}}}},
	{"epoch 1 only", &logreg.History{Loop: "torch", Epochs: []logreg.Record{{Epoch: 1, Loss: 0.4, TrainError: 0.2}}}},
}

// builders are every public way to a chart, given a History.
var builders = []struct {
	name  string
	build func(h *logreg.History) []chart.Chart
}{
	{"TwoPanel", func(h *logreg.History) []chart.Chart {
		l, e := chart.TwoPanel(h)
		return []chart.Chart{l, e}
	}},
	{"TwoPanel three errors", func(h *logreg.History) []chart.Chart {
		l, e := chart.TwoPanel(h, chart.AsWrittenError, chart.TrainError, chart.TestError)
		return []chart.Chart{l, e}
	}},
	{"Overlay", func(h *logreg.History) []chart.Chart {
		return []chart.Chart{chart.Overlay("t", "y", chart.Loss.Series("a", h), chart.Milliseconds.Series("b", h))}
	}},
	{"Plot log, from zero, right log axis", func(h *logreg.History) []chart.Chart {
		return []chart.Chart{
			chart.Plot{Title: "log", Y: chart.Axis{Name: "F − F*", Log: true},
				Series: []chart.Series{chart.Gap(0.25).Series("", h), chart.Objective.Series("", h)}}.Chart(),
			chart.Plot{Title: "zero", Y: chart.Axis{Name: "e", FromZero: true},
				Series: []chart.Series{chart.TestError.Series("", h), chart.RunningAccuracy.Series("", h)}}.Chart(),
			chart.Plot{Title: "two axes", Y: chart.Axis{Name: "loss"}, Series: []chart.Series{chart.Loss.Series("", h)},
				Right: chart.Axis{Name: "F − F*", Log: true}, RightSeries: []chart.Series{chart.Gap(-1).Series("", h)}}.Chart(),
		}
	}},
	{"Progress", func(h *logreg.History) []chart.Chart {
		p := chart.NewProgress("p", 3, chart.Loss, chart.Seconds)
		if h != nil {
			for _, r := range h.Epochs {
				p.OnEpoch(r)
			}
		}
		return p.Charts()
	}},
}

// TestBuildersDrawAnything feeds every builder runs of NaN, ±Inf, huge and
// tiny values, none or one epoch, and checks that each chart's script
// carries an option echarts can draw (checkDrawable).
func TestBuildersDrawAnything(t *testing.T) {
	for _, b := range builders {
		for _, tc := range evilHistories {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				cs := b.build(tc.h)
				for _, c := range cs {
					checkDrawable(t, string(chart.Snippet(c)))
				}
			})
		}
	}
}

// TestSeriesXDrawAnything is the same for the x of a Series, which an
// Overlay takes from its caller.
func TestSeriesXDrawAnything(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    []float64
	}{
		{"NaN", []float64{0, math.NaN(), 2}},
		{"±Inf", []float64{math.Inf(-1), 1, math.Inf(1)}},
		{"±1e308", []float64{-1e308, 1, 1e308}},
		{"±MaxFloat64", []float64{-math.MaxFloat64, 0, math.MaxFloat64}},
		{"subnormal", []float64{0, 5e-324, 1e-320}},
		{"all equal", []float64{1, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, y := range []chart.Axis{{Name: "y"}, {Name: "y", Log: true}, {Name: "y", FromZero: true}} {
				s := chart.Series{Name: "a", X: tc.x, Y: []float64{0.7, 0.3, 0.2}}
				checkDrawable(t, string(chart.Snippet(chart.Plot{Title: "t", Y: y, Series: []chart.Series{s}}.Chart())))
			}
		})
	}
}

// TestXGap: a point whose x is not a number echarts can place is a gap.
func TestXGap(t *testing.T) {
	o := optionOf(t, chart.Overlay("t", "y",
		chart.Series{Name: "a", X: []float64{0, math.NaN(), 2, math.Inf(1)}, Y: []float64{1, 2, 3, 4}}))
	got := fmt.Sprint(o.Series[0].Data)
	if want := "[{[0 1]} {[- 2]} {[2 3]} {[- 4]}]"; got != want {
		t.Errorf("points %s, want %s", got, want)
	}
}

var scriptOption = regexp.MustCompile(`var id = "[^"]*", option = `)

// checkDrawable fails t unless every chart script of a Snippet carries a
// JSON object with series, free of NaN and Infinity, whose numbers echarts
// can place: zoom windows within 0–100 %, points that are numbers or "-",
// > 0 on a log axis, and on every axis a span that stays finite when echarts
// rounds its ends outwards.
func checkDrawable(t *testing.T, snippet string) {
	t.Helper()
	locs := scriptOption.FindAllStringIndex(snippet, -1)
	if len(locs) == 0 {
		t.Fatalf("no chart script:\n%s", snippet)
	}
	for _, loc := range locs {
		var o map[string]any
		dec := json.NewDecoder(strings.NewReader(snippet[loc[1]:]))
		if err := dec.Decode(&o); err != nil {
			t.Fatalf("option is not JSON: %v\n%.300s", err, snippet[loc[1]:])
		}
		raw := snippet[loc[1] : loc[1]+int(dec.InputOffset())]
		for _, bad := range []string{"NaN", "Infinity"} {
			if strings.Contains(raw, bad) {
				t.Errorf("option holds %s: %s", bad, raw)
			}
		}
		if _, ok := o["series"].([]any); !ok {
			t.Errorf("option has no series: %s", raw)
		}
		checkZoom(t, o)
		checkAxes(t, o)
	}
}

// checkZoom checks the sliders' windows: 0 ≤ start < end ≤ 100.
func checkZoom(t *testing.T, o map[string]any) {
	t.Helper()
	zs, _ := o["dataZoom"].([]any)
	for _, z := range zs {
		m := z.(map[string]any)
		start, end := 0.0, 100.0
		if v, ok := m["start"]; ok {
			start = v.(float64)
		}
		if v, ok := m["end"]; ok {
			end = v.(float64)
		}
		if !(0 <= start && start < end && end <= 100) {
			t.Errorf("zoom window %v–%v %%", start, end)
		}
	}
}

// checkAxes checks every point against its axes.
func checkAxes(t *testing.T, o map[string]any) {
	t.Helper()
	ys, _ := o["yAxis"].([]any)
	x := extentOf{lo: math.Inf(1), hi: math.Inf(-1)}
	y := make([]extentOf, len(ys))
	for i := range y {
		y[i] = x
	}
	for _, s := range o["series"].([]any) {
		m := s.(map[string]any)
		axis := 0
		if v, ok := m["yAxisIndex"]; ok {
			axis = int(v.(float64))
		}
		log := ys[axis].(map[string]any)["type"] == "log"
		data, _ := m["data"].([]any)
		for _, d := range data {
			p := d.(map[string]any)["value"].([]any)
			if len(p) != 2 {
				t.Fatalf("point %v is not (x, y)", p)
			}
			if v, ok := number(t, p[0]); ok {
				x.add(v)
			}
			if v, ok := number(t, p[1]); ok {
				if log && v <= 0 {
					t.Errorf("%v on a log axis", v)
				}
				y[axis].add(v)
			}
		}
	}
	for i, e := range append(y, x) {
		if e.lo <= e.hi && (math.IsInf(10*(e.hi-e.lo), 0) || math.IsInf(10*max(-e.lo, e.hi), 0)) {
			t.Errorf("axis %d spans %v…%v: rounded outwards it overflows", i, e.lo, e.hi)
		}
	}
}

// number returns a coordinate; "-" (a gap) is not one, anything else fails t.
func number(t *testing.T, v any) (float64, bool) {
	t.Helper()
	switch v := v.(type) {
	case float64:
		return v, true
	case string:
		if v != "-" {
			t.Errorf("coordinate %q", v)
		}
		return 0, false
	}
	t.Errorf("coordinate %v (%T)", v, v)
	return 0, false
}

type extentOf struct{ lo, hi float64 }

func (e *extentOf) add(v float64) { e.lo, e.hi = math.Min(e.lo, v), math.Max(e.hi, v) }
