package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

// runBench times the Go loops on a9a with testing.Benchmark, then, when a
// Python with torch, numpy and scikit-learn is at hand, the seed's programs
// and scikit-learn on the same files (logreg/testdata/reference/timing.py)
// and SklearnLoop beside SGDClassifier in alternating rounds
// (bench_beside.go), and prints one Markdown table with Go as the unit;
// then SklearnLoop's training passes beside Bottou's svmsgd
// (bench_passes.go), and, with -svmsgd, timed beside a build of it
// (bench_svmsgd.go).
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sgdlab bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "folder holding a9a and a9a.t (default: $SGDLAB_DATA, then the user cache, then download)")
	python := fs.String("python", "/usr/bin/python3", "Python with torch, numpy and scikit-learn")
	skipPython := fs.Bool("skip-python", false, "time the Go loops only")
	pythonJSON := fs.String("python-json", "", "take the Python times from this timing.py output instead of running it")
	repeat := fs.Int("repeat", 5, "runs of each Go benchmark (the median is shown) and of each fast Python entry (the best); "+
		"rounds of SklearnLoop beside SGDClassifier, each side's best of 4 times as many runs")
	rcv1 := fs.Int("rcv1", 0, "instead of a9a, a synthetic RCV1-shaped set of this many rows (781265: the full size), made in the user cache")
	svmsgdExe := fs.String("svmsgd", "", "a build of Bottou's svmsgd (sgd-2.x; or svmasgd) to time SklearnLoop beside, in alternating runs")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	set := given(fs)
	// A flag the run would not read is refused, not ignored.
	switch {
	case *repeat < 1 || *repeat > maxRepeat:
		return fmt.Errorf("%w: -repeat must be in [1, %d], got %d", errUsage, maxRepeat, *repeat)
	case *rcv1 != 0 && set["data"]:
		return fmt.Errorf("%w: -data is a9a's: -rcv1 makes its own set", errUsage)
	case *rcv1 != 0 && set["python-json"]:
		return fmt.Errorf("%w: -python-json is a9a's: -rcv1 makes its own set", errUsage)
	case *skipPython && *pythonJSON != "":
		return fmt.Errorf("%w: -skip-python and -python-json exclude each other", errUsage)
	case set["python"] && *skipPython:
		return fmt.Errorf("%w: -python and -skip-python exclude each other", errUsage)
	case set["python"] && *pythonJSON != "":
		return fmt.Errorf("%w: -python and -python-json exclude each other", errUsage)
	case *rcv1 != 0 && set["svmsgd"]:
		return fmt.Errorf("%w: -svmsgd is a9a's: -rcv1 makes its own set", errUsage)
	}
	// Found now, not after minutes of Go timings.
	if _, err := exec.LookPath(*python); set["python"] && err != nil {
		return fmt.Errorf("%w: -python %s: no such executable", errUsage, *python)
	}
	if _, err := exec.LookPath(*svmsgdExe); set["svmsgd"] && err != nil {
		return fmt.Errorf("%w: -svmsgd %s: no such executable", errUsage, *svmsgdExe)
	}
	if *rcv1 != 0 {
		return rcv1Bench(ctx, *rcv1, *python, *skipPython, *repeat, stdout, stderr)
	}
	if err := checkFolderFlag("data", *dir); err != nil {
		return err
	}
	var py *pyTimes
	if *pythonJSON != "" {
		// Read before the minutes of timing, so that a bad file costs none.
		var err error
		if py, err = readPyTimes(*pythonJSON); err != nil {
			return fmt.Errorf("%w: -python-json %s: %v", errUsage, *pythonJSON, pathless(err))
		}
	}

	train, test, err := data.A9A(ctx, data.Options{Dir: *dir, Progress: stderr})
	if err != nil {
		return err
	}
	folder, err := a9aFolder(*dir)
	if err != nil {
		return err
	}
	var svm *svmsgd
	if *svmsgdExe != "" {
		if svm, err = newSvmsgd(*svmsgdExe, folder); err != nil {
			return err
		}
		defer svm.close()
		if _, err := svm.run(ctx); ctx.Err() != nil {
			return ctx.Err()
		} else if err != nil {
			return fmt.Errorf("%w: -svmsgd: %v", errUsage, err)
		}
	}
	passes := newPassTimes()
	goTimes, err := goBenchmarks(ctx, folder, train, test, *repeat, passes, stderr)
	if err != nil {
		return err
	}

	var why, besideWhy string
	var side *beside
	switch {
	case py != nil:
		besideWhy = "the Python times come from -python-json"
	case *skipPython:
		why = "skipped (-skip-python)"
	default:
		py, why = runTiming(ctx, *python, folder, *repeat, stderr)
		if py != nil {
			side, besideWhy = besideRounds(ctx, *python, folder, train, test, *repeat, besideRuns**repeat, passes, stderr)
		}
		if err := ctx.Err(); err != nil {
			return err // the script was stopped: no table
		}
	}
	var steps *svmsgdSteps
	if svm != nil {
		if steps, err = besideSvmsgd(ctx, svm, train, test, svmsgdStepsPerRepeat**repeat, stderr); err != nil {
			return err
		}
	}
	writeBench(stdout, benchHeader(py), goTimes, py, why, side, besideWhy)
	writePassTable(stdout, passes)
	if steps != nil {
		writeSvmsgdTable(stdout, svm, steps)
	}
	return nil
}

