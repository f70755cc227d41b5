package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cancelAt is stdout that cancels the run's context once it has printed
// a line holding mark, as an interrupt would at that moment.
type cancelAt struct {
	bytes.Buffer
	mark   string
	cancel context.CancelFunc
}

func (w *cancelAt) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(w.mark)) {
		defer w.cancel()
	}
	return w.Buffer.Write(p)
}

// TestInterrupt: an interrupt during epoch 2 of each loop stops it once
// that epoch's line is printed, with exit 130, no later epoch and no -json;
// one before the run starts stops it before its first epoch.
func TestInterrupt(t *testing.T) {
	train := writeFile(t, "train", tiny)
	for _, c := range []struct {
		args []string
		mark string
	}{
		{[]string{"torch", "-epochs", "1000000"}, "Epoch [2/"},
		{[]string{"numpy", "-epochs", "1000000"}, "Epoch 2:"},
		{[]string{"sgd", "-epochs", "1000000"}, "Epoch 2:"},
		{[]string{"sgd", "-epochs", "1000000", "-tol", "1e-9", "-n-iter-no-change", "1000000"}, "Epoch 2:"}, // the readable path
		{[]string{"torch", "-epochs", "5"}, ""},
	} {
		js := filepath.Join(t.TempDir(), "h.json")
		ctx, cancel := context.WithCancel(context.Background())
		out := &cancelAt{mark: c.mark, cancel: cancel}
		if c.mark == "" {
			cancel()
		}
		var errb bytes.Buffer
		code := run(ctx, append(c.args, "-train", train, "-json", js), out, &errb)
		cancel()
		want := "interrupted after epoch 2 (no -json written)"
		if c.mark == "" {
			want = "interrupted before the first epoch"
		}
		if code != exitInterrupted || !strings.Contains(errb.String(), want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), exitInterrupted, want)
		}
		if c.mark != "" && (!strings.Contains(out.String(), c.mark) || strings.Contains(out.String(), strings.Replace(c.mark, "2", "3", 1))) {
			t.Errorf("%v: output %q, want epochs 1 and 2 only", c.args, out.String())
		}
		if _, err := os.Stat(js); err == nil {
			t.Errorf("%v: -json written after an interrupt", c.args)
		}
	}
}

// TestInterruptSignal sends a real SIGINT to the command, run by this test
// binary as its main (SGDLAB_TEST_MAIN): it ends with exit 130 soon after.
func TestInterruptSignal(t *testing.T) {
	if os.Getenv("SGDLAB_TEST_MAIN") == "1" {
		os.Args = append([]string{"sgdlab"}, strings.Fields(os.Getenv("SGDLAB_TEST_ARGS"))...)
		main()
		return
	}
	train := writeFile(t, "train", tiny)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestInterruptSignal$")
	cmd.Env = append(os.Environ(), "SGDLAB_TEST_MAIN=1", "SGDLAB_TEST_ARGS=torch -epochs 100000000 -train "+train)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the first epoch, then interrupt; the lines after are read
	// and dropped, so that the command never blocks on its output.
	first := make(chan struct{})
	go func() {
		lines, seen := bufio.NewScanner(stdout), false
		for lines.Scan() {
			if !seen && strings.HasPrefix(lines.Text(), "Epoch [1/") {
				close(first)
				seen = true
			}
		}
	}()
	select {
	case <-first:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no epoch after 30 s")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 30 s after SIGINT")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted || !strings.Contains(stderr.String(), "interrupted after epoch") {
		t.Errorf("exit %d, stderr %q; want %d, interrupted", code, stderr.String(), exitInterrupted)
	}
}

