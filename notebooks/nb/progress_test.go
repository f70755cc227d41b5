package nb

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
	"github.com/sgdlab/sgdlab/logreg"
)

func TestReadLine(t *testing.T) {
	for _, tc := range []struct {
		p    data.ReadProgress
		want string
	}{
		{data.ReadProgress{Rows: 412000, Bytes: 431e6, Size: 788e6, Elapsed: time.Second}, "412000 rows · 431 of 788 MB · 412 k rows/s"},
		{data.ReadProgress{Rows: 1000, Bytes: 2e6, Size: -1, Elapsed: 2 * time.Second}, "1000 rows · 2 MB · 0.5 k rows/s"},
	} {
		if got := readLine(tc.p); got != tc.want {
			t.Errorf("readLine = %q, want %q", got, tc.want)
		}
	}
}

func TestReading(t *testing.T) {
	r := Reading{Rows: 1000, Bytes: 3e6, Seconds: 0.5}
	if r.RowsPerSecond() != 2000 || r.MBPerSecond() != 6 {
		t.Errorf("rates %v rows/s, %v MB/s, want 2000 and 6", r.RowsPerSecond(), r.MBPerSecond())
	}
}

// TestRCV1ShapedRead: the set is written once into the user cache, read
// back by ReadFile as the shape says, with its size and a rate; a run over
// it through Train calls the caller's OnEpoch for every epoch.
func TestRCV1ShapedRead(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	path, err := RCV1Shaped(300)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(path, cache) {
		t.Errorf("set at %s, not in the user cache %s", path, cache)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := RCV1Shaped(300)
	if err != nil || again != path {
		t.Errorf("second call: %s, %v; want %s", again, err, path)
	}
	d, r, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows() != 300 || d.Width > synth.RCV1.Features || r.Rows != 300 || r.Bytes != st.Size() || !(r.Seconds > 0) {
		t.Errorf("read %d rows, width %d; reading %+v; file %d bytes", d.Rows(), d.Width, r, st.Size())
	}
	if b := BytesPerNonzero(d); !(b > 12 && b < 14) {
		t.Errorf("%.2f bytes per nonzero, want 12 (index and value) and a little for the rows", b)
	}
	var seen []int
	h, err := Train("test", logreg.TorchLoop, d, nil, logreg.Config{Epochs: 3, OnEpoch: func(r logreg.Record) { seen = append(seen, r.Epoch) }})
	if err != nil || len(h.Epochs) != 3 || len(seen) != 3 || seen[2] != 3 {
		t.Errorf("Train: %v, %d records, OnEpoch saw %v", err, len(h.Epochs), seen)
	}
	s := SpeedOf("rcv1", d, h)
	if s.Rows != 300 || s.NNZ != d.NNZ() || s.Seconds != MedianSeconds(h) {
		t.Errorf("SpeedOf = %+v", s)
	}
	if _, _, err := ReadFile(path + ".missing"); err == nil {
		t.Error("ReadFile of a missing file: no error")
	}
}

func TestPeakMemory(t *testing.T) {
	if m := PeakMemory(); m < 0 || m > 0 && m < 1<<20 {
		t.Errorf("PeakMemory = %d bytes", m)
	}
}

// TestReadingRates: a read that took no measurable time has no rate, not
// +Inf or NaN.
func TestReadingRates(t *testing.T) {
	for _, tc := range []struct {
		r          Reading
		rows, mbps float64
	}{
		{Reading{Rows: 10, Bytes: 2e6, Seconds: 2}, 5, 1},
		{Reading{Rows: 10, Bytes: 2e6}, 0, 0},
		{Reading{}, 0, 0},
		{Reading{Rows: 10, Seconds: math.NaN()}, 0, 0},
	} {
		if rows, mbps := tc.r.RowsPerSecond(), tc.r.MBPerSecond(); rows != tc.rows || mbps != tc.mbps {
			t.Errorf("%+v: %v rows/s, %v MB/s; want %v, %v", tc.r, rows, mbps, tc.rows, tc.mbps)
		}
	}
}
