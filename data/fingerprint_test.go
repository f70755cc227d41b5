package data

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// refContentSHA256 is the content digest of valid LIBSVM text, computed
// from the tokens without Read, as testdata/content_sha256.py does. It
// panics on text that is not valid.
func refContentSHA256(text string) string {
	h := sha256.New()
	f64 := func(s string) []byte {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			panic("reference digest: " + err.Error())
		}
		if x == 0 {
			x = 0
		}
		return binary.LittleEndian.AppendUint64(nil, math.Float64bits(x))
	}
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		tokens := strings.Fields(line)
		if len(tokens) == 0 {
			continue
		}
		var pairs [][2]string
		for _, tok := range tokens[1:] {
			if k, v, _ := strings.Cut(tok, ":"); k != "qid" {
				pairs = append(pairs, [2]string{k, v})
			}
		}
		h.Write(f64(tokens[0]))
		h.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(pairs))))
		for _, p := range pairs {
			k, err := strconv.ParseUint(p[0], 10, 32)
			if err != nil {
				panic("reference digest: " + err.Error())
			}
			h.Write(binary.LittleEndian.AppendUint32(nil, uint32(k)))
			h.Write(f64(p[1]))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func contentSHA256(t *testing.T, text string, opt ReadOptions) string {
	t.Helper()
	d, err := Read(strings.NewReader(text), opt)
	if err != nil {
		t.Fatal(err)
	}
	return d.ContentSHA256()
}

// TestContentSHA256Bytes spells the canonical encoding out byte by byte.
func TestContentSHA256Bytes(t *testing.T) {
	hexSum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	tests := []struct {
		in   string
		want []byte
	}{
		{"", nil},
		{"+1 2:0.5\n", []byte{
			0, 0, 0, 0, 0, 0, 0xf0, 0x3f, // label 1.0
			1, 0, 0, 0, // one pair
			2, 0, 0, 0, // index 2, as in the file
			0, 0, 0, 0, 0, 0, 0xe0, 0x3f, // value 0.5
		}},
		{"-1\n-0 7:-0\n", []byte{
			0, 0, 0, 0, 0, 0, 0xf0, 0xbf, // label −1.0
			0, 0, 0, 0, // no pairs
			0, 0, 0, 0, 0, 0, 0, 0, // label −0 as +0
			1, 0, 0, 0,
			7, 0, 0, 0,
			0, 0, 0, 0, 0, 0, 0, 0, // value −0 as +0
		}},
	}
	for _, tt := range tests {
		if got, want := contentSHA256(t, tt.in, ReadOptions{}), hexSum(tt.want); got != want {
			t.Errorf("ContentSHA256(%q) = %s, want %s", tt.in, got, want)
		}
		if got, want := contentSHA256(t, tt.in, ReadOptions{}), refContentSHA256(tt.in); got != want {
			t.Errorf("ContentSHA256(%q) = %s, reference %s", tt.in, got, want)
		}
	}
}

// TestContentSHA256 checks that the digest follows the content: spelling
// and spacing keep it, any change of a label, index, value or order does not.
func TestContentSHA256(t *testing.T) {
	const base = "+1 1:1 3:0.25\n-1 2:1\n-1 1:1 4:0.5\n"
	same := []struct{ name, text string }{
		{"trailing spaces", "+1 1:1 3:0.25 \n-1 2:1 \n-1 1:1 4:0.5 \n"},
		{"no last newline", strings.TrimSuffix(base, "\n")},
		{"CRLF and tabs", "+1\t1:1\t3:0.25\r\n-1 2:1\r\n-1  1:1 4:0.5\r\n"},
		{"comments and blank lines", "# a9a\n\n+1 1:1 3:0.25 # first\n-1 2:1\n\n-1 1:1 4:0.5\n"},
		{"number spellings", "1 1:1.0 3:2.5e-1\n-1.0 2:+1\n-1 01:1 4:.5\n"},
		{"qid", "+1 qid:3 1:1 3:0.25\n-1 qid:3 2:1\n-1 1:1 4:0.5\n"},
	}
	want := contentSHA256(t, base, ReadOptions{Binary: true})
	for _, tt := range same {
		if got := contentSHA256(t, tt.text, ReadOptions{Binary: true}); got != want {
			t.Errorf("%s: digest %s, want %s", tt.name, got, want)
		}
	}
	if got := contentSHA256(t, base, ReadOptions{Binary: true, Width: 99}); got != want {
		t.Errorf("declared width: digest %s, want %s", got, want)
	}
	changed := []struct{ name, text string }{
		{"a value", "+1 1:1 3:0.26\n-1 2:1\n-1 1:1 4:0.5\n"},
		{"an index", "+1 1:1 2:0.25\n-1 2:1\n-1 1:1 4:0.5\n"},
		{"a label", "+1 1:1 3:0.25\n+1 2:1\n-1 1:1 4:0.5\n"},
		{"two lines swapped", "-1 2:1\n+1 1:1 3:0.25\n-1 1:1 4:0.5\n"},
		{"a pair moved to the next row", "+1 1:1\n-1 2:1 3:0.25\n-1 1:1 4:0.5\n"},
		{"a row added", base + "-1\n"},
		{"a pair with value 0 added", "+1 1:1 3:0.25 5:0\n-1 2:1\n-1 1:1 4:0.5\n"},
	}
	seen := map[string]string{want: "the original"}
	for _, tt := range changed {
		got := contentSHA256(t, tt.text, ReadOptions{Binary: true})
		if other, dup := seen[got]; dup {
			t.Errorf("%s: digest %s, the same as %s", tt.name, got, other)
		}
		seen[got] = tt.name
		if ref := refContentSHA256(tt.text); got != ref {
			t.Errorf("%s: digest %s, reference %s", tt.name, got, ref)
		}
	}
}

func TestFingerprint(t *testing.T) {
	tests := []struct {
		in   string
		opt  ReadOptions
		want Fingerprint
	}{
		{tinyTrain, ReadOptions{Binary: true}, Fingerprint{Rows: 3, Positives: 1, NNZ: 5, MaxIndex: 4}},
		{"0 1:1\n1 2:1\n1\n", ReadOptions{Binary: true}, Fingerprint{Rows: 3, Positives: 2, NNZ: 2, MaxIndex: 2}},
		// MaxIndex is the largest index used, not a declared width.
		{"1 2:1\n", ReadOptions{Width: 9}, Fingerprint{Rows: 1, Positives: 1, NNZ: 1, MaxIndex: 2}},
		{"", ReadOptions{}, Fingerprint{}},
	}
	for _, tt := range tests {
		d, err := Read(strings.NewReader(tt.in), tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Fingerprint(); got != tt.want {
			t.Errorf("Fingerprint of %q = %v, want %v", tt.in, got, tt.want)
		}
	}
	const want = "rows=3 positives=1 nonzeros=5 max-index=4"
	if got := tinySpec.Train.Fingerprint.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestCheck: the counts are compared first, then the digest if the FileSpec
// has one.
func TestCheck(t *testing.T) {
	d, err := Read(strings.NewReader(tinyTrain), ReadOptions{Width: 4, Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	counts, sum := tinySpec.Train.Fingerprint, tinySpec.Train.SHA256
	other := counts
	other.Rows = 4
	tests := []struct {
		spec FileSpec
		want string // "" for no error
	}{
		{FileSpec{Name: "tiny", Fingerprint: counts, SHA256: sum}, ""},
		{FileSpec{Name: "tiny", Fingerprint: counts}, ""},
		{FileSpec{Name: "tiny", Fingerprint: other, SHA256: sum},
			"wrong content for tiny: got rows=3 positives=1 nonzeros=5 max-index=4, want rows=4 positives=1 nonzeros=5 max-index=4"},
		{FileSpec{Name: "tiny", Fingerprint: counts, SHA256: "00"},
			"wrong content for tiny: same counts (rows=3 positives=1 nonzeros=5 max-index=4) but content SHA-256 " + sum + ", want 00"},
	}
	for _, tt := range tests {
		err := check(d, tt.spec)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || err.Error() != tt.want || !errors.Is(err, ErrFingerprint)) {
			t.Errorf("check against %+v: %v, want %q", tt.spec, err, tt.want)
		}
	}
}

// BenchmarkFingerprintA9A is what Load adds to reading a9a and a9a.t: their
// counts and content digests.
func BenchmarkFingerprintA9A(b *testing.B) {
	dir := a9aDir(b)
	var sets []*Dataset
	for _, name := range []string{"a9a", "a9a.t"} {
		d, err := ReadFile(filepath.Join(dir, name), ReadOptions{Width: 123, Binary: true})
		if err != nil {
			b.Fatal(err)
		}
		sets = append(sets, d)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range sets {
			d.Fingerprint()
			d.ContentSHA256()
		}
	}
}
