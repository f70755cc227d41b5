package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
	"github.com/sgdlab/sgdlab/logreg"
)

// largeScript is the Python side of the RCV1-shaped comparison, beside
// timing.py.
var largeScript = filepath.Join("logreg", "testdata", "reference", "large_timing.py")

// largeBench is what runLargeBench measures on one large file.
type largeBench struct {
	path             string
	size             int64
	rows, nnz, width int
	// Go's best times, seconds: reading; an epoch, the training pass of a
	// one-epoch TorchLoop (its Record's Seconds: the epoch's evaluation
	// runs after it, not beside it); that call as a whole; and the float32
	// loop on the first sliceRows rows.
	read, epoch, call, slice float64
	readCPU                  float64 // the CPU time of the best read, seconds
	sliceRows                int
	peakRSS                  int64 // of "sgdlab torch -train path -epochs 1", bytes; 0 if unknown
	digest                   string
	py                       *largePy
	why                      string // why py is nil
}

// largePy is large_timing.py's output.
type largePy struct {
	Times map[string]float64 `json:"times"`
	Info  struct {
		Read largeRead `json:"read_svmlight"`
	} `json:"info"`
	Versions map[string]string `json:"versions"`
}

// rcv1Bench is runLargeBench on the RCV1 shape with the given rows.
func rcv1Bench(ctx context.Context, rows int, python string, skipPython bool, repeat int, stdout, progress io.Writer) error {
	if rows < 1 {
		return fmt.Errorf("%w: -rcv1 must be >= 1 rows, got %d", errUsage, rows)
	}
	s := synth.RCV1
	s.Rows = rows
	return runLargeBench(ctx, s, python, skipPython, repeat, 2000, stdout, progress)
}

// runLargeBench makes (or finds in the cache) the synthetic set of shape s,
// times reading it and an epoch on it in Go, runs large_timing.py on the
// same file when python can, and prints the table.
func runLargeBench(ctx context.Context, s synth.Shape, python string, skipPython bool, repeat, sliceRows int, stdout, progress io.Writer) error {
	cache, err := data.CacheDir()
	if err != nil {
		return fmt.Errorf("the synthetic set: %w", err)
	}
	fmt.Fprintf(progress, "synthetic set %s in %s (made once, a minute or so)\n", s, cache)
	path, err := synth.File(ctx, cache, s, synth.ProgressLine(progress, s.FileName()))
	if err != nil {
		return err
	}
	b := &largeBench{path: path, sliceRows: sliceRows}
	if st, err := os.Stat(path); err == nil {
		b.size = st.Size()
	}
	// The peak memory first, while this process is small: a child's peak,
	// as the system counts it, includes its parent's at the fork.
	b.peakRSS = peakRSS(ctx, path, progress)
	if err := ctx.Err(); err != nil {
		return err
	}
	// The host's load changes from minute to minute: Go runs once before
	// Python and repeat times after, and each side keeps its best.
	b.read, b.epoch, b.call, b.slice = math.Inf(1), math.Inf(1), math.Inf(1), math.Inf(1)
	for round := range repeat + 1 {
		if round == 1 {
			runtime.GC()
			debug.FreeOSMemory() // the set of round 0, before Python reads its own
			if !skipPython {
				b.py, b.why = runLargeTiming(ctx, python, path, sliceRows, repeat, progress)
				if err := ctx.Err(); err != nil {
					return err // the script was stopped: no table
				}
			} else {
				b.why = "skipped (-skip-python)"
			}
		}
		if err := b.goRound(ctx); err != nil {
			return err
		}
		fmt.Fprintf(progress, "go, round %d: read %s (%d rows, %d nonzeros, width %d), epoch %s (call %s), slice %s\n",
			round, seconds(b.read), b.rows, b.nnz, b.width, seconds(b.epoch), seconds(b.call), seconds(b.slice))
	}
	writeLargeBench(stdout, b)
	return nil
}

