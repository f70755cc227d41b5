package crmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpSpecial checks the special cases and the edges of the ranges.
func TestExpSpecial(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{
		{0, 1},
		{math.Copysign(0, -1), 1},
		{1, math.E},
		{math.Inf(1), math.Inf(1)},
		{math.Inf(-1), 0},
		{711, math.Inf(1)},
		{709.7827128933841, math.Inf(1)},
		{709.782712893384, 1.7976931348622732e308},
		{-746, 0},
		{-745.1332191019411, 5e-324},
		{-708.3964185322641, expBig(-708.3964185322641)},
		{0x1p-60, 1},
		{-0x1p-60, 1},
	} {
		if got := Exp(tc.x); got != tc.want {
			t.Errorf("Exp(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
	if got := Exp(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Exp(NaN) = %v", got)
	}
}

// TestExpCorrectlyRounded compares Exp with the 320-bit computation on
// random arguments over the whole range, over the range of a logistic
// loss's logits and near the ends of the range, where Exp's guess stops,
// and checks that the fast path decides nearly all of them.
func TestExpCorrectlyRounded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for _, span := range []struct{ lo, hi float64 }{{-20, 20}, {-745, 709.7}, {-1e-3, 1e-3}, {-709, -706}, {707, 709.78}} {
		for range n {
			x := span.lo + (span.hi-span.lo)*r.Float64()
			if got, want := Exp(x), expBig(x); got != want {
				t.Fatalf("Exp(%v) = %v, correctly rounded %v (math.Exp %v)", x, got, want, math.Exp(x))
			}
		}
	}
}

// TestExpFastPath checks that the fast path, not the math/big fallback,
// answers for all but a few arguments of a million, and that the guess
// Exp returns where the fast path agrees is right often enough to pay
// (all but 1 in 1,000 here, against a bound of 1 in 200), Exp still
// returning the correctly rounded value where it is wrong.
func TestExpFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n, slow, wrong := 1000000, 0, 0
	if testing.Short() {
		n = 100000
	}
	for range n {
		x := 40*r.Float64() - 20
		hi, k, ok := expFast(x)
		if !ok {
			slow++
		}
		if hi*exp2(k) == expGuess(x) {
			continue
		}
		if wrong++; wrong <= 100 {
			if got, want := Exp(x), expBig(x); got != want {
				t.Fatalf("Exp(%v) = %v after a wrong guess, correctly rounded %v", x, got, want)
			}
		}
	}
	if slow > n/100000 {
		t.Errorf("the fast path leaves %d of %d arguments to math/big", slow, n)
	}
	if wrong > n/200 {
		t.Errorf("the guess is wrong for %d of %d arguments", wrong, n)
	}
	t.Logf("%d of %d arguments took the math/big path; the guess is wrong for %d", slow, n, wrong)
}

// TestRoundShift checks that adding and taking away roundShift rounds as
// math.RoundToEven does, ties included, over the guess's range of x/(ln 2/N).
func TestRoundShift(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	vs := []float64{0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0x1p50 + 0.5, -0x1p50 - 0.5, 0.49999999999999994}
	for range 100000 {
		vs = append(vs, (2*r.Float64()-1)*800*invLn2N)
	}
	for _, v := range vs {
		if got, want := (v+roundShift)-roundShift, math.RoundToEven(v); got != want {
			t.Fatalf("%v rounds to %v, math.RoundToEven gives %v", v, got, want)
		}
	}
}

// benchArgs are the benchmarks' arguments, over the range of a logistic
// loss's logits.
func benchArgs() []float64 {
	xs := make([]float64, 1024)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range xs {
		xs[i] = 40*r.Float64() - 20
	}
	return xs
}

func BenchmarkExp(b *testing.B) {
	xs, s := benchArgs(), 0.0
	for i := 0; b.Loop(); i++ {
		s += Exp(xs[i&1023])
	}
	_ = s
}

func BenchmarkMathExp(b *testing.B) {
	xs, s := benchArgs(), 0.0
	for i := 0; b.Loop(); i++ {
		s += math.Exp(xs[i&1023])
	}
	_ = s
}

// BenchmarkExpLatency is Exp where each argument waits for the result
// before, as in a loop's chain of steps.
func BenchmarkExpLatency(b *testing.B) {
	xs, e := benchArgs(), 0.0
	for i := 0; b.Loop(); i++ {
		e = Exp(xs[i&1023] + e*0x1p-1000)
	}
	_ = e
}
