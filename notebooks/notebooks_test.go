package notebooks

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/browser"
	"github.com/sgdlab/sgdlab/notebooks/internal/nbrun"
	"github.com/sgdlab/sgdlab/notebooks/internal/testkit"
	"github.com/sgdlab/sgdlab/notebooks/nb"
	"github.com/sgdlab/sgdlab/notebooks/playground"
)

// expected are what the test computes with the library, for the notebooks
// to print.
type expected struct {
	train, test    *data.Dataset
	torch, torch32 *logreg.History
	numpy          *logreg.History
	optimum        logreg.Model
	helps          *nb.Race // notebook 06's six ways, run silently
}

// charts is what each report must show: chart elements, and series with
// data over all of them.
var charts = map[string]struct{ elements, series int }{
	"01-pytorch-loop":       {2, 2},  // progress panels: loss, running accuracy
	"02-numpy-sgd":          {2, 2},  // the program's two panels
	"03-the-30-percent":     {2, 4},  // loss; as written, train and test error
	"04-suggestions-tested": {9, 25}, // six overlays (2,2,2,2,2,4), all together (8), playground (1+2)
	"05-speed":              {5, 9},  // time per epoch: three paths; with momentum, two; a9a, RCV1-shaped; values 1 and 0.5
	"06-what-helps":         {7, 23}, // five runs beside the seed's rate (2 each); all six, and test error with the optimum (6, 7)
}

// checks compare each notebook's printed lines with the library's numbers.
var checks = map[string]func(*testing.T, *nbrun.Notebook, *expected){
	"01-pytorch-loop":       check01,
	"02-numpy-sgd":          check02,
	"03-the-30-percent":     check03,
	"04-suggestions-tested": check04,
	"05-speed":              check05,
	"06-what-helps":         check06,
}

// TestNotebooks executes every notebook with nbconvert and the GoNB kernel,
// each code cell as after a kernel restart (nbrun.Runner.Isolated), fails on
// any cell error, checks the key printed numbers, exports each
// report with and without RequireJS and checks in Chromium that every chart
// drew.
func TestNotebooks(t *testing.T) {
	if testing.Short() {
		t.Skip("executes every notebook: minutes")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 45*time.Minute)
	defer cancel()
	root, err := nbrun.Root()
	if err != nil {
		t.Fatal(err)
	}
	r := nbrun.Runner{Isolated: true, Env: []string{nbrun.EnvRoot + "=" + root, playground.EnvHeadless + "=1"}}
	testkit.Need(t, "jupyter nbconvert", r.Check(ctx))
	testkit.Need(t, "the GoNB kernel", r.CheckKernel(ctx))
	_, err = browser.Chromium()
	testkit.Need(t, "chromium", err)
	_, err = chart.JSDir()
	testkit.Need(t, "echarts from npm", err)
	var e expected
	e.train, e.test, err = data.A9A(ctx, data.Options{Offline: true})
	testkit.Need(t, "a9a", err)
	e.compute(t)

	paths, err := nbrun.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		name := nbrun.Name(p)
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			ipynb := filepath.Join(dir, name+".ipynb")
			start := time.Now()
			nb, err := r.Execute(ctx, p, ipynb)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("executed in %.0f s", time.Since(start).Seconds())
			check, ok := checks[name]
			if !ok {
				t.Fatalf("no output check for %s", name)
			}
			check(t, nb, &e)
			for _, noRequireJS := range []bool{false, true} {
				page := filepath.Join(dir, fmt.Sprintf("%s-norequire-%v.html", name, noRequireJS))
				checkReport(t, ctx, r, ipynb, page, chart.ReportOptions{NoRequireJS: noRequireJS}, name)
			}
		})
	}
}

