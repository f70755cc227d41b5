package data

import (
	"bytes"
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
