package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
)

// tiny is a separable toy set: feature 1 marks the positives.
const tiny = "+1 1:1 3:1\n-1 2:1 3:1\n+1 1:1\n-1 2:1\n+1 1:1 2:1 3:1\n-1 3:1\n"

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	train := writeFile(t, "train", tiny)
	dir := t.TempDir()
	// Loading a9a would fail with exit 1: every case must stop before.
	t.Setenv("SGDLAB_DATA", train)
	timing := writeFile(t, "timing.json", `{"times": {}}`)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"lr +Inf", []string{"torch", "-train", train, "-lr=Inf"}, "-lr must be > 0 and finite, got +Inf"},
		{"lr NaN", []string{"numpy", "-train", train, "-lr=NaN"}, "-lr must be > 0 and finite, got NaN"},
		{"lr beyond float64", []string{"torch", "-train", train, "-lr=1e400"}, `invalid value "1e400" for flag -lr: value out of range`},
		{"l2 +Inf", []string{"numpy", "-train", train, "-l2=+Inf"}, "-l2 must be >= 0 and finite, got +Inf"},
		{"l2 NaN", []string{"numpy", "-train", train, "-l2=nan"}, "-l2 must be >= 0 and finite, got NaN"},
		{"init-std +Inf", []string{"torch", "-train", train, "-init-std=inf"}, "-init-std must be >= 0 and finite, got +Inf"},
		{"init-std NaN", []string{"numpy", "-train", train, "-init-std=NaN"}, "-init-std must be >= 0 and finite, got NaN"},
		{"init-std -Inf", []string{"numpy", "-train", train, "-init-std=-Inf"}, "-init-std must be >= 0 and finite, got -Inf"},
		{"momentum NaN", []string{"numpy", "-train", train, "-momentum=NaN"}, "-momentum must be in [0,1), got NaN"},
		{"json folder missing", []string{"torch", "-train", train, "-json", filepath.Join(dir, "no", "h.json")},
			"-json " + filepath.Join(dir, "no", "h.json") + ": folder " + filepath.Join(dir, "no") + " does not exist"},
		{"json a folder", []string{"numpy", "-train", train, "-json", dir}, "-json " + dir + " is a folder, not a file"},
		{"json under a file", []string{"torch", "-train", train, "-json", filepath.Join(train, "h.json")},
			"-json " + filepath.Join(train, "h.json") + ": " + train + " is a file, not a folder"},
		{"data missing", []string{"torch", "-data", filepath.Join(dir, "none")}, "-data " + filepath.Join(dir, "none") + ": no such folder"},
		{"data a file", []string{"numpy", "-data", train}, "-data " + train + " is a file, not a folder"},
		{"fetch data a file", []string{"fetch", "-data", train}, "-data " + train + " is a file, not a folder"},
		{"fetch timeout 0", []string{"fetch", "-timeout=0"}, "-timeout must be > 0, got 0s"},
		{"fetch timeout no unit", []string{"fetch", "-timeout=30"}, `invalid value "30" for flag -timeout`},
		{"bench data missing", []string{"bench", "-data", filepath.Join(dir, "none")}, "-data " + filepath.Join(dir, "none") + ": no such folder"},
		{"bench python-json missing", []string{"bench", "-python-json", filepath.Join(dir, "t.json")},
			"-python-json " + filepath.Join(dir, "t.json") + ": no such file or directory"},
		{"bench python missing", []string{"bench", "-python", filepath.Join(dir, "nopython")}, "-python " + filepath.Join(dir, "nopython") + ": no such executable"},
		{"bench svmsgd missing", []string{"bench", "-svmsgd", filepath.Join(dir, "svmsgd")}, "-svmsgd " + filepath.Join(dir, "svmsgd") + ": no such executable"},
		{"bench python-json without times", []string{"bench", "-python-json", timing}, "-python-json " + timing + ": timing JSON: no times"},
		{"no command", nil, "missing command"},
		{"unknown command", []string{"plot"}, "unknown command"},
		{"negative epochs", []string{"torch", "-train", train, "-epochs=-1"}, "-epochs must be >= 1"},
		{"zero lr", []string{"numpy", "-train", train, "-lr=0"}, "-lr must be > 0"},
		{"momentum one", []string{"numpy", "-train", train, "-momentum=1"}, "-momentum must be in [0,1)"},
		{"negative momentum", []string{"numpy", "-train", train, "-momentum=-0.1"}, "-momentum must be in [0,1)"},
		{"negative l2", []string{"numpy", "-train", train, "-l2=-1"}, "-l2 must be >= 0"},
		{"unknown flag", []string{"torch", "-bogus"}, "flag provided but not defined"},
		{"seed with nothing random", []string{"torch", "-train", train, "-seed", "5"}, "-seed seeds -shuffle's order and -init-std's weights"},
		{"seed, init-std 0", []string{"numpy", "-train", train, "-seed", "5", "-init-std", "0"}, "it reads no random number"},
		{"bias out of no penalty", []string{"numpy", "-train", train, "-bias-out-of-l2", "-l2", "0"}, "-bias-out-of-l2 with -l2 0"},
		{"test without train", []string{"torch", "-test", train}, "-test needs -train"},
		{"float32 is torch only", []string{"numpy", "-float32"}, "flag provided but not defined"},
		{"stray argument", []string{"torch", "-train", train, "extra"}, "unexpected argument"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(c.args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q does not mention %q", stderr, c.want)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr has a stack trace: %q", stderr)
			}
			if stdout != "" {
				t.Errorf("a run started: stdout %q", stdout)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("%s holds %v after a usage error", dir, ents)
			}
		})
	}
}

