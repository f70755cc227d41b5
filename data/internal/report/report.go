package report

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Interval is how often a read or a write reports its progress, at most.
const Interval = 250 * time.Millisecond

// RowsPerSecond returns rows/elapsed, or 0 before any time has passed.
func RowsPerSecond(rows int, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	return float64(rows) / elapsed.Seconds()
}

// IsTerminal reports whether w is a character device, as a terminal is.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Thousands writes n with commas between groups of three digits.
func Thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Line returns a function that draws a progress line on w once the work
// has taken a second: on a terminal (live) redrawn in place at every call,
// elsewhere (a log) written when it first shows and when the work is done.
// A call with done ends the line; a later call starts a new one.
func Line(w io.Writer, live bool) func(elapsed time.Duration, done bool, text string) {
	drawn := false
	return func(elapsed time.Duration, done bool, text string) {
		if elapsed < time.Second && !drawn {
			return
		}
		switch {
		case live:
			fmt.Fprintf(w, "\r%s\x1b[K", text) // ESC[K: clear the rest of a longer line before
			if done {
				fmt.Fprintln(w)
			}
		case !drawn || done:
			fmt.Fprintln(w, text)
		}
		drawn = !done
	}
}

// MB returns n bytes in megabytes, rounded.
func MB(n int64) int64 { return (n + 500_000) / 1_000_000 }
