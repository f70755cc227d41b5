package nbrun_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/browser"
	"github.com/sgdlab/sgdlab/notebooks/internal/nbrun"
	"github.com/sgdlab/sgdlab/notebooks/internal/testkit"
)

// writeNotebook writes an executed notebook by hand: a title cell, then one
// code cell per fragment whose display_data output is that fragment, as GoNB
// records Display's output.
func writeNotebook(t *testing.T, path string, body []chart.HTML) {
	t.Helper()
	type output struct {
		OutputType string              `json:"output_type"`
		Data       map[string][]string `json:"data"`
		Metadata   map[string]any      `json:"metadata"`
	}
	type cell struct {
		CellType       string         `json:"cell_type"`
		ExecutionCount *int           `json:"execution_count,omitempty"`
		ID             string         `json:"id"`
		Metadata       map[string]any `json:"metadata"`
		Outputs        *[]output      `json:"outputs,omitempty"`
		Source         []string       `json:"source"`
	}
	cells := []cell{{CellType: "markdown", ID: "title", Metadata: map[string]any{},
		Source: []string{"# Report test\n", "\n", "Charts as `chart.Display` shows them."}}}
	for i, b := range body {
		n := i + 1
		outs := []output{{OutputType: "display_data", Metadata: map[string]any{},
			Data: map[string][]string{"text/html": strings.SplitAfter(string(b), "\n")}}}
		cells = append(cells, cell{CellType: "code", ExecutionCount: &n, ID: "cell" + string(rune('a'+i)),
			Metadata: map[string]any{}, Outputs: &outs, Source: []string{"chart.Display(c)"}})
	}
	nb := map[string]any{
		"cells": cells,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
			"language_info": map[string]any{"name": "go", "file_extension": ".go", "mimetype": ""},
		},
		"nbformat": 4, "nbformat_minor": 5,
	}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExport exports a notebook of sample charts with and without RequireJS
// and checks the page: the libraries embedded once, the same bytes on a
// second export, and every chart drawn in Chromium with no network.
func TestExport(t *testing.T) {
	var r nbrun.Runner
	testkit.Need(t, "jupyter nbconvert", r.Check(context.Background()))
	_, err := browser.Chromium()
	testkit.Need(t, "chromium", err)
	jsDir := testkit.JSDir(t)
	dir := t.TempDir()
	nbPath := filepath.Join(dir, "test.ipynb")
	body, _ := testkit.Snippets()
	writeNotebook(t, nbPath, body)
	lib, err := chart.LibraryScript(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	req, err := chart.RequireJSScript(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opt  chart.ReportOptions
	}{
		{"requirejs", chart.ReportOptions{JSDir: jsDir}},
		{"norequirejs", chart.ReportOptions{JSDir: jsDir, NoRequireJS: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			out := filepath.Join(dir, tc.name+".html")
			if err := r.Export(ctx, nbPath, out, tc.opt); err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			// The library is in the page once; RequireJS once or not at all.
			libJS := strings.TrimSuffix(strings.TrimPrefix(string(lib), "<script>\n"), "</script>\n")
			if n := strings.Count(string(page), libJS); n != 1 {
				t.Errorf("echarts embedded %d times, want 1", n)
			}
			reqJS := strings.TrimSuffix(strings.TrimPrefix(string(req), "<script>\n"), "</script>\n")
			want := 1
			if tc.opt.NoRequireJS {
				want = 0
			}
			if n := strings.Count(string(page), reqJS); n != want {
				t.Errorf("RequireJS embedded %d times, want %d", n, want)
			}
			// A second conversion gives the same bytes.
			again := filepath.Join(dir, tc.name+"-again.html")
			if err := r.Export(ctx, nbPath, again, tc.opt); err != nil {
				t.Fatal(err)
			}
			page2, err := os.ReadFile(again)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(page, page2) {
				t.Error("two exports of one notebook differ")
			}
			rep, err := browser.CheckFile(ctx, out, browser.Wait{})
			if err != nil {
				t.Fatal(err)
			}
			// nbconvert's page asks for MathJax, which the charts do not need.
			testkit.CheckSample(t, rep, "global", "mathjax")
		})
	}
}

func TestExportMissingNotebook(t *testing.T) {
	var r nbrun.Runner
	testkit.Need(t, "jupyter nbconvert", r.Check(context.Background()))
	jsDir := testkit.JSDir(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.html")
	err := r.Export(context.Background(), filepath.Join(dir, "none.ipynb"), out, chart.ReportOptions{JSDir: jsDir})
	if err == nil {
		t.Fatal("no error for a missing notebook")
	}
	if _, serr := os.Stat(out); serr == nil {
		t.Error("a failed export left a page behind")
	}
}
