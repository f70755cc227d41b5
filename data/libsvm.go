package data

import (
	"io"
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
	// Progress, when set, is called every ProgressInterval while the read
	// goes on, and once at its end with Done set; never from two goroutines
	// at once, and never after Read returns. Tell the user how far a long
	// read is with it. A panic in it ends the reports, and the read panics
	// with the same value when it ends, on the caller's goroutine.
	Progress func(ReadProgress)
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
// Text compressed with gzip, bzip2 or xz is recognised by its first bytes
// and decompressed on the way.
//
// Read parses on all processors at once, in parts of about a megabyte, and
// never holds a large input's text whole: from a regular file (an *os.File,
// or a bytes.Reader, strings.Reader or io.SectionReader) it reads twice, once
// to count each part's rows and entries and once to parse each part into
// its place, so that memory holds only the rows (12 bytes per entry, 8 to
// 32 per row) and a buffer per processor. From a stream (a pipe, a
// compressed file) it parses each part into slices of its own as it
// arrives and moves them into place at the end, releasing them as it goes,
// so the rows are never held twice. An input of at most 16 MiB is
// read whole, then parsed.
//
// A syntax or range error is returned as a *ParseError wrapping one of
// ErrToken, ErrNumber, ErrNonFinite, ErrIndex, ErrUnsorted, ErrWidth,
// ErrMaxWidth, ErrLabel, ErrBinary (a NUL byte: binary input) or
// ErrLineTooLong (a line over 64 MiB: an endless input without newlines);
// an error from r, or from decompressing, is returned wrapped and names the
// last line read before it. No partial Dataset is returned with an error.
// Read never panics on its input.
func Read(r io.Reader, opt ReadOptions) (*Dataset, error) {
	return read(r, opt, defaultLimits(), "")
}
