package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
)

// TestDiverged: a run whose weights or loss stop being finite prints the
// epochs it completed and the error, still writes -json with what it has
// (a number that is not finite as null, and why it stopped), and exits
// with exitDiverged.
func TestDiverged(t *testing.T) {
	train := writeFile(t, "train", "+1 1:20 3:20\n-1 2:20 3:20\n+1 1:20\n-1 2:20\n+1 1:20 2:20 3:20\n-1 3:20\n")
	for _, args := range [][]string{
		{"torch", "-lr=1e308"},
		{"numpy", "-lr=1e5", "-l2=0.1", "-epochs=1000"},
	} {
		t.Run(args[0], func(t *testing.T) {
			js := filepath.Join(t.TempDir(), "h.json")
			code, out, stderr := runCmd(append(args, "-train", train, "-json", js)...)
			if code != exitDiverged {
				t.Fatalf("exit %d, want %d (stderr %q)", code, exitDiverged, stderr)
			}
			if !strings.Contains(stderr, "diverged") || !strings.Contains(stderr, "epoch") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("stderr %q: want one line naming the divergence and its epoch", stderr)
			}
			b, err := os.ReadFile(js)
			if err != nil {
				t.Fatal(err)
			}
			var h logreg.History
			if err := json.Unmarshal(b, &h); err != nil {
				t.Fatal(err)
			}
			if h.Stopped == "" || !strings.Contains(stderr, h.Stopped) {
				t.Errorf("stopped %q, stderr %q", h.Stopped, stderr)
			}
			if lines := strings.Count(out, "Epoch"); lines != len(h.Epochs) || strings.Contains(out, "Final") {
				t.Errorf("printed %d epochs for %d records:\n%s", lines, len(h.Epochs), out)
			}
		})
	}
}
