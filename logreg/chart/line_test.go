package chart_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// option is the part of an echarts option the tests look at.
type option struct {
	Title struct {
		Text    string `json:"text"`
		Subtext string `json:"subtext"`
	} `json:"title"`
	DataZoom []struct {
		Type       string
		XAxisIndex *int    `json:"xAxisIndex"`
		YAxisIndex *int    `json:"yAxisIndex"`
		Start      float64 `json:"start"`
		End        float64 `json:"end"`
	} `json:"dataZoom"`
	Legend struct {
		Show bool `json:"show"`
	} `json:"legend"`
	XAxis []struct {
		Type, Name string
	} `json:"xAxis"`
	YAxis []struct {
		Type, Name, Position string
		Scale                bool
		Min                  any
	} `json:"yAxis"`
	Series []struct {
		Name, Type, Symbol string
		YAxisIndex         int `json:"yAxisIndex"`
		LineStyle          struct {
			Type string `json:"type"`
		} `json:"lineStyle"`
		Data []struct {
			Value []any `json:"value"`
		} `json:"data"`
	} `json:"series"`
}

// optionOf renders c as go-echarts does and decodes its option.
func optionOf(t *testing.T, c chart.Chart) option {
	t.Helper()
	s := c.RenderSnippet()
	var o option
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(s.Option), ";")), &o); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, s.Option)
	}
	return o
}

// points returns a series' (x, y) pairs; a gap ("-") is NaN.
func points(t *testing.T, o option, i int) (xs, ys []float64) {
	t.Helper()
	for _, d := range o.Series[i].Data {
		if len(d.Value) != 2 {
			t.Fatalf("point %v is not (x, y)", d.Value)
		}
		xs = append(xs, d.Value[0].(float64))
		if y, ok := d.Value[1].(float64); ok {
			ys = append(ys, y)
		} else {
			ys = append(ys, math.NaN())
		}
	}
	return xs, ys
}

func TestTwoPanel(t *testing.T) {
	momentum := testHistory("numpy", 10)
	torch := testHistory("torch", 3)
	torch.Epochs = torch.Epochs[1:] // PyTorch's loop has no epoch 0
	for i := range torch.Epochs {
		torch.Epochs[i].AsWrittenError = 0
	}
	for _, tc := range []struct {
		name      string
		h         *logreg.History
		errs      []chart.Field
		wantNames []string
		wantX     []float64
		wantY0    float64 // first point of the first error series
	}{
		{"momentum prints as written", momentum, nil, []string{"misclassified (as written)"},
			[]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.34},
		{"torch prints accuracy", torch, nil, []string{"train error"}, []float64{1, 2, 3}, torch.Epochs[0].TrainError},
		{"both", momentum, []chart.Field{chart.AsWrittenError, chart.TrainError},
			[]string{"misclassified (as written)", "train error"}, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.34},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loss, errs := chart.TwoPanel(tc.h, tc.errs...)
			lo, eo := optionOf(t, loss), optionOf(t, errs)
			if len(lo.Series) != 1 || lo.Series[0].Name != "loss" {
				t.Fatalf("loss panel series %+v", lo.Series)
			}
			xs, ys := points(t, lo, 0)
			if !equal(xs, tc.wantX) {
				t.Errorf("loss x = %v, want %v", xs, tc.wantX)
			}
			if ys[0] != tc.h.Epochs[0].Loss || ys[len(ys)-1] != tc.h.Epochs[len(ys)-1].Loss {
				t.Errorf("loss y = %v", ys)
			}
			if len(eo.Series) != len(tc.wantNames) {
				t.Fatalf("%d error series, want %d", len(eo.Series), len(tc.wantNames))
			}
			for i, n := range tc.wantNames {
				if eo.Series[i].Name != n || eo.Series[i].Type != "line" {
					t.Errorf("series %d = %q %q, want line %q", i, eo.Series[i].Type, eo.Series[i].Name, n)
				}
				if xs, _ := points(t, eo, i); !equal(xs, tc.wantX) {
					t.Errorf("series %d x = %v, want %v", i, xs, tc.wantX)
				}
			}
			if _, ys := points(t, eo, 0); ys[0] != tc.wantY0 {
				t.Errorf("first error point %v, want %v", ys[0], tc.wantY0)
			}
			if len(eo.XAxis) == 0 || eo.XAxis[0].Type != "value" || eo.XAxis[0].Name != "epoch" {
				t.Errorf("x axis %+v, want a value axis named epoch", eo.XAxis)
			}
			if len(eo.YAxis) == 0 || eo.YAxis[0].Name != "misclassified" || eo.YAxis[0].Scale {
				t.Errorf("error y axis %+v, want misclassified from 0", eo.YAxis)
			}
			if lo.Title.Subtext != chart.Describe(tc.h) || eo.Title.Subtext != chart.Describe(tc.h) {
				t.Errorf("subtitles %q, %q, want %q", lo.Title.Subtext, eo.Title.Subtext, chart.Describe(tc.h))
			}
			if !strings.HasPrefix(lo.Title.Text, "Loss across epochs") ||
				!strings.HasPrefix(eo.Title.Text, "Misclassification across epochs") {
				t.Errorf("titles %q, %q", lo.Title.Text, eo.Title.Text)
			}
		})
	}
}

