//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSvmsgdLeavesNoProcess: a build of svmsgd that leaves a process
// holding its output is refused with an error that says so, and the
// process is killed.
func TestSvmsgdLeavesNoProcess(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	good := strings.ReplaceAll(svmsgdOutput("LogLoss", tenTimes(0.02)...), "'", "")
	s, err := newSvmsgd(writeScript(t, "svmsgd", "sleep 30 & echo $! > '"+pidFile+"'\necho '"+good+"'\n"), tinyA9AFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := s.run(context.Background()); err == nil || !strings.Contains(err.Error(), "left a process running that held its output (now killed)") {
		t.Errorf("%v; want the process left named", err)
	}
	wantGone(t, pidFile)
}

// TestScriptLeavesNoProcess: a process bench's Python script started and
// left running is killed once the script ends.
func TestScriptLeavesNoProcess(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	python := writeScript(t, "python", "sleep 30 & echo $! > '"+pidFile+"'\n")
	runScript(context.Background(), python, writeFile(t, "timing.py", ""), "a note", &bytes.Buffer{})
	wantGone(t, pidFile)
}

// wantGone fails t unless the process whose id pidFile holds ends within
// 5 s, and kills it if not.
func wantGone(t *testing.T, pidFile string) {
	t.Helper()
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); running(pid); time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Errorf("the process left, %d, still runs", pid)
			return
		}
	}
}

// running says whether the process pid runs: it exists and, where /proc
// tells, is not a zombie, which a killed orphan is until reaped.
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	_, after, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(after, "Z")
}
