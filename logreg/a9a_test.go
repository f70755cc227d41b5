package logreg

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// a9a is read once for all tests and benchmarks of the package.
var a9a struct {
	once        sync.Once
	train, test *data.Dataset
	err         error
}

// loadA9A returns a9a's train and test sets. It skips when neither
// SGDLAB_DATA nor CI is set (a developer without the files); in CI the files
// must be found or downloaded, so a failure there fails the test.
func loadA9A(tb testing.TB) (train, test *data.Dataset) {
	tb.Helper()
	if os.Getenv(data.EnvDir) == "" && os.Getenv("CI") == "" {
		tb.Skip("a9a: set SGDLAB_DATA to the folder holding a9a and a9a.t")
	}
	a9a.once.Do(func() {
		a9a.train, a9a.test, a9a.err = data.A9A(context.Background(), data.Options{})
	})
	if a9a.err != nil {
		tb.Fatalf("a9a: %v", a9a.err)
	}
	return a9a.train, a9a.test
}

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
