package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sgdOutput is what 'sgdlab sgd -json' writes, as a reader of the file
// sees it.
type sgdOutput struct {
	Loop   string  `json:"loop"`
	Alpha  float64 `json:"alpha"`
	FStar  float64 `json:"fstar"`
	Epochs []struct {
		Epoch      int      `json:"epoch"`
		Loss       float64  `json:"loss"`
		TrainError float64  `json:"train_error"`
		TestError  float64  `json:"test_error"`
		Objective  *float64 `json:"objective"`
	} `json:"epochs"`
	Sklearn struct {
		LearningRate   string  `json:"learning_rate"`
		Eta0           float64 `json:"eta0"`
		Average        int     `json:"average"`
		Tol            float64 `json:"tol"`
		NIterNoChange  int     `json:"n_iter_no_change"`
		InterceptDecay float64 `json:"intercept_decay"`
	} `json:"sklearn"`
	Coef      []*float64 `json:"coef"`
	Intercept *float64   `json:"intercept"`
	Stopped   string     `json:"stopped"`
	NoFStar   string     `json:"no_fstar"`
}

func readSGDOutput(t *testing.T, path string) sgdOutput {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o sgdOutput
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestSGDUsageErrors: every bad value of sgd's flags exits 2 before any
// work, with a one-line error naming the flag.
func TestSGDUsageErrors(t *testing.T) {
	train := writeFile(t, "train", tiny)
	t.Setenv("SGDLAB_DATA", train) // loading a9a would fail with exit 1
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--learning-rate", "pa1"}, `-learning-rate "pa1": want constant, optimal, invscaling, adaptive or adagrad`},
		{[]string{"--learning-rate", "constant"}, "-eta0 must be > 0 for -learning-rate constant"},
		{[]string{"--learning-rate", "adagrad", "--eta0", "-1"}, "-eta0 must be >= 0 and finite, got -1"},
		{[]string{"--eta0", "NaN"}, "-eta0 must be >= 0 and finite, got NaN"},
		{[]string{"--eta0", "1e400"}, `invalid value "1e400" for flag -eta0`},
		{[]string{"--alpha", "0"}, "-alpha must be > 0 and finite, got 0"},
		{[]string{"--alpha", "Inf"}, "-alpha must be > 0 and finite, got +Inf"},
		{[]string{"--power-t", "NaN"}, "-power-t must be finite, got NaN"},
		{[]string{"--learning-rate", "invscaling", "--eta0", "1", "--power-t", "0"}, "-power-t 0 with invscaling is a constant rate"},
		{[]string{"--average=-3"}, "-average must be true, false or a step k >= 1, got -3"},
		{[]string{"--average", "-3"}, "-average must be true, false or a step k >= 1, got -3"},
		{[]string{"--tol", "-1"}, "-tol must be >= 0 and finite (0: tol=None), got -1"},
		{[]string{"--tol", "NaN"}, "-tol must be >= 0 and finite (0: tol=None), got NaN"},
		{[]string{"--learning-rate", "adagrad", "--eta0", "0.1", "--tol", "1e-3"}, "-tol with -learning-rate adagrad"},
		{[]string{"--n-iter-no-change", "0"}, "-n-iter-no-change must be >= 1, got 0"},
		{[]string{"--intercept-decay", "0"}, "-intercept-decay must be > 0 and finite, got 0"},
		{[]string{"--intercept-decay", "-Inf"}, "-intercept-decay must be > 0 and finite, got -Inf"},
		{[]string{"--epochs", "1e20"}, `invalid value "1e20" for flag -epochs`},
		{[]string{"--shuffle=maybe"}, `invalid boolean value "maybe" for -shuffle`},
		{[]string{"--average=often"}, `invalid boolean value "often" for -average`},
		{[]string{"--average", "often"}, `invalid boolean value "often" for -average`},
		{[]string{"--learning-rate", "adagrad", "--eta0", "0.1", "--average"}, "-average with -learning-rate adagrad"},
		{[]string{"--epochs", "0"}, "-epochs must be >= 1, got 0"},
		// Flags the run would not read.
		{[]string{"--eta0", "0.01"}, "-eta0 with -learning-rate optimal"},
		{[]string{"--learning-rate", "constant", "--eta0", "0.1", "--power-t", "0.5"}, "-power-t is invscaling's exponent, not read by -learning-rate constant"},
		{[]string{"--learning-rate", "adagrad", "--eta0", "0.1", "--power-t", "1"}, "not read by -learning-rate adagrad"},
		{[]string{"--n-iter-no-change", "3"}, "-n-iter-no-change counts the epochs -tol waits for"},
		{[]string{"--n-iter-no-change", "3", "--tol", "0"}, "-tol is not set"},
		{[]string{"--learning-rate", "adagrad", "--eta0", "0.1", "--intercept-decay", "1"}, "-intercept-decay with -learning-rate adagrad"},
		{[]string{"--seed", "5"}, "-seed seeds -shuffle's order"},
		{[]string{"--seed", "5", "--shuffle=false"}, "-seed seeds -shuffle's order"},
		{[]string{"--lr", "0.1"}, "flag provided but not defined: -lr"},
		{[]string{"--test", train}, "-test needs -train"},
		{[]string{"--json", filepath.Join(train, "h.json")}, "is a file, not a folder"},
		{[]string{"extra"}, "unexpected argument"},
	} {
		args := append([]string{"sgd"}, c.args...)
		if !strings.Contains(strings.Join(c.args, " "), "-test") && c.args[0] != "extra" {
			args = append(args, "--train", train)
		}
		code, stdout, stderr := runCmd(args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d naming %q", c.args, code, stdout, stderr, exitUsage, c.want)
		}
		if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 0 {
			t.Errorf("%v: %d lines of error: %q", c.args, n+1, stderr)
		}
	}
}

