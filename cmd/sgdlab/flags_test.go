package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// TestHelpAndFlagErrors: -h prints a command's help once, and a flag
// error is one line, without the help.
func TestHelpAndFlagErrors(t *testing.T) {
	for _, cmd := range []string{"torch", "numpy", "sgd", "fetch", "bench", "gen"} {
		t.Run(cmd, func(t *testing.T) {
			code, stdout, stderr := runCmd(cmd, "-h")
			if code != exitOK || strings.Count(stderr, "Usage") != 1 || strings.Count(stderr, "\n") < 3 || stdout != "" {
				t.Errorf("-h: exit %d, stdout %q, stderr %q; want the help once", code, stdout, stderr)
			}
			for _, args := range [][]string{{"-bogus"}, {"-timeout", "1"}, {"-rows", "x"}} {
				code, stdout, stderr := runCmd(append([]string{cmd}, args...)...)
				if code != exitUsage || strings.Count(stderr, "\n") != 1 || stdout != "" {
					t.Errorf("%v: exit %d, stdout %q, stderr %q; want one line", args, code, stdout, stderr)
				}
			}
		})
	}
}

// TestHelpCommand: 'sgdlab help CMD' (or -h CMD) is 'sgdlab CMD -h'; help
// with anything else is a usage error, not the top-level help with the
// argument dropped.
func TestHelpCommand(t *testing.T) {
	for _, args := range [][]string{{"help", "torch"}, {"-h", "gen"}} {
		code, stdout, stderr := runCmd(args...)
		if code != exitOK || !strings.Contains(stderr, "Usage of sgdlab "+args[1]) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %s's help", args, code, stdout, stderr, args[1])
		}
	}
	for _, args := range [][]string{{"help", "bogus"}, {"-h", "foo"}, {"help", "torch", "extra"}} {
		if code, stdout, stderr := runCmd(args...); code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want one line, exit %d", args, code, stdout, stderr, exitUsage)
		}
	}
	if code, stdout, _ := runCmd("help"); code != exitOK || !strings.Contains(stdout, "sgdlab runs") {
		t.Errorf("help: exit %d, stdout %q", code, stdout)
	}
}

// TestEmptyAndIgnoredFlags: a path flag given "" and a flag the run would
// ignore are usage errors, before any work (the context is done: a run
// that started would end otherwise).
func TestEmptyAndIgnoredFlags(t *testing.T) {
	train := writeFile(t, "train", tiny)
	timing := writeFile(t, "timing.json", fakeTiming)
	dir := t.TempDir()
	cache := t.TempDir()
	t.Setenv("SGDLAB_DATA", train) // a9a cannot load: a run that started fails with 1
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"torch", "-train", ""}, `-train "": an empty value`},
		{[]string{"numpy", "-data", ""}, `-data "": an empty value`},
		{[]string{"sgd", "-train", train, "-json", ""}, `-json "": an empty value`},
		{[]string{"torch", "-train", train, "-test", ""}, `-test "": an empty value`},
		{[]string{"fetch", "-data", ""}, `-data "": an empty value`},
		{[]string{"bench", "-python", ""}, `-python "": an empty value`},
		{[]string{"bench", "-python-json", ""}, `-python-json "": an empty value`},
		{[]string{"bench", "-svmsgd", ""}, `-svmsgd "": an empty value`},
		{[]string{"bench", "-rcv1", "10", "-svmsgd", "/bin/true"}, "-svmsgd is a9a's: -rcv1 makes its own set"},
		{[]string{"gen", "-o", ""}, `-o "": an empty value`},
		{[]string{"gen", "-shape", ""}, `-shape "": an empty value`},
		{[]string{"torch", "-max-width", "5"}, "-max-width needs -train"},
		{[]string{"sgd", "-max-width", "-1"}, "-max-width needs -train"},
		{[]string{"bench", "-rcv1", "10", "-data", dir}, "-data is a9a's: -rcv1 makes its own set"},
		{[]string{"bench", "-rcv1", "10", "-python-json", timing}, "-python-json is a9a's: -rcv1 makes its own set"},
		{[]string{"bench", "-skip-python", "-python-json", timing}, "-skip-python and -python-json exclude each other"},
		{[]string{"bench", "-python", "/usr/bin/python3", "-skip-python"}, "-python and -skip-python exclude each other"},
		{[]string{"bench", "-python", "/usr/bin/python3", "-python-json", timing}, "-python and -python-json exclude each other"},
		{[]string{"bench", "-repeat", "9223372036854775807"}, "-repeat must be in [1, 1000]"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var stdout, stderr bytes.Buffer
			code := run(ctx, c.args, &stdout, &stderr)
			if code != exitUsage || !strings.Contains(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line with %q", code, stderr.String(), exitUsage, c.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q", stdout.String())
			}
			for _, d := range []string{dir, cache} {
				if ents, _ := os.ReadDir(d); len(ents) != 0 {
					t.Errorf("%s holds %v after a usage error", d, ents)
				}
			}
		})
	}
}