// compute runs the library on a9a as each notebook's checked cells do.
func (e *expected) compute(t *testing.T) {
	t.Helper()
	var err error
	if e.torch, err = logreg.TorchLoop(e.train, e.test, logreg.Config{}); err != nil {
		t.Fatal(err)
	}
	if e.torch32, err = logreg.TorchLoop(e.train, e.test, logreg.Config{Float32: true}); err != nil {
		t.Fatal(err)
	}
	if e.numpy, err = logreg.NumPyLoop(e.train, e.test, logreg.Config{}); err != nil {
		t.Fatal(err)
	}
	if e.optimum, err = logreg.Optimum(e.train, logreg.Config{}); err != nil {
		t.Fatal(err)
	}
	if e.helps, err = nb.RunQuiet(e.train, e.test, nb.Ways(100)...); err != nil {
		t.Fatal(err)
	}
}

func checkReport(t *testing.T, ctx context.Context, r nbrun.Runner, ipynb, page string, opt chart.ReportOptions, name string) {
	t.Helper()
	if err := r.Export(ctx, ipynb, page, opt); err != nil {
		t.Fatalf("export (NoRequireJS %v): %v", opt.NoRequireJS, err)
	}
	rep, err := browser.CheckFile(ctx, page, browser.Wait{})
	if err != nil {
		t.Fatalf("browser (NoRequireJS %v): %v", opt.NoRequireJS, err)
	}
	if err := rep.Err(); err != nil {
		t.Errorf("report (NoRequireJS %v): %v", opt.NoRequireJS, err)
	}
	series := 0
	for _, c := range rep.Charts {
		series += c.SeriesWithData
	}
	want := charts[name]
	if len(rep.Charts) != want.elements || series != want.series {
		t.Errorf("report (NoRequireJS %v): %d charts with %d series holding data, want %d and %d",
			opt.NoRequireJS, len(rep.Charts), series, want.elements, want.series)
	}
}

// hasLine fails unless out holds line as one whole line.
func hasLine(t *testing.T, out, line string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if l == line {
			return
		}
	}
	t.Errorf("output lacks the line %q; it printed:\n%s", line, out)
}

func last(h *logreg.History) logreg.Record { return h.Epochs[len(h.Epochs)-1] }

func check01(t *testing.T, nb *nbrun.Notebook, e *expected) {
	out := nb.AllStdout()
	for _, r := range e.torch.Epochs {
		hasLine(t, out, fmt.Sprintf("Epoch [%d/10], Loss: %.4f, Accuracy: %.4f", r.Epoch, r.Loss, r.RunningAccuracy))
	}
	hasLine(t, out, fmt.Sprintf("Final Train Accuracy: %.4f", 1-logreg.ErrorRate(e.torch.Model, e.train)))
	hasLine(t, out, fmt.Sprintf("Final Test Accuracy: %.4f", 1-logreg.ErrorRate(e.torch.Model, e.test)))
	hasLine(t, out, fmt.Sprintf("final test accuracy: float64 %.4f, float32 %.4f",
		1-logreg.ErrorRate(e.torch.Model, e.test), 1-logreg.ErrorRate(e.torch32.Model, e.test)))
	// The finite-difference cell: each printed autograd value must agree
	// with its finite difference and with p − y.
	re := regexp.MustCompile(`autograd ([-+.0-9]+)\s+finite difference ([-+.0-9]+)\s+p−y ([-+.0-9]+)`)
	m := re.FindAllStringSubmatch(out, -1)
	if len(m) != 4 {
		t.Fatalf("%d gradient lines, want 4", len(m))
	}
	for _, g := range m {
		a, _ := strconv.ParseFloat(g[1], 64)
		fd, _ := strconv.ParseFloat(g[2], 64)
		py, _ := strconv.ParseFloat(g[3], 64)
		if math.Abs(a-fd) > 1e-6 || math.Abs(a-py) > 1e-8 {
			t.Errorf("gradient line %q: autograd, finite difference and p−y disagree", g[0])
		}
	}
}

