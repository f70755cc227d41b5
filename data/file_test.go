package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, m map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, s := range m {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{"good": tinyTrain, "bad": "1 1:1\n1 2:1 2:1\n"})
	d, err := ReadFile(filepath.Join(dir, "good"), ReadOptions{Binary: true})
	if err != nil || d.Fingerprint() != tinySpec.Train.Fingerprint {
		t.Errorf("ReadFile(good) = %v, %v", d, err)
	}

	bad := filepath.Join(dir, "bad")
	_, err = ReadFile(bad, ReadOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || !errors.Is(err, ErrUnsorted) {
		t.Errorf("ReadFile(bad) error %v: want a *ParseError on line 2 wrapping ErrUnsorted", err)
	}
	if want := "data: " + bad + ": line 2, column 7: "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q does not start with %q", err, want)
	}

	_, err = ReadFile(filepath.Join(dir, "missing"), ReadOptions{})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing") {
		t.Errorf("ReadFile(missing) error %v", err)
	}
}

func TestReadPair(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"train":   "1 1:1 3:1\n-1 2:1\n",            // largest index 3
		"test":    "1 2:1\n",                        // largest index 2: the a9a.t case
		"testbig": "1 2:1\n\n# wider\n-1 1:1 5:1\n", // largest index 5
	})
	path := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name, train, test string
		opt               ReadOptions
		width             int
	}{
		{"test narrower: the train width", "train", "test", ReadOptions{}, 3},
		{"test wider: the larger width", "train", "testbig", ReadOptions{}, 5},
		{"declared width", "train", "test", ReadOptions{Width: 7}, 7},
	}
	for _, tt := range tests {
		train, test, err := ReadPair(path(tt.train), path(tt.test), tt.opt)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if train.Width != tt.width || test.Width != tt.width {
			t.Errorf("%s: widths %d and %d, want %d", tt.name, train.Width, test.Width, tt.width)
		}
	}

	// Beyond a declared width: the error names the file, the line and the index.
	_, _, err := ReadPair(path("train"), path("testbig"), ReadOptions{Width: 3})
	var pe *ParseError
	if !errors.Is(err, ErrWidth) || !errors.As(err, &pe) || pe.Line != 4 {
		t.Fatalf("error %v: want ErrWidth on line 4", err)
	}
	for _, s := range []string{path("testbig"), "line 4", "index 5"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %q", err, s)
		}
	}
}