// goRound reads b's file and runs one epoch on it and on its first rows,
// keeping the best times. An interrupt stops it between these steps.
func (b *largeBench) goRound(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	start, cpu := time.Now(), cpuSeconds()
	d, err := data.ReadFile(b.path, data.ReadOptions{Binary: true})
	if err != nil {
		return err
	}
	if t := time.Since(start).Seconds(); t < b.read {
		b.read, b.readCPU = t, cpuSeconds()-cpu
	}
	b.rows, b.nnz, b.width = d.Rows(), d.NNZ(), d.Width
	if b.digest == "" { // the same file every round
		b.digest = contentDigest(d)
	}
	for _, run := range []struct {
		d          *data.Dataset
		cfg        logreg.Config
		call, pass *float64
	}{
		{d, logreg.Config{Epochs: 1}, &b.call, &b.epoch},
		{firstRows(d, b.sliceRows), logreg.Config{Epochs: 1, Float32: true}, &b.slice, nil},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		h, err := logreg.TorchLoop(run.d, nil, run.cfg)
		if err != nil {
			return err
		}
		*run.call = min(*run.call, time.Since(start).Seconds())
		if run.pass != nil {
			*run.pass = min(*run.pass, h.Epochs[0].Seconds)
		}
	}
	return nil
}

// firstRows returns d's first n rows (all when it has fewer), sharing d's
// storage.
func firstRows(d *data.Dataset, n int) *data.Dataset {
	n = min(n, d.Rows())
	s := *d
	s.RowPtr, s.Label = d.RowPtr[:n+1], d.Label[:n]
	s.Index, s.Value = d.Index[:d.RowPtr[n]], d.Value[:d.RowPtr[n]]
	if d.Y != nil {
		s.Y = d.Y[:n]
	}
	return &s
}

// contentDigest is large_timing.py's digest: SHA-256 over the labels
// (float64), row offsets (int64), indices (int32) and values (float64),
// little-endian, then the width (int64).
func contentDigest(d *data.Dataset) string {
	h := sha256.New()
	var b [8]byte
	put64 := func(u uint64) { binary.LittleEndian.PutUint64(b[:], u); h.Write(b[:]) }
	for _, v := range d.Label {
		put64(math.Float64bits(v))
	}
	for _, o := range d.RowPtr {
		put64(uint64(o))
	}
	for _, j := range d.Index {
		binary.LittleEndian.PutUint32(b[:4], uint32(j))
		h.Write(b[:4])
	}
	for _, v := range d.Value {
		put64(math.Float64bits(v))
	}
	put64(uint64(d.Width))
	return hex.EncodeToString(h.Sum(nil))
}

// peakRSS runs this executable as "sgdlab torch -train path -epochs 1" and
// returns its peak resident memory, or 0 when it cannot tell.
func peakRSS(ctx context.Context, path string, progress io.Writer) int64 {
	exe, err := os.Executable()
	if err != nil {
		return 0
	}
	cmd := command(ctx, exe, "torch", "-train", path, "-epochs", "1")
	if out, err := cmd.CombinedOutput(); ctx.Err() != nil {
		return 0
	} else if err != nil {
		fmt.Fprintf(progress, "peak memory not measured: %v: %s\n", err, strings.TrimSpace(string(out)))
		return 0
	}
	return maxRSS(cmd.ProcessState)
}

// runLargeTiming runs large_timing.py, or says why it cannot.
func runLargeTiming(ctx context.Context, python, path string, sliceRows, repeat int, progress io.Writer) (*largePy, string) {
	script, err := findScript(largeScript)
	if err != nil {
		return nil, err.Error()
	}
	b, err := runScript(ctx, python, script, "reading alone takes a quarter of a minute", progress,
		"--train", path, "--slice", fmt.Sprint(sliceRows), "--sgd-repeat", fmt.Sprint(repeat))
	if err != nil {
		return nil, err.Error()
	}
	var py largePy
	if err := json.Unmarshal(b, &py); err != nil {
		return nil, fmt.Sprintf("large_timing.py's JSON: %v", err)
	}
	return &py, ""
}

