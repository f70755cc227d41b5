package data

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
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
