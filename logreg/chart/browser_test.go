package chart_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/logreg/chart/chartcheck"
)

// need skips the test when a tool is missing, unless $CI is set: in CI
// every tool must be there.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s missing in CI: %v", what, err)
	}
	t.Skipf("%s missing: %v", what, err)
}

func needChromium(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath(chartcheck.Chromium)
	need(t, "chromium", err)
}

func needJS(t *testing.T) string {
	t.Helper()
	dir, err := chart.JSDir()
	need(t, "npm packages (npm ci in logreg/chart/js)", err)
	return dir
}

// testHistory is a made-up run of the NumPy program's shape: epoch 0..n.
func testHistory(loop string, n int) *logreg.History {
	h := &logreg.History{Loop: loop}
	for e := 0; e <= n; e++ {
		f := float64(e)
		h.Epochs = append(h.Epochs, logreg.Record{
			Epoch: e, Loss: 0.7 - 0.3*f/float64(n), AsWrittenError: 0.34 - 0.01*f/float64(n),
			TrainError: 0.24 - 0.09*f/float64(n), TestError: 0.25 - 0.09*f/float64(n),
		})
	}
	return h
}

// snippets are the charts and table the browser tests put on a page, and
// the number of series each chart must show.
func snippets() ([]chart.HTML, []int) {
	h := testHistory("momentum", 10)
	loss, errs := chart.TwoPanel(h)
	loss2, errs2 := chart.TwoPanel(h, chart.AsWrittenError, chart.TrainError, chart.TestError)
	ov := chart.Overlay("As written against correct", "error",
		chart.AsWrittenError.Series("", h), chart.TrainError.Series("", h))
	return []chart.HTML{
		chart.Snippet(loss, errs),
		chart.Table([]string{"run", "test error"}, [][]string{{"<seed>", "0.1500"}}),
		chart.Snippet(loss2, errs2),
		chart.Snippet(ov),
	}, []int{1, 1, 1, 3, 2}
}

// checkPage checks the page in the browser: every chart drew with the given
// numbers of series, no errors, and no network request except to URLs
// containing one of allowed (nbconvert's MathJax, for instance, which the
// charts do not need).
func checkPage(t *testing.T, path string, series []int, allowed ...string) chartcheck.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r, err := chartcheck.Check(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Err(); err != nil {
		t.Error(err)
	}
	if len(r.Charts) != len(series) {
		t.Fatalf("%d chart elements, want %d: %+v", len(r.Charts), len(series), r.Charts)
	}
	for i, c := range r.Charts {
		if c.SeriesWithData != series[i] {
			t.Errorf("chart %d (%s %q): %d series with data, want %d", i, c.ID, c.Title, c.SeriesWithData, series[i])
		}
	}
next:
	for _, u := range r.Requests {
		for _, a := range allowed {
			if strings.Contains(strings.ToLower(u), a) {
				continue next
			}
		}
		t.Errorf("page tried the network: %s", u)
	}
	return r
}

func TestBrowserEmbedded(t *testing.T) {
	needChromium(t)
	jsDir := needJS(t)
	body, series := snippets()
	for _, tc := range []struct {
		name string
		opt  chart.ReportOptions
	}{
		{"requirejs", chart.ReportOptions{JSDir: jsDir}},
		{"norequirejs", chart.ReportOptions{JSDir: jsDir, NoRequireJS: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var page bytes.Buffer
			if err := chart.WritePage(&page, "test", tc.opt, body...); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "page.html")
			if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			r := checkPage(t, path, series)
			for _, c := range r.Charts {
				if c.Via != "global" {
					t.Errorf("%s found via %q, want the embedded global", c.ID, c.Via)
				}
			}
			if os.Getenv("SGDLAB_SCREENSHOT") != "" {
				if err := chartcheck.Screenshot(context.Background(), path,
					filepath.Join(os.Getenv("SGDLAB_SCREENSHOT"), tc.name+".png"), 1000); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestBrowserLoader checks the loader of Display's scripts on pages that do
// not embed echarts: with RequireJS it must require the library (which then
// leaves no global), without it inject one <script> for all charts.
func TestBrowserLoader(t *testing.T) {
	needChromium(t)
	jsDir := needJS(t)
	file, err := chart.EchartsFile(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	defer func(u string) { chart.EchartsURL = u }(chart.EchartsURL)
	chart.EchartsURL = "file://" + abs
	body, series := snippets()
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
			var page bytes.Buffer
			page.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + tc.head + "</head><body>\n")
			for _, b := range body {
				page.WriteString(string(b))
			}
			page.WriteString("</body></html>\n")
			path := filepath.Join(t.TempDir(), "page.html")
			if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			r := checkPage(t, path, series)
			for _, c := range r.Charts {
				if c.Via != tc.via {
					t.Errorf("%s found via %q, want %q", c.ID, c.Via, tc.via)
				}
			}
		})
	}
}

func chartcheckScreenshot(page, png string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return chartcheck.Screenshot(ctx, page, png, 1100)
}

// TestBrowserUnwrappedFails shows why LibraryScript wraps the bundle: inlined
// as is on a page with RequireJS, echarts calls the anonymous define,
// RequireJS rejects it, and no chart draws. The checker must see that.
func TestBrowserUnwrappedFails(t *testing.T) {
	needChromium(t)
	jsDir := needJS(t)
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
	defer func(u string) { chart.EchartsURL = u }(chart.EchartsURL)
	chart.EchartsURL = "file:///nonexistent/echarts.min.js"
	defer func(d time.Duration) { chartcheck.Timeout = d }(chartcheck.Timeout)
	chartcheck.Timeout = 3 * time.Second
	page := "<!DOCTYPE html>\n<html><head>" + string(req) + "<script>" + string(raw) + "</script></head><body>" +
		string(chart.Snippet(chart.Overlay("t", "y", chart.Series{Name: "a", X: []float64{0, 1}, Y: []float64{1, 2}}))) +
		"</body></html>\n"
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := chartcheck.Check(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	err = r.Err()
	if err == nil || !strings.Contains(err.Error(), "no echarts instance") || !strings.Contains(err.Error(), "anonymous define") {
		t.Errorf("Err() = %v, want no instance after a mismatched anonymous define", err)
	}
}
