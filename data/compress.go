package data

import (
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/therootcompany/xz"
)

// codec is a compression format Read recognises by its first bytes, as LIBSVM
// text never starts: the sets on the LIBSVM site come as .bz2, others as
// .gz or .xz.
type codec struct {
	name  string // as in errors: "gzip"
	ext   string // the file extension: ".gz"
	magic string
	open  func(io.Reader) (io.Reader, error)
}

// codecs are the formats read: gzip by klauspost/compress (a quarter faster
// than the standard library's), bzip2 by the standard library (as fast as bzip2 -dc
// on one core), xz by therootcompany/xz, a port of XZ Embedded (the
// standard library has none; five times faster than ulikunitz/xz). The
// measurements are in BENCHMARKS.md.
var codecs = [...]codec{
	{"gzip", ".gz", "\x1f\x8b", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	{"bzip2", ".bz2", "BZh", func(r io.Reader) (io.Reader, error) { return bzip2.NewReader(r), nil }},
	{"xz", ".xz", "\xfd7zXZ\x00", func(r io.Reader) (io.Reader, error) { return xz.NewReader(r, 0) }},
}

// magicLen is the length of the longest magic.
const magicLen = 6

// compression returns the codec whose magic starts head, or nil.
func compression(head []byte) *codec {
	for i := range codecs {
		if bytes.HasPrefix(head, []byte(codecs[i].magic)) {
			return &codecs[i]
		}
	}
	return nil
}

// byExtension returns the codec a file name's extension names, or nil.
func byExtension(path string) *codec {
	ext := strings.ToLower(filepath.Ext(path))
	for i := range codecs {
		if codecs[i].ext == ext {
			return &codecs[i]
		}
	}
	return nil
}

// sniff reads the first magicLen bytes of r, or fewer at its end, and
// returns them and a reader giving all of r's bytes, those first.
func sniff(r io.Reader) ([]byte, io.Reader) {
	head := make([]byte, magicLen)
	n, err := io.ReadFull(r, head)
	head = head[:n]
	switch err {
	case nil:
		return head, io.MultiReader(bytes.NewReader(head), r)
	case io.EOF, io.ErrUnexpectedEOF:
		return head, bytes.NewReader(head)
	}
	return head, io.MultiReader(bytes.NewReader(head), errReader{err})
}

// errReader fails with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// decompress returns a reader of r's decompressed text, whose errors name
// the format: "bzip2 data: unexpected EOF (truncated?)".
func (c *codec) decompress(r io.Reader) (io.Reader, error) {
	dr, err := c.open(r)
	if err != nil {
		return nil, c.explain(err)
	}
	return &codecReader{dr, c}, nil
}

// explain wraps an error of the decompressor so that it names the format.
func (c *codec) explain(err error) error {
	what := c.name + " data: "
	if strings.HasPrefix(err.Error(), c.name) {
		what = "" // "xz: data is truncated or corrupt", "bzip2 data invalid: ..."
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s%w (the file is truncated)", what, err)
	}
	return fmt.Errorf("%s%w", what, err)
}

type codecReader struct {
	r io.Reader
	c *codec
}

func (cr *codecReader) Read(b []byte) (int, error) {
	n, err := cr.r.Read(b)
	if err != nil && err != io.EOF {
		err = cr.c.explain(err)
	}
	return n, err
}
