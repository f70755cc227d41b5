package data

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
)

// ReadOptions controls Read. The zero value reads any LIBSVM file, takes the
// width from the largest index, keeps labels as read (Y nil) and skips qid.
type ReadOptions struct {
	// Width, when positive, is the declared number of features: an index
	// above it is an ErrWidth error, and Dataset.Width is set to it even if
	// no row uses the last features. Zero means the largest index seen.
	// A negative Width is a programmer error and panics.
	Width int
	// Binary requires labels in {−1, +1} or in {0, 1} (one convention per
	// input, so that a 3-class file with −1, 0, +1 is refused) and fills
	// Dataset.Y with them mapped to {0, 1}.
	Binary bool
	// KeepQID stores each row's qid:N in Dataset.QID (0 for a row without
	// one). Without it qid:N is still checked to be an integer, then skipped.
	KeepQID bool
	// MaxWidth bounds the width a file gives when Width is not declared: an
	// index above it is an ErrMaxWidth error at its line. The model trained
	// on the data holds a weight per column, so a 30-byte file with index
	// 2000000000 would otherwise ask for 15 GiB. Zero means
	// DefaultMaxWidth; a negative MaxWidth lifts the bound, up to
	// math.MaxInt32, the largest index stored. A declared Width is not
	// bounded by it.
	MaxWidth int
}

// DefaultMaxWidth is the width ReadOptions.MaxWidth allows when zero: 2²⁶ =
// 67,108,864 columns, 512 MiB per float64 weight vector, above the widest
// LIBSVM binary sets (kdd12, 54,686,452 features).
const DefaultMaxWidth = 1 << 26

// maxWidth returns the bound MaxWidth sets, or −1 for none.
func (o ReadOptions) maxWidth() int {
	switch {
	case o.MaxWidth == 0:
		return DefaultMaxWidth
	case o.MaxWidth < 0:
		return -1
	}
	return o.MaxWidth
}

// Read parses LIBSVM/svmlight text into a Dataset in compressed sparse rows.
//
// Each line is
//
//	label [qid:N] index:value index:value ... [# comment]
//
// with 1-based indices in strictly increasing order, stored 0-based. Tokens
// are separated by any run of spaces, tabs and carriage returns (so CRLF
// files read as LF ones). Blank lines, lines holding only a comment, and the
// text after '#' on any line are ignored; the last line needs no newline.
// Labels and values are decimal numbers as strconv.ParseFloat reads them
// (no hexadecimal, no underscores); an explicit value of 0 is stored like
// any other. Rows with no features are kept as empty rows.
//
// Read holds the whole text in memory and parses parts of it on all
// processors at once.
//
// A syntax or range error is returned as a *ParseError wrapping one of
// ErrToken, ErrNumber, ErrNonFinite, ErrIndex, ErrUnsorted, ErrWidth or
// ErrLabel; an error from r is returned wrapped. Read never panics on its
// input.
func Read(r io.Reader, opt ReadOptions) (*Dataset, error) {
	if opt.Width < 0 {
		panic("data: negative ReadOptions.Width")
	}
	text, rerr := readAll(r)
	if rerr != nil {
		// Parse the whole lines read, so that a bad line before the failure
		// is reported as such.
		text = text[:bytes.LastIndexByte(text, '\n')+1]
	}
	d, lines, err := parse(text, opt, chunkSize)
	if err != nil {
		return nil, err
	}
	if rerr != nil {
		return nil, fmt.Errorf("reading after line %d: %w", lines, rerr)
	}
	return d, nil
}

// readAll is io.ReadAll, sized at once when r tells its length.
func readAll(r io.Reader) ([]byte, error) {
	b := make([]byte, 0, max(sizeHint(r), 0)+512)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append pick the new capacity
		}
	}
}

// sizeHint returns how many bytes r holds if it can tell cheaply, else −1.
func sizeHint(r io.Reader) int {
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		return v.Len()
	case interface{ Stat() (fs.FileInfo, error) }: // os.File
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			return int(st.Size())
		}
	}
	return -1
}
