package data

import (
	"bytes"
	"compress/bzip2"
	stdgzip "compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"github.com/klauspost/compress/gzip"
)

// smallLimits make every path of read run on small inputs.
var smallLimits = limits{whole: 64, block: 32, maxLine: 100}

// streamOf hides r's ReaderAt and Seeker: read takes it as a stream.
func streamOf(r io.Reader) io.Reader { return struct{ io.Reader }{r} }

// repeating repeats s forever.
type repeating struct {
	s   string
	pos int
}

func (e *repeating) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = e.s[e.pos%len(e.s)]
		e.pos++
	}
	return len(b), nil
}

func TestReadStopsAtBinaryAndOverlongLines(t *testing.T) {
	long := "1 " + strings.Repeat("1:1", 40) + "\n" // 122 bytes: over smallLimits.maxLine
	tests := []struct {
		name      string
		r         func() io.Reader
		lim       limits
		line, col int
		want      error
	}{
		{"NUL in a value", func() io.Reader { return strings.NewReader("1 1:1\n1 2:1\x00\n") }, defaultLimits(), 2, 6, ErrBinary},
		{"NUL in a comment", func() io.Reader { return strings.NewReader("1 1:1 # \x00\n") }, defaultLimits(), 1, 9, ErrBinary},
		{"NUL after many lines, in parts", func() io.Reader {
			return strings.NewReader(strings.Repeat("1 1:1\n", 50) + "\x00")
		}, smallLimits, 51, 1, ErrBinary},
		{"NUL after many lines, as a stream", func() io.Reader {
			return streamOf(strings.NewReader(strings.Repeat("1 1:1\n", 50) + "1 \x00"))
		}, smallLimits, 51, 3, ErrBinary},
		{"a bad line before the NUL wins", func() io.Reader {
			return streamOf(strings.NewReader(strings.Repeat("1 1:1\n", 20) + "1 0:1\n" + strings.Repeat("1 1:1\n", 20) + "\x00"))
		}, smallLimits, 21, 3, ErrIndex},
		{"endless NUL bytes, as /dev/zero", func() io.Reader { return &repeating{s: "\x00"} }, defaultLimits(), 1, 1, ErrBinary},
		{"endless text without a newline", func() io.Reader { return &repeating{s: "1:1 "} }, defaultLimits(), 1, 1, ErrLineTooLong},
		{"endless text after a line", func() io.Reader {
			return io.MultiReader(strings.NewReader("1 1:1\n"), &repeating{s: "x"})
		}, smallLimits, 2, 1, ErrLineTooLong},
		{"an overlong line, in parts", func() io.Reader {
			return strings.NewReader(strings.Repeat("1 1:1\n", 20) + long + "1 1:1\n")
		}, smallLimits, 21, 1, ErrLineTooLong},
		{"an overlong line, as a stream", func() io.Reader {
			return streamOf(strings.NewReader(strings.Repeat("1 1:1\n", 20) + long + "1 1:1\n"))
		}, smallLimits, 21, 1, ErrLineTooLong},
		{"an overlong last line, in parts", func() io.Reader {
			return strings.NewReader(strings.Repeat("1 1:1\n", 20) + strings.Repeat("7", 300))
		}, smallLimits, 21, 1, ErrLineTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := read(tt.r(), ReadOptions{}, tt.lim, "")
			var pe *ParseError
			if d != nil || !errors.As(err, &pe) || !errors.Is(err, tt.want) {
				t.Fatalf("read = %v, %v; want a *ParseError wrapping %v", d, err, tt.want)
			}
			if pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("error at line %d, column %d; want %d, %d (%v)", pe.Line, pe.Column, tt.line, tt.col, err)
			}
		})
	}
}

func TestReadFileDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := ReadFile("/dev/zero", ReadOptions{})
	if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), "/dev/zero: line 1, column 1: not text") {
		t.Errorf("error %v, want ErrBinary at line 1, column 1", err)
	}
}

