package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cancelAt is stdout that cancels the run's context once it has printed
// a line holding mark, as an interrupt would at that moment.
type cancelAt struct {
	bytes.Buffer
	mark   string
	cancel context.CancelFunc
}

func (w *cancelAt) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(w.mark)) {
		defer w.cancel()
	}
	return w.Buffer.Write(p)
}

// TestInterrupt: an interrupt during epoch 2 of each loop stops it once
// that epoch's line is printed, with exit 130, no later epoch and no -json;
// one before the run starts stops it before its first epoch.
func TestInterrupt(t *testing.T) {
	train := writeFile(t, "train", tiny)
	for _, c := range []struct {
		args []string
		mark string
	}{
		{[]string{"torch", "-epochs", "1000000"}, "Epoch [2/"},
		{[]string{"numpy", "-epochs", "1000000"}, "Epoch 2:"},
		{[]string{"sgd", "-epochs", "1000000"}, "Epoch 2:"},
		{[]string{"sgd", "-epochs", "1000000", "-tol", "1e-9", "-n-iter-no-change", "1000000"}, "Epoch 2:"}, // the readable path
		{[]string{"torch", "-epochs", "5"}, ""},
	} {
		js := filepath.Join(t.TempDir(), "h.json")
		ctx, cancel := context.WithCancel(context.Background())
		out := &cancelAt{mark: c.mark, cancel: cancel}
		if c.mark == "" {
			cancel()
		}
		var errb bytes.Buffer
		code := run(ctx, append(c.args, "-train", train, "-json", js), out, &errb)
		cancel()
		want := "interrupted after epoch 2 (no -json written)"
		if c.mark == "" {
			want = "interrupted before the first epoch"
		}
		if code != exitInterrupted || !strings.Contains(errb.String(), want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), exitInterrupted, want)
		}
		if c.mark != "" && (!strings.Contains(out.String(), c.mark) || strings.Contains(out.String(), strings.Replace(c.mark, "2", "3", 1))) {
			t.Errorf("%v: output %q, want epochs 1 and 2 only", c.args, out.String())
		}
		if _, err := os.Stat(js); err == nil {
			t.Errorf("%v: -json written after an interrupt", c.args)
		}
	}
}

// TestInterruptSignal sends a real SIGINT to the command, run by this test
// binary as its main (SGDLAB_TEST_MAIN): it ends with exit 130 soon after.
func TestInterruptSignal(t *testing.T) {
	if os.Getenv("SGDLAB_TEST_MAIN") == "1" {
		os.Args = append([]string{"sgdlab"}, strings.Fields(os.Getenv("SGDLAB_TEST_ARGS"))...)
		main()
		return
	}
	train := writeFile(t, "train", tiny)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestInterruptSignal$")
	cmd.Env = append(os.Environ(), "SGDLAB_TEST_MAIN=1", "SGDLAB_TEST_ARGS=torch -epochs 100000000 -train "+train)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the first epoch, then interrupt; the lines after are read
	// and dropped, so that the command never blocks on its output.
	first := make(chan struct{})
	go func() {
		lines, seen := bufio.NewScanner(stdout), false
		for lines.Scan() {
			if !seen && strings.HasPrefix(lines.Text(), "Epoch [1/") {
				close(first)
				seen = true
			}
		}
	}()
	select {
	case <-first:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no epoch after 30 s")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 30 s after SIGINT")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted || !strings.Contains(stderr.String(), "interrupted after epoch") {
		t.Errorf("exit %d, stderr %q; want %d, interrupted", code, stderr.String(), exitInterrupted)
	}
}