func check02(t *testing.T, nb *nbrun.Notebook, e *expected) {
	out := nb.AllStdout()
	for _, r := range e.numpy.Epochs {
		hasLine(t, out, fmt.Sprintf("Epoch %d: Loss = %.4f, Misclassified = %.4f", r.Epoch, r.Loss, r.AsWrittenError))
	}
	if n := len(e.numpy.Epochs); n != 11 {
		t.Errorf("NumPyLoop recorded %d epochs, want 11 (0..10)", n)
	}
	// The dense and sparse programs print the same numbers.
	re := regexp.MustCompile(`sparse: loss (\S+) misclassified (\S+)\s+dense: loss (\S+) misclassified (\S+)`)
	m := re.FindAllStringSubmatch(out, -1)
	if len(m) == 0 {
		t.Fatal("no sparse/dense lines")
	}
	for _, g := range m {
		if g[1] != g[3] || g[2] != g[4] {
			t.Errorf("sparse and dense differ: %q", g[0])
		}
	}
}

func check03(t *testing.T, nb *nbrun.Notebook, e *expected) {
	out := nb.AllStdout()
	m := e.numpy.Model
	asWritten := logreg.BroadcastErrorRate(m, e.train)
	hasLine(t, out, fmt.Sprintf("train, as written: %.4f", asWritten))
	hasLine(t, out, fmt.Sprintf("train, correct: %.4f", logreg.ErrorRate(m, e.train)))
	hasLine(t, out, fmt.Sprintf("test, as written: %.4f", logreg.BroadcastErrorRate(m, e.test)))
	hasLine(t, out, fmt.Sprintf("test, correct: %.4f", logreg.ErrorRate(m, e.test)))
	if !strings.Contains(out, fmt.Sprintf("closed form %.4f, BroadcastErrorRate %.4f", asWritten, asWritten)) {
		t.Errorf("closed-form line does not give %.4f twice:\n%s", asWritten, out)
	}
	hasLine(t, out, "mean over 9 pairs: 0.5556; mean over the diagonal: 0.3333")
	hasLine(t, out, fmt.Sprintf("test error: PyTorch loop %.4f, NumPy program %.4f (it printed %.4f)",
		logreg.ErrorRate(e.torch.Model, e.test), logreg.ErrorRate(m, e.test), last(e.numpy).AsWrittenError))
}

func check04(t *testing.T, nb *nbrun.Notebook, e *expected) {
	out := nb.AllStdout()
	hasLine(t, out, fmt.Sprintf("optimum: train error %.4f, test error %.4f",
		logreg.ErrorRate(e.optimum, e.train), logreg.ErrorRate(e.optimum, e.test)))
	hasLine(t, out, fmt.Sprintf("%-22s final test error %.4f", "as written", last(e.numpy).TestError))
	// The playground, headless, shows its chart under a caption for a reader.
	caption := false
	start := playground.Setting{LearningRate: 0.001, Momentum: 0, Epochs: 10}
	for i := range nb.Cells {
		for _, h := range nb.HTML(i) {
			caption = caption || (strings.Contains(h, "interactive in a live notebook") && strings.Contains(h, start.String()))
		}
	}
	if !caption {
		t.Error("the playground shows no reader's caption naming its setting")
	}
	if strings.Contains(out, "playground") {
		t.Errorf("the playground printed a log line:\n%s", out)
	}
	hasLine(t, out, "distinct stored feature values and how often they occur: map[1:677323]")
}

