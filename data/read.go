package data

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
)

// limits are the sizes Read works with; tests pass smaller ones.
type limits struct {
	// whole: an input of at most this many bytes is read whole, then parsed
	// in place; a larger one is read in parts of about block bytes.
	whole, block int
	// maxLine: a longer line is refused (ErrLineTooLong); at least whole.
	maxLine int
}

// MaxLine is the longest line Read takes, 64 MiB: far above the longest
// rows of public sets, far below what would exhaust memory.
const MaxLine = 64 << 20

func defaultLimits() limits { return limits{whole: 16 << 20, block: 1 << 20, maxLine: MaxLine} }

// read is Read with the given limits; name is the file's path, for
// progress reports and to check that a file named .gz, .bz2 or .xz is
// compressed so.
func read(r io.Reader, opt ReadOptions, lim limits, name string) (*Dataset, error) {
	if opt.Width < 0 {
		panic("data: negative ReadOptions.Width")
	}
	ra, off, size, isSized := sized(r)
	prog := startProgress(opt.Progress, name, size)
	defer prog.finish()
	var magic []byte
	if isSized {
		magic = make([]byte, magicLen)
		n, _ := ra.ReadAt(magic, off)
		magic = magic[:n]
	} else {
		magic, r = sniff(prog.counting(r))
	}
	c := compression(magic)
	if want := byExtension(name); want != nil && c != want {
		return nil, fmt.Errorf("named %s, but not %s data: it starts with %s", want.ext, want.name, quoted(magic))
	}
	switch {
	case isSized && c == nil:
		d, err := readSized(ra, off, size, opt, lim, prog)
		if s, ok := r.(io.Seeker); ok && err == nil {
			s.Seek(off+size, io.SeekStart) // as if read to the end
		}
		return d, err
	case isSized:
		r = prog.counting(io.NewSectionReader(ra, off, size))
	}
	if c != nil {
		dr, err := c.decompress(r)
		if err != nil {
			return nil, readError(0, err)
		}
		r = dr
	}
	return readText(r, opt, lim, prog)
}

// sized returns r as an io.ReaderAt with the offset and the number of bytes
// left to read, when r is a regular file or an in-memory reader.
func sized(r io.Reader) (ra io.ReaderAt, off, size int64, ok bool) {
	switch v := r.(type) {
	case *os.File:
		st, err := v.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return nil, 0, -1, false
		}
		if off, err = v.Seek(0, io.SeekCurrent); err != nil {
			return nil, 0, -1, false
		}
		return v, off, st.Size() - off, true
	case interface {
		io.ReaderAt
		io.Seeker
		Size() int64
	}: // bytes.Reader, strings.Reader, io.SectionReader
		off, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, 0, -1, false
		}
		return v, off, v.Size() - off, true
	}
	return nil, 0, -1, false
}

// readWhole parses text, read whole: the lines before a read error rerr,
// if any, so that a bad line before the failure is reported as such.
func readWhole(text []byte, rerr error, opt ReadOptions, prog *readTracker) (*Dataset, error) {
	if rerr != nil {
		text = text[:bytes.LastIndexByte(text, '\n')+1]
	}
	d, lines, err := parse(text, opt, chunkSize)
	if err != nil {
		return nil, err
	}
	if rerr != nil {
		return nil, readError(lines, rerr)
	}
	prog.add(d.Rows(), 0)
	return d, nil
}

// readError is the error of a reader failing after the given number of
// lines.
func readError(lines int, err error) error {
	return fmt.Errorf("reading after line %d: %w", lines, err)
}

// workers is how many goroutines parse at once.
func workers() int { return runtime.GOMAXPROCS(0) }