func TestOverlay(t *testing.T) {
	c := chart.Overlay("Test error", "error",
		chart.Series{Name: "a", X: []float64{1, 2, 3}, Y: []float64{0.3, math.NaN(), 0.1}},
		chart.Series{Name: "b", X: []float64{0, 1}, Y: []float64{0.5, math.Inf(1)}},
		chart.TestError.Series("torch", testHistory("torch", 4)),
	)
	o := optionOf(t, c)
	if o.Title.Text != "Test error" || o.YAxis[0].Name != "error" {
		t.Errorf("title %q, y axis %q", o.Title.Text, o.YAxis[0].Name)
	}
	names := []string{}
	for _, s := range o.Series {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "a,b,torch" {
		t.Errorf("series %v", names)
	}
	if !o.Legend.Show {
		t.Error("no legend")
	}
	xs, ys := points(t, o, 0)
	if !equal(xs, []float64{1, 2, 3}) || ys[0] != 0.3 || !math.IsNaN(ys[1]) || ys[2] != 0.1 {
		t.Errorf("series a = %v %v, want a gap at x=2", xs, ys)
	}
	if _, ys := points(t, o, 1); !math.IsNaN(ys[1]) {
		t.Errorf("series b = %v, want a gap for +Inf", ys)
	}
	if xs, _ := points(t, o, 2); len(xs) != 5 {
		t.Errorf("torch series has %d points, want 5", len(xs))
	}
	// Each line has its own marker and dash.
	seen := map[string]bool{}
	for _, s := range o.Series {
		key := s.Symbol + "/" + s.LineStyle.Type
		if s.Symbol == "" || s.LineStyle.Type == "" || seen[key] {
			t.Errorf("series %q: marker %q dash %q, not distinct", s.Name, s.Symbol, s.LineStyle.Type)
		}
		seen[key] = true
	}
}

// TestOverlayDistinctNames: lines of one name get legend entries of their
// own, since echarts would tie them to one entry that hides both; the
// caller's series keep their names.
func TestOverlayDistinctNames(t *testing.T) {
	xy := []float64{1, 2}
	in := []chart.Series{{Name: "a", X: xy, Y: xy}, {Name: "a", X: xy, Y: xy}, {Name: "a (2)", X: xy, Y: xy}, {Name: "b", X: xy, Y: xy}}
	right := []chart.Series{{Name: "a", X: xy, Y: xy}}
	o := optionOf(t, chart.Plot{Series: in, RightSeries: right}.Chart())
	var names []string
	for _, s := range o.Series {
		names = append(names, s.Name)
	}
	if got, want := strings.Join(names, ","), "a,a (2),a (2) (2),b,a (3)"; got != want {
		t.Errorf("series %s, want %s", got, want)
	}
	if in[1].Name != "a" || right[0].Name != "a" {
		t.Errorf("the caller's series were renamed: %q, %q", in[1].Name, right[0].Name)
	}
}

// TestPlotNothingToDraw: a chart none of whose points can be placed says
// so under its title, rather than draw empty axes without a word; one with
// a point keeps its subtitle.
func TestPlotNothingToDraw(t *testing.T) {
	const note = "nothing to draw"
	for _, tc := range []struct {
		name string
		p    chart.Plot
		says bool
	}{
		{"no series", chart.Plot{Subtitle: "run"}, true},
		{"all NaN", chart.Plot{Series: []chart.Series{{Name: "a", X: []float64{1}, Y: []float64{math.NaN()}}}}, true},
		{"0 on a log axis (no objective recorded)", chart.Plot{Y: chart.Axis{Log: true},
			Series: []chart.Series{{Name: "F − F*", X: []float64{1, 2}, Y: []float64{0, -0.3}}}}, true},
		{"a point on the right axis", chart.Plot{Y: chart.Axis{Log: true},
			Series:      []chart.Series{{Name: "a", X: []float64{1}, Y: []float64{0}}},
			RightSeries: []chart.Series{{Name: "b", X: []float64{1}, Y: []float64{0}}}}, false},
		{"one point", chart.Plot{Subtitle: "run", Series: []chart.Series{{Name: "a", X: []float64{1, 2}, Y: []float64{math.NaN(), 0.2}}}}, false},
	} {
		sub := optionOf(t, tc.p.Chart()).Title.Subtext
		if strings.Contains(sub, note) != tc.says || !strings.HasPrefix(sub, tc.p.Subtitle) {
			t.Errorf("%s: subtitle %q", tc.name, sub)
		}
	}
}

func TestOverlayPanicsOnRaggedSeries(t *testing.T) {
	for _, p := range []chart.Plot{
		{Series: []chart.Series{{Name: "a", X: []float64{1, 2}, Y: []float64{1}}}},
		// X shorter than Y, with epoch 0 first: the y window looks at them
		// before any line is drawn.
		{Series: []chart.Series{{Name: "a", X: []float64{0}, Y: []float64{1, 2}}}},
		{RightSeries: []chart.Series{{Name: "a", X: []float64{0}, Y: []float64{1, 2}}}},
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "chart:") {
					t.Errorf("%+v: recovered %v, want a chart: panic", p.Series, r)
				}
			}()
			p.Chart()
		}()
	}
}

