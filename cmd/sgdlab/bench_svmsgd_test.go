package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// svmsgdOutput is svmsgd's output in sgd-2.0's shape, its epochs printing
// the training times ts, built with loss.
func svmsgdOutput(loss string, ts ...float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Running: svmsgd -lambda 0.0001 -epochs %d -dontnormalize\n", len(ts))
	fmt.Fprintf(&b, "# Compiled with:  -DLOSS=%s -DBIAS=1 -DREGULARIZED_BIAS=0\n# Using eta0=0.03125\n", loss)
	for i, t := range ts {
		fmt.Fprintf(&b, "--------- Epoch %d.\nTraining on [0, 32560].\nwNorm=28.3267 wBias=-0.0136042\n", i+1)
		fmt.Fprintf(&b, "Total training time %g secs.\ntrain: Loss=0.326 Cost=0.328 Misclassification=15.32%%.\n", t)
	}
	return b.String()
}

// tenTimes are 10 epochs' cumulative training times, ending at last.
func tenTimes(last float64) []float64 {
	ts := make([]float64, 10)
	for i := range ts {
		ts[i] = last * float64(i+1) / 10
	}
	return ts
}

// TestSvmsgdTime: the time after the tenth epoch is svmsgd's; an output
// with another count of epochs, a build with another loss, or a time that
// is not a positive number is refused, naming what is wrong.
func TestSvmsgdTime(t *testing.T) {
	if got, err := svmsgdTime([]byte(svmsgdOutput("LogLoss", tenTimes(0.0241)...))); err != nil || got != 0.0241 {
		t.Errorf("10 epochs ending at 24.1 ms: %v, %v", got, err)
	}
	bad := []struct {
		name, out, want string
	}{
		{"9 epochs", svmsgdOutput("LogLoss", tenTimes(0.02)[:9]...), "printed 9 training times, want one for each of 10 epochs"},
		{"11 epochs", svmsgdOutput("LogLoss", append(tenTimes(0.02), 0.03)...), "printed 11 training times"},
		{"not svmsgd", "Usage: svmsgd [options] trainfile [testfile]\n", "printed 0 training times"},
		{"hinge loss", svmsgdOutput("HingeLoss", tenTimes(0.02)...), `compiled with -DLOSS="HingeLoss"`},
		{"zero", svmsgdOutput("LogLoss", append(tenTimes(0.02)[:9], 0)...), `a training time of "0"`},
		{"infinite", svmsgdOutput("LogLoss", append(tenTimes(0.02)[:9], math.Inf(1))...), `a training time of "+Inf"`},
		{"NaN", svmsgdOutput("LogLoss", append(tenTimes(0.02)[:9], math.NaN())...), `a training time of "NaN"`},
		{"not a number", strings.Replace(svmsgdOutput("LogLoss", tenTimes(0.02)...), "time 0.02 secs", "time 2ms secs", 1), `a training time of "2ms"`},
	}
	for _, c := range bad {
		if _, err := svmsgdTime([]byte(c.out)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
}

// writeScript writes an executable shell script of body, skipping t where
// there is no sh to run it.
func writeScript(t *testing.T, name, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in is a shell script")
	}
	p := writeFile(t, name, "#!/bin/sh\n"+body)
	if err := os.Chmod(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// tinyA9AFolder returns a folder whose a9a holds the rows of tiny.
func tinyA9AFolder(t *testing.T) string {
	t.Helper()
	folder := t.TempDir()
	if err := os.WriteFile(filepath.Join(folder, data.A9ASpec.Train.Name), []byte(tiny), 0o644); err != nil {
		t.Fatal(err)
	}
	return folder
}

// fakeSvmsgd writes an executable that stands in for svmsgd: it appends its
// arguments to a log, one call a line, copies its last argument to a file
// beside the log, and prints 10 epochs whose last time is the next of
// lasts, one a call. It returns its path and the log's.
func fakeSvmsgd(t *testing.T, lasts ...float64) (exe, log string) {
	t.Helper()
	dir := t.TempDir()
	log = filepath.Join(dir, "calls")
	var cases strings.Builder
	for i, last := range lasts {
		fmt.Fprintf(&cases, "%d) cat <<'OUT'\n%sOUT\n;;\n", i+1, svmsgdOutput("LogLoss", tenTimes(last)...))
	}
	exe = writeScript(t, "svmsgd", "echo \"$*\" >> '"+log+"'\n"+
		"for a in \"$@\"; do last=\"$a\"; done; cp \"$last\" '"+dir+"/data'\n"+
		"n=$(wc -l < '"+log+"')\ncase $n in\n"+cases.String()+"*) exit 3;;\nesac\n")
	return exe, log
}

// TestBesideSvmsgd: svmsgd runs on a copy of a9a named a9a.txt with the
// workloads' options, once before the first step and once after each; a
// step's ratio for each workload is the mean of the svmsgd times around it
// over that workload's training passes in the step; the copy goes with
// close. A failing svmsgd ends the steps with its error.
func TestBesideSvmsgd(t *testing.T) {
	folder := tinyA9AFolder(t)
	d, err := data.Read(strings.NewReader(tiny), data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	exe, log := fakeSvmsgd(t, 0.02, 0.03, 0.025)
	s, err := newSvmsgd(exe, folder)
	if err != nil {
		t.Fatal(err)
	}
	r, err := besideSvmsgd(context.Background(), s, d, d, 2, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.svm, []float64{0.02, 0.03, 0.025}) {
		t.Errorf("svmsgd's times %v, want the three runs' 0.02, 0.03 and 0.025", r.svm)
	}
	for _, w := range sklearnRuns {
		key := "sklearn_" + w.name
		ps, rs := r.passes[key], r.ratios[key]
		if len(ps) != 2 || len(rs) != 2 || !(ps[0] > 0) || !(ps[1] > 0) ||
			math.Abs(rs[0]-0.025/ps[0]) > 1e-12*rs[0] || math.Abs(rs[1]-0.0275/ps[1]) > 1e-12*rs[1] {
			t.Errorf("%s: passes %v, ratios %v; want two steps, ratios 25 ms and 27.5 ms over the passes", key, ps, rs)
		}
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	calls := strings.Split(strings.TrimSpace(string(b)), "\n")
	want := "-lambda 1e-4 -epochs 10 -dontnormalize " + filepath.Join(s.dir, "a9a.txt")
	if len(calls) != 3 || calls[0] != want || calls[1] != want || calls[2] != want {
		t.Errorf("svmsgd's calls %q, want 3 of %q", calls, want)
	}
	if got, err := os.ReadFile(filepath.Join(filepath.Dir(log), "data")); err != nil || string(got) != tiny {
		t.Errorf("svmsgd read %q (%v), want a9a's bytes %q", got, err, tiny)
	}
	s.close()
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("the copy's folder is left after close: %v", err)
	}

	// The fake's fourth call fails: the second step ends the steps.
	exe, _ = fakeSvmsgd(t, 0.02, 0.03, 0.025)
	s, err = newSvmsgd(exe, folder)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if r, err := besideSvmsgd(context.Background(), s, d, d, 3, io.Discard); r != nil || err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("a failing svmsgd: %v, %v; want its exit status", r, err)
	}
}

// TestSvmsgdTable: each workload shows its passes' median, its ratios'
// median and middle half, and whether the median is at least 2; the
// heading names the command, the steps and svmsgd's median time.
func TestSvmsgdTable(t *testing.T) {
	s := &svmsgd{exe: "/opt/sgd/svm/svmsgd"}
	r := &svmsgdSteps{
		svm: []float64{0.020, 0.030, 0.024, 0.026},
		passes: map[string][]float64{
			"sklearn_constant":    {0.010, 0.011, 0.012},
			"sklearn_optimal_avg": {0.016, 0.017, 0.018},
		},
		ratios: map[string][]float64{
			"sklearn_constant":    {2.0, 1.9, 2.4},
			"sklearn_optimal_avg": {1.5, 1.999, 1.6},
		},
	}
	var out bytes.Buffer
	writeSvmsgdTable(&out, s, r)
	got := out.String()
	wantIn(t, "table", got,
		"(`svmsgd -lambda 1e-4 -epochs 10 -dontnormalize a9a.txt`): 3 steps,",
		"svmsgd printed 25.0 ms (median; middle half 22.0 ms to 28.0 ms).\n",
		"| `SklearnLoop`, 10 epochs | training passes, median | svmsgd ÷ passes, median | middle half | at least 2× |\n|---|---:|---:|---|---|\n",
		"| constant, η₀ 0.01 | 11.0 ms | 2.00× | 1.90 to 2.40× | yes |\n",
		"| optimal, averaged | 17.0 ms | 1.60× | 1.50 to 2.00× | no |\n",
	)
	if n := strings.Count(got, "\n|"); n != 2+2 {
		t.Errorf("%d table lines, want 4 (header, rule, one per workload timed):\n%s", n, got)
	}
	out.Reset()
	writeSvmsgdTable(&out, &svmsgd{exe: "/opt/sgd/svm/svmasgd"}, r)
	wantIn(t, "svmasgd's table", out.String(), "beside Bottou's `svmasgd`, timed in this run (`svmasgd -lambda", "| svmasgd ÷ passes, median |")
}

// TestBenchSvmsgdRefused: a build of svmsgd that does not print what
// svmsgd prints is refused before the minutes of timing, as a usage error,
// and its copy of a9a is removed.
func TestBenchSvmsgdRefused(t *testing.T) {
	needA9A(t)
	exe := writeScript(t, "svmsgd", "echo 'Usage: svmsgd [options] trainfile [testfile]'\n")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	code, stdout, stderr := runCmd("bench", "-skip-python", "-svmsgd", exe)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "-svmsgd: "+exe+": printed 0 training times") ||
		strings.Contains(stderr, "go read:") {
		t.Errorf("exit %d, stdout %q, stderr %q; want a usage error before any timing", code, stdout, stderr)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("%s holds %v after the refusal", tmp, ents)
	}
}

// TestSvmsgdHangs: a run of svmsgd that outlasts its time is stopped, with
// an error that says so.
func TestSvmsgdHangs(t *testing.T) {
	s, err := newSvmsgd(writeScript(t, "svmsgd", "sleep 30\n"), tinyA9AFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	s.timeout = 200 * time.Millisecond
	start := time.Now()
	if _, err := s.run(context.Background()); err == nil || !strings.Contains(err.Error(), "ran for more than 200ms") || time.Since(start) > 5*time.Second {
		t.Errorf("a hanging svmsgd: %v after %v; want its timeout's error within seconds", err, time.Since(start))
	}
}

// TestBenchSvmsgdInterrupted: an interrupt while the first run of svmsgd
// is under way ends bench with exit 130, not as a usage error, and
// removes the copy of a9a.
func TestBenchSvmsgdInterrupted(t *testing.T) {
	needA9A(t)
	started := filepath.Join(t.TempDir(), "started")
	exe := writeScript(t, "svmsgd", "touch '"+started+"'\nsleep 30\n")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		// The interrupt comes once svmsgd runs, however long a9a takes to read.
		for !fileExists(started) && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"bench", "-skip-python", "-svmsgd", exe}, &stdout, &stderr)
	if code != exitInterrupted || stderr.String() != "sgdlab: interrupted\n" || stdout.Len() != 0 || time.Since(start) > 20*time.Second {
		t.Errorf("exit %d after %v, stdout %q, stderr %q; want %d and only sgdlab: interrupted", code, time.Since(start), stdout.String(), stderr.String(), exitInterrupted)
	}
	if !fileExists(started) {
		t.Error("svmsgd never ran")
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("%s holds %v after the interrupt", tmp, ents)
	}
}

// TestSvmsgdUnruly: a program that prints without end is refused with an
// error that says so; what a program prints reaches the error as one
// quoted line of at most 200 bytes.
func TestSvmsgdUnruly(t *testing.T) {
	folder := tinyA9AFolder(t)
	for _, c := range []struct {
		name, script, want string
	}{
		{"prints without end", "yes 'Total training time 0.01 secs.'", "printed more than 64 KiB"},
		{"fails with a long line", "printf 'x%.0s' $(seq 1000) >&2; exit 1", `exit status 1: "xxxx`},
		{"fails with control codes", "printf 'bad\\033[2J\\a' >&2; exit 1", `exit status 1: "bad\x1b[2J\a"`},
	} {
		exe := writeScript(t, "svmsgd", c.script+"\n")
		s, err := newSvmsgd(exe, folder)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.run(context.Background())
		s.close()
		if err == nil || !strings.Contains(err.Error(), c.want) || len(err.Error()) > len(exe)+300 {
			t.Errorf("%s: %v; want an error of one short line with %q", c.name, err, c.want)
		}
	}
}