// svmsgdStepsPerRepeat is how many steps beside svmsgd each -repeat adds:
// 8 steps take about 4 s on a9a.
const svmsgdStepsPerRepeat = 8

// maxRepeat bounds -repeat: far above any use, it keeps the count of runs
// (1 + -repeat rounds, -repeat runs of each benchmark) far from overflow.
const maxRepeat = 1000

// Keys of the Go workloads.
const (
	goRead        = "read"
	goTorch64     = "torch64"
	goTorch32     = "torch32"
	goMomentum    = "momentum"
	goMomentumRun = "momentum-train"
	goProcess     = "process"
)

// sklearnRuns are the SklearnLoop workloads, each beside SGDClassifier
// with the same parameters (timing.py's SKLEARN_RUNS), and AdaGrad, which
// scikit-learn does not have. Their keys are "sklearn_" + name, as
// timing.py's entries.
var sklearnRuns = []struct {
	name, what string
	cfg        logreg.SklearnConfig
}{
	{"constant", "constant, η₀ 0.01", logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.01}},
	{"optimal", "optimal", logreg.SklearnConfig{LearningRate: logreg.OptimalRate}},
	{"invscaling", "invscaling, η₀ 0.01, power_t 0.5", logreg.SklearnConfig{LearningRate: logreg.InvScalingRate, Eta0: 0.01}},
	{"adaptive", "adaptive, η₀ 0.01", logreg.SklearnConfig{LearningRate: logreg.AdaptiveRate, Eta0: 0.01}},
	{"constant_avg", "constant, η₀ 0.01, averaged", logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.01, Average: 1}},
	{"optimal_avg", "optimal, averaged", logreg.SklearnConfig{LearningRate: logreg.OptimalRate, Average: 1}},
	{"adagrad", "AdaGrad, lr 0.1", logreg.SklearnConfig{LearningRate: logreg.AdaGradRate, Eta0: 0.1}},
}

// goBenchmarks returns the median time of each Go workload, in seconds,
// and records the training passes of every SklearnLoop run in passes, a
// testing.Benchmark call a round.
func goBenchmarks(ctx context.Context, folder string, train, test *data.Dataset, repeat int, passes *passTimes, progress io.Writer) (map[string]float64, error) {
	var files [][]byte
	for _, name := range []string{data.A9ASpec.Train.Name, data.A9ASpec.Test.Name} {
		b, err := os.ReadFile(filepath.Join(folder, name))
		if err != nil {
			return nil, err
		}
		files = append(files, b)
	}
	readOpt := data.ReadOptions{Width: data.A9ASpec.Width, Binary: true}
	loop := func(run func(*data.Dataset, *data.Dataset, logreg.Config) (*logreg.History, error), cfg logreg.Config) func() error {
		return func() error {
			_, err := run(train, test, cfg)
			return err
		}
	}
	workloads := []struct {
		key string
		op  func() error
	}{
		{goRead, func() error {
			for _, f := range files {
				if _, err := data.Read(bytes.NewReader(f), readOpt); err != nil {
					return err
				}
			}
			return nil
		}},
		{goTorch64, loop(logreg.TorchLoop, logreg.Config{})},
		{goTorch32, loop(logreg.TorchLoop, logreg.Config{Float32: true})},
		{goMomentum, loop(logreg.NumPyLoop, logreg.Config{})},
		{goMomentumRun, loop(logreg.NumPyLoop, logreg.Config{NoPrePass: true})},
	}
	for _, r := range sklearnRuns {
		workloads = append(workloads, struct {
			key string
			op  func() error
		}{"sklearn_" + r.name, passes.run("sklearn_"+r.name, train, test, r.cfg)})
	}
	times := map[string]float64{}
	for _, w := range workloads {
		var runs []float64
		for range repeat {
			r := testing.Benchmark(func(b *testing.B) {
				for b.Loop() {
					if ctx.Err() != nil {
						b.SkipNow() // an interrupt ends the benchmark within the call under way
					}
					if err := w.op(); err != nil {
						b.Fatal(err)
					}
				}
			})
			passes.endRound(w.key)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if r.N == 0 {
				return nil, fmt.Errorf("benchmark %s failed", w.key)
			}
			runs = append(runs, float64(r.NsPerOp())/1e9)
		}
		times[w.key] = median(runs)
		fmt.Fprintf(progress, "go %s: %s (median of %d)\n", w.key, seconds(times[w.key]), repeat)
	}
	if t, err := processTime(ctx, folder, max(repeat, 10)); ctx.Err() != nil {
		return nil, ctx.Err()
	} else if err != nil {
		fmt.Fprintf(progress, "go %s: not timed: %v\n", goProcess, err)
	} else {
		times[goProcess] = t
		fmt.Fprintf(progress, "go %s: %s (median of %d)\n", goProcess, seconds(t), max(repeat, 10))
	}
	return times, nil
}

