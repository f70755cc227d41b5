package crmath

import (
	"math"
	"math/big"
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

// TestExpGuessDecides checks, on a million arguments over the range of a
// logistic loss's logits, that wherever Exp's rounding test passes the
// guess is the correctly rounded value, that the test passes for all but
// 1 argument in 40, and that the fast path, not the math/big fallback,
// answers for all but a few of the rest.
func TestExpGuessDecides(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n, undecided, slow, wrong := 1000000, 0, 0, 0
	if testing.Short() {
		n = 100000
	}
	for range n {
		x := 40*r.Float64() - 20
		want, k, ok := expFast(x)
		if !ok {
			slow++
			want, k = expBig(x), 0
		}
		want = math.Ldexp(want, k)
		hi, rest, k := expGuess(x)
		if hi*exp2(k) != want {
			wrong++
		}
		if !decided(hi, rest, k) {
			undecided++
			continue
		}
		if hi*exp2(k) != want {
			t.Fatalf("expGuess(%v) = %v passes the rounding test; correctly rounded %v", x, hi*exp2(k), want)
		}
	}
	if undecided > n/40 {
		t.Errorf("the rounding test leaves %d of %d arguments to expFast", undecided, n)
	}
	if slow > n/100000 {
		t.Errorf("the fast path leaves %d of %d arguments to math/big", slow, n)
	}
	t.Logf("of %d arguments, %d left to expFast by the test (the guess is wrong for %d), %d of them to math/big", n, undecided, wrong, slow)
}

// TestExpGuessErr measures expGuess's error against the 320-bit value and
// checks that it stays within guessErr, on arguments where its terms are
// largest: |r| near ln 2/256, the largest t.hi, and over the whole range.
func TestExpGuessErr(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	n := 5000
	if testing.Short() {
		n = 500
	}
	var xs []float64
	for range n {
		xs = append(xs, 40*r.Float64()-20, 1455*r.Float64()-745)
		j := float64(r.IntN(1<<18)-1<<17) + 0.5 - 1e-9*r.Float64() // r near ±ln 2/256
		xs = append(xs, j*math.Ln2/tableN, (math.Floor(j/tableN)*tableN+tableN-0.5)*math.Ln2/tableN)
	}
	worst, at := 0.0, 0.0
	for _, x := range xs {
		if x < minNormalArg || x > 709.7 {
			continue
		}
		hi, rest, k := expGuess(x)
		got := new(big.Float).SetPrec(320).SetFloat64(hi)
		got.Add(got, new(big.Float).SetFloat64(rest))
		exact := expBigFloat(x)
		exact.SetMantExp(exact, -k)
		e, _ := exact.Sub(exact, got).Float64()
		if e = math.Abs(e) / guessErr; e > worst {
			worst, at = e, x
		}
	}
	t.Logf("%d arguments: expGuess within %.3f·guessErr (at x = %v)", len(xs), worst, at)
	if worst > 1 {
		t.Errorf("expGuess(%v) is %.3f·guessErr from eˣ", at, worst)
	}
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
