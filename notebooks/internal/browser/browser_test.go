package browser_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/browser"
	"github.com/sgdlab/sgdlab/notebooks/internal/testkit"
)

// short is the wait of pages whose library is missing, which would
// otherwise wait all of DefaultWait.Draw.
var short = browser.Wait{Draw: 4 * time.Second, Settle: 500 * time.Millisecond}

// start opens a browser and a tab for one test.
func start(t *testing.T) *browser.Tab {
	t.Helper()
	_, err := browser.Chromium()
	testkit.Need(t, "chromium", err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	b, err := browser.Start(ctx, 1280, 1000)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	tab, err := b.Tab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	return tab
}

// open loads the page at path in tab and reports its charts.
func open(t *testing.T, tab *browser.Tab, path string, w browser.Wait) browser.Report {
	t.Helper()
	u, err := browser.FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := tab.Charts(u, w)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// page writes an HTML page: withLib embeds echarts (no RequireJS), else the
// body stands alone.
func page(t *testing.T, withLib bool, body ...chart.HTML) string {
	t.Helper()
	var b bytes.Buffer
	if withLib {
		opt := chart.ReportOptions{JSDir: testkit.JSDir(t), NoRequireJS: true}
		if err := chart.WritePage(&b, "t", opt, body...); err != nil {
			t.Fatal(err)
		}
	} else {
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>")
		for _, f := range body {
			b.WriteString(string(f))
		}
		b.WriteString("</body></html>")
	}
	return testkit.WriteFile(t, "page.html", b.Bytes())
}

func line(name string, ys ...float64) chart.Series {
	s := chart.Series{Name: name, Y: ys}
	for i := range ys {
		s.X = append(s.X, float64(i))
	}
	return s
}

// TestCharts checks the checker on pages whose charts drew and on pages
// whose charts could not.
func TestCharts(t *testing.T) {
	t.Setenv(chart.EnvEchartsURL, "file:///nonexistent/echarts.min.js")
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
			r := open(t, start(t), page(t, tc.withLib, tc.body...), short)
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
			err := r.Err()
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

func TestFileURLMissing(t *testing.T) {
	if _, err := browser.FileURL(filepath.Join(t.TempDir(), "none.html")); err == nil {
		t.Error("no error for a missing page")
	}
}

func TestScreenshot(t *testing.T) {
	tab := start(t)
	open(t, tab, page(t, true, chart.Snippet(chart.Overlay("t", "y", line("a", 1, 2, 3)))), browser.Wait{})
	png := filepath.Join(t.TempDir(), "shot.png")
	if err := tab.Screenshot(png); err != nil {
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