// TestReadLimitsAreExact: a line of exactly maxLine bytes (without its
// newline) is read, one more is refused, wherever the parts end.
func TestReadLimitsAreExact(t *testing.T) {
	lim := smallLimits
	line := func(n int) string { return "1 1:" + strings.Repeat("0", n-5) + "\n" } // n bytes with the newline
	for _, lead := range []int{0, 1, 20, 31} {
		head := strings.Repeat("\n", lead)
		for _, r := range []func(string) io.Reader{
			func(s string) io.Reader { return strings.NewReader(s) },
			func(s string) io.Reader { return streamOf(strings.NewReader(s)) },
		} {
			if _, err := read(r(head+line(lim.maxLine+1)+"1 1:1\n"), ReadOptions{}, lim, ""); err != nil {
				t.Errorf("lead %d, a line of %d bytes: %v", lead, lim.maxLine, err)
			}
			_, err := read(r(head+line(lim.maxLine+2)+"1 1:1\n"), ReadOptions{}, lim, "")
			if pe := (*ParseError)(nil); !errors.As(err, &pe) || !errors.Is(err, ErrLineTooLong) || pe.Line != lead+1 {
				t.Errorf("lead %d, a line of %d bytes: %v, want ErrLineTooLong on line %d", lead, lim.maxLine+1, err, lead+1)
			}
		}
	}
}

// compressed returns text compressed in every format read, each with the
// text it holds: gzip by the standard library's writer, bzip2 and xz from
// testdata (made by the system tools: Go has no writer of bzip2, and the xz
// package used reads only), checked against the standard library's bzip2
// reader.
func compressed(t *testing.T) map[string][2][]byte {
	t.Helper()
	text := synthetic(3000, true)
	var gz bytes.Buffer
	zw := stdgzip.NewWriter(&gz)
	zw.Write(text)
	zw.Close()
	// testdata/synth.bz2 and synth.xz hold the first 1450 lines of
	// synthetic(5000, true), made with bzip2 -1 (three blocks) and xz -6.
	bz, err := os.ReadFile("testdata/synth.bz2")
	if err != nil {
		t.Fatal(err)
	}
	xzb, err := os.ReadFile("testdata/synth.xz")
	if err != nil {
		t.Fatal(err)
	}
	bzText, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(bz)))
	if err != nil {
		t.Fatal(err)
	}
	return map[string][2][]byte{".gz": {gz.Bytes(), text}, ".xz": {xzb, bzText}, ".bz2": {bz, bzText}}
}

func TestReadCompressed(t *testing.T) {
	opt := ReadOptions{Binary: true}
	dir := t.TempDir()
	for ext, c := range compressed(t) {
		packed, text := c[0], c[1]
		want, err := Read(bytes.NewReader(text), opt)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "set"+ext)
		if err := os.WriteFile(path, packed, 0o644); err != nil {
			t.Fatal(err)
		}
		// By content: under a name without an extension too.
		plain := filepath.Join(dir, "set-"+ext[1:])
		if err := os.WriteFile(plain, packed, 0o644); err != nil {
			t.Fatal(err)
		}
		reads := map[string]func() (*Dataset, error){
			"ReadFile":         func() (*Dataset, error) { return ReadFile(path, opt) },
			"ReadFile, no ext": func() (*Dataset, error) { return ReadFile(plain, opt) },
			"Read":             func() (*Dataset, error) { return Read(bytes.NewReader(packed), opt) },
			"a stream, in parts": func() (*Dataset, error) {
				return read(streamOf(iotest.HalfReader(bytes.NewReader(packed))), opt, limits{whole: 1000, block: 4096, maxLine: 1 << 20}, "")
			},
		}
		for how, f := range reads {
			d, err := f()
			if err != nil || !sameDataset(d, want) {
				t.Errorf("%s %s: %v; not the plain text's rows", ext, how, err)
			}
		}
	}
}

func TestReadCompressedBroken(t *testing.T) {
	for ext, c := range compressed(t) {
		packed := c[0]
		corrupt := bytes.Clone(packed)
		corrupt[len(corrupt)/2] ^= 0x55
		for what, in := range map[string][]byte{
			"truncated":          packed[:len(packed)/2],
			"cut before its end": packed[:len(packed)-4],
			"corrupt":            corrupt,
			"header only":        packed[:3],
		} {
			for how, r := range map[string]io.Reader{"from memory": bytes.NewReader(in), "as a stream": streamOf(bytes.NewReader(in))} {
				// Corrupt data may decompress into bad text before the
				// format's checksum refuses it: a parse error then comes
				// first, with its line.
				d, err := Read(r, ReadOptions{})
				var pe *ParseError
				if d != nil || err == nil {
					t.Errorf("%s %s %s: %v, %v; want nothing and an error", ext, what, how, d, err)
					continue
				}
				if msg := err.Error(); !errors.As(err, &pe) && !strings.HasPrefix(msg, "reading after line ") {
					t.Errorf("%s %s %s: error %q names no line", ext, what, how, msg)
				}
				if what == "truncated" && !strings.Contains(err.Error(), "truncated") {
					t.Errorf("%s %s %s: error %v does not say truncated", ext, what, how, err)
				}
			}
		}
	}
}

