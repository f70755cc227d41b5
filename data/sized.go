package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
)

// errChanged: a file's bytes changed between readSized's two passes.
var errChanged = errors.New("the file changed while being read")

// unit is a run of whole lines of a sized input, [off, end), that one
// goroutine parses.
type unit struct {
	off, end int64
	// overlong: the line after the unit's last newline runs on for more than
	// maxLine bytes.
	overlong bool
	part     *part
}

// readSized reads the size bytes of ra from off: whole when they are few,
// else in two passes over parts of about lim.block bytes, so that only the
// rows and a buffer per goroutine are ever in memory, never the text:
//
//  1. cut the input at the first line end after every lim.block bytes, then
//     count each part's colons and lines, in parallel;
//  2. allocate the Dataset's slices for those bounds (exact when every colon
//     is an index:value pair), and parse each part into its place, in
//     parallel.
//
// It returns the Dataset, or the first error of the input, as parsing it
// line after line would.
func readSized(ra io.ReaderAt, off, size int64, opt ReadOptions, lim limits, prog *readTracker) (*Dataset, error) {
	if size <= int64(lim.whole) {
		text := make([]byte, size)
		n, err := ra.ReadAt(text, off)
		if n == len(text) {
			err = nil
		}
		d, err := readWhole(text[:n], err, opt, prog)
		prog.add(0, int64(n))
		return d, err
	}
	units, err := cutUnits(ra, off, size, lim)
	if err != nil {
		return nil, fmt.Errorf("reading: %w", err)
	}

	// Pass 1: bounds. A part that ends before a NUL byte or an overlong
	// line is the last one parsed.
	var last lowest
	err = eachUnit(ra, off, units, last.after, func(k int, u *unit, text []byte) error {
		kept, stop := stopAt(text, u, lim)
		u.part = newPart(kept, opt, 0, 0, 0)
		u.part.text, u.part.stop = nil, stop
		if stop != nil {
			// Parse only the lines before it, and no unit after it.
			u.end = u.off + int64(len(kept))
			last.set(k)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if k, ok := last.get(); ok {
		units = units[:k+1]
	}
	entries, rows := 0, 0
	for _, u := range units {
		t := u.part
		t.entryOff, t.rowOff = entries, rows
		t.p.entryBase, t.p.line = entries, rows
		entries, rows = entries+t.entries, rows+t.lines
	}

	// Pass 2: parse into place.
	d := newDataset(rows, entries, opt)
	var failed lowest
	err = eachUnit(ra, off, units, failed.after, func(k int, u *unit, text []byte) error {
		t := u.part
		t.text = text
		t.p.d = d.view(t.rowOff, t.lines, t.entryOff, t.entries)
		t.run()
		if t.err == nil && (cap(t.p.d.Index) != t.entries || cap(t.p.d.Label) != t.lines) {
			return fmt.Errorf("reading at byte %d: %w", off+u.off, errChanged) // the part grew past its bounds
		}
		if t.err != nil {
			failed.set(k)
		}
		prog.add(len(t.p.d.Label), u.end-u.off)
		t.text = nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	parts := make([]*part, len(units))
	for k, u := range units {
		parts[k] = u.part
	}
	if err := firstError(parts, opt); err != nil {
		return nil, err
	}
	return join(d, parts, opt), nil
}

// cutUnits cuts the input into units of whole lines, each ending at the
// first newline at or after lim.block bytes from its start. It reads only
// a window after each cut: when no newline follows within lim.maxLine
// bytes, the unit is marked overlong and is the last.
func cutUnits(ra io.ReaderAt, off, size int64, lim limits) ([]unit, error) {
	var units []unit
	win := make([]byte, 64<<10)
	for pos := int64(0); pos < size; {
		u := unit{off: pos, end: size}
		for scan := pos + int64(lim.block); scan < size; {
			if scan-(pos+int64(lim.block)) > int64(lim.maxLine) {
				u.end, u.overlong = pos+int64(lim.block), true
				break
			}
			n, err := ra.ReadAt(win[:min(int64(len(win)), size-scan)], off+scan)
			if n == 0 {
				return nil, cmpErr(err, io.ErrUnexpectedEOF)
			}
			if i := bytes.IndexByte(win[:n], '\n'); i >= 0 {
				u.end = scan + int64(i) + 1
				break
			}
			scan += int64(n)
		}
		units = append(units, u)
		if u.overlong {
			break
		}
		pos = u.end
	}
	return units, nil
}

// cmpErr returns err, or def when err is nil.
func cmpErr(err, def error) error {
	if err == nil || err == io.EOF {
		return def
	}
	return err
}

// stopAt returns the lines of unit u's text to parse and the error of the
// line that ends them, if any: the line of the first NUL byte, or a line
// longer than lim.maxLine, whichever comes first.
func stopAt(text []byte, u *unit, lim limits) ([]byte, *ParseError) {
	long := -1 // the start of an overlong line
	// Lines that start in the first lim.block bytes and end in them are
	// short; only the one running across that mark may be long.
	start := bytes.LastIndexByte(text[:min(lim.block, len(text))], '\n') + 1
	if u.overlong {
		start = bytes.LastIndexByte(text, '\n') + 1
	}
	end := len(text)
	if end > 0 && text[end-1] == '\n' {
		end--
	}
	if u.overlong || end-start > lim.maxLine {
		long = start
	}
	cut, stop := cutAtNUL(text)
	if long >= 0 && (stop == nil || long < len(cut)) {
		return text[:long], &ParseError{Column: 1, Err: lineTooLong(lim.maxLine)}
	}
	return cut, stop
}

// lineTooLong is the error of a line longer than n bytes.
func lineTooLong(n int) error {
	return fmt.Errorf("%w: over %s without a newline", ErrLineTooLong, byteSize(uint64(n)))
}

// eachUnit calls f on every unit but those skip(k) tells to skip, with its
// text read into a buffer of the calling goroutine, on all processors. It
// returns the first read error or error of f.
func eachUnit(ra io.ReaderAt, off int64, units []unit, skip func(k int) bool, f func(k int, u *unit, text []byte) error) error {
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range min(workers(), len(units)) {
		wg.Go(func() {
			var buf []byte
			for {
				k := int(next.Add(1) - 1)
				if k >= len(units) {
					return
				}
				if skip(k) {
					continue
				}
				u := &units[k]
				n := int(u.end - u.off)
				if cap(buf) < n {
					buf = make([]byte, n)
				}
				got, err := ra.ReadAt(buf[:n], off+u.off)
				if got == n {
					err = nil
				} else {
					err = cmpErr(err, io.ErrUnexpectedEOF)
				}
				if err != nil {
					err = fmt.Errorf("reading at byte %d: %w", off+u.off, err)
				} else {
					err = f(k, u, buf[:n])
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
