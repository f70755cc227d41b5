package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// needA9A skips a test that reads a9a when no data folder is set, except in
// CI, where the data must be there.
func needA9A(t *testing.T) {
	t.Helper()
	if os.Getenv("SGDLAB_DATA") == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SGDLAB_DATA is not set in CI")
		}
		t.Skip("SGDLAB_DATA is not set")
	}
}

// readTrace loads one of the reference traces the real programs wrote.
func readTrace(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "logreg", "testdata", "reference", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// TestTorchPrintsWhatPyTorchPrints checks every line of 'sgdlab torch
// -float32' against the seed's PyTorch program, read from its trace: the same
// text, the same accuracies, and losses within 1e-6 relative (float32 sums in
// another order differ in the last bits, which can flip a fourth decimal).
func TestTorchPrintsWhatPyTorchPrints(t *testing.T) {
	needA9A(t)
	var tr struct {
		Epochs []struct {
			Epoch    int
			Loss     float64
			Accuracy float64
		}
		FinalTrainAccuracy float64 `json:"final_train_accuracy"`
		FinalTestAccuracy  float64 `json:"final_test_accuracy"`
	}
	readTrace(t, "torch_float32.json", &tr)
	code, out, stderr := runCmd("torch", "-float32")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(tr.Epochs)+2 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(tr.Epochs)+2, out)
	}
	for i, e := range tr.Epochs {
		var epoch, total int
		var loss, acc float64
		if _, err := fmt.Sscanf(lines[i], "Epoch [%d/%d], Loss: %f, Accuracy: %f", &epoch, &total, &loss, &acc); err != nil {
			t.Fatalf("line %d %q: %v", i+1, lines[i], err)
		}
		want := fmt.Sprintf("Epoch [%d/%d], Loss: %.4f, Accuracy: %.4f", e.Epoch, len(tr.Epochs), loss, e.Accuracy)
		if lines[i] != want {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], want)
		}
		if d := math.Abs(loss - e.Loss); d > 0.5e-4+1e-6*e.Loss {
			t.Errorf("epoch %d: loss %.4f, PyTorch %.6f", e.Epoch, loss, e.Loss)
		}
	}
	final := []string{
		fmt.Sprintf("Final Train Accuracy: %.4f", tr.FinalTrainAccuracy),
		fmt.Sprintf("Final Test Accuracy: %.4f", tr.FinalTestAccuracy),
	}
	if got := lines[len(tr.Epochs):]; strings.Join(got, "\n") != strings.Join(final, "\n") {
		t.Errorf("final lines %q, want %q", got, final)
	}
}

// TestNumpyPrintsWhatNumPyPrints compares the seed's part of every line of
// 'sgdlab numpy' with the NumPy program's trace.
func TestNumpyPrintsWhatNumPyPrints(t *testing.T) {
	needA9A(t)
	var tr struct {
		Epochs []struct {
			Epoch   int
			Loss    float64
			Printed float64 `json:"misclassified_as_written"`
		}
	}
	readTrace(t, "numpy.json", &tr)
	code, out, stderr := runCmd("numpy")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(tr.Epochs) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(tr.Epochs), out)
	}
	for i, e := range tr.Epochs {
		want := fmt.Sprintf("Epoch %d: Loss = %.4f, Misclassified = %.4f", e.Epoch, e.Loss, e.Printed)
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d: %q, NumPy printed %q", i+1, lines[i], want)
		}
	}
}

// TestFetchFromMirror serves the real files, trailing spaces stripped as in
// some public copies, from a loopback mirror named by $SGDLAB_LIBSVM_URL:
// sgdlab fetch downloads, checks and caches them.
func TestFetchFromMirror(t *testing.T) {
	needA9A(t)
	served := map[string]string{}
	for _, name := range []string{"a9a", "a9a.t"} {
		b, err := os.ReadFile(filepath.Join(os.Getenv("SGDLAB_DATA"), name))
		if err != nil {
			t.Fatal(err)
		}
		served["/mirror/"+name] = strings.ReplaceAll(string(b), " \n", "\n")
	}
	mirror := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, ok := served[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	})
	cache := isolateFetch(t, mirror+"/mirror")
	code, stdout, stderr := runCmd("fetch")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "a9a: train 32561×123, test 16281×123\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	for _, name := range []string{"a9a", "a9a.t"} {
		if got, err := os.ReadFile(filepath.Join(cache, name)); err != nil || string(got) != served["/mirror/"+name] {
			t.Errorf("cached %s: %d bytes, %v; want the %d served", name, len(got), err, len(served["/mirror/"+name]))
		}
		if !strings.Contains(stderr, "data: downloading "+mirror+"/mirror/"+name+": ") {
			t.Errorf("stderr %q does not report downloading %s", stderr, name)
		}
	}
	if ents, _ := os.ReadDir(cache); len(ents) != 2 {
		t.Errorf("cache holds %v, want a9a and a9a.t alone", ents)
	}
}

// TestEditedA9A: a copy of a9a with one value changed keeps every count; the
// commands refuse it, naming the file and how to fetch a fresh copy.
func TestEditedA9A(t *testing.T) {
	needA9A(t)
	dir := t.TempDir()
	for _, name := range []string{"a9a", "a9a.t"} {
		b, err := os.ReadFile(filepath.Join(os.Getenv("SGDLAB_DATA"), name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "a9a" {
			b = bytes.Replace(b, []byte(":1 \n"), []byte(":2 \n"), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	isolateFetch(t, "")
	for _, cmd := range []string{"fetch", "torch", "numpy"} {
		code, stdout, stderr := runCmd(cmd, "-data", dir)
		if code != exitFail || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit 1 and no run", cmd, code, stdout)
		}
		path := filepath.Join(dir, "a9a")
		for _, w := range []string{"sgdlab: data: " + path + ": wrong content for a9a: same counts", "want " + data.A9ASpec.Train.SHA256,
			"to fetch a fresh copy, remove " + path + " and run 'sgdlab fetch'"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q does not mention %q", cmd, stderr, w)
			}
		}
	}
}