// processTime runs this executable as "sgdlab torch" n times and returns
// the median wall time, start to exit.
func processTime(ctx context.Context, folder string, n int) (float64, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	var runs []float64
	for range n {
		cmd := command(ctx, exe, "torch", "-data", folder)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("%s torch: %v: %s", exe, err, bytes.TrimSpace(out))
		}
		runs = append(runs, time.Since(start).Seconds())
	}
	return median(runs), nil
}

// a9aFolder returns the folder data.A9A took a9a from: the first of dir,
// $SGDLAB_DATA and the user cache holding both files.
func a9aFolder(dir string) (string, error) {
	for _, d := range a9aFolders(dir) {
		if fileExists(filepath.Join(d, data.A9ASpec.Train.Name)) && fileExists(filepath.Join(d, data.A9ASpec.Test.Name)) {
			return d, nil
		}
	}
	return "", errors.New("a9a: read, but neither -data, $SGDLAB_DATA nor the cache holds both files")
}

// a9aFolders returns the folders data.A9A searches, in its order: dir (the
// -data flag), $SGDLAB_DATA and the user cache, those that are set.
func a9aFolders(dir string) []string {
	var folders []string
	for _, d := range []string{dir, os.Getenv(data.EnvDir)} {
		if d != "" {
			folders = append(folders, d)
		}
	}
	if c, err := data.CacheDir(); err == nil && c != "" {
		folders = append(folders, c)
	}
	return folders
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// pyTimes is the output of timing.py.
type pyTimes struct {
	Times    map[string]float64 `json:"times"`
	Runs     map[string]int     `json:"runs"`
	Versions map[string]string  `json:"versions"`
	Machine  struct {
		CPU          string `json:"cpu"`
		Cores        int    `json:"cores"`
		TorchThreads int    `json:"torch_threads"`
	} `json:"machine"`
	Date string `json:"date"`
}

// pyEntries are the timing.py entries the table shows.
var pyEntries = append([]string{"read_svmlight", "torch_loop_float32", "numpy_train_loop", "sklearn_sgd_l2", "sklearn_sgd_none"},
	sklearnEntries()...)

// sklearnEntries are timing.py's entries of the SklearnLoop rows.
func sklearnEntries() []string {
	var e []string
	for _, r := range sklearnRuns {
		if r.name != "adagrad" {
			e = append(e, "sklearn_"+r.name)
		}
	}
	return e
}

// readPyTimes reads a timing.py JSON file.
func readPyTimes(path string) (*pyTimes, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parsePyTimes(b)
}

func parsePyTimes(b []byte) (*pyTimes, error) {
	var t pyTimes
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("timing JSON: %w", err)
	}
	if len(t.Times) == 0 {
		return nil, errors.New("timing JSON: no times")
	}
	return &t, nil
}

// runTiming runs timing.py with python, or says why it cannot.
func runTiming(ctx context.Context, python, folder string, repeat int, progress io.Writer) (*pyTimes, string) {
	script, err := findTimingScript()
	if err != nil {
		return nil, err.Error()
	}
	check := command(ctx, python, "-c", "import torch, numpy, sklearn")
	if out, err := check.CombinedOutput(); err != nil {
		msg := strings.TrimSpace(string(out))
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Sprintf("%s cannot import torch, numpy and sklearn (%s)", python, msg)
	}
	b, err := runScript(ctx, python, script, "the PyTorch and NumPy loops take a minute or more each", progress,
		"--data", folder, "--repeat", fmt.Sprint(repeat), "--slow-repeat", "1", "--only", strings.Join(pyEntries, ","))
	if err != nil {
		return nil, err.Error()
	}
	t, err := parsePyTimes(b)
	if err != nil {
		return nil, err.Error()
	}
	return t, ""
}

