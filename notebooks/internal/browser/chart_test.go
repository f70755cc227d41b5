package browser_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
