package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

// SklearnLoop's second speed target is a ratio: twice as fast as Bottou's
// svmsgd. On a host whose speed moves by half within seconds, a ratio means
// something only when both sides are timed in the same stretch, so with
// -svmsgd naming a build of svmsgd (sgd-2.x, not part of this project) the
// bench times the two in alternation. A step runs svmsgd, then each
// SklearnLoop workload once (after an untimed run of the first), then
// svmsgd again; a workload's ratio in it is the mean of the two svmsgd
// times around it over its training passes. A best of many runs would
// favour svmsgd: its runs are the longer, and a longer series catches more
// of the host's fast stretches.

// svmsgdArgs are svmsgd's options for the SklearnLoop workloads' problem:
// α = λ = 10⁻⁴, 10 epochs, the rows as they are (svmsgd scales each to
// unit norm unless told not to).
var svmsgdArgs = []string{"-lambda", "1e-4", "-epochs", "10", "-dontnormalize"}

// svmsgdTimeout bounds one run of svmsgd, which takes a fraction of a
// second on a9a: a program that hangs ends the bench with an error.
const svmsgdTimeout = 30 * time.Second

// svmsgdOutputLimit bounds what a run may print: svmsgd prints about 1.5
// KB on a9a, and a program that prints without end would fill the memory.
const svmsgdOutputLimit = 64 << 10

// svmsgd is a build of Bottou's svmsgd and a copy of a9a it can read.
type svmsgd struct {
	exe     string
	dir     string   // a temporary folder holding the copy
	args    []string // the command's arguments, the copy last
	timeout time.Duration
}

// newSvmsgd prepares runs of exe on the a9a in folder. sgd-2.0's svmsgd
// reads a text file only when its name ends in ".txt", so a9a is copied
// under that name into a temporary folder, which close removes.
func newSvmsgd(exe, folder string) (*svmsgd, error) {
	b, err := os.ReadFile(filepath.Join(folder, data.A9ASpec.Train.Name))
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "sgdlab-svmsgd-*")
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, data.A9ASpec.Train.Name+".txt")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &svmsgd{exe: exe, dir: dir, args: append(slices.Clone(svmsgdArgs), file), timeout: svmsgdTimeout}, nil
}

func (s *svmsgd) close() { os.RemoveAll(s.dir) }

// name is the program's file name: svmsgd, or svmasgd, which prints the
// same lines and can be timed the same way.
func (s *svmsgd) name() string { return filepath.Base(s.exe) }

// command returns the command line, with the copy of a9a named as a9a.txt.
func (s *svmsgd) command() string {
	return strings.Join(append([]string{s.name()}, svmsgdArgs...), " ") + " a9a.txt"
}

// run runs svmsgd once and returns the training time it prints after its
// last epoch, in seconds.
func (s *svmsgd) run(ctx context.Context) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	out, errOut := &cappedBuffer{limit: svmsgdOutputLimit}, &cappedBuffer{limit: svmsgdOutputLimit}
	cmd := command(ctx, s.exe, s.args...)
	cmd.Stdout, cmd.Stderr = out, errOut
	err := runGroup(cmd)
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return 0, fmt.Errorf("%s ran for more than %v", s.exe, s.timeout)
	case out.over || errOut.over:
		return 0, fmt.Errorf("%s printed more than %d KiB; svmsgd prints about 1.5 KB", s.exe, svmsgdOutputLimit>>10)
	case errors.Is(err, exec.ErrWaitDelay):
		return 0, fmt.Errorf("%s left a process running that held its output (now killed)", s.exe)
	case err != nil:
		return 0, fmt.Errorf("%s: %v%s", s.exe, pathless(err), lastLine(errOut.Bytes(), out.Bytes()))
	}
	t, err := svmsgdTime(out.Bytes())
	if err != nil {
		return 0, fmt.Errorf("%s: %v", s.exe, err)
	}
	return t, nil
}

// cappedBuffer keeps what is written to it up to limit bytes; a write
// beyond fails, which closes the child's pipe: a program that prints
// without end is stopped by it. It holds its bytes.Buffer in a field, not
// embedded: io.Copy would call the embedded ReadFrom, which has no limit.
type cappedBuffer struct {
	buf   bytes.Buffer
	limit int
	over  bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if len(p) > b.limit-b.buf.Len() {
		b.over = true
		return 0, errors.New("output beyond its limit")
	}
	return b.buf.Write(p)
}

func (b *cappedBuffer) Bytes() []byte { return b.buf.Bytes() }

// lastLine returns ": " and the last non-empty line of the first of outs
// that has one, quoted and cut to 200 bytes, or "": the line is a
// program's, and may be long or hold a terminal's control codes.
func lastLine(outs ...[]byte) string {
	for _, o := range outs {
		if o = bytes.TrimSpace(o); len(o) > 0 {
			line := o[bytes.LastIndexByte(o, '\n')+1:]
			if len(line) > 200 {
				return fmt.Sprintf(": %q…", line[:200])
			}
			return fmt.Sprintf(": %q", line)
		}
	}
	return ""
}

var (
	// svmsgd prints, after each epoch, the time of its training so far.
	svmsgdTimeLine = regexp.MustCompile(`(?m)^Total training time (\S+) secs\.`)
	// and once, the options it was compiled with.
	svmsgdLossLine = regexp.MustCompile(`(?m)^# Compiled with: .*-DLOSS=(\S+)`)
)

