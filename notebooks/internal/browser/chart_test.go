package browser_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/browser"
	"github.com/sgdlab/sgdlab/notebooks/internal/testkit"
)

// TestEmbedded checks chart.WritePage's pages: echarts embedded, with and
// without RequireJS, every chart drawn through the global it sets.
func TestEmbedded(t *testing.T) {
	jsDir := testkit.JSDir(t)
	body, _ := testkit.Snippets()
	for _, tc := range []struct {
		name string
		opt  chart.ReportOptions
	}{
		{"requirejs", chart.ReportOptions{JSDir: jsDir}},
		{"norequirejs", chart.ReportOptions{JSDir: jsDir, NoRequireJS: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := chart.WritePage(&b, "test", tc.opt, body...); err != nil {
				t.Fatal(err)
			}
			tab := start(t)
			testkit.CheckSample(t, open(t, tab, testkit.WriteFile(t, "page.html", b.Bytes()), browser.Wait{}), "global")
			if d := os.Getenv("SGDLAB_SCREENSHOT"); d != "" {
				if err := tab.Screenshot(filepath.Join(d, tc.name+".png")); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestLoader checks the loader of Display's scripts on pages that do not
// embed echarts: with RequireJS (classic Notebook) it must require the
// library, which then leaves no global; without it (JupyterLab) inject one
// <script> for all charts.
func TestLoader(t *testing.T) {
	jsDir := testkit.JSDir(t)
	file, err := chart.EchartsFile(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(chart.EnvEchartsURL, "file://"+abs)
	body, _ := testkit.Snippets()
	req, err := chart.RequireJSScript(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, head, via string
	}{
		{"requirejs", string(req), "amd"},
		{"inject", "", "global"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + tc.head + "</head><body>\n")
			for _, f := range body {
				b.WriteString(string(f))
			}
			b.WriteString("</body></html>\n")
			testkit.CheckSample(t, open(t, start(t), testkit.WriteFile(t, "page.html", []byte(b.String())), browser.Wait{}), tc.via)
		})
	}
}

// TestUnwrappedFails shows why chart.LibraryScript wraps the bundle: inlined
// as is on a page with RequireJS, echarts calls the anonymous define,
// RequireJS rejects it, and no chart draws. The checker must see that.
func TestUnwrappedFails(t *testing.T) {
	jsDir := testkit.JSDir(t)
	req, err := chart.RequireJSScript(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	file, err := chart.EchartsFile(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(chart.EnvEchartsURL, "file:///nonexistent/echarts.min.js")
	html := "<!DOCTYPE html>\n<html><head>" + string(req) + "<script>" + string(raw) + "</script></head><body>" +
		string(chart.Snippet(chart.Overlay("t", "y", chart.Series{Name: "a", X: []float64{0, 1}, Y: []float64{1, 2}}))) +
		"</body></html>\n"
	r := open(t, start(t), testkit.WriteFile(t, "page.html", []byte(html)), short)
	err = r.Err()
	if err == nil || !strings.Contains(err.Error(), "no echarts instance") || !strings.Contains(err.Error(), "anonymous define") {
		t.Errorf("Err() = %v, want no instance after a mismatched anonymous define", err)
	}
}

// TestFittedWindow checks in echarts what chart.Plot asks of it: the y axis
// shows the epochs from 1 on, differing by thousandths, not epoch 0's 0.76,
// and the y slider widens it to every point.
func TestFittedWindow(t *testing.T) {
	xs := []float64{0, 1, 2, 3}
	c := chart.Overlay("t", "test error",
		chart.Series{Name: "a", X: xs, Y: []float64{0.76, 0.152, 0.151, 0.150}},
		chart.Series{Name: "b", X: xs, Y: []float64{0.76, 0.150, 0.149, 0.148}})
	tab := start(t)
	r := open(t, tab, page(t, true, chart.Snippet(c)), browser.Wait{})
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	const extent = `(() => {
  const inst = echarts.getInstanceByDom(document.querySelector("[_echarts_instance_]"));
  return inst.getModel().getComponent("yAxis", 0).axis.scale.getExtent();
})()`
	ext, err := browser.Eval[[]float64](tab, extent)
	if err != nil {
		t.Fatal(err)
	}
	if len(ext) != 2 || ext[0] > 0.148 || ext[1] < 0.152 || ext[1]-ext[0] > 0.01 {
		t.Errorf("y axis shows %v, want about 0.148–0.152", ext)
	}
	// The y slider's full range reaches epoch 0.
	if _, err := browser.Eval[any](tab, `(() => {
  const inst = echarts.getInstanceByDom(document.querySelector("[_echarts_instance_]"));
  inst.dispatchAction({type: "dataZoom", dataZoomIndex: 1, start: 0, end: 100});
  return null;
})()`); err != nil {
		t.Fatal(err)
	}
	ext, err = browser.Eval[[]float64](tab, extent)
	if err != nil {
		t.Fatal(err)
	}
	if len(ext) != 2 || ext[1] < 0.76 {
		t.Errorf("y axis zoomed out shows %v, want it to reach 0.76", ext)
	}
}

// TestExtremeValues checks in echarts that charts of NaN, ±Inf, huge and
// tiny values draw (the run whose loss reached 1.6e308 among them), and that
// a chart whose options go-echarts cannot write says why in its place.
func TestExtremeValues(t *testing.T) {
	xs := []float64{0, 1, 2, 3, 4}
	line := func(title string, x, y []float64) chart.Chart {
		return chart.Overlay(title, "y", chart.Series{Name: "a", X: x, Y: y})
	}
	diverged := &logreg.History{Loop: "numpy", Epochs: []logreg.Record{{Epoch: 0, Loss: 0.69}, {Epoch: 1, Loss: 5}, {Epoch: 2, Loss: 1.6e308}}}
	loss, errs := chart.TwoPanel(diverged)
	drawn := chart.Snippet(loss, errs,
		line("±MaxFloat64", xs, []float64{math.MaxFloat64, -math.MaxFloat64, 0, 1, 2}),
		line("±1e308", xs, []float64{1e308, -1e308, 0, 1, 2}),
		line("±1e300", xs, []float64{1e300, -1e300, 0, 1, 2}),
		line("x not numbers", []float64{0, math.NaN(), 2, math.Inf(1), 1e308}, []float64{1, 2, 3, 4, 5}),
		line("subnormal", xs, []float64{1, 0, 5e-324, 1e-320, 0}),
		chart.Plot{Title: "log", Y: chart.Axis{Name: "y", Log: true},
			Series: []chart.Series{{Name: "a", X: xs, Y: []float64{1e308, 5e-324, 1, 0, -1}}}}.Chart())
	tab := start(t)
	r := open(t, tab, page(t, true, drawn), browser.Wait{})
	if err := r.Err(); err != nil {
		t.Error(err)
	}
	if len(r.Charts) != 8 {
		t.Errorf("%d charts, want 8", len(r.Charts))
	}
	// A chart can draw a point or two on an axis it could not span: with
	// every slider opened to the whole extent, each axis must be finite and
	// hold the values of its lines.
	bad, err := browser.Eval[[]string](tab, `(() => {
  const bad = [];
  document.querySelectorAll("[_echarts_instance_]").forEach(el => {
    const inst = echarts.getInstanceByDom(el), m = inst.getModel();
    (inst.getOption().dataZoom || []).forEach((_, i) => inst.dispatchAction({type: "dataZoom", dataZoomIndex: i, start: 0, end: 100}));
    m.eachSeries(s => {
      for (const dim of ["x", "y"]) {
        const axis = s.coordinateSystem.getAxis(dim), e = axis.scale.getExtent(), d = s.getData().getDataExtent(dim);
        if (!e.every(Number.isFinite) || (d[0] <= d[1] && (d[0] < e[0] || d[1] > e[1]))) {
          bad.push(m.getComponent("title").option.text + ": " + dim + " axis " + e + " for values " + d);
        }
      }
    });
  });
  return bad;
})()`)
	if err != nil || len(bad) > 0 {
		t.Errorf("axes echarts could not span: %v (%v)", bad, err)
	}

	nan := charts.NewLine()
	nan.SetGlobalOptions(charts.WithTitleOpts(opts.Title{Title: "nan"}))
	nan.AddSeries("a", []opts.LineData{{Value: []any{0, math.NaN()}}})
	tab = start(t)
	r = open(t, tab, page(t, true, chart.Snippet(nan, line("good", xs, xs))), short)
	err = r.Err()
	if want := `no echarts instance (chart: cannot draw the chart "nan": its options cannot be written as JSON: json: unsupported value: NaN)`; err == nil ||
		!strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "page error") {
		t.Errorf("Err() = %v, want only %s", err, want)
	}
	if len(r.Charts) != 2 || !r.Charts[1].Instance {
		t.Errorf("charts %+v, want the second drawn", r.Charts)
	}
	shown, err := browser.Eval[bool](tab, `(() => {
  const m = document.querySelector(".sgdlab-chart-error");
  return !!m && m.offsetHeight > 100 && m.offsetWidth > 100 && getComputedStyle(m).visibility === "visible";
})()`)
	if err != nil || !shown {
		t.Errorf("the message is not shown in the chart's place (%v)", err)
	}
}
