package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/sgdlab/sgdlab/logreg"
)

// Sizes of the charts the builders make, in CSS pixels: a panel of TwoPanel
// is half the width of a notebook output, an overlay the whole of it.
const (
	panelWidth    = "460px"
	panelHeight   = "380px"
	overlayWidth  = "860px"
	overlayHeight = "440px"
)

// Axis is a chart's y axis.
type Axis struct {
	// Name labels the axis.
	Name string
	// Log draws the axis on a base-10 log scale, for losses and objectives
	// that fall by orders of magnitude; values ≤ 0 (below 1e-300, in fact)
	// are left as gaps.
	Log bool
	// FromZero starts the axis at 0, for error rates whose distance from 0
	// is the point. Otherwise the axis leaves 0 out when the data do.
	FromZero bool
}

// Plot is one line chart over epochs: a title, a subtitle (the run's
// settings), a y axis and its lines, and optionally a second y axis on the
// right with lines of another unit or scale (F − F* on a log axis beside
// the loss, for example).
type Plot struct {
	Title, Subtitle string
	Y               Axis
	Series          []Series
	// Right and RightSeries are the second axis and its lines; none when
	// RightSeries is empty.
	Right       Axis
	RightSeries []Series
	// Width and Height are CSS sizes; "" means an overlay's 860×440 px.
	Width, Height string
}

// Chart builds the plot: a value x axis named "epoch", a legend, tooltips
// for every line at the pointed epoch, zoom sliders under the x axis and
// beside the left y axis, and a toolbox to zoom into a box and restore.
// Lines differ by colour, marker and dash, so lines that coincide stay
// visible. A value echarts cannot place is a gap: NaN, ±Inf, beyond ±1e300
// (see plottable), ≤ 0 on a log axis; so is a point whose x is one.
//
// Epoch 0, the NumPy program's pass before training, is drawn but does not
// set the initial y window of a linear axis: it sits far from the trained
// epochs (0.76 against 0.15) and would flatten their differences. The window
// is fitted to the epochs from 1 on, with a margin, and the y slider widens
// it to every point.
//
// A series whose name an earlier one has is drawn as "name (2)" and on, so
// that each line has a legend entry of its own; a chart with no point to
// place says "nothing to draw" under its title.
//
// Chart panics if a series has len(X) != len(Y).
func (p Plot) Chart() *charts.Line {
	all := append(append([]Series(nil), p.Series...), p.RightSeries...)
	for _, s := range all {
		if len(s.X) != len(s.Y) {
			panic("chart: series X and Y differ in length")
		}
	}
	w, h := p.Width, p.Height
	if w == "" {
		w = overlayWidth
	}
	if h == "" {
		h = overlayHeight
	}
	right := "60"
	if len(p.RightSeries) > 0 {
		right = "110"
	}
	named := distinctNames(all)
	p.Series, p.RightSeries = named[:len(p.Series)], named[len(p.Series):]
	subtitle := p.Subtitle
	if !drawable(p.Series, p.Y.Log) && !drawable(p.RightSeries, p.Right.Log) {
		subtitle = strings.TrimSpace(subtitle + "\nnothing to draw: no value is a finite number (above 0, on a log axis)")
	}
	c := charts.NewLine()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{Width: w, Height: h}),
		charts.WithTitleOpts(opts.Title{Title: p.Title, Subtitle: subtitle, Left: "center"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "48", Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "10", Top: "70", Feature: &opts.ToolBoxFeature{
			DataZoom: zoomTool(),
			Restore:  &opts.ToolBoxFeatureRestore{Show: opts.Bool(true), Title: "restore"},
		}}),
		charts.WithGridOpts(opts.Grid{Top: "100", Left: "70", Right: right, Bottom: "90"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "epoch", NameLocation: "middle",
			NameGap: 24, MinInterval: 1, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(yAxis(p.Y)),
		charts.WithDataZoomOpts(
			opts.DataZoom{Type: "slider", XAxisIndex: 0, FilterMode: "none", Orient: "horizontal"},
		),
	)
	if start, end, ok := window(p.Y, p.Series); ok {
		c.SetGlobalOptions(charts.WithDataZoomOpts(opts.DataZoom{Type: "slider", YAxisIndex: 0,
			FilterMode: "none", Orient: "vertical", Start: start, End: end}))
	}
	n := 0
	add := func(axis int, y Axis, series []Series) {
		for _, s := range series {
			addSeries(c, s, axis, y.Log, n)
			n++
		}
	}
	add(0, p.Y, p.Series)
	if len(p.RightSeries) > 0 {
		ya := yAxis(p.Right)
		ya.Position = "right"
		c.ExtendYAxis(ya)
		add(1, p.Right, p.RightSeries)
	}
	return c
}