// runScript runs the reference script with python and args, and --out a
// temporary file, its output going to progress after a line that names it
// with note; it returns what the script wrote to that file.
func runScript(ctx context.Context, python, script, note string, progress io.Writer, args ...string) ([]byte, error) {
	out, err := os.CreateTemp("", "sgdlab-"+strings.TrimSuffix(filepath.Base(script), ".py")+"-*.json")
	if err != nil {
		return nil, err
	}
	out.Close()
	defer os.Remove(out.Name())
	fmt.Fprintf(progress, "python: %s %s (%s)\n", python, script, note)
	cmd := command(ctx, python, append([]string{script}, append(args, "--out", out.Name())...)...)
	cmd.Dir = filepath.Dir(script)
	cmd.Stdout, cmd.Stderr = progress, progress
	if err := runGroup(cmd); err != nil {
		return nil, fmt.Errorf("%s failed: %v", filepath.Base(script), err)
	}
	return os.ReadFile(out.Name())
}

// command is exec.CommandContext for bench's child processes: each is in a
// process group of its own (ownGroup), which the context's end kills whole
// and a terminal's Ctrl-C does not reach (an interrupted Python would print
// its traceback), and Wait returns a second after that kill at most, even
// while something the child started holds its output.
func command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	ownGroup(cmd)
	cmd.WaitDelay = time.Second
	return cmd
}

// runGroup runs cmd, made by command, then kills what it started and left
// running in its group.
func runGroup(cmd *exec.Cmd) error {
	err := cmd.Run()
	endGroup(cmd)
	return err
}

// timingScript is timing.py's place in the repository.
var timingScript = filepath.Join("logreg", "testdata", "reference", "timing.py")

// findTimingScript looks for timing.py under $SGDLAB_ROOT, then in the
// current folder and its parents.
func findTimingScript() (string, error) { return findScript(timingScript) }