// svmsgdTime returns the training time, in seconds, that svmsgd's output
// out gives after the last of its 10 epochs. It refuses an output with
// another count of epochs, or from a build with a loss other than the log
// loss, which would time another problem.
func svmsgdTime(out []byte) (float64, error) {
	if m := svmsgdLossLine.FindSubmatch(out); m != nil && string(m[1]) != "LogLoss" {
		return 0, fmt.Errorf("compiled with -DLOSS=%q; SklearnLoop's loss is LogLoss, svmsgd's default", m[1])
	}
	lines := svmsgdTimeLine.FindAllSubmatch(out, -1)
	if len(lines) != 10 {
		return 0, fmt.Errorf("printed %d training times, want one for each of 10 epochs (is it Bottou's svmsgd?)%s", len(lines), lastLine(out))
	}
	last := string(lines[len(lines)-1][1])
	t, err := strconv.ParseFloat(last, 64)
	if err != nil || !(t > 0) || math.IsInf(t, 0) {
		return 0, fmt.Errorf("printed a training time of %q, not a positive number of seconds", last)
	}
	return t, nil
}

// svmsgdSteps holds the times of the steps beside svmsgd.
type svmsgdSteps struct {
	svm    []float64            // svmsgd's times, in order: one more than the steps
	passes map[string][]float64 // each workload's training passes, a step each
	ratios map[string][]float64 // each step's mean svmsgd time over its training passes
}

// besideSvmsgd times the SklearnLoop workloads beside s in steps. It stops
// at the first error, returning it.
func besideSvmsgd(ctx context.Context, s *svmsgd, train, test *data.Dataset, steps int, progress io.Writer) (*svmsgdSteps, error) {
	r := &svmsgdSteps{passes: map[string][]float64{}, ratios: map[string][]float64{}}
	before, err := s.run(ctx)
	if err != nil {
		return nil, err
	}
	r.svm = append(r.svm, before)
	for step := range steps {
		// svmsgd's process has just read its own copy of a9a: a run
		// untimed brings SklearnLoop's back into the caches, as svmsgd's
		// is when it times its epochs.
		if _, err := logreg.SklearnLoop(train, test, sklearnRuns[0].cfg); err != nil {
			return nil, err
		}
		passes := make([]float64, len(sklearnRuns))
		for i, w := range sklearnRuns {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			h, err := logreg.SklearnLoop(train, test, w.cfg)
			if err != nil {
				return nil, err
			}
			passes[i] = trainingPasses(h)
		}
		after, err := s.run(ctx)
		if err != nil {
			return nil, err
		}
		r.svm = append(r.svm, after)
		var line []string
		for i, w := range sklearnRuns {
			key := "sklearn_" + w.name
			r.passes[key] = append(r.passes[key], passes[i])
			r.ratios[key] = append(r.ratios[key], (before+after)/2/passes[i])
			line = append(line, fmt.Sprintf("%s %s", w.name, seconds(passes[i])))
		}
		fmt.Fprintf(progress, "beside %s, step %d of %d: %s and %s; %s\n", s.name(), step+1, steps, seconds(before), seconds(after), strings.Join(line, ", "))
		before = after
	}
	return r, nil
}

// writeSvmsgdTable prints, for each SklearnLoop workload, the median of
// its training passes and of its ratios to svmsgd in r's steps, their
// middle half, and whether the median ratio is at least 2.
func writeSvmsgdTable(w io.Writer, s *svmsgd, r *svmsgdSteps) {
	name := s.name()
	lo, hi := quartiles(r.svm)
	fmt.Fprintf(w, "\nSklearnLoop beside Bottou's `%s`, timed in this run (`%s`): %d steps, each %s, then every workload once, "+
		"then %s again (every workload after an untimed run of the first); a step's ratio is the mean of the two %s times over the workload's training passes. "+
		"%s printed %s (median; middle half %s to %s).\n\n",
		name, s.command(), len(r.svm)-1, name, name, name, name, seconds(median(r.svm)), seconds(lo), seconds(hi))
	fmt.Fprintf(w, "| `SklearnLoop`, 10 epochs | training passes, median | %s ÷ passes, median | middle half | at least 2× |\n", name)
	fmt.Fprintln(w, "|---|---:|---:|---|---|")
	for _, run := range sklearnRuns {
		key := "sklearn_" + run.name
		rs := r.ratios[key]
		if len(rs) == 0 {
			continue
		}
		m, verdict := median(rs), "no"
		if m >= 2 {
			verdict = "yes"
		}
		lo, hi := quartiles(rs)
		fmt.Fprintf(w, "| %s | %s | %s× | %s to %s× | %s |\n", run.what, seconds(median(r.passes[key])), sig3(m), sig3(lo), sig3(hi), verdict)
	}
}

// quartiles returns the first and third quartiles of xs, each the median
// of its half (the middle value left out when the count is odd).
func quartiles(xs []float64) (lo, hi float64) {
	s := slices.Sorted(slices.Values(xs))
	if len(s) < 2 {
		return median(s), median(s)
	}
	return median(s[:len(s)/2]), median(s[(len(s)+1)/2:])
}
