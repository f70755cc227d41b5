package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/browser"
)

// Need skips the test when a tool or the data is missing (err not nil),
// except under CI (the variable CI set), where a missing tool is a broken
// set-up and fails the test.
func Need(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s missing in CI: %v", what, err)
	}
	t.Skipf("%s missing (run `make setup`): %v", what, err)
}

// JSDir returns the folder of the npm copy of echarts and RequireJS, as
// Need allows.
func JSDir(t testing.TB) string {
	t.Helper()
	dir, err := chart.JSDir()
	Need(t, "echarts and RequireJS from npm (bash notebooks/setup.sh echarts)", err)
	return dir
}

// History is a made-up run of the NumPy program's shape: epochs 0..n.
func History(n int) *logreg.History {
	h := &logreg.History{Loop: "numpy", Config: logreg.Config{LearningRate: 0.001, Epochs: n, L2: 1e-4}}
	for e := 0; e <= n; e++ {
		f := float64(e) / float64(n)
		h.Epochs = append(h.Epochs, logreg.Record{
			Epoch: e, Loss: 0.7 - 0.3*f, AsWrittenError: 0.34 - 0.01*f,
			TrainError: 0.24 - 0.09*f, TestError: 0.25 - 0.09*f,
		})
	}
	return h
}

// Snippets are the charts and table the browser tests put on a page, and
// the number of series with data each chart must show, in page order.
func Snippets() ([]chart.HTML, []int) {
	h := History(10)
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

// WriteFile writes b to a file name in a fresh temporary folder of the test
// and returns its path.
func WriteFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// CheckSample fails t unless every chart of the page drew with the series
// Snippets gives, via the given way to echarts, with no page error
// and no request except to URLs containing one of allowed.
func CheckSample(t *testing.T, r browser.Report, via string, allowed ...string) {
	t.Helper()
	_, series := Snippets()
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
		if c.Via != via {
			t.Errorf("%s found via %q, want %q", c.ID, c.Via, via)
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
}