func check05(t *testing.T, book *nbrun.Notebook, e *expected) {
	out := book.AllStdout()
	perRow := float64(e.train.NNZ()) / float64(e.train.Rows())
	hasLine(t, out, fmt.Sprintf("a9a: %.1f nonzeros per row of %d features (%.1f%% dense)",
		perRow, e.train.Width, 100*perRow/float64(e.train.Width)))
	// The lazy scale reproduces the dense shrink on every weight.
	lazy := regexp.MustCompile(`w\[\d\] dense (\S+)\s+lazy s·v (\S+)`).FindAllStringSubmatch(out, -1)
	if len(lazy) != 5 {
		t.Errorf("%d lazy-scale lines, want 5", len(lazy))
	}
	for _, g := range lazy {
		a, _ := strconv.ParseFloat(g[1], 64)
		b, _ := strconv.ParseFloat(g[2], 64)
		if math.Abs(a-b) > 1e-11 {
			t.Errorf("lazy scale disagrees: %q", g[0])
		}
	}
	// The next logit summed before the update is the one after it.
	next := regexp.MustCompile(`next logit after the update (\S+), from before it (\S+) \((\d+) shared\)`).FindStringSubmatch(out)
	if next == nil {
		t.Errorf("no line comparing the next logit after and before the update")
	} else {
		a, _ := strconv.ParseFloat(next[1], 64)
		b, _ := strconv.ParseFloat(next[2], 64)
		if math.Abs(a-b) > 1e-12 || next[3] != "2" {
			t.Errorf("next logit before the update disagrees: %q", next[0])
		}
	}
	// Sparse and dense paths agree within the 1e-9 the fast paths promise.
	diffs := regexp.MustCompile(`sparse against dense: largest relative difference (\S+)`).FindAllStringSubmatch(out, -1)
	if len(diffs) != 2 {
		t.Fatalf("%d sparse/dense comparisons, want 2 (momentum 0 and 0.9)", len(diffs))
	}
	for _, g := range diffs {
		if d, err := strconv.ParseFloat(g[1], 64); err != nil || !(d <= 1e-9) {
			t.Errorf("sparse and dense histories differ: %q", g[0])
		}
	}
	// The RCV1-shaped slice, as the notebook's default flag makes it.
	s := synth.RCV1
	s.Rows = 20000
	var text bytes.Buffer
	if err := synth.Write(context.Background(), &text, s, nil); err != nil {
		t.Fatal(err)
	}
	size := text.Len()
	d, err := data.Read(&text, data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	hasLine(t, out, fmt.Sprintf("RCV1-shaped: %d rows, %d nonzeros, width %d, %.1f MB of text",
		d.Rows(), d.NNZ(), d.Width, float64(size)/1e6))
	mem := regexp.MustCompile(`memory: the rows (\S+) bytes per nonzero`).FindStringSubmatch(out)
	if mem == nil || mem[1] != fmt.Sprintf("%.1f", nb.BytesPerNonzero(d)) {
		t.Errorf("memory line %q, want the rows' %.1f bytes per nonzero", mem, nb.BytesPerNonzero(d))
	}
	for _, re := range []string{`read in \S+ s: \d+ rows/s, \d+ MB/s`, `a9a's rows, median epoch: values 1 \S+ ms, values 0.5 \S+ ms`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("no line matching %q", re)
		}
	}
}

func check06(t *testing.T, book *nbrun.Notebook, e *expected) {
	out := book.AllStdout()
	r := e.helps
	m := r.Optimum
	hasLine(t, out, fmt.Sprintf("F* = %.10f for alpha 0.0001; the optimum's train error %.4f, test error %.4f",
		r.FStar, logreg.ErrorRate(m, e.train), logreg.ErrorRate(m, e.test)))
	hasLine(t, out, fmt.Sprintf("F* = %.10f (L-BFGS); the optimum's test error %.4f", r.FStar, logreg.ErrorRate(m, e.test)))
	// Each way's line, in the cell of its own and in the last, but for the
	// time of an epoch, which no two runs share.
	timing := regexp.MustCompile(`; [0-9.]+ ms per epoch$`)
	seen := map[string]int{}
	for _, l := range strings.Split(out, "\n") {
		seen[timing.ReplaceAllString(l, "")]++
	}
	for i, res := range r.Results {
		line := timing.ReplaceAllString(res.Line(r.FStar), "")
		if want := 2 + b2i(i == 0)*4; seen[line] != want {
			t.Errorf("the line %q is printed %d times, want %d; output:\n%s", line, seen[line], want, out)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