func TestFieldSeries(t *testing.T) {
	h := testHistory("numpy", 2)
	for _, tc := range []struct {
		f    chart.Field
		name string
		want []float64
	}{
		{chart.Loss, "loss", []float64{0.7, 0.55, 0.4}},
		{chart.AsWrittenError, "misclassified (as written)", []float64{0.34, 0.335, 0.33}},
		{chart.TrainError, "train error", []float64{0.24, 0.195, 0.15}},
		{chart.TestError, "test error", []float64{0.25, 0.205, 0.16}},
	} {
		s := tc.f.Series("", h)
		if s.Name != tc.name || !equal(s.X, []float64{0, 1, 2}) || !near(s.Y, tc.want) {
			t.Errorf("%s: %+v, want Y %v", tc.name, s, tc.want)
		}
		if s := tc.f.Series("run", h); s.Name != "run" {
			t.Errorf("named series %q", s.Name)
		}
	}
	if s := chart.Loss.Series("", nil); len(s.X) != 0 || len(s.Y) != 0 {
		t.Errorf("nil history gave %+v", s)
	}
	if f := chart.Printed(&logreg.History{Loop: "torch", Epochs: []logreg.Record{{Epoch: 1}}}); f.Name != "train error" {
		t.Errorf("Printed(torch) = %q", f.Name)
	}
	if f := chart.Printed(&logreg.History{Loop: "numpy"}); f.Name != "misclassified (as written)" {
		t.Errorf("Printed(momentum) = %q", f.Name)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12 {
			return false
		}
	}
	return true
}

// yWindow returns the y slider's window, ok false without a y slider.
func yWindow(o option) (start, end float64, ok bool) {
	for _, z := range o.DataZoom {
		if z.YAxisIndex != nil && *z.YAxisIndex == 0 {
			return z.Start, z.End, true
		}
	}
	return 0, 0, false
}

// testHistory is a made-up run of the loop's shape: epochs 0..n.
func testHistory(loop string, n int) *logreg.History {
	h := &logreg.History{Loop: loop}
	for e := 0; e <= n; e++ {
		f := float64(e) / float64(n)
		h.Epochs = append(h.Epochs, logreg.Record{
			Epoch: e, Loss: 0.7 - 0.3*f, AsWrittenError: 0.34 - 0.01*f,
			TrainError: 0.24 - 0.09*f, TestError: 0.25 - 0.09*f,
		})
	}
	return h
}