// findScript looks for the file rel, a path in the repository, under
// $SGDLAB_ROOT, then in the current folder and its parents.
func findScript(rel string) (string, error) {
	var roots []string
	if r := os.Getenv("SGDLAB_ROOT"); r != "" {
		roots = append(roots, r)
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			roots = append(roots, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, r := range roots {
		if p := filepath.Join(r, rel); fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found (run from the repository or set SGDLAB_ROOT)", rel)
}

// benchRow is one line of the table: a Python program and the Go workload
// it is measured against, or a Go workload alone.
type benchRow struct {
	what   string // the workload
	goKey  string
	goWhat string
	pyKey  string // "" for a Go-only row
	pyWhat string
}

var benchRows = append([]benchRow{
	{"read a9a and a9a.t", goRead, "`data.Read`, from memory", "read_svmlight", "`load_svmlight_file`"},
	{"the seed's PyTorch loop, 10 epochs, per-sample loss", goTorch32, "`TorchLoop`, float32 (PyTorch's arithmetic)", "torch_loop_float32", "the seed's loop, float32"},
	{"the same in float64", goTorch64, "`TorchLoop` (default)", "", ""},
	{"the seed's NumPy loop, 10 training epochs, per-sample loss", goMomentumRun, "`NumPyLoop`, no pre-pass", "numpy_train_loop", "the seed's loop without its pre-pass and N×N error"},
	{"the same as the seed runs it (pre-pass, errors)", goMomentum, "`NumPyLoop` (default)", "", ""},
	{"`SGDClassifier`, log loss, L2 10⁻⁴, sparse, 10 epochs", goMomentumRun, "`NumPyLoop`, no pre-pass", "sklearn_sgd_l2", "`SGDClassifier(penalty='l2')`, no per-sample loss"},
	{"`SGDClassifier`, log loss, no penalty, sparse, 10 epochs", goTorch64, "`TorchLoop` (default)", "sklearn_sgd_none", "`SGDClassifier(penalty=None)`, no per-sample loss"},
	{"the whole `sgdlab torch` process", goProcess, "start to exit, reading a9a", "", ""},
}, sklearnRows()...)

// sklearnRows are the rows of SklearnLoop beside SGDClassifier, one per
// schedule: 10 epochs, sparse, α 10⁻⁴, file order; Go computes each
// epoch's loss, errors and objective, scikit-learn its loss.
func sklearnRows() []benchRow {
	var rows []benchRow
	for _, r := range sklearnRuns {
		row := benchRow{"`SGDClassifier`, " + r.what + ", 10 epochs", "sklearn_" + r.name, "`SklearnLoop`", "sklearn_" + r.name,
			"`SGDClassifier`, the same parameters"}
		if r.name == "adagrad" {
			row.what, row.pyKey, row.pyWhat = "AdaGrad, lr 0.1, composite, 10 epochs", "", ""
		}
		rows = append(rows, row)
	}
	return rows
}

// benchHeader describes the machine and the versions, for the lines above
// the table.
func benchHeader(py *pyTimes) []string {
	lines := []string{
		"date: " + time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		fmt.Sprintf("machine: %d cores (runtime.NumCPU), %s, load average %s", runtime.NumCPU(), cpuModel(), loadAverage()),
		"Go: " + runtime.Version(),
	}
	if py != nil {
		var v []string
		for _, k := range []string{"python", "torch", "numpy", "sklearn"} {
			if s, ok := py.Versions[k]; ok {
				v = append(v, k+" "+s)
			}
		}
		lines = append(lines, fmt.Sprintf("Python: %s; torch threads %d", strings.Join(v, ", "), py.Machine.TorchThreads))
	}
	return lines
}

// writeBench prints the header lines and the table. Without Python times
// it prints the Go rows and why the others are missing. The SklearnLoop
// rows come from side's rounds where it has them (bench_beside.go), and
// besideWhy says why it has none.
func writeBench(w io.Writer, header []string, goTimes map[string]float64, py *pyTimes, why string, side *beside, besideWhy string) {
	for _, l := range header {
		fmt.Fprintf(w, "- %s\n", l)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| workload | Go | Go time | Python | Python time | Python ÷ Go |")
	fmt.Fprintln(w, "|---|---|---:|---|---:|---:|")
	for _, r := range benchRows {
		gt, ok := goTimes[r.goKey]
		if !ok {
			continue
		}
		pyWhat, pyTime, ratio := "", "", ""
		if r.pyKey != "" {
			pyWhat = r.pyWhat
			switch t, ok := pyTimesOf(py, r.pyKey); {
			case side.rounds(r.goKey) > 0:
				gt = median(side.goBest[r.goKey])
				pyTime, ratio = seconds(median(side.pyBest[r.goKey])), fmt.Sprintf("%s×", sig3(median(side.ratios(r.goKey))))
			case ok:
				pyTime, ratio = seconds(t), fmt.Sprintf("%s×", sig3(t/gt))
			default:
				pyTime, ratio = "—", "—"
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.what, r.goWhat, seconds(gt), pyWhat, pyTime, ratio)
	}
	if py == nil {
		fmt.Fprintf(w, "\nPython times missing: %s.\n", why)
		return
	}
	var missing []string
	for _, k := range pyEntries {
		if _, ok := py.Times[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "\nNot in the timing file: %s.\n", strings.Join(missing, ", "))
	}
	fmt.Fprintf(w, "\nGo: median of testing.Benchmark runs; Python: best of %s runs (timing.py).\n", pyRuns(py))
	writeBesideNote(w, side, besideWhy)
}

// pyRuns describes how many runs timing.py made of each entry shown.
func pyRuns(py *pyTimes) string {
	var parts []string
	for _, k := range pyEntries {
		if n, ok := py.Runs[k]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(parts) == 0 {
		return "an unrecorded number of"
	}
	return strings.Join(parts, ", ")
}

func pyTimesOf(py *pyTimes, key string) (float64, bool) {
	if py == nil {
		return 0, false
	}
	t, ok := py.Times[key]
	return t, ok && t > 0
}

// seconds formats a duration in seconds with three significant digits and
// a unit that keeps the number between 1 and 1000.
func seconds(s float64) string {
	switch {
	case s >= 1:
		return sig3(s) + " s"
	case s >= 1e-3:
		return sig3(s*1e3) + " ms"
	default:
		return sig3(s*1e6) + " µs"
	}
}

// sig3 formats x with three significant digits, without an exponent.
func sig3(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	d := 2 - int(math.Floor(math.Log10(math.Abs(x))))
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%.*f", d, x)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// cpuModel returns the processor's name from /proc/cpuinfo, or the
// architecture.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

// loadAverage returns the 1, 5 and 15 minute load averages, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}
