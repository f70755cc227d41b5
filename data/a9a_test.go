package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
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
// from A9ASpec so that a typo in either is caught. The digests are checked
// against the files by TestA9AContentSHA256.
var (
	a9aTrainPrint = Fingerprint{Rows: 32561, Positives: 7841, NNZ: 451592, MaxIndex: 123}
	a9aTestPrint  = Fingerprint{Rows: 16281, Positives: 3846, NNZ: 225731, MaxIndex: 122}
)

func TestA9ASpecMatchesPublishedNumbers(t *testing.T) {
	if A9ASpec.Train.Fingerprint != a9aTrainPrint || A9ASpec.Test.Fingerprint != a9aTestPrint || A9ASpec.Width != 123 {
		t.Errorf("A9ASpec = %+v", A9ASpec)
	}
}

// TestA9AContentSHA256 computes the digests of the shared copies without
// Read (as testdata/content_sha256.py does) and with it: both must be
// A9ASpec's.
func TestA9AContentSHA256(t *testing.T) {
	dir := a9aDir(t)
	for _, f := range []FileSpec{A9ASpec.Train, A9ASpec.Test} {
		raw, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if got := refContentSHA256(string(raw)); got != f.SHA256 {
			t.Errorf("%s: reference digest %s, A9ASpec has %s", f.Name, got, f.SHA256)
		}
		d, err := Read(bytes.NewReader(raw), ReadOptions{Width: A9ASpec.Width, Binary: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.ContentSHA256(); got != f.SHA256 {
			t.Errorf("%s: digest %s, A9ASpec has %s", f.Name, got, f.SHA256)
		}
	}
}

// a9aEdits are changes to a9a that keep every count, so that only the
// digest can refuse them, and a change of spacing that must be accepted.
var a9aEdits = []struct {
	name string
	edit func(lines []string) // lines of a9a, without their newlines
	ok   bool
}{
	{"a value changed", func(l []string) { l[5] = strings.Replace(l[5], ":1 ", ":2 ", 1) }, false},
	{"an index changed", func(l []string) { l[0] = shiftIndex(l[0]) }, false},
	{"labels of a +1 and a −1 line exchanged", func(l []string) {
		i, j := firstWithLabel(l, "+1"), firstWithLabel(l, "-1")
		l[i], l[j] = "-1"+l[i][2:], "+1"+l[j][2:]
	}, false},
	{"two lines swapped", func(l []string) { l[0], l[1] = l[1], l[0] }, false},
	{"trailing spaces removed, CRLF line ends", func(l []string) {
		for i := range l {
			l[i] = strings.TrimRight(l[i], " ") + "\r"
		}
	}, true},
}

// shiftIndex raises the first index of line whose successor leaves room,
// keeping the indices increasing.
func shiftIndex(line string) string {
	f := strings.Fields(line)
	for k := 1; k+1 < len(f); k++ {
		a, _ := strconv.Atoi(strings.TrimSuffix(f[k], ":1"))
		b, _ := strconv.Atoi(strings.TrimSuffix(f[k+1], ":1"))
		if b > a+1 {
			f[k] = strconv.Itoa(a+1) + ":1"
			return strings.Join(f, " ") + " "
		}
	}
	panic("no index to shift in " + line)
}

func firstWithLabel(lines []string, label string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, label+" ") {
			return i
		}
	}
	panic("no line labelled " + label)
}

// TestA9AEditedCopies: a copy of a9a with one of a9aEdits is refused with
// ErrFingerprint, naming the file and the digest wanted, unless it changes
// spacing only.
func TestA9AEditedCopies(t *testing.T) {
	dir := a9aDir(t)
	t.Setenv(EnvLibSVMURL, "")
	raw, err := os.ReadFile(filepath.Join(dir, "a9a"))
	if err != nil {
		t.Fatal(err)
	}
	test, err := os.ReadFile(filepath.Join(dir, "a9a.t"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range a9aEdits {
		t.Run(tt.name, func(t *testing.T) {
			lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
			tt.edit(lines)
			copyDir := writeFiles(t, map[string]string{"a9a": strings.Join(lines, "\n") + "\n", "a9a.t": string(test)})
			_, _, err := A9A(context.Background(), Options{Dir: copyDir, CacheDir: t.TempDir(), Offline: true})
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Log(err)
			if !errors.Is(err, ErrFingerprint) {
				t.Fatalf("error %v, want ErrFingerprint", err)
			}
			for _, s := range []string{filepath.Join(copyDir, "a9a"), "same counts (rows=32561 positives=7841 nonzeros=451592 max-index=123)",
				"want " + A9ASpec.Train.SHA256, "sgdlab fetch", A9ASpec.Train.URL} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error does not mention %q", s)
				}
			}
		})
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

// BenchmarkLoadA9A is A9A from a folder: reading both files and checking
// their fingerprints.
func BenchmarkLoadA9A(b *testing.B) {
	opt := Options{Dir: a9aDir(b), CacheDir: b.TempDir(), Offline: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := A9A(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
}