// TestGenInterrupted: an interrupt stops gen while it writes, to standard
// output or to -o, with exit 130, one line, and no file or temporary
// left beside -o; a set of 2⁶³−1 rows is written (until then), not
// counted as empty.
func TestGenInterrupted(t *testing.T) {
	for _, c := range []struct {
		name  string
		after time.Duration // -1: the context is done before gen starts
		toOut bool
	}{
		{"to -o, before", -1, true},
		{"to -o, while writing", 100 * time.Millisecond, true},
		{"to stdout, before", -1, false},
		{"to stdout, while writing", 100 * time.Millisecond, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "big.svm")
			args := []string{"gen", "-rows", "9223372036854775807", "-features", "50", "-nnz", "5"}
			if c.toOut {
				args = append(args, "-o", out)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.after < 0 {
				cancel()
			} else {
				time.AfterFunc(c.after, cancel)
			}
			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run(ctx, args, &stdout, &stderr)
			if code != exitInterrupted || !strings.HasPrefix(stderr.String(), "sgdlab: interrupted") || strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line, interrupted", code, stderr.String(), exitInterrupted)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("gen ended %v after it started", d)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("%s holds %v after an interrupt", dir, ents)
			}
			if !c.toOut && c.after > 0 && !strings.HasPrefix(stdout.String(), "+1 ") && !strings.HasPrefix(stdout.String(), "-1 ") {
				t.Errorf("no rows written before the interrupt: %.40q", stdout.String())
			}
		})
	}
}

// TestBenchInterrupted: an interrupt before the synthetic set is made
// stops bench -rcv1 with exit 130 and leaves the cache without a
// temporary file.
func TestBenchInterrupted(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"bench", "-rcv1", "300", "-skip-python", "-repeat", "1"}, &stdout, &stderr)
	if code != exitInterrupted || !strings.Contains(stderr.String(), "sgdlab: interrupted") {
		t.Errorf("exit %d, stderr %q; want %d, interrupted", code, stderr.String(), exitInterrupted)
	}
	filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("%s left in the cache", p)
		}
		return nil
	})
}

// TestScriptInterrupted: an interrupt ends the Python script bench runs,
// and what the script started, at once, and removes its output file.
func TestScriptInterrupted(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	python := writeFile(t, "python", "#!/bin/sh\nsleep 30\n")
	if err := os.Chmod(python, 0o755); err != nil {
		t.Fatal(err)
	}
	script := writeFile(t, "timing.py", "")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	var progress bytes.Buffer
	start := time.Now()
	_, err := runScript(ctx, python, script, "a note", &progress)
	if d := time.Since(start); err == nil || d > 5*time.Second {
		t.Errorf("runScript returned %v after %v; want an error within a second", err, d)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("%s holds %v", tmp, ents)
	}
}

// TestGoBenchmarksInterrupted: an interrupt stops the Go benchmarks within
// the benchmark under way.
func TestGoBenchmarksInterrupted(t *testing.T) {
	folder := t.TempDir()
	for _, name := range []string{"a9a", "a9a.t"} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(tiny), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	train, test, err := (&options{train: filepath.Join(folder, "a9a"), test: filepath.Join(folder, "a9a.t")}).load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err = goBenchmarks(ctx, folder, train, test, 1, newPassTimes(), &bytes.Buffer{})
	if d := time.Since(start); err == nil || d > 600*time.Millisecond {
		t.Errorf("goBenchmarks returned %v after %v; want an error soon after 100ms", err, d)
	}
}

// TestSGDInterruptedFindingFStar: an interrupt while sgd searches for F*
// on a wide set (half a second of L-BFGS) ends it at once, with exit 130,
// one line, no epoch and no -json.
func TestSGDInterruptedFindingFStar(t *testing.T) {
	train := writeFile(t, "wide", "+1 200000:1\n-1 2:1\n+1 3:1 5:1\n-1 4:1 7:0.5\n")
	js := filepath.Join(t.TempDir(), "h.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"sgd", "-train", train, "-json", js}, &stdout, &stderr)
	if code != exitInterrupted || stderr.String() != "sgdlab: interrupted before the first epoch, finding F*\n" || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want %d, nothing on stdout, one line", code, stdout.String(), stderr.String(), exitInterrupted)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("sgd ended %v after it started", d)
	}
	if _, err := os.Stat(js); err == nil {
		t.Error("-json written after an interrupt")
	}
}
