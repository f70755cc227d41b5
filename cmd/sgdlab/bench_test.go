package main

import (
	"bytes"
	"strings"
	"testing"
)

// fakeTiming is timing.py's output shape with made-up times.
const fakeTiming = `{
 "times": {"read_svmlight": 0.12, "torch_loop_float32": 33.0, "numpy_train_loop": 41.5,
           "sklearn_sgd_l2": 0.035, "sklearn_sgd_none": 0.0302, "sklearn_constant": 0.033, "sklearn_optimal": 0.036,
           "sklearn_invscaling": 0.035, "sklearn_adaptive": 0.034, "sklearn_constant_avg": 0.039, "sklearn_optimal_avg": 0.039},
 "runs": {"read_svmlight": 3, "torch_loop_float32": 1, "numpy_train_loop": 1, "sklearn_sgd_l2": 3, "sklearn_sgd_none": 3},
 "versions": {"python": "3.11.2", "numpy": "1.24.2", "sklearn": "1.2.1", "torch": "1.13.0a0"},
 "machine": {"cpu": "Some CPU", "cores": 2, "torch_threads": 1, "platform": "Linux"},
 "date": "2026-01-01T00:00:00Z",
 "info": {}
}`

var fakeGo = map[string]float64{
	goRead: 0.01, goTorch64: 0.02, goTorch32: 0.04, goMomentum: 0.025, goMomentumRun: 0.024, goProcess: 0.05,
	"sklearn_constant": 0.011, "sklearn_optimal": 0.012, "sklearn_invscaling": 0.0111, "sklearn_adaptive": 0.0112,
	"sklearn_constant_avg": 0.013, "sklearn_optimal_avg": 0.014, "sklearn_adagrad": 0.06,
}

// fakeTable is the table writeBench makes of fakeGo and fakeTiming, with
// side's rounds (or none) and pyNote.
func fakeTable(t *testing.T, side *beside, pyNote string) string {
	t.Helper()
	py, err := parsePyTimes([]byte(fakeTiming))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	writeBench(&out, benchHeader(py), fakeGo, py, "", side, pyNote)
	return out.String()
}

// wantIn fails t for each of wants that got, the named output, lacks.
func wantIn(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q; got:\n%s", what, want, got)
		}
	}
}

func TestBenchTable(t *testing.T) {
	got := fakeTable(t, nil, "")
	wantIn(t, "table", got,
		"- Python: python 3.11.2, torch 1.13.0a0, numpy 1.24.2, sklearn 1.2.1; torch threads 1\n",
		"| workload | Go | Go time | Python | Python time | Python ÷ Go |\n|---|---|---:|---|---:|---:|\n",
		"| read a9a and a9a.t | `data.Read`, from memory | 10.0 ms | `load_svmlight_file` | 120 ms | 12.0× |\n",
		"| the seed's PyTorch loop, 10 epochs, per-sample loss | `TorchLoop`, float32 (PyTorch's arithmetic) | 40.0 ms | the seed's loop, float32 | 33.0 s | 825× |\n",
		"| the same in float64 | `TorchLoop` (default) | 20.0 ms |  |  |  |\n",
		"| the seed's NumPy loop, 10 training epochs, per-sample loss | `NumPyLoop`, no pre-pass | 24.0 ms | the seed's loop without its pre-pass and N×N error | 41.5 s | 1729× |\n",
		"| `SGDClassifier`, log loss, L2 10⁻⁴, sparse, 10 epochs | `NumPyLoop`, no pre-pass | 24.0 ms | `SGDClassifier(penalty='l2')`, no per-sample loss | 35.0 ms | 1.46× |\n",
		"| `SGDClassifier`, log loss, no penalty, sparse, 10 epochs | `TorchLoop` (default) | 20.0 ms | `SGDClassifier(penalty=None)`, no per-sample loss | 30.2 ms | 1.51× |\n",
		"| the whole `sgdlab torch` process | start to exit, reading a9a | 50.0 ms |  |  |  |\n",
		"| `SGDClassifier`, optimal, 10 epochs | `SklearnLoop` | 12.0 ms | `SGDClassifier`, the same parameters | 36.0 ms | 3.00× |\n",
		"| `SGDClassifier`, constant, η₀ 0.01, averaged, 10 epochs | `SklearnLoop` | 13.0 ms | `SGDClassifier`, the same parameters | 39.0 ms | 3.00× |\n",
		"| AdaGrad, lr 0.1, composite, 10 epochs | `SklearnLoop` | 60.0 ms |  |  |  |\n",
		"Python: best of read_svmlight 3, torch_loop_float32 1, numpy_train_loop 1, sklearn_sgd_l2 3, sklearn_sgd_none 3 runs",
	)
	if strings.Contains(got, "Not in the timing file") {
		t.Errorf("an entry is missing:\n%s", got)
	}
	if n, want := strings.Count(got, "\n|"), 2+len(benchRows); n != want {
		t.Errorf("%d table lines, want %d (header, rule, one per row):\n%s", n, want, got)
	}
}