// distinctNames returns the series with a name that an earlier one has
// numbered, "name (2)" and on: echarts ties a legend entry to a name, and
// two lines of one name would share an entry that hides both at once.
func distinctNames(series []Series) []Series {
	used := make(map[string]bool, len(series))
	for i, s := range series {
		name := s.Name
		for k := 2; used[name]; k++ {
			name = fmt.Sprintf("%s (%d)", s.Name, k)
		}
		used[name] = true
		series[i].Name = name
	}
	return series
}

// drawable reports whether any point of the series can be placed on an
// axis, a log axis if log.
func drawable(series []Series, log bool) bool {
	for _, s := range series {
		for i, y := range s.Y {
			if plottable(y, log) && plottable(s.X[i], false) {
				return true
			}
		}
	}
	return false
}

// Overlay returns a line chart of the series on one value axis of epochs,
// each a named line with a legend entry, as Plot.Chart draws it:
//
//	x axis "epoch", y axis yName, one line per series, points at (X[i], Y[i])
func Overlay(title, yName string, series ...Series) *charts.Line {
	return Plot{Title: title, Y: Axis{Name: yName}, Series: series}.Chart()
}

// TwoPanel returns the seed's figure as two charts meant to be displayed side
// by side (Display(TwoPanel(h))): the loss per epoch, and the
// misclassification per epoch (from 0) over the epochs h recorded (0..N for
// the NumPy program, whose epoch 0 is its pass before training), each
// subtitled with the run's settings (Describe). errs chooses the error lines;
// none means Printed(h), the one the loop printed. Pass AsWrittenError,
// TrainError, TestError together to show them on one panel.
func TwoPanel(h *logreg.History, errs ...Field) (loss, misclassified *charts.Line) {
	if len(errs) == 0 {
		errs = []Field{Printed(h)}
	}
	es := make([]Series, len(errs))
	for i, f := range errs {
		es[i] = f.Series("", h)
	}
	sub := Describe(h)
	loss = Plot{Title: "Loss across epochs", Subtitle: sub, Y: Axis{Name: "loss"},
		Series: []Series{Loss.Series("", h)}, Width: panelWidth, Height: panelHeight}.Chart()
	misclassified = Plot{Title: "Misclassification across epochs", Subtitle: sub,
		Y: Axis{Name: "misclassified", FromZero: true}, Series: es, Width: panelWidth, Height: panelHeight}.Chart()
	return loss, misclassified
}

// yAxis is the go-echarts axis of y.
func yAxis(y Axis) opts.YAxis {
	a := opts.YAxis{Type: "value", Name: y.Name, Scale: opts.Bool(!y.FromZero)}
	switch {
	case y.Log:
		a.Type = "log"
		a.Scale = opts.Bool(true)
	case y.FromZero:
		a.Min = 0
	}
	return a
}

// zoomTool is the toolbox's box zoom with echarts' own icons, which
// go-echarts would otherwise send as null, so that echarts drew none.
func zoomTool() *opts.ToolBoxFeatureDataZoom {
	return &opts.ToolBoxFeatureDataZoom{Show: opts.Bool(true),
		Icon: map[string]string{
			"zoom": "path://M0,13.5h26.9 M13.5,26.9V0 M32.1,13.5H58V58H13.5 V32.1",
			"back": "path://M22,1.4L9.9,13.5l12.3,12.3 M10.3,13.5H54.9v44.6 H10.3v-26",
		},
		Title: map[string]string{"zoom": "zoom into a box", "back": "zoom back"}}
}

