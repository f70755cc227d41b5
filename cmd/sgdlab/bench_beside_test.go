package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// fakePython writes an executable that stands in for Python: it appends
// its arguments to a log, one call a line, and writes body to the file
// after --out, or exits with 1 if body is empty. It returns its path and
// the log's.
func fakePython(t *testing.T, body string) (exe, log string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for Python is a shell script")
	}
	dir := t.TempDir()
	exe, log = filepath.Join(dir, "python"), filepath.Join(dir, "calls")
	write := `out=""; prev=""; for a in "$@"; do [ "$prev" = "--out" ] && out="$a"; prev="$a"; done; cat > "$out" <<'JSON'` + "\n" + body + "\nJSON\n"
	if body == "" {
		write = "exit 1\n"
	}
	script := "#!/bin/sh\necho \"$*\" >> '" + log + "'\n" + write
	if err := os.WriteFile(exe, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return exe, log
}

// TestBesideRounds: each round times every SklearnLoop workload that has
// an SGDClassifier counterpart and then runs timing.py on those entries
// with as many runs; the rounds' times are kept in order, and every run's
// training passes beside them. A script that fails in the first round
// leaves no rounds and says why.
func TestBesideRounds(t *testing.T) {
	d, err := data.Read(strings.NewReader(tiny), data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	py, log := fakePython(t, `{"times": {"sklearn_constant": 0.02, "sklearn_optimal": 0.03, "sklearn_invscaling": 0.02,
 "sklearn_adaptive": 0.02, "sklearn_constant_avg": 0.02, "sklearn_optimal_avg": 0.04}}`)
	passes := newPassTimes()
	side, why := besideRounds(context.Background(), py, t.TempDir(), d, d, 2, 3, passes, io.Discard)
	if side == nil {
		t.Fatalf("no rounds: %s", why)
	}
	for _, key := range sklearnEntries() {
		if side.rounds(key) != 2 || !slices.ContainsFunc(side.goBest[key], func(s float64) bool { return s > 0 }) {
			t.Errorf("%s: Go's bests %v, want 2 rounds", key, side.goBest[key])
		}
		runs, bests := passes.runs[key], passes.bests[key]
		if len(runs) != 2*3 || len(bests) != 2 || slices.Min(runs) <= 0 || bests[0] > side.goBest[key][0] || bests[1] > side.goBest[key][1] {
			t.Errorf("%s: training passes %v, rounds' shortest %v; want 6 runs, each positive, and 2 rounds, each within its shortest whole run %v",
				key, runs, bests, side.goBest[key])
		}
	}
	if got := side.pyBest["sklearn_optimal"]; !slices.Equal(got, []float64{0.03, 0.03}) {
		t.Errorf("SGDClassifier's optimal: %v, want the script's 0.03 twice", got)
	}
	if side.rounds("sklearn_adagrad") != 0 {
		t.Error("AdaGrad, which scikit-learn does not have, was timed beside it")
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	calls := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(calls) != 2 || !strings.Contains(calls[0], "--repeat 3 --only "+strings.Join(sklearnEntries(), ",")+" --out ") {
		t.Errorf("the script's calls: %q", calls)
	}

	bad, _ := fakePython(t, "")
	if side, why := besideRounds(context.Background(), bad, t.TempDir(), d, d, 2, 1, newPassTimes(), io.Discard); side != nil || !strings.Contains(why, "timing.py failed") {
		t.Errorf("a failing script: %v, %q", side, why)
	}
}
