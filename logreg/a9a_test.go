package logreg

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// torchTrace is a trace of the PyTorch program (testdata/reference/README.md).
type torchTrace struct {
	Dtype  string `json:"dtype"`
	Epochs []struct {
		Epoch    int     `json:"epoch"`
		Loss     float64 `json:"loss"`
		Accuracy float64 `json:"accuracy"`
		Correct  int     `json:"correct"`
	} `json:"epochs"`
	FinalTrainAccuracy float64 `json:"final_train_accuracy"`
	FinalTestAccuracy  float64 `json:"final_test_accuracy"`
	FinalTrainCorrect  int     `json:"final_train_correct"`
	FinalTestCorrect   int     `json:"final_test_correct"`
	FinalModel         struct {
		W []float64 `json:"w"`
		B float64   `json:"b"`
	} `json:"final_model"`
}

// numpyTrace is a trace of the NumPy program.
type numpyTrace struct {
	Config struct {
		LR          float64 `json:"lr"`
		L2          float64 `json:"l2"`
		Momentum    float64 `json:"momentum"`
		Epochs      int     `json:"epochs"`
		BiasOutOfL2 bool    `json:"bias_out_of_l2"`
		PrePass     bool    `json:"pre_pass"`
		Shuffle     bool    `json:"shuffle"`
	} `json:"config"`
	Epochs []struct {
		Epoch                  int     `json:"epoch"`
		Loss                   float64 `json:"loss"`
		MisclassifiedAsWritten float64 `json:"misclassified_as_written"`
		TrainError             float64 `json:"train_error"`
		TestError              float64 `json:"test_error"`
	} `json:"epochs"`
	FinalModel struct {
		W []float64 `json:"w"`
		B float64   `json:"b"`
	} `json:"final_model"`
}

// readTrace decodes testdata/reference/name into v. The traces are
// committed, so a missing one fails.
func readTrace(tb testing.TB, name string, v any) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "reference", name))
	if err != nil {
		tb.Fatalf("reference trace: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("reference trace %s: %v", name, err)
	}
}