func TestDataErrors(t *testing.T) {
	bad := writeFile(t, "bad", "+1 1:1\n-1 2:x\n")
	train := writeFile(t, "train", tiny)
	empty := writeFile(t, "empty", "")
	comments := writeFile(t, "comments", "# no samples\n\n")
	out := t.TempDir()
	js := filepath.Join(out, "h.json")
	cases := []struct {
		name string
		args []string
		env  string // $SGDLAB_DATA
		want []string
	}{
		{"malformed line", []string{"torch", "-train", bad}, "", []string{"bad", "line 2"}},
		{"missing file", []string{"numpy", "-train", filepath.Join(t.TempDir(), "none")}, "", []string{"none"}},
		{"empty train file", []string{"torch", "-train", empty}, "", []string{empty + ": no samples (empty train set)"}},
		{"empty train file beside a test file", []string{"numpy", "-train", comments, "-test", train}, "", []string{comments + ": no samples (empty train set)"}},
		{"empty test file", []string{"torch", "-train", train, "-test", empty}, "", []string{empty + ": no samples (empty test set)"}},
		{"test file of comments", []string{"numpy", "-train", train, "-test", comments}, "", []string{comments + ": no samples (empty test set)"}},
		{"failure after -json", []string{"torch", "-train", bad, "-json", js}, "", []string{"bad", "line 2"}},
		{"SGDLAB_DATA a file", []string{"torch"}, train, []string{"$SGDLAB_DATA is " + train + ", a file, not a folder"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("SGDLAB_DATA", c.env)
			code, stdout, stderr := runCmd(c.args...)
			if stdout != "" {
				t.Errorf("a run started: stdout %q", stdout)
			}
			if ents, _ := os.ReadDir(out); len(ents) != 0 {
				t.Errorf("-json's folder holds %v after a failure", ents)
			}
			if strings.Contains(stderr, "Options") {
				t.Errorf("stderr %q names a Go field", stderr)
			}
			if code != exitFail {
				t.Errorf("exit code %d, want %d (stderr %q)", code, exitFail, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not mention %q", stderr, w)
				}
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 0 {
				t.Errorf("want a one-line error, got %d lines: %q", n+1, stderr)
			}
		})
	}
}

// TestOutputMatchesHistory checks that each printed line carries the numbers
// of the History the same run writes with -json.
func TestOutputMatchesHistory(t *testing.T) {
	train := writeFile(t, "train", tiny)
	test := writeFile(t, "test", tiny)
	for _, loop := range []string{"torch", "numpy"} {
		t.Run(loop, func(t *testing.T) {
			js := filepath.Join(t.TempDir(), "h.json")
			code, out, stderr := runCmd(loop, "-train", train, "-test", test, "-epochs=3", "-lr=0.5", "-json", js)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, err := os.ReadFile(js)
			if err != nil {
				t.Fatal(err)
			}
			if ents, _ := os.ReadDir(filepath.Dir(js)); len(ents) != 1 {
				t.Errorf("-json's folder holds %v, want h.json alone", ents)
			}
			var h logreg.History
			if err := json.Unmarshal(b, &h); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, r := range h.Epochs {
				if loop == "torch" {
					want = append(want, fmt.Sprintf("Epoch [%d/3], Loss: %.4f, Accuracy: %.4f", r.Epoch, r.Loss, r.RunningAccuracy))
				} else {
					want = append(want, fmt.Sprintf("Epoch %d: Loss = %.4f, Misclassified = %.4f   | correct error: train %.4f, test %.4f",
						r.Epoch, r.Loss, r.AsWrittenError, r.TrainError, r.TestError))
				}
			}
			if loop == "torch" {
				last := h.Epochs[len(h.Epochs)-1]
				want = append(want, fmt.Sprintf("Final Train Accuracy: %.4f", 1-last.TrainError),
					fmt.Sprintf("Final Test Accuracy: %.4f", 1-last.TestError))
			}
			got := strings.Split(strings.TrimSpace(out), "\n")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("output:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
			}
			wantEpochs := 3
			if loop == "numpy" {
				wantEpochs = 4 // the pre-pass "Epoch 0" and three passes
			}
			if len(h.Epochs) != wantEpochs {
				t.Errorf("%d records, want %d", len(h.Epochs), wantEpochs)
			}
		})
	}
}

// TestJSONNotInput checks that -json and gen's -o refuse a file the run
// reads, by name, through a symbolic or a hard link, and in the folders
// a9a is searched in, and leave it as it was.
func TestJSONNotInput(t *testing.T) {
	train := writeFile(t, "train", tiny)
	test := writeFile(t, "test", tiny)
	dir := t.TempDir()
	symlink, hardlink := filepath.Join(dir, "symlink"), filepath.Join(dir, "hardlink")
	if err := os.Symlink(train, symlink); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(train, hardlink); err != nil {
		t.Fatal(err)
	}
	dataDir, envDir := t.TempDir(), t.TempDir()
	for _, d := range []string{dataDir, envDir} {
		for _, name := range []string{"a9a", "a9a.t"} {
			if err := os.WriteFile(filepath.Join(d, name), []byte(tiny), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Setenv("SGDLAB_DATA", envDir)
	envLink := filepath.Join(dir, "envlink")
	if err := os.Symlink(filepath.Join(envDir, "a9a.t"), envLink); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		file string
	}{
		{[]string{"sgd", "-train", train, "-json", train}, train},
		{[]string{"sgd", "-train", train, "-test", test, "-json", test}, test},
		{[]string{"torch", "-train", train, "-json", symlink}, train},
		{[]string{"numpy", "-train", train, "-json", hardlink}, train},
		{[]string{"sgd", "-data", dataDir, "-json", filepath.Join(dataDir, "a9a.t")}, filepath.Join(dataDir, "a9a.t")},
		{[]string{"torch", "-json", filepath.Join(envDir, "a9a")}, filepath.Join(envDir, "a9a")},
		{[]string{"gen", "-rows", "5", "-o", filepath.Join(envDir, "a9a")}, filepath.Join(envDir, "a9a")},
		{[]string{"gen", "-rows", "5", "-o", envLink}, filepath.Join(envDir, "a9a.t")},
		// a9a is a data file sgdlab reads even in a run on other files.
		{[]string{"sgd", "-train", train, "-json", filepath.Join(envDir, "a9a")}, filepath.Join(envDir, "a9a")},
		{[]string{"torch", "-train", train, "-test", test, "-json", envLink}, filepath.Join(envDir, "a9a.t")},
	}
	for _, c := range cases {
		code, stdout, stderr := runCmd(c.args...)
		if code != exitUsage || !strings.Contains(stderr, "sgdlab reads") || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want a usage error before any run", c.args, code, stderr, stdout)
		}
		if b, err := os.ReadFile(c.file); err != nil || string(b) != tiny {
			t.Errorf("%v: %s now holds %q (%v)", c.args, c.file, b, err)
		}
	}
}
