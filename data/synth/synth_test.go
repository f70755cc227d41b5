package synth_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
)

func write(t *testing.T, s synth.Shape) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := synth.Write(context.Background(), &b, s, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteShape(t *testing.T) {
	tests := []struct {
		name string
		s    synth.Shape
	}{
		{"rcv1-like slice", synth.Shape{Rows: 5000, Features: 47152, NNZ: 76, Noise: 0.05, Seed: 1}},
		{"a9a", synth.A9A},
		{"dense: every feature in most rows", synth.Shape{Rows: 300, Features: 8, NNZ: 8, Seed: 3}},
		{"one feature: labels by noise alone", synth.Shape{Rows: 50, Features: 1, NNZ: 1, OneHot: true, Noise: 0.3, Seed: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := data.Read(bytes.NewReader(write(t, tt.s)), data.ReadOptions{Binary: true})
			if err != nil {
				t.Fatal(err)
			}
			if d.Rows() != tt.s.Rows || d.Width > tt.s.Features {
				t.Errorf("%d rows, width %d; want %d rows, width <= %d", d.Rows(), d.Width, tt.s.Rows, tt.s.Features)
			}
			mean := float64(d.NNZ()) / float64(d.Rows())
			if want := float64(min(tt.s.NNZ, tt.s.Features)); math.Abs(mean-want) > 0.1*want+1 {
				t.Errorf("%.1f nonzeros per row, want about %v", mean, want)
			}
			positives := 0.0
			for i := range d.Rows() {
				_, val := d.Row(i)
				norm := 0.0
				for _, v := range val {
					norm += v * v
					if tt.s.OneHot && v != 1 || v <= 0 {
						t.Fatalf("row %d: value %v", i, v)
					}
				}
				if !tt.s.OneHot && math.Abs(math.Sqrt(norm)-1) > 1e-3 {
					t.Fatalf("row %d: norm %v, want 1 (to the four digits written)", i, math.Sqrt(norm))
				}
				positives += d.Y[i]
			}
			if f := positives / float64(d.Rows()); f == 0 || f == 1 {
				t.Errorf("all labels alike (%.2f positive)", f)
			}
		})
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	s := synth.Shape{Rows: 3*4096 + 17, Features: 500, NNZ: 20, Noise: 0.1, Seed: 9}
	one := write(t, s)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if !bytes.Equal(write(t, s), one) {
		t.Error("the text depends on GOMAXPROCS")
	}
	s.Seed++
	if bytes.Equal(write(t, s), one) {
		t.Error("another seed gives the same text")
	}
}

func TestNoise(t *testing.T) {
	s := synth.Shape{Rows: 20000, Features: 50, NNZ: 10, Seed: 2}
	clean := write(t, s)
	s.Noise = 0.2
	noisy := write(t, s)
	a, b := strings.Split(string(clean), "\n"), strings.Split(string(noisy), "\n")
	flipped := 0
	for i := range a {
		if a[i] != b[i] {
			if a[i][2:] != b[i][2:] {
				t.Fatalf("line %d differs beyond its label: %q, %q", i+1, a[i], b[i])
			}
			flipped++
		}
	}
	if f := float64(flipped) / float64(s.Rows); math.Abs(f-0.2) > 0.02 {
		t.Errorf("%.3f of the labels flipped, want 0.2", f)
	}
}

func TestCheck(t *testing.T) {
	for _, s := range []synth.Shape{
		{Rows: 0, Features: 1, NNZ: 1},
		{Rows: 1, Features: 0, NNZ: 1},
		{Rows: 1, Features: 3, NNZ: 4},
		{Rows: 1, Features: 3, NNZ: 0},
		{Rows: 1, Features: 3, NNZ: 1, Noise: -0.1},
		{Rows: 1, Features: 3, NNZ: 1, Noise: math.NaN()},
	} {
		if s.Check() == nil || synth.Write(context.Background(), &bytes.Buffer{}, s, nil) == nil {
			t.Errorf("%+v accepted", s)
		}
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	s := synth.Shape{Rows: 50, Features: 20, NNZ: 5, Seed: 1}
	path, err := synth.File(context.Background(), dir, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, write(t, s)) {
		t.Fatalf("File wrote %d bytes, %v", len(got), err)
	}
	// Made once: a second call finds it (here, changed by hand) and keeps it.
	os.WriteFile(path, []byte("kept"), 0o644)
	if again, err := synth.File(context.Background(), dir, s, nil); err != nil || again != path {
		t.Fatalf("File again: %q, %v", again, err)
	}
	if got, _ := os.ReadFile(path); string(got) != "kept" {
		t.Error("File rewrote an existing set")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1 (no temporary left)", len(entries))
	}
}

// TestWriteIsStable: the text of these shapes is the one earlier versions
// wrote, so that a set made once (File, in a cache) and one made now are
// the same.
func TestWriteIsStable(t *testing.T) {
	rcv1 := synth.RCV1
	rcv1.Rows = 5000
	for _, tt := range []struct {
		s    synth.Shape
		want string // SHA-256
	}{
		{synth.A9A, "a796035719b04e5e6ff2fc8639437da49eb04d7e607824aff70f2648e9ecefc7"},
		{rcv1, "45684c7db01f5e7b4bd0abf4752d9d04de3b7d5be0d8464faacf59189981cfc1"},
		{synth.Shape{Rows: 3000, Features: 8, NNZ: 8, Noise: 0.05, Seed: 3}, "30f4a72b34ce631b53f6d1dc8ba7b613a095d1bd2a7c066ecc1627a90fd4acec"},
		{synth.Shape{Rows: 10000, Features: 500, NNZ: 128, Noise: 0.1, Seed: 9}, "57532d341c22287d1780501e8b7a2b3b14b122106bb52e0a538417f03b68feeb"},
		{synth.Shape{Rows: 9000, Features: 300, NNZ: 20, OneHot: true, Noise: 0.05, Seed: 2}, "35bfa6f309b740e3be657b6512cd0c32f3dbb7bb5d44ac6870a7e8a4c9b396e0"},
	} {
		sum := sha256.Sum256(write(t, tt.s))
		if got := hex.EncodeToString(sum[:]); got != tt.want {
			t.Errorf("%v: SHA-256 %s, want %s", tt.s, got, tt.want)
		}
	}
}

// TestLongRows: rows of many nonzeros are made in blocks of fewer rows,
// the same at any number of processors.
func TestLongRows(t *testing.T) {
	s := synth.Shape{Rows: 40, Features: 200000, NNZ: 20000, Seed: 4}
	one := write(t, s)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if !bytes.Equal(write(t, s), one) {
		t.Error("the text depends on GOMAXPROCS")
	}
	d, err := data.Read(bytes.NewReader(one), data.ReadOptions{Binary: true})
	if err != nil || d.Rows() != s.Rows {
		t.Fatalf("%v rows, %v", d.Rows(), err)
	}
	if mean := float64(d.NNZ()) / float64(d.Rows()); math.Abs(mean-20000) > 2000 {
		t.Errorf("%.0f nonzeros per row, want about 20000", mean)
	}
}

// cancelAfter is a writer that ends its context once it has taken n bytes.
type cancelAfter struct {
	bytes.Buffer
	n      int
	cancel context.CancelFunc
}

func (w *cancelAfter) Write(p []byte) (int, error) {
	if w.Len()+len(p) >= w.n {
		w.cancel()
	}
	return w.Buffer.Write(p)
}

// TestWriteCanceled: Write stops once its context is done, even with as
// many rows as an int holds (whose blocks are counted without overflow),
// and says why; before, it writes nothing.
func TestWriteCanceled(t *testing.T) {
	s := synth.Shape{Rows: math.MaxInt, Features: 50, NNZ: 5, Seed: 1}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &cancelAfter{n: 3 << 20, cancel: cancel}
	if err := synth.Write(ctx, w, s, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write: %v, want context.Canceled", err)
	}
	if w.Len() < 3<<20 || w.Len() > 4<<20 {
		t.Errorf("%d bytes written; want the 3 MiB up to the interrupt and at most a buffer more", w.Len())
	}
	if _, err := data.Read(bytes.NewReader(w.Bytes()[:bytes.LastIndexByte(w.Bytes(), '\n')+1]), data.ReadOptions{Binary: true}); err != nil {
		t.Errorf("the rows before the interrupt: %v", err)
	}
	var b bytes.Buffer
	if err := synth.Write(ctx, &b, synth.A9A, nil); !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("Write after the context ended: %v, %d bytes", err, b.Len())
	}
}

// TestWriteCanceledInALongRow: Write stops soon after its context ends,
// also while a row of millions of nonzeros, a second's work, is drawn.
func TestWriteCanceledInALongRow(t *testing.T) {
	s := synth.Shape{Rows: 20, Features: 1 << 21, NNZ: 1 << 21, Seed: 1}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	if err := synth.Write(ctx, io.Discard, s, nil); !errors.Is(err, context.Canceled) || time.Since(start) > 500*time.Millisecond {
		t.Errorf("Write: %v after %v; want context.Canceled soon after 100ms", err, time.Since(start))
	}
}

// TestFileCanceled: File stopped while it writes leaves its folder as it
// was.
func TestFileCanceled(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := synth.File(ctx, dir, synth.Shape{Rows: math.MaxInt, Features: 50, NNZ: 5, Seed: 1}, nil)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("File: %v after %v, want context.Canceled soon after 100ms", err, time.Since(start))
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("%s holds %v", dir, ents)
	}
}

// TestProgress: Write reports the rows and bytes written, last with Done.
func TestProgress(t *testing.T) {
	s := synth.Shape{Rows: 3*4096 + 5, Features: 100, NNZ: 10, Seed: 1}
	var last synth.Progress
	calls := 0
	var b bytes.Buffer
	if err := synth.Write(context.Background(), &b, s, func(p synth.Progress) { last = p; calls++ }); err != nil {
		t.Fatal(err)
	}
	if !last.Done || last.Rows != s.Rows || last.Total != s.Rows || last.Bytes != int64(b.Len()) || calls < 1 {
		t.Errorf("last report %+v after %d calls; want Done, %d rows, %d bytes", last, calls, s.Rows, b.Len())
	}
}

// TestMemory: the estimate grows with the features and the nonzeros, not
// with the rows, and bounds what a long-rowed set takes.
func TestMemory(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	big := synth.RCV1
	big.Rows = math.MaxInt
	wide := synth.Shape{Rows: 1, Features: 1 << 26, NNZ: 1 << 26}
	switch {
	case synth.RCV1.Memory() > 200e6:
		t.Errorf("RCV1: %d bytes, want under 200 MB", synth.RCV1.Memory())
	case big.Memory() != synth.RCV1.Memory():
		t.Errorf("%d rows: %d bytes, %d with RCV1's", big.Rows, big.Memory(), synth.RCV1.Memory())
	case wide.Memory() < 4e9:
		t.Errorf("%v: %d bytes, want more than 4 GB (a row of 2²⁶ nonzeros)", wide, wide.Memory())
	}
	s := synth.Shape{Rows: 8, Features: 1 << 20, NNZ: 1 << 19, Seed: 2}
	if err := synth.Write(context.Background(), io.Discard, s, nil); err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if peak := int64(ms.HeapSys); peak > 2*s.Memory()+64<<20 {
		t.Errorf("%v: the heap took %d bytes, more than twice the estimate, %d", s, peak, s.Memory())
	}
}
