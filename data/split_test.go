package data

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// samePlainRead checks that parsing in, cut into parts of chunk bytes, gives
// exactly what parsing it whole gives: the same Dataset, or the same error;
// and so does reading it in parts of chunk bytes, in two passes from
// memory as from a file, and as a stream.
func samePlainRead(t testing.TB, in []byte, opt ReadOptions, chunk int) {
	t.Helper()
	whole, wl, werr := parse(in, opt, len(in)+1)
	cut, cl, cerr := parse(in, opt, chunk)
	if fmt.Sprint(werr) != fmt.Sprint(cerr) {
		t.Fatalf("chunk %d: error %v; whole: %v", chunk, cerr, werr)
	}
	if werr == nil && (!sameDataset(whole, cut) || wl != cl) {
		t.Fatalf("chunk %d: %+v, %d lines; whole: %+v, %d lines", chunk, cut, cl, whole, wl)
	}
	lim := limits{block: chunk, maxLine: len(in) + 1}
	for _, r := range []struct {
		how string
		r   io.Reader
	}{
		{"in two passes", bytes.NewReader(in)},
		{"as a stream", struct{ io.Reader }{iotest.HalfReader(bytes.NewReader(in))}},
	} {
		d, err := read(r.r, opt, lim, "")
		if fmt.Sprint(werr) != fmt.Sprint(err) {
			t.Fatalf("%s, parts of %d: error %v; whole: %v", r.how, chunk, err, werr)
		}
		if werr == nil && !sameDataset(whole, d) {
			t.Fatalf("%s, parts of %d: %+v; whole: %+v", r.how, chunk, d, whole)
		}
	}
}

func TestParseInParts(t *testing.T) {
	inputs := []struct {
		in  string
		opt ReadOptions
	}{
		{tinyTrain + tinyTest, ReadOptions{Binary: true}},
		{"# c\n\n1 qid:3 1:1 2:-2.5e3 # x:y\r\n\n\n0 4:.5\n#\n2 1:1", ReadOptions{KeepQID: true}},
		{"1 1:1\n\n# a:b c:d\n-1 qid:2 2:1\n1 3:1\n-1\n", ReadOptions{Binary: true, KeepQID: true}},
		// Binary conventions that clash across parts, with and without an
		// error of their own further on.
		{"1 1:1\n-1 1:1\n1 1:1\n0 1:1\n", ReadOptions{Binary: true}},
		{"1 1:1\n-1 1:1\n1 1:1\n0 1:1\n1 0:1\n", ReadOptions{Binary: true}},
		{"-1 1:1\n1 1:1\n1 0:1\n0 1:1\n", ReadOptions{Binary: true}},
		{"-1 1:1\n1 1:1\n0 1:x\n", ReadOptions{Binary: true}},
		{"0 1:1\n1 1:1\n1 2:1 1:1\n-1 1:1\n0 1:1\n", ReadOptions{Binary: true}},
		{"1 1:1\n1 2:1 1:1\n", ReadOptions{}},
	}
	for _, tt := range inputs {
		for _, chunk := range []int{1, 2, 3, 5, 8, 13, 40} {
			samePlainRead(t, []byte(tt.in), tt.opt, chunk)
		}
	}
	// The a9a-like synthetic set, cut as Read cuts it and finer.
	in := synthetic(3000, true)
	for _, chunk := range []int{100, 4096, chunkSize} {
		samePlainRead(t, in, ReadOptions{Binary: true}, chunk)
	}
}

func TestParseClashAcrossParts(t *testing.T) {
	// Each line is a part: only the merge can see the clash, and must
	// place it where a line-by-line reading would.
	_, _, err := parse([]byte("1 1:1\n-1 1:1\n1 1:1\n  0 1:1\n"), ReadOptions{Binary: true}, 1)
	const want = "line 4, column 3: bad label: label 0, but line 2 has -1 (binary labels are −1/+1 or 0/1)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestReadInPlace(t *testing.T) {
	// Without gaps (no comments, qid or blank lines) the parts write into
	// one allocation of the exact size.
	in := synthetic(20000, false)
	d, err := Read(bytes.NewReader(in), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c, n := cap(d.Index), d.NNZ(); c != n {
		t.Errorf("cap(Index) = %d for %d entries", c, n)
	}
	if n := strings.Count(string(in), "\n"); d.Rows() != n {
		t.Errorf("%d rows, want %d", d.Rows(), n)
	}
}
