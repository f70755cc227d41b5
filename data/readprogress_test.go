package data

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		p    ReadProgress
		want string
	}{
		{ReadProgress{Path: "rcv1.svm", Rows: 412000, Bytes: 431_400_000, Size: 788_000_000, Elapsed: 2 * time.Second},
			"reading rcv1.svm: 412,000 rows, 431 of 788 MB, 206,000 rows/s"},
		{ReadProgress{Rows: 999, Bytes: 1_600_000, Size: -1, Elapsed: time.Second},
			"reading input: 999 rows, 2 MB, 999 rows/s"},
		{ReadProgress{Path: "x", Size: 0}, "reading x: 0 rows, 0 of 0 MB, 0 rows/s"},
	}
	for _, tt := range tests {
		if got := progressLine(tt.p); got != tt.want {
			t.Errorf("progressLine(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestReadProgressOnlyOnATerminal(t *testing.T) {
	if ProgressLine(&bytes.Buffer{}) != nil {
		t.Error("a progress line for a buffer")
	}
}

// TestProgressPanics: a panic in Progress, on the goroutine that reports,
// ends the reports and reaches the reader's caller when the read ends,
// with the same value, instead of ending the process.
func TestProgressPanics(t *testing.T) {
	slow := &slowReader{r: strings.NewReader("+1 1:1\n-1 2:1\n"), wait: 2 * ProgressInterval}
	defer func() {
		if v := recover(); v != "boom" {
			t.Errorf("the read panicked with %v, want boom", v)
		}
	}()
	Read(slow, ReadOptions{Progress: func(ReadProgress) { panic("boom") }})
	t.Error("the read returned")
}

// slowReader reads from r after waiting wait, once.
type slowReader struct {
	r    io.Reader
	wait time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	if s.wait > 0 {
		time.Sleep(s.wait)
		s.wait = 0
	}
	return s.r.Read(p)
}