// TestSGDOutputMatchesJSON: each printed epoch line carries the numbers of
// the History -json writes, F − F* with the F* written beside; the file
// holds the final model as coef and intercept; -average alone is
// average=True.
func TestSGDOutputMatchesJSON(t *testing.T) {
	train, test := writeFile(t, "train", tiny), writeFile(t, "test", tiny)
	js := filepath.Join(t.TempDir(), "h.json")
	code, out, stderr := runCmd("sgd", "--train", train, "--test", test, "--learning-rate", "constant", "--eta0", "0.5",
		"--average", "--epochs", "3", "--json", js)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// -average K, with a space, is average=K.
	js2 := filepath.Join(t.TempDir(), "h.json")
	if code, _, stderr := runCmd("sgd", "--train", train, "--average", "4", "--epochs", "1", "--json", js2); code != exitOK {
		t.Fatalf("-average 4: exit %d: %s", code, stderr)
	}
	if o := readSGDOutput(t, js2); o.Sklearn.Average != 4 {
		t.Errorf("-average 4: average %d", o.Sklearn.Average)
	}
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	o := readSGDOutput(t, js)
	if o.Loop != "sklearn" || o.Sklearn.LearningRate != "constant" || o.Sklearn.Eta0 != 0.5 || o.Sklearn.Average != 1 || o.Alpha != 1e-4 {
		t.Errorf("JSON setting %+v, alpha %v", o.Sklearn, o.Alpha)
	}
	want := []string{fmt.Sprintf("F* = %.10f: the minimum of F = mean log loss + (alpha/2)·‖w‖² on the training set (L-BFGS)", o.FStar)}
	for _, r := range o.Epochs {
		want = append(want, fmt.Sprintf("Epoch %d: objective %.10f, F - F* %.3e, avg. loss %.4f, train error %.4f, test error %.4f",
			r.Epoch, *r.Objective, *r.Objective-o.FStar, r.Loss, r.TrainError, r.TestError))
	}
	if got := strings.TrimSpace(out); got != strings.Join(want, "\n") {
		t.Errorf("output:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if len(o.Epochs) != 3 || len(o.Coef) != 3 || o.Intercept == nil {
		t.Errorf("%d epochs, %d coefficients, intercept %v", len(o.Epochs), len(o.Coef), o.Intercept)
	}
	for _, r := range o.Epochs {
		if !(*r.Objective >= o.FStar-1e-12) {
			t.Errorf("epoch %d: objective %v below F* %v", r.Epoch, *r.Objective, o.FStar)
		}
	}
}

// TestSGDTolAndDecay: -tol, -n-iter-no-change and -intercept-decay reach
// the run: a tol no epoch can meet stops a constant rate after its second
// epoch, the first that can fail to improve, and the bias steps at the
// rate asked.
func TestSGDTolAndDecay(t *testing.T) {
	train := writeFile(t, "train", tiny)
	runs := map[string]sgdOutput{}
	for _, decay := range []string{"0.01", "1"} {
		js := filepath.Join(t.TempDir(), "h.json")
		code, _, stderr := runCmd("sgd", "--train", train, "--learning-rate", "constant", "--eta0", "0.5", "--epochs", "50",
			"--tol", "1e9", "--n-iter-no-change", "1", "--intercept-decay", decay, "--json", js)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		o := readSGDOutput(t, js)
		if s := o.Sklearn; s.Tol != 1e9 || s.NIterNoChange != 1 || fmt.Sprint(s.InterceptDecay) != decay || len(o.Epochs) != 2 {
			t.Errorf("-intercept-decay %s: setting %+v, %d epochs; want tol 1e9, n_iter_no_change 1, 2 epochs", decay, s, len(o.Epochs))
		}
		runs[decay] = o
	}
	if a, b := runs["0.01"].Intercept, runs["1"].Intercept; a == nil || b == nil || *a == *b {
		t.Errorf("the intercept is the same with either decay: %v, %v", a, b)
	}
}

// TestSGDDiverged: a rate that makes the weights overflow exits 3 after
// printing the epochs before, and -json still holds them.
func TestSGDDiverged(t *testing.T) {
	train := writeFile(t, "train", "+1 1:20 3:20\n-1 2:20 3:20\n+1 1:20\n-1 2:20\n+1 1:20 2:20 3:20\n-1 3:20\n")
	js := filepath.Join(t.TempDir(), "h.json")
	code, out, stderr := runCmd("sgd", "--train", train, "--learning-rate", "constant", "--eta0", "1e306", "--json", js)
	if code != exitDiverged || !strings.Contains(stderr, "diverged") {
		t.Fatalf("exit %d, stderr %q; want %d and the divergence", code, stderr, exitDiverged)
	}
	o := readSGDOutput(t, js)
	if o.Stopped == "" || strings.Count(out, "Epoch") != len(o.Epochs) {
		t.Errorf("stopped %q, %d records, printed:\n%s", o.Stopped, len(o.Epochs), out)
	}
}

// TestSGDObjectiveDiverged: weights of ±10³⁰⁰, finite, whose ‖w‖²
// overflows, make the objective infinite: exit 3, not lines of +Inf.
func TestSGDObjectiveDiverged(t *testing.T) {
	train := writeFile(t, "train", "+1 1:1 2:1\n-1 1:1 3:1\n")
	js := filepath.Join(t.TempDir(), "h.json")
	code, out, stderr := runCmd("sgd", "--train", train, "--learning-rate", "constant", "--eta0", "1e300", "--epochs", "3", "--json", js)
	if code != exitDiverged || !strings.Contains(stderr, "the objective is not finite at the end of epoch 1") || strings.Contains(out, "Inf") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want %d and the objective's divergence", code, out, stderr, exitDiverged)
	}
	if o := readSGDOutput(t, js); !strings.Contains(o.Stopped, "objective") || len(o.Epochs) != 0 {
		t.Errorf("stopped %q, %d records", o.Stopped, len(o.Epochs))
	}
}

