// Command nbreport turns executed notebooks into self-contained HTML reports
// (chart.ExportHTML) and, with -check, opens each in headless Chromium and
// fails unless every chart drew (chartcheck.Check).
//
//	nbreport [-norequirejs] [-check] [-screenshot dir] -o reports/ notebooks/01-pytorch-loop.nbconvert.ipynb ...
//
// A report is named after its notebook, less ".nbconvert": 01-pytorch-loop.html.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/logreg/chart/chartcheck"
)

func main() {
	out := flag.String("o", "reports", "folder for the reports")
	noRequire := flag.Bool("norequirejs", false, "leave RequireJS out of the pages")
	check := flag.Bool("check", false, "check every chart of every page in headless Chromium")
	shots := flag.String("screenshot", "", "folder for PNG screenshots of the pages (empty: none)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: nbreport [-norequirejs] [-check] [-screenshot dir] -o dir notebook.ipynb ...")
		os.Exit(2)
	}
	if err := run(context.Background(), *out, *shots, *noRequire, *check, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "nbreport:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out, shots string, noRequire, check bool, notebooks []string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, nb := range notebooks {
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(nb), ".ipynb"), ".nbconvert")
		page := filepath.Join(out, name+".html")
		fmt.Printf("nbreport: %s -> %s\n", nb, page)
		if err := chart.ExportHTML(ctx, nb, page, chart.ReportOptions{NoRequireJS: noRequire}); err != nil {
			return err
		}
		if check {
			r, err := chartcheck.Check(ctx, page)
			if err != nil {
				return err
			}
			if err := r.Err(); err != nil {
				return err
			}
			fmt.Printf("nbreport: %s: %d charts drew\n", page, len(r.Charts))
		}
		if shots != "" {
			if err := os.MkdirAll(shots, 0o755); err != nil {
				return err
			}
			if err := chartcheck.Screenshot(ctx, page, filepath.Join(shots, name+".png"), 1100); err != nil {
				return err
			}
		}
	}
	return nil
}
