package main

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
)

func TestGen(t *testing.T) {
	code, out, stderr := runCmd("gen", "-rows", "5", "-features", "9", "-nnz", "3", "-seed", "4")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and no progress for a short write", code, stderr)
	}
	d, err := data.Read(strings.NewReader(out), data.ReadOptions{Binary: true})
	if err != nil || d.Rows() != 5 || d.Width > 9 {
		t.Errorf("gen wrote %q: %v", out, err)
	}
	_, again, _ := runCmd("gen", "-rows", "5", "-features", "9", "-nnz", "3", "-seed", "4")
	if again != out {
		t.Error("gen is not deterministic")
	}
	path := writeFile(t, "out", "")
	if code, _, stderr := runCmd("gen", "-shape", "a9a", "-rows", "100", "-o", path); code != exitOK {
		t.Fatalf("gen -shape a9a: exit %d: %s", code, stderr)
	}
	d, err = data.ReadFile(path, data.ReadOptions{Binary: true})
	if err != nil || d.Rows() != 100 || d.Width > 123 {
		t.Errorf("gen -shape a9a -rows 100: %v, %v", d, err)
	}
	missing := filepath.Join(t.TempDir(), "no", "such", "folder", "out")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"gen", "-shape", "mnist"}, "-shape must be rcv1 or a9a"},
		{[]string{"gen", "-nnz", "0"}, "nonzeros per row must be in [1, features=100]"},
		{[]string{"gen", "-noise", "2"}, "noise must be in [0, 1]"},
		{[]string{"gen", "-rows", "5", "-o", missing}, "-o " + missing + ": folder"},
		// Too wide to generate (or to read): refused before any allocation.
		{[]string{"gen", "-rows", "1", "-features", "1000000000", "-nnz", "1000000000"}, "-features 1000000000 is above 67108864"},
		{[]string{"gen", "-rows", "3", "-features", "2147483647", "-nnz", "1"}, "-features 2147483647 is above 67108864"},
	} {
		code, stdout, stderr := runCmd(c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want %d and one line with %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
}

// TestGenMemory: a shape wider than sgdlab reads, with rows longer than
// its reader's line, or taking more memory than the system has free, is a
// usage error naming the flags and the sizes; an unknown free memory
// checks the width and the rows alone.
func TestGenMemory(t *testing.T) {
	const gb = 1e9
	wide := synth.Shape{Rows: 1, Features: data.DefaultMaxWidth, NNZ: 64}
	long := synth.Shape{Rows: 1, Features: data.DefaultMaxWidth, NNZ: 5_000_000}
	longest := synth.Shape{Rows: 1, Features: data.DefaultMaxWidth, NNZ: 3_000_000, OneHot: true}
	tests := []struct {
		s         synth.Shape
		available int64
		want      string // "" for no error
	}{
		{synth.RCV1, 1 * gb, ""},
		{synth.RCV1, 0, ""},
		{wide, 0, ""},
		{wide, 1000 * gb, ""},
		{wide, 0.5 * gb, fmt.Sprintf("-nnz %d with -features %d would take about %s of memory, more than the 0.5 GB available: give a smaller -nnz",
			wide.NNZ, wide.Features, gigabytes(wide.Memory()))},
		{long, 1000 * gb, "-nnz 5000000 makes rows of up to 166 MB, longer than the 64 MiB line sgdlab reads: give a smaller -nnz"},
		{longest, 1000 * gb, ""}, // one-hot rows of up to 5.25 million nonzeros: 58 MB
		{synth.Shape{Rows: 3, Features: math.MaxInt32, NNZ: 1}, 0, "-features 2147483647 is above 67108864, the widest set sgdlab reads without -max-width; it would take about"},
		{synth.Shape{Rows: 3, Features: data.DefaultMaxWidth + 1, NNZ: 1}, 1000 * gb, "-features 67108865 is above 67108864"},
	}
	for _, tt := range tests {
		err := checkGenMemory(tt.s, tt.available)
		if tt.want == "" && err != nil || tt.want != "" && (!errors.Is(err, errUsage) || !strings.Contains(fmt.Sprint(err), tt.want)) {
			t.Errorf("%v with %d bytes free: %v; want %q", tt.s, tt.available, err, tt.want)
		}
	}
}
