package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// readProgress returns a data.ReadOptions.Progress that draws one line on w,
// redrawn in place, when w is a terminal and the read takes over a second:
//
//	reading train.svm: 412,000 rows, 431 of 788 MB, 318,000 rows/s
//
// It returns nil (no reports) when w is not a terminal.
func readProgress(w io.Writer) func(data.ReadProgress) {
	if !isTerminal(w) {
		return nil
	}
	drawn := false
	return func(p data.ReadProgress) {
		if p.Elapsed < time.Second && !drawn {
			return
		}
		drawn = true
		fmt.Fprintf(w, "\r%s\x1b[K", progressLine(p)) // ESC[K: clear the rest of a longer line before
		if p.Done {
			fmt.Fprintln(w)
			drawn = false
		}
	}
}

// progressLine is the text of one report.
func progressLine(p data.ReadProgress) string {
	name := p.Path
	if name == "" {
		name = "input"
	}
	of := ""
	if p.Size >= 0 {
		of = fmt.Sprintf(" of %d", (p.Size+500_000)/1_000_000)
	}
	return fmt.Sprintf("reading %s: %s rows, %d%s MB, %s rows/s", name, thousands(int64(p.Rows)),
		(p.Bytes+500_000)/1_000_000, of, thousands(int64(p.RowsPerSecond())))
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// isTerminal reports whether w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// maxWidthHint adds to an ErrMaxWidth error the flag that lifts the limit.
func maxWidthHint(err error) error {
	if errors.Is(err, data.ErrMaxWidth) {
		return fmt.Errorf("%w; raise the limit with -max-width", err)
	}
	return err
}
