package synth_test

import (
	"bytes"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
)

func write(t *testing.T, s synth.Shape) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := synth.Write(&b, s); err != nil {
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
		if s.Check() == nil || synth.Write(&bytes.Buffer{}, s) == nil {
			t.Errorf("%+v accepted", s)
		}
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	s := synth.Shape{Rows: 50, Features: 20, NNZ: 5, Seed: 1}
	path, err := synth.File(dir, s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, write(t, s)) {
		t.Fatalf("File wrote %d bytes, %v", len(got), err)
	}
	// Made once: a second call finds it (here, changed by hand) and keeps it.
	os.WriteFile(path, []byte("kept"), 0o644)
	if again, err := synth.File(dir, s); err != nil || again != path {
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
