package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
