package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/nbrun"
	"github.com/sgdlab/sgdlab/notebooks/playground"
)

func main() {
	out := flag.String("out", "reports", "folder for the executed notebooks and reports, relative to the module root")
	only := flag.String("only", "", "run only notebooks whose name starts with this (e.g. 03)")
	timeout := flag.Duration("timeout", 10*time.Minute, "limit for each cell")
	flag.Parse()
	if err := run(*out, *only, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		os.Exit(1)
	}
}

func run(out, only string, timeout time.Duration) error {
	root, err := nbrun.Root()
	if err != nil {
		return err
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	paths, err := nbrun.Find(filepath.Join(root, "notebooks"))
	if err != nil {
		return err
	}
	r := nbrun.Runner{CellTimeout: timeout, Env: []string{
		nbrun.EnvRoot + "=" + root,
		playground.EnvHeadless + "=1",
	}}
	ctx := context.Background()
	if err := r.Check(ctx); err != nil {
		return fmt.Errorf("%w (run `make setup`)", err)
	}
	var failed []string
	for _, p := range paths {
		name := nbrun.Name(p)
		if !strings.HasPrefix(name, only) {
			continue
		}
		fmt.Printf("==> %s: executing\n", name)
		start := time.Now()
		ipynb := filepath.Join(out, name+".ipynb")
		_ = os.Remove(ipynb) // never export a stale copy
		_, err := r.Execute(ctx, p, ipynb)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			failed = append(failed, name)
			if _, statErr := os.Stat(ipynb); statErr != nil {
				continue // nothing executed to export
			}
		}
		page := filepath.Join(out, name+".html")
		if err := r.Export(ctx, ipynb, page, chart.ReportOptions{}); err != nil {
			fmt.Fprintf(os.Stderr, "%s: export: %v\n", name, err)
			failed = append(failed, name)
			continue
		}
		fmt.Printf("    %s in %.0f s: %s, %s\n", name, time.Since(start).Seconds(), rel(root, ipynb), rel(root, page))
	}
	if len(failed) > 0 {
		return fmt.Errorf("failed: %s", strings.Join(failed, ", "))
	}
	return nil
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
