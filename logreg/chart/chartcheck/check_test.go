package chartcheck_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/logreg/chart/chartcheck"
)

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

// page writes an HTML page; withLib embeds echarts (no RequireJS).
func page(t *testing.T, withLib bool, body ...chart.HTML) string {
	t.Helper()
	var b bytes.Buffer
	if withLib {
		jsDir, err := chart.JSDir()
		need(t, "npm packages (npm ci in logreg/chart/js)", err)
		if err := chart.WritePage(&b, "t", chart.ReportOptions{JSDir: jsDir, NoRequireJS: true}, body...); err != nil {
			t.Fatal(err)
		}
	} else {
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>")
		for _, f := range body {
			b.WriteString(string(f))
		}
		b.WriteString("</body></html>")
	}
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func line(name string, ys ...float64) chart.Series {
	s := chart.Series{Name: name, Y: ys}
	for i := range ys {
		s.X = append(s.X, float64(i))
	}
	return s
}

func TestCheck(t *testing.T) {
	_, err := exec.LookPath(chartcheck.Chromium)
	need(t, "chromium", err)
	defer func(u string) { chart.EchartsURL = u }(chart.EchartsURL)
	chart.EchartsURL = "file:///nonexistent/echarts.min.js"
	// The page whose library is missing would otherwise wait all of Timeout.
	defer func(d time.Duration) { chartcheck.Timeout = d }(chartcheck.Timeout)
	chartcheck.Timeout = 4 * time.Second
	for _, tc := range []struct {
		name    string
		withLib bool
		body    []chart.HTML
		// want: chart count, then per chart instance and series with data;
		// the substrings Err must contain ("" for no error), and of Requests.
		charts   int
		instance []bool
		data     []int
		errHas   []string
		request  string
	}{
		{name: "good", withLib: true,
			body:   []chart.HTML{chart.Snippet(chart.Overlay("t", "y", line("a", 1, 2, 3), line("b", 3, 2, 1)))},
			charts: 1, instance: []bool{true}, data: []int{2}},
		{name: "library missing", withLib: false,
			body:   []chart.HTML{chart.Snippet(chart.Overlay("t", "y", line("a", 1, 2)))},
			charts: 1, instance: []bool{false}, data: []int{0},
			errHas: []string{"no echarts instance", "cannot load echarts"}},
		{name: "no series", withLib: true,
			body:   []chart.HTML{chart.Snippet(chart.Overlay("t", "y"))},
			charts: 1, instance: []bool{true}, data: []int{0}, errHas: []string{"0 of 0 series"}},
		{name: "empty series", withLib: true,
			body:   []chart.HTML{chart.Snippet(chart.Overlay("t", "y", line("a", 1), line("empty")))},
			charts: 1, instance: []bool{true}, data: []int{1}, errHas: []string{"1 of 2 series"}},
		{name: "no charts", withLib: true, body: []chart.HTML{chart.Table([]string{"a"}, nil)},
			errHas: []string{"no chart elements"}},
		{name: "exception and request", withLib: true,
			body: []chart.HTML{
				chart.Snippet(chart.Overlay("t", "y", line("a", 1, 2))),
				`<img src="http://example.com/x.png"><script>null.boom();</script>`,
			},
			charts: 1, instance: []bool{true}, data: []int{1}, errHas: []string{"page error", "TypeError"},
			request: "http://example.com/x.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			r, err := chartcheck.Check(ctx, page(t, tc.withLib, tc.body...))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Charts) != tc.charts {
				t.Fatalf("%d charts, want %d: %+v", len(r.Charts), tc.charts, r)
			}
			for i, c := range r.Charts {
				if c.Instance != tc.instance[i] || c.SeriesWithData != tc.data[i] {
					t.Errorf("chart %d: %+v, want instance %v, %d series with data", i, c, tc.instance[i], tc.data[i])
				}
				if c.Instance && c.SeriesWithData > 0 && (c.Ink == 0 || c.ColorInk == 0) {
					t.Errorf("chart %d drew but its canvas reads blank: %+v", i, c)
				}
				if c.Instance && c.Title != "t" {
					t.Errorf("chart %d title %q", i, c.Title)
				}
			}
			err = r.Err()
			if len(tc.errHas) == 0 && err != nil {
				t.Errorf("Err() = %v", err)
			}
			if len(tc.errHas) > 0 && err == nil {
				t.Errorf("Err() = nil, want %q", tc.errHas)
			}
			for _, s := range tc.errHas {
				if err != nil && !strings.Contains(err.Error(), s) {
					t.Errorf("Err() = %v, want it to mention %q", err, s)
				}
			}
			found := tc.request == ""
			for _, u := range r.Requests {
				found = found || u == tc.request
			}
			if !found {
				t.Errorf("requests %v, want %s among them", r.Requests, tc.request)
			}
			if tc.request == "" && len(r.Requests) > 0 {
				t.Errorf("unexpected requests %v", r.Requests)
			}
		})
	}
}

func TestCheckMissingPage(t *testing.T) {
	if _, err := chartcheck.Check(context.Background(), filepath.Join(t.TempDir(), "none.html")); err == nil {
		t.Error("no error for a missing page")
	}
}

func TestScreenshot(t *testing.T) {
	_, err := exec.LookPath(chartcheck.Chromium)
	need(t, "chromium", err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	png := filepath.Join(t.TempDir(), "shot.png")
	p := page(t, true, chart.Snippet(chart.Overlay("t", "y", line("a", 1, 2, 3))))
	if err := chartcheck.Screenshot(ctx, p, png, 900); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 5000 {
		t.Errorf("screenshot is not a PNG of a chart: %d bytes", len(b))
	}
}
