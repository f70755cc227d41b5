package data

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// wantFloat is what parseFloat must return for s: strconv.ParseFloat's
// value, refused when it is not finite or when s is hexadecimal or uses
// underscores.
func wantFloat(s string) (float64, error) {
	if strings.ContainsAny(s, "_xX") {
		return 0, ErrNumber
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case math.IsInf(f, 0) || math.IsNaN(f):
		return 0, ErrNonFinite
	case err != nil:
		return 0, ErrNumber
	}
	return f, nil
}

func checkFloat(t *testing.T, s string) {
	t.Helper()
	got, gerr := parseFloat([]byte(s))
	want, werr := wantFloat(s)
	if gerr != werr || math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("parseFloat(%q) = %v, %v; want %v, %v", s, got, gerr, want, werr)
	}
}

func TestParseFloat(t *testing.T) {
	for _, s := range []string{
		"1", "0", "-0", "+0", "-1", "+1", "0.5", ".5", "5.", "-.5", "1.0", "3.14159",
		"123456789012345", "1234567890123456", "12345678901234567890", "0.1", "0.3",
		"9007199254740993", "0.000000000000000000001", "1.00000000000001",
		"1e3", "1E-3", "2.5e+10", "1e308", "1e309", "-1e309", "4.9e-324", "1e-400",
		"", "-", "+", ".", "-.", "1.2.3", "1x", "x", "--1", "+-1", "1-", " 1", "1 ",
		"nan", "NaN", "inf", "-Inf", "+infinity", "0x1p-2", "1_0", "1__0", "١",
	} {
		checkFloat(t, s)
	}
	// Random short decimals: the fast path's exactness claim, tested wide.
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		switch r.IntN(3) {
		case 0:
			b.WriteByte('-')
		case 1:
			b.WriteByte('+')
		}
		nd := 1 + r.IntN(17)
		dot := r.IntN(nd + 2) // position of the dot; past the end means none
		for i := range nd {
			if i == dot {
				b.WriteByte('.')
			}
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		checkFloat(t, b.String())
	}
}

// TestShortDecimalInLine: shortDecimal inside a line, where it reads the
// fraction eight bytes at a time, ends a value where a separator follows
// and refuses one a stray byte follows, as ParseFloat reads the token.
func TestShortDecimalInLine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	stray := []byte(" \t\r.:-+e/;\x00\xff")
	for range 300000 {
		b := []byte("0.")
		if r.IntN(3) == 0 {
			b = []byte(strconv.Itoa(r.IntN(1000)) + ".")
		}
		for range 1 + r.IntN(20) {
			if r.IntN(5) > 0 {
				b = append(b, byte('0'+r.IntN(10)))
			} else {
				b = append(b, stray[r.IntN(len(stray))])
			}
		}
		f, end, ok := shortDecimal(b, 0)
		tok := b[:tokenEnd(b, 0)]
		want, err := strconv.ParseFloat(string(tok), 64)
		digits := len(strings.Trim(strings.Replace(string(tok), ".", "", 1), "0123456789")) == 0
		switch {
		case ok && (end != len(tok) || err != nil || f != want):
			t.Fatalf("shortDecimal(%q) = %v, ends at %d; want %v, %v, at %d", b, f, end, want, err, len(tok))
		case !ok && err == nil && digits && len(tok) <= 16 && strings.Count(string(tok), ".") == 1:
			t.Fatalf("shortDecimal(%q) refused %q, which it reads", b, tok)
		}
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1", "-0.25", "1e-3", "123456789012345.6", "nan", "0x1p3", ".5"} {
		f.Add(s)
	}
	f.Fuzz(checkFloat)
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		n    int64
		okay bool
	}{
		{"0", 0, true}, {"7", 7, true}, {"+7", 7, true}, {"-7", -7, true}, {"007", 7, true},
		{"2147483648", 2147483648, true}, {"99999999999999999999999", 1 << 62, true},
		{"-99999999999999999999999", -(1 << 62), true},
		{"", 0, false}, {"+", 0, false}, {"-", 0, false}, {"1.5", 0, false}, {"a", 0, false}, {"1-", 0, false},
	}
	for _, tt := range tests {
		n, ok := parseInt([]byte(tt.in))
		if n != tt.n || ok != tt.okay {
			t.Errorf("parseInt(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.n, tt.okay)
		}
	}
}
