package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/sgdlab/sgdlab/logreg"
)

// Sizes of the charts the builders make, in CSS pixels: a panel of TwoPanel
// is half the width of a notebook output, an overlay the whole of it.
const (
	panelWidth    = "460px"
	panelHeight   = "360px"
	overlayWidth  = "860px"
	overlayHeight = "420px"
)

// Overlay returns a line chart of the series on one value axis of epochs,
// each a named line with a legend entry:
//
//	x axis "epoch", y axis yName, one line per series, points at (X[i], Y[i])
//
// Non-finite Y values are left as gaps. Overlay panics if a series has
// len(X) != len(Y).
func Overlay(title, yName string, series ...Series) *charts.Line {
	return newLine(title, yName, overlayWidth, overlayHeight, true, series)
}

// TwoPanel returns the seed's figure as two charts meant to be displayed side
// by side (Display(TwoPanel(h))): the loss per epoch, and the
// misclassification per epoch over the epochs h recorded (0..N for the NumPy
// program, whose epoch 0 is its pass before training). errs chooses the error
// lines; none means Printed(h), the one the loop printed. Pass
// AsWrittenError, TrainError, TestError together to show them on one panel.
func TwoPanel(h *logreg.History, errs ...Field) (loss, misclassified *charts.Line) {
	if len(errs) == 0 {
		errs = []Field{Printed(h)}
	}
	name := ""
	if h != nil {
		name = h.Loop
	}
	loss = newLine(title("Loss across epochs", name), "loss", panelWidth, panelHeight, true,
		[]Series{Loss.Series("", h)})
	es := make([]Series, len(errs))
	for i, f := range errs {
		es[i] = f.Series("", h)
	}
	misclassified = newLine(title("Misclassification across epochs", name), "misclassified",
		panelWidth, panelHeight, false, es)
	return loss, misclassified
}

// YFromZero makes c's first y axis start at 0 instead of near the data, for
// error rates whose distance from 0 is the point; it returns c.
func YFromZero(c *charts.Line) *charts.Line {
	c.YAxisList[0].Scale = opts.Bool(false)
	c.YAxisList[0].Min = 0
	return c
}

// title appends the loop's name, when known, to a panel title.
func title(t, loop string) string {
	if loop == "" {
		return t
	}
	return t + " (" + loop + ")"
}

// newLine builds a line chart with a value x axis named "epoch"; scale lets
// the y axis leave out 0 (losses), otherwise it starts at 0 (error rates,
// whose distance from 0 is the point).
func newLine(title, yName, width, height string, scale bool, series []Series) *charts.Line {
	c := charts.NewLine()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{Width: width, Height: height}),
		charts.WithTitleOpts(opts.Title{Title: title, Left: "center"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "28", Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Top: "70", Left: "70", Right: "30", Bottom: "50"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "epoch", NameLocation: "middle",
			NameGap: 28, MinInterval: 1, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: yName, Scale: opts.Bool(scale)}),
	)
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			panic("chart: series X and Y differ in length")
		}
		data := make([]opts.LineData, len(s.Y))
		for i, y := range s.Y {
			data[i] = opts.LineData{Value: []any{s.X[i], finite(y)}}
		}
		c.AddSeries(s.Name, data, charts.WithLineChartOpts(opts.LineChart{
			Symbol: "circle", SymbolSize: 6, ShowSymbol: opts.Bool(true)}))
	}
	return c
}

// finite returns y, or echarts' "-" (no value) for NaN and ±Inf, which JSON
// cannot carry.
func finite(y float64) any {
	if math.IsNaN(y) || math.IsInf(y, 0) {
		return "-"
	}
	return y
}
