package chart_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/chart"
)

// TestWritePage checks the page's frame without a browser: the title
// escaped, echarts embedded once, RequireJS as the options say, the body in
// order. The notebook tests open such pages in Chromium.
func TestWritePage(t *testing.T) {
	dir, err := chart.JSDir()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("npm packages missing in CI: %v", err)
		}
		t.Skipf("npm packages missing (bash notebooks/setup.sh echarts): %v", err)
	}
	lib, err := chart.LibraryScript(dir)
	if err != nil {
		t.Fatal(err)
	}
	req, err := chart.RequireJSScript(dir)
	if err != nil {
		t.Fatal(err)
	}
	inner := func(h chart.HTML) string {
		return strings.TrimSuffix(strings.TrimPrefix(string(h), "<script>\n"), "</script>\n")
	}
	for _, noRequireJS := range []bool{false, true} {
		var b bytes.Buffer
		err := chart.WritePage(&b, "a < b", chart.ReportOptions{JSDir: dir, NoRequireJS: noRequireJS}, "<p>one</p>", "<p>two</p>")
		if err != nil {
			t.Fatal(err)
		}
		page := b.String()
		wantReq := 1
		if noRequireJS {
			wantReq = 0
		}
		if !strings.Contains(page, "<title>a &lt; b</title>") {
			t.Error("title not escaped")
		}
		if n := strings.Count(page, inner(lib)); n != 1 {
			t.Errorf("NoRequireJS %v: echarts embedded %d times", noRequireJS, n)
		}
		if n := strings.Count(page, inner(req)); n != wantReq {
			t.Errorf("NoRequireJS %v: RequireJS embedded %d times, want %d", noRequireJS, n, wantReq)
		}
		if i, j := strings.Index(page, "<p>one</p>"), strings.Index(page, "<p>two</p>"); i < 0 || j < i {
			t.Error("body fragments missing or out of order")
		}
	}
	if err := chart.WritePage(&bytes.Buffer{}, "t", chart.ReportOptions{JSDir: t.TempDir()}); err == nil {
		t.Error("no error without the npm packages")
	}
}
