package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// a9aDir returns $SGDLAB_DATA. Without it the a9a tests skip on a
// developer's machine but fail under CI, where the data must be there.
func a9aDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv(EnvDir)
	if dir == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is not: the a9a tests need the data folder", EnvDir)
		}
		t.Skipf("%s is not set", EnvDir)
	}
	return dir
}

// The published numbers of a9a (../shared/data/README.md), kept here apart
// from A9ASpec so that a typo in either is caught.
var (
	a9aTrainPrint = Fingerprint{Rows: 32561, Positives: 7841, NNZ: 451592, MaxIndex: 123}
	a9aTestPrint  = Fingerprint{Rows: 16281, Positives: 3846, NNZ: 225731, MaxIndex: 122}
)

func TestA9ASpecMatchesPublishedNumbers(t *testing.T) {
	if A9ASpec.Train.Fingerprint != a9aTrainPrint || A9ASpec.Test.Fingerprint != a9aTestPrint || A9ASpec.Width != 123 {
		t.Errorf("A9ASpec = %+v", A9ASpec)
	}
}

func TestA9AReadPair(t *testing.T) {
	dir := a9aDir(t)
	trainPath, testPath := filepath.Join(dir, "a9a"), filepath.Join(dir, "a9a.t")

	// The pitfall: read alone, the test file is one column short.
	alone, err := ReadFile(testPath, ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	if alone.Width != 122 {
		t.Errorf("a9a.t read alone: width %d, want 122", alone.Width)
	}

	for _, opt := range []ReadOptions{{Binary: true}, {Binary: true, Width: 123}} {
		train, test, err := ReadPair(trainPath, testPath, opt)
		if err != nil {
			t.Fatal(err)
		}
		checkShape(t, train, ReadOptions{Binary: true, Width: 123})
		checkShape(t, test, ReadOptions{Binary: true, Width: 123})
		if train.Rows() != 32561 || train.Width != 123 || test.Rows() != 16281 || test.Width != 123 {
			t.Errorf("opt %+v: train %d×%d, test %d×%d; want 32561×123, 16281×123",
				opt, train.Rows(), train.Width, test.Rows(), test.Width)
		}
		if got := train.Fingerprint(); got != a9aTrainPrint {
			t.Errorf("a9a: %v, want %v", got, a9aTrainPrint)
		}
		if got := test.Fingerprint(); got != a9aTestPrint {
			t.Errorf("a9a.t: %v, want %v", got, a9aTestPrint)
		}
		for i, v := range append(train.Value, test.Value...) {
			if v != 1 {
				t.Fatalf("value %d is %v; every a9a value is 1", i, v)
			}
		}
	}

	// A declared width below the largest index is an error naming the path,
	// the line and the index.
	_, _, err = ReadPair(trainPath, testPath, ReadOptions{Width: 122})
	if err == nil {
		t.Fatal("width 122 accepted for a9a")
	}
	t.Logf("width 122: %v", err)
}

func TestA9ALoad(t *testing.T) {
	dir := a9aDir(t)
	cache := t.TempDir()
	for _, opt := range []Options{
		{Dir: dir, CacheDir: cache, Offline: true},
		{CacheDir: cache, Offline: true}, // from $SGDLAB_DATA
	} {
		train, test, err := A9A(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if train.Rows() != 32561 || test.Rows() != 16281 || train.Width != 123 || test.Width != 123 {
			t.Errorf("train %d×%d, test %d×%d", train.Rows(), train.Width, test.Rows(), test.Width)
		}
		sum := 0.0
		for _, y := range train.Y {
			sum += y
		}
		if sum != 7841 {
			t.Errorf("train Y sums to %v, want 7841 positives", sum)
		}
		x := train.Dense(true)
		if r, c := x.Dims(); r != 32561 || c != 124 || x.At(0, 0) != 1 {
			t.Errorf("Dense(true): %d×%d, first %v", r, c, x.At(0, 0))
		}
	}
	if ents, _ := os.ReadDir(cache); len(ents) != 0 {
		t.Errorf("loading from a folder wrote %d entries into the cache", len(ents))
	}
}

// TestA9ADownload serves the real files from a loopback server, with
// trailing whitespace stripped as in some public copies, and checks that
// A9A downloads, validates and caches them.
func TestA9ADownload(t *testing.T) {
	dir := a9aDir(t)
	m := map[string]string{}
	for _, name := range []string{"a9a", "a9a.t"} {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		m["/binary/"+name] = strings.ReplaceAll(string(raw), " \n", "\n")
	}
	srv := newServer(t, files(m))
	opt, progress := isolate(t, srv)
	train, test, err := A9A(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if train.Fingerprint() != a9aTrainPrint || test.Fingerprint() != a9aTestPrint || test.Width != 123 {
		t.Errorf("downloaded: %v, %v, test width %d", train.Fingerprint(), test.Fingerprint(), test.Width)
	}
	if got := entries(t, opt.CacheDir); len(got) != 2 {
		t.Errorf("cache holds %v", got)
	}
	t.Logf("progress: %q", progress)
}
