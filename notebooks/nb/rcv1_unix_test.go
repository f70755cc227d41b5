//go:build unix

package nb

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
)

// TestRCV1ShapedInterrupted: the kernel's interrupt, a SIGINT, stops the
// write of the full set and leaves nothing in the cache.
func TestRCV1ShapedInterrupted(t *testing.T) {
	// The cache is the test's own on every system: os.UserCacheDir reads
	// XDG_CACHE_HOME on Linux, HOME on macOS.
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	dir, err := data.CacheDir()
	if err != nil {
		t.Fatal(err)
	}
	// The test's own handler keeps an interrupt that comes late from
	// ending the test binary.
	keep := make(chan os.Signal, 1)
	signal.Notify(keep, os.Interrupt)
	defer signal.Stop(keep)
	go func() {
		// Once the write has begun, its temporary file is there.
		for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(time.Millisecond) {
			if tmp, _ := filepath.Glob(filepath.Join(dir, ".synth-*.tmp")); len(tmp) > 0 {
				syscall.Kill(os.Getpid(), syscall.SIGINT)
				return
			}
		}
	}()
	path, err := RCV1Shaped(synth.RCV1.Rows)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("RCV1Shaped interrupted: %q, %v; want an error wrapping context.Canceled", path, err)
	}
	left, _ := os.ReadDir(dir)
	for _, f := range left {
		t.Errorf("left in the cache: %s", f.Name())
	}
}
