package libm

import (
	"math"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/crmath"
)

// TestLastBits checks three arguments where glibc 2.36 (the C library that
// made the reference traces, on an x86-64 CPU with FMA) and the pure Go
// functions round differently: with the C library (Exact) the results are
// its bits, recorded from it; without, crmath.Exp's and math.Pow's.
func TestLastBits(t *testing.T) {
	for _, c := range []struct {
		name  string
		f     func() float64
		glibc uint64
		pure  float64
	}{
		{"exp(4.518371030101585)", func() float64 { return Exp(4.518371030101585) }, 0x4056ebe96da46cfa, crmath.Exp(4.518371030101585)},
		{"pow(4, 0.25)", func() float64 { return Pow(4, 0.25) }, 0x3ff6a09e667f3bcd, math.Pow(4, 0.25)},
		{"pow(2921, 0.5)", func() float64 { return Pow(2921, 0.5) }, 0x404b05ec632536fa, math.Pow(2921, 0.5)},
	} {
		got := math.Float64bits(c.f())
		if math.Float64bits(c.pure) == c.glibc {
			t.Fatalf("%s: the pure Go value is glibc's; the case shows nothing", c.name)
		}
		want := math.Float64bits(c.pure)
		if Exact {
			want = c.glibc
		}
		if got != want {
			t.Errorf("%s = %#x, want %#x (Exact %v)", c.name, got, want, Exact)
		}
	}
}
