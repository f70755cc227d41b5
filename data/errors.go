package data

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Sentinel errors wrapped by every *ParseError; test for them with errors.Is.
var (
	// ErrToken: a feature token without a colon, or qid:N after the features.
	ErrToken = errors.New("malformed token")
	// ErrNumber: a label, index, value or qid that is not a decimal number,
	// or a colon with nothing after it.
	ErrNumber = errors.New("not a number")
	// ErrNonFinite: NaN or ±Inf as a label or value, or a value that
	// overflows float64.
	ErrNonFinite = errors.New("non-finite number")
	// ErrIndex: an index of 0, a negative index, or one above math.MaxInt32.
	ErrIndex = errors.New("index out of range")
	// ErrUnsorted: an index not strictly above the one before it on the line
	// (unsorted or repeated).
	ErrUnsorted = errors.New("indices not strictly increasing")
	// ErrWidth: an index above the declared width (ReadOptions.Width).
	ErrWidth = errors.New("index above the declared width")
	// ErrMaxWidth: without a declared width, an index above the largest
	// width a file may give (ReadOptions.MaxWidth).
	ErrMaxWidth = errors.New("index above the maximum width")
	// ErrLabel: a missing label, or with ReadOptions.Binary a label outside
	// {−1, +1} or {0, 1}.
	ErrLabel = errors.New("bad label")
	// ErrBinary: a NUL byte, which no text holds: the input is binary, or
	// compressed in a format Read does not know.
	ErrBinary = errors.New("not text")
	// ErrLineTooLong: a line longer than the longest Read takes (64 MiB),
	// as an endless input without newlines would be.
	ErrLineTooLong = errors.New("line too long")
)

// ParseError is a syntax or range error in LIBSVM text. Line is 1-based and
// counts every line, blank and comment lines included; Column is the 1-based
// byte offset of the offending token or number within the line.
type ParseError struct {
	Line   int
	Column int
	Err    error // wraps one of the sentinels above
}

// Error returns "line L, column C: message".
func (e *ParseError) Error() string {
	return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns the wrapped error, so errors.Is finds the sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

// maxQuote is how many bytes of a bad token an error quotes: a token of
// megabytes must not make a message of megabytes.
const maxQuote = 40

// quoted returns tok quoted as %q does, its first maxQuote bytes only when it
// is longer, followed by "…" and its length.
func quoted(tok []byte) string {
	if len(tok) <= maxQuote {
		return strconv.Quote(string(tok))
	}
	return strconv.Quote(string(tok[:cut(tok)])) + fmt.Sprintf("… (%d bytes)", len(tok))
}

// clipped returns tok as text, cut like quoted's; for numbers, which
// need no quotes.
func clipped(tok []byte) string {
	if len(tok) <= maxQuote {
		return string(tok)
	}
	return string(tok[:cut(tok)]) + fmt.Sprintf("… (%d bytes)", len(tok))
}

// cut returns where to cut a token longer than maxQuote: at most maxQuote
// bytes, not inside a UTF-8 sequence.
func cut(tok []byte) int {
	n := maxQuote
	for n > 0 && !utf8.RuneStart(tok[n]) {
		n--
	}
	return n
}