// TestSGDNoFStar: with a penalty too large for L-BFGS from zero to find
// the optimum (labels two to one, so that the zero model is not it), the
// run goes on without F*: stderr says why, each line's F − F* is NaN, and
// -json writes fstar null with the reason beside it.
func TestSGDNoFStar(t *testing.T) {
	train := writeFile(t, "train", "+1 1:1 3:1\n-1 2:1 3:1\n+1 1:1\n+1 2:1\n+1 1:1 2:1 3:1\n-1 3:1\n")
	js := filepath.Join(t.TempDir(), "h.json")
	code, out, stderr := runCmd("sgd", "--train", train, "--learning-rate", "constant", "--eta0", "0.01", "--alpha", "1e50",
		"--epochs", "2", "--json", js)
	if code != exitOK || !strings.Contains(stderr, "no F* (the optimum of F)") || strings.Count(out, "F - F* NaN") != 2 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if why, _ := o["no_fstar"].(string); o["fstar"] != nil || !strings.Contains(why, "gradient") {
		t.Errorf("fstar %v, no_fstar %q; want null and the reason", o["fstar"], why)
	}
}

// TestSGDMatchesScikitLearn runs 'sgdlab sgd' with the settings of two
// runs of sklearn_sgd.json on a9a and compares the coef and intercept it
// writes with scikit-learn's coef_ and intercept_, and its F* with
// scipy's.
func TestSGDMatchesScikitLearn(t *testing.T) {
	needA9A(t)
	var ref struct {
		Runs []struct {
			Name   string `json:"name"`
			Models []struct {
				Epochs    int       `json:"epochs"`
				Coef      []float64 `json:"coef"`
				Intercept float64   `json:"intercept"`
			} `json:"models"`
		} `json:"runs"`
	}
	readTrace(t, "sklearn_sgd.json", &ref)
	var opt struct {
		Objective float64 `json:"objective"`
	}
	readTrace(t, "optimum.json", &opt)
	for name, args := range map[string][]string{
		"optimal":              {},
		"constant_avg_eta0.03": {"--learning-rate", "constant", "--eta0", "0.03", "--average"},
	} {
		js := filepath.Join(t.TempDir(), "h.json")
		if code, _, stderr := runCmd(append(append([]string{"sgd"}, args...), "--json", js)...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		o := readSGDOutput(t, js)
		if rel := math.Abs(o.FStar-opt.Objective) / opt.Objective; rel > 1e-9 {
			t.Errorf("F* %v, scipy's %v", o.FStar, opt.Objective)
		}
		for _, run := range ref.Runs {
			if run.Name != name {
				continue
			}
			m := run.Models[len(run.Models)-1]
			worst := math.Abs(*o.Intercept-m.Intercept) / max(math.Abs(m.Intercept), 1e-6)
			for j, w := range m.Coef {
				worst = max(worst, math.Abs(*o.Coef[j]-w)/max(math.Abs(w), 1e-6))
			}
			if worst > 1e-9 {
				t.Errorf("%s: coef and intercept differ from scikit-learn's by %.3g relative", name, worst)
			}
		}
	}
}

// TestSGDFlagsRead: each flag is accepted where the run reads it.
func TestSGDFlagsRead(t *testing.T) {
	train := writeFile(t, "train", tiny)
	for _, args := range [][]string{
		{"--learning-rate", "invscaling", "--eta0", "1", "--power-t", "0.25"},
		{"--learning-rate", "adagrad", "--eta0", "0.1"},
		{"--learning-rate", "adaptive", "--eta0", "0.1", "--tol", "1e-3", "--n-iter-no-change", "3"},
		{"--tol", "1e-3", "--n-iter-no-change", "2"},
		{"--learning-rate", "constant", "--eta0", "0.1", "--intercept-decay", "1"},
		{"--shuffle", "--seed", "5"},
		{"--alpha", "0.001", "--average", "10", "--epochs", "3"},
	} {
		fs, o, s := newSGDFlags(io.Discard)
		if err := s.parse(fs, o, append(args, "--train", train)); err != nil {
			t.Errorf("%v: %v", args, err)
		}
	}
}
