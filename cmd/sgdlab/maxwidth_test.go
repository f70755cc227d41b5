package main

import (
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

func TestMaxWidth(t *testing.T) {
	wide := writeFile(t, "wide", "+1 1:1\n-1 70000000:1\n")
	narrow := writeFile(t, "narrow", "+1 1:1\n-1 11:1\n")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"default limit", []string{"torch", "-train", wide, "-epochs", "1"}, exitFail,
			"line 2, column 4: index above the maximum width: index 70000000 makes the data 70000000 features wide"},
		{"a smaller limit", []string{"numpy", "-train", narrow, "-max-width", "10", "-epochs", "1"}, exitFail,
			"the limit is 10; raise the limit with -max-width"},
		{"at the limit", []string{"torch", "-train", narrow, "-max-width", "11", "-epochs", "1"}, exitOK, ""},
		{"a limit below -1", []string{"sgd", "-train", narrow, "-max-width", "-2"}, exitUsage, "-max-width must be >= -1"},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, stderr, tt.code, tt.want)
		}
	}
}

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
	for _, args := range [][]string{{"gen", "-shape", "mnist"}, {"gen", "-nnz", "0"}, {"gen", "-noise", "2"}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