// writeLargeBench prints the table of b.
func writeLargeBench(w io.Writer, b *largeBench) {
	mb := func(n int64) string { return fmt.Sprintf("%d MB", (n+500_000)/1_000_000) }
	fmt.Fprintf(w, "- file: %s, %s, %d rows, %d nonzeros, width %d\n", filepath.Base(b.path), mb(b.size), b.rows, b.nnz, b.width)
	if b.py != nil {
		var v []string
		for _, k := range []string{"python", "torch", "numpy", "sklearn"} {
			if s, ok := b.py.Versions[k]; ok {
				v = append(v, k+" "+s)
			}
		}
		fmt.Fprintf(w, "- Python: %s\n", strings.Join(v, ", "))
		same := "the same"
		if r := b.py.read(); r.Digest != b.digest || r.Rows != b.rows || r.Nonzeros != b.nnz || r.Width != b.width {
			same = fmt.Sprintf("DIFFERENT (%d rows, %d nonzeros, width %d)", r.Rows, r.Nonzeros, r.Width)
		}
		fmt.Fprintf(w, "- content: `data.ReadFile` and `load_svmlight_file` read %s labels, rows and values, bit for bit (SHA-256 %s…)\n", same, b.digest[:16])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| workload | Go | Go | Python | Python | Python ÷ Go |")
	fmt.Fprintln(w, "|---|---|---:|---|---:|---:|")
	row := func(what, goWhat string, goTime float64, pyWhat, pyKey string) {
		pyTime, ratio := "—", "—"
		if t, ok := b.py.time(pyKey); ok {
			pyTime, ratio = seconds(t), sig3(t/goTime)+"×"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", what, goWhat, seconds(goTime), pyWhat, pyTime, ratio)
	}
	row("read the file", "`data.ReadFile`", b.read, "`load_svmlight_file`", "read_svmlight")
	row("one epoch of per-sample SGD, log loss, no penalty, file order, each sample's loss summed: the training loop",
		"`TorchLoop`'s pass (`Record.Seconds`, nothing beside it)", b.epoch,
		"`SGDClassifier`: `fit` with `max_iter=2` less `max_iter=1`", "sklearn_sgd_epoch")
	row("the same epoch as one call", "`TorchLoop`, 1 epoch: rows checked in the pass, the loss sum, the train error of the final weights",
		b.call, "`SGDClassifier.fit`, `max_iter=1`: input checks, the loop", "sklearn_sgd_fit1")
	row(fmt.Sprintf("the seed's PyTorch loop on the first %d rows, one epoch, float32", min(b.sliceRows, b.rows)), "`TorchLoop`, float32",
		b.slice, "the seed's loop (rows made dense)", "torch_loop_slice")
	goMem, pyMem := "—", "—"
	if b.peakRSS > 0 {
		goMem = fmt.Sprintf("%s (%.1f bytes per nonzero)", mb(b.peakRSS), float64(b.peakRSS)/float64(b.nnz))
	}
	if r := b.py.read(); r.PeakRSS > 0 {
		pyMem = fmt.Sprintf("%s (%.1f bytes per nonzero; %s before reading)", mb(r.PeakRSS), float64(r.PeakRSS)/float64(b.nnz), mb(r.RSSBefore))
	}
	fmt.Fprintf(w, "| peak memory | `sgdlab torch -train F -epochs 1` | %s | `load_svmlight_file` | %s | |\n", goMem, pyMem)
	if r := b.py.read(); r.CPU > 0 && b.readCPU > 0 {
		fmt.Fprintf(w, "\nCPU time of reading (user + system): Go %s on %d cores, scikit-learn %s (%s×).\n",
			seconds(b.readCPU), runtime.GOMAXPROCS(0), seconds(r.CPU), sig3(r.CPU/b.readCPU))
	}
	if t, ok := b.py.time("sklearn_sgd_epoch"); ok {
		fmt.Fprintf(w, "\nGo's epoch takes %s× SGDClassifier's (its training loop beside SGDClassifier's).\n", sig3(b.epoch/t))
	}
	if b.py == nil {
		fmt.Fprintf(w, "\nPython times missing: %s.\n", b.why)
	}
	fmt.Fprintln(w, "\nGo: the best of 1 + -repeat rounds, one before the Python script and the others after; "+
		"Python: reading once, SGDClassifier's fits of one and of two epochs the best of -repeat runs each, alternating, "+
		"the PyTorch loop once (large_timing.py).")
}

// time returns the Python time of key, if there is one.
func (p *largePy) time(key string) (float64, bool) {
	if p == nil {
		return 0, false
	}
	t, ok := p.Times[key]
	return t, ok && t > 0
}

// largeRead is what large_timing.py says of its reading.
type largeRead struct {
	Rows, Nonzeros, Width int
	PeakRSS               int64   `json:"peak_rss_bytes"`
	RSSBefore             int64   `json:"rss_before_bytes"`
	CPU                   float64 `json:"cpu_seconds"`
	Digest                string  `json:"digest"`
}

// read returns what large_timing.py says of its reading, if it ran.
func (p *largePy) read() largeRead {
	if p == nil {
		return largeRead{}
	}
	return p.Info.Read
}
