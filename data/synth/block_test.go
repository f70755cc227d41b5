package synth

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
)

func TestBlocks(t *testing.T) {
	for _, tt := range []struct {
		s            Shape
		perBlock, of int
	}{
		{Shape{Rows: 1, Features: 10, NNZ: 1}, 4096, 1},
		{Shape{Rows: 4096, Features: 10, NNZ: 1}, 4096, 1},
		{Shape{Rows: 4097, Features: 10, NNZ: 1}, 4096, 2},
		{Shape{Rows: math.MaxInt, Features: 10, NNZ: 1}, 4096, math.MaxInt/4096 + 1},
		{Shape{Rows: math.MaxInt, Features: 1000, NNZ: 128}, 4096, math.MaxInt/4096 + 1},
		{Shape{Rows: math.MaxInt, Features: 1000, NNZ: 129}, 4064, math.MaxInt/4064 + 1},
		{Shape{Rows: math.MaxInt, Features: math.MaxInt32, NNZ: math.MaxInt32}, 1, math.MaxInt},
		{Shape{Rows: 7, Features: 1 << 20, NNZ: 1 << 20}, 1, 7},
	} {
		if got, n := tt.s.rowsPerBlock(), tt.s.blocks(); got != tt.perBlock || n != tt.of {
			t.Errorf("%v: %d blocks of %d rows, want %d of %d", tt.s, n, got, tt.of, tt.perBlock)
		}
	}
}

func TestProgressLine(t *testing.T) {
	reports := []Progress{
		{Rows: 4096, Total: 781265, Bytes: 4_000_000, Elapsed: 500 * time.Millisecond},
		{Rows: 206000, Total: 781265, Bytes: 206_000_000, Elapsed: time.Second},
		{Rows: 412000, Total: 781265, Bytes: 431_400_000, Elapsed: 2 * time.Second},
		{Rows: 781265, Total: 781265, Bytes: 788_000_000, Elapsed: 4 * time.Second, Done: true},
	}
	lines := []string{
		"writing x.svm: 206,000 of 781,265 rows, 206 MB, 206,000 rows/s",
		"writing x.svm: 412,000 of 781,265 rows, 431 MB, 206,000 rows/s",
		"writing x.svm: 781,265 of 781,265 rows, 788 MB, 195,316 rows/s",
	}
	for _, tt := range []struct {
		live bool
		want string
	}{
		{true, "\r" + strings.Join(lines, "\x1b[K\r") + "\x1b[K\n"},
		{false, lines[0] + "\n" + lines[2] + "\n"},
	} {
		var b bytes.Buffer
		f := progressLine(&b, "x.svm", tt.live)
		for _, p := range reports {
			f(p)
		}
		if b.String() != tt.want {
			t.Errorf("live %v: %q, want %q", tt.live, b.String(), tt.want)
		}
	}
	// A write shorter than a second shows nothing.
	var b bytes.Buffer
	f := progressLine(&b, "x.svm", false)
	f(Progress{Rows: 5, Total: 5, Elapsed: 10 * time.Millisecond, Done: true})
	if b.Len() != 0 {
		t.Errorf("a short write reported %q", b.String())
	}
}