// marker and dash are the n-th line's, in cycles of 8 and 3; colours
// follow echarts' palette. Where two lines coincide, the later one's dashes
// and marker show the earlier one beneath.
func marker(n int) string {
	return [...]string{"circle", "triangle", "rect", "diamond", "emptyCircle", "emptyTriangle", "emptyRect", "emptyDiamond"}[n%8]
}

func dash(n int) string { return [...]string{"solid", "dashed", "dotted"}[n%3] }

// addSeries adds s as the n-th line of c, on y axis number axis.
func addSeries(c *charts.Line, s Series, axis int, log bool, n int) {
	data := make([]opts.LineData, len(s.Y))
	for i, y := range s.Y {
		data[i] = opts.LineData{Value: []any{value(s.X[i], false), value(y, log)}}
	}
	c.AddSeries(s.Name, data,
		charts.WithLineChartOpts(opts.LineChart{YAxisIndex: axis, Symbol: marker(n),
			SymbolSize: 7, ShowSymbol: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: dash(n), Width: 2}))
}

// window returns the y slider's initial window, in percent of the data's
// extent, that fits the points from epoch 1 on with a margin of a tenth of
// their span, rounded outwards; ok is false on a log axis, when no point
// lies before epoch 1, when the later points are all equal, or when the
// window would be the whole extent anyway or too thin for float32 percent.
// The extents hold only values within ±limit, so no span or margin
// overflows.
func window(y Axis, series []Series) (start, end float32, ok bool) {
	if y.Log {
		return 0, 0, false
	}
	all, fit, early := extents(y, series)
	if !early || !(fit.lo < fit.hi) {
		return 0, 0, false
	}
	margin := (fit.hi - fit.lo) / 10
	lo, hi := fit.lo-margin, fit.hi+margin
	if y.FromZero {
		lo = 0
	}
	lo, hi = roundOut(lo, hi)
	span := all.hi - all.lo
	start = down32(math.Max(0, (lo-all.lo)/span*100))
	end = up32(math.Min(100, (hi-all.lo)/span*100))
	// Written so that NaN, had anything slipped through, fails it too.
	if !(0 <= start && start < end && end <= 100) || (start == 0 && end == 100) {
		return 0, 0, false
	}
	return start, end, true
}

// extents returns the range of the points addSeries draws on the linear
// axis y, and of those from epoch 1 on; early says that some lie before
// epoch 1. On a FromZero axis both ranges hold 0.
func extents(y Axis, series []Series) (all, fit extent, early bool) {
	all = extent{math.Inf(1), math.Inf(-1)}
	fit = all
	for _, s := range series {
		for i, v := range s.Y {
			if !plottable(v, false) || !plottable(s.X[i], false) {
				continue
			}
			all.add(v)
			if s.X[i] >= 1 {
				fit.add(v)
			} else {
				early = true
			}
		}
	}
	if y.FromZero {
		all.add(0)
		fit.add(0)
	}
	return all, fit, early
}

// roundOut widens lo..hi outwards to a tenth of its span's decade, so that
// the window ends on a short number (0.163, not 0.16277). A span so thin
// that the step underflows (subnormal values) is left as it is.
func roundOut(lo, hi float64) (float64, float64) {
	step := math.Pow(10, math.Floor(math.Log10(hi-lo))-1)
	if !(step > 0) || math.IsInf(step, 0) {
		return lo, hi
	}
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step
}

// down32 returns the largest float32 whose JSON form, the shortest decimal
// that reads back as it, is at most x, and up32 the smallest whose form is
// at least x: the window's percentages rounded outwards as the browser
// reads them, so that rounding leaves no fitted point outside.
func down32(x float64) float32 {
	f := float32(x)
	for json32(f) > x {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up32(x float64) float32 {
	f := float32(x)
	for json32(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// json32 returns the float64 the JSON form of f reads as.
func json32(f float32) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(f), 'g', -1, 32), 64)
	return v
}

// extent is the range of the values added to it.
type extent struct{ lo, hi float64 }

func (e *extent) add(v float64) { e.lo, e.hi = math.Min(e.lo, v), math.Max(e.hi, v) }