func TestReadFileExtensionMismatch(t *testing.T) {
	dir := writeFiles(t, map[string]string{"plain.gz": "1 1:1\n", "empty.xz": ""})
	for name, want := range map[string]string{
		"plain.gz": `named .gz, but not gzip data: it starts with "1 1:1\n"`,
		"empty.xz": `named .xz, but not xz data: it starts with ""`,
	} {
		_, err := ReadFile(filepath.Join(dir, name), ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", name, err, want)
		}
	}
}

func TestReadProgress(t *testing.T) {
	text := synthetic(3000, true)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(text)
	zw.Close()
	dir := writeFiles(t, map[string]string{"set": string(text), "set.gz": gz.String()})
	for name, size := range map[string]int64{"set": int64(len(text)), "set.gz": int64(gz.Len())} {
		var calls []ReadProgress
		path := filepath.Join(dir, name)
		d, err := ReadFile(path, ReadOptions{Progress: func(p ReadProgress) { calls = append(calls, p) }})
		if err != nil {
			t.Fatal(err)
		}
		last := calls[len(calls)-1]
		if want := (ReadProgress{Path: path, Rows: d.Rows(), Bytes: size, Size: size, Elapsed: last.Elapsed, Done: true}); last != want {
			t.Errorf("%s: last progress %+v, want %+v", name, last, want)
		}
		for i, p := range calls[:len(calls)-1] {
			if p.Done || p.Rows > last.Rows || p.Bytes > last.Bytes {
				t.Errorf("%s: progress %d of %d: %+v", name, i, len(calls), p)
			}
		}
	}
	// Streams have no size; a failed read ends with Done too.
	var calls []ReadProgress
	_, err := Read(streamOf(strings.NewReader("1 1:1\n1 0:1\n")), ReadOptions{Progress: func(p ReadProgress) { calls = append(calls, p) }})
	if err == nil || len(calls) == 0 || !calls[len(calls)-1].Done || calls[len(calls)-1].Size != -1 {
		t.Errorf("failed stream read: %v, progress %+v", err, calls)
	}
}

func TestReadPartsWriteInPlace(t *testing.T) {
	// A file read in two passes holds each entry once: the slices are
	// exactly as long as the entries, with no spare capacity.
	in := synthetic(5000, true)
	for name, r := range map[string]io.Reader{"in two passes": bytes.NewReader(in), "as a stream": streamOf(bytes.NewReader(in))} {
		d, err := read(r, ReadOptions{}, limits{block: 4096, maxLine: 1 << 20}, "")
		if err != nil {
			t.Fatal(err)
		}
		if cap(d.Index) != d.NNZ() || cap(d.Value) != d.NNZ() || cap(d.Label) != d.Rows() {
			t.Errorf("%s: capacities %d, %d, %d for %d entries and %d rows", name, cap(d.Index), cap(d.Value), cap(d.Label), d.NNZ(), d.Rows())
		}
	}
}

func TestReadSeeksToTheEnd(t *testing.T) {
	r := strings.NewReader("1 1:1\n")
	if _, err := Read(r, ReadOptions{}); err != nil || r.Len() != 0 {
		t.Errorf("Read: %v; %d bytes left unread", err, r.Len())
	}
}

// changing is a sized input whose bytes change after the first pass has
// read them: the second pass must notice, not write past its bounds.
type changing struct {
	*strings.Reader
	after string
	first atomic.Int32 // reads at offset 0, from the parsing goroutines
}

func (c *changing) ReadAt(b []byte, off int64) (int, error) {
	if off == 0 && c.first.Add(1) > 2 { // after the first bytes and the first pass
		return strings.NewReader(c.after).ReadAt(b, off)
	}
	return c.Reader.ReadAt(b, off)
}

func TestReadFileChangedBetweenPasses(t *testing.T) {
	before := strings.Repeat("1 1:1\n", 40)
	after := "1 1:1 2:1 3:1 4:1\n" + before[18:] // the same length, more entries
	r := &changing{Reader: strings.NewReader(before), after: after}
	d, err := read(r, ReadOptions{}, limits{block: 64, maxLine: 1 << 20}, "")
	if d != nil || !errors.Is(err, errChanged) {
		t.Errorf("read = %v, %v; want %v", d, err, errChanged)
	}
}
