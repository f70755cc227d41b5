package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

func TestGen(t *testing.T) {
	code, out, stderr := runCmd("gen", "-rows", "5", "-features", "9", "-nnz", "3", "-seed", "4")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
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
	for _, args := range [][]string{{"gen", "-shape", "mnist"}, {"gen", "-nnz", "0"}, {"gen", "-noise", "2"}, {"gen", "-rows", "5", "-o", missing}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
