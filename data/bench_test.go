package data

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sgdlab/sgdlab/data/synth"
)

// benchRead reads every input once per iteration, as A9A would.
func benchRead(b *testing.B, opt ReadOptions, inputs ...[]byte) {
	b.Helper()
	n := 0
	for _, in := range inputs {
		n += len(in)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := Read(bytes.NewReader(in), opt); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadA9A reads a9a and a9a.t from memory; the target is 15 ms.
func BenchmarkReadA9A(b *testing.B) {
	dir := a9aDir(b)
	var inputs [][]byte
	for _, name := range []string{"a9a", "a9a.t"} {
		in, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	benchRead(b, ReadOptions{Width: 123, Binary: true}, inputs...)
}

// synthetic makes rows of a9a's shape (about 14 of 123 features set to 1)
// from a fixed seed, or with real-valued features when dense is set.
func synthetic(rows int, real bool) []byte {
	r := rand.New(rand.NewPCG(7, 7))
	var b []byte
	for range rows {
		b = append(b, "-1"[r.IntN(2)*1:]...)
		for j := 1; j <= 123; j++ {
			if r.IntN(9) != 0 {
				continue
			}
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(j), 10)
			b = append(b, ':')
			if real {
				b = strconv.AppendFloat(b, r.NormFloat64(), 'g', 6, 64)
			} else {
				b = append(b, '1')
			}
		}
		b = append(b, " \n"...)
	}
	return b
}

// BenchmarkReadSynthetic needs no data folder: a9a-sized binary features,
// then real values, which take the general number path.
func BenchmarkReadSynthetic(b *testing.B) {
	b.Run("ones", func(b *testing.B) { benchRead(b, ReadOptions{Binary: true}, synthetic(48842, false)) })
	b.Run("reals", func(b *testing.B) { benchRead(b, ReadOptions{Binary: true}, synthetic(48842, true)) })
}

// rcv1Slice writes the first rows of the RCV1 shape (real values, rows of
// norm 1, 47,152 features) to a file in the test's temporary folder, made
// on the fly: about 1 MB per thousand rows.
func rcv1Slice(b *testing.B, rows int) string {
	s := synth.RCV1
	s.Rows = rows
	path, err := synth.File(b.Context(), b.TempDir(), s, nil)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkReadRCV1Shaped reads 50,000 rows of the RCV1 shape (50 MB): from
// the file, in two passes, and as a stream through a pipe-like reader.
func BenchmarkReadRCV1Shaped(b *testing.B) {
	path := rcv1Slice(b, 50000)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("file", func(b *testing.B) {
		b.SetBytes(st.Size())
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ReadFile(path, ReadOptions{Binary: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(st.Size())
		b.ReportAllocs()
		for b.Loop() {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			_, err = Read(struct{ io.Reader }{f}, ReadOptions{Binary: true})
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