// TestBenchTableBeside: the SklearnLoop rows timed in alternating rounds
// show the medians of the rounds' bests and the median of the rounds'
// ratios, not the ratio of the medians, and the note under the table
// gives each row's lowest and highest ratio; the other rows are as
// before.
func TestBenchTableBeside(t *testing.T) {
	side := &beside{runs: 4, goBest: map[string][]float64{
		"sklearn_optimal": {0.010, 0.008, 0.012},
	}, pyBest: map[string][]float64{
		"sklearn_optimal": {0.031, 0.026, 0.030},
	}}
	wantIn(t, "table", fakeTable(t, side, ""),
		// Go 10.0 ms and SGDClassifier 30.0 ms are the medians; the ratios
		// are 3.1, 3.25 and 2.5, whose median 3.1 is not 30/10.
		"| `SGDClassifier`, optimal, 10 epochs | `SklearnLoop` | 10.0 ms | `SGDClassifier`, the same parameters | 30.0 ms | 3.10× |\n",
		"| `SGDClassifier`, constant, η₀ 0.01, averaged, 10 epochs | `SklearnLoop` | 13.0 ms | `SGDClassifier`, the same parameters | 39.0 ms | 3.00× |\n",
		"SklearnLoop rows: 3 rounds alternating Go and SGDClassifier, each side's best of 4 runs a round; "+
			"times are the medians of the rounds' bests, ratios the medians of the rounds' ratios, which ran from optimal 2.50 to 3.25×.\n",
	)
	wantIn(t, "table", fakeTable(t, nil, "the Python times come from -python-json"),
		"SklearnLoop rows: not timed in alternating rounds (the Python times come from -python-json).\n")
}

// TestBenchTableWithoutPython: the Go rows, dashes for Python, and why.
func TestBenchTableWithoutPython(t *testing.T) {
	var out bytes.Buffer
	goOnly := map[string]float64{goRead: 0.0123, goTorch64: 0.5}
	writeBench(&out, benchHeader(nil), goOnly, nil, "/usr/bin/python3 cannot import torch, numpy and sklearn (No module named 'torch')", nil, "")
	got := out.String()
	wantIn(t, "output", got,
		"| read a9a and a9a.t | `data.Read`, from memory | 12.3 ms | `load_svmlight_file` | — | — |\n",
		"| the same in float64 | `TorchLoop` (default) | 500 ms |  |  |  |\n",
		"\nPython times missing: /usr/bin/python3 cannot import torch, numpy and sklearn (No module named 'torch').\n",
	)
	if strings.Contains(got, "Python:") || strings.Contains(got, "float32") {
		t.Errorf("rows or versions without their data:\n%s", got)
	}
}

func TestBenchTimingJSONErrors(t *testing.T) {
	for _, in := range []string{"", "{", `{"times": {}}`} {
		if _, err := parsePyTimes([]byte(in)); err == nil {
			t.Errorf("parsePyTimes(%q) succeeded", in)
		}
	}
}

func TestSecondsFormat(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want string
	}{
		{33.04, "33.0 s"}, {1, "1.00 s"}, {0.999, "999 ms"}, {0.0123456, "12.3 ms"}, {0.001, "1.00 ms"},
		{0.000512, "512 µs"}, {2.5e-6, "2.50 µs"}, {1234, "1234 s"},
	} {
		if got := seconds(tc.s); got != tc.want {
			t.Errorf("seconds(%v) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if got := median([]float64{3, 1, 2, 10}); got != 2.5 {
		t.Errorf("median = %v, want 2.5", got)
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{{"bench", "-repeat", "0"}, {"bench", "extra"}, {"bench", "-bogus"}} {
		if code, _, stderr := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d (%s), want %d", args, code, stderr, exitUsage)
		}
	}
}
