package data

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// parseFloat reads a decimal number as strconv.ParseFloat does, without
// allocating on the common short forms. It returns nil, ErrNumber or
// ErrNonFinite (NaN, ±Inf, or overflow) as the error.
//
// Fast path (Clinger): for [sign]digits[.digits] with at most 15 digits, the
// digits m are exact in float64 and so is 10^k for k ≤ 22, so the single
// IEEE division m / 10^k is the correctly rounded value, as ParseFloat's.
// Anything else (exponents, long mantissas, words) goes to ParseFloat.
// Hexadecimal floats and digit-separating underscores, which ParseFloat
// accepts, are rejected: data files are decimal.
func parseFloat(b []byte) (float64, error) {
	if f, end, ok := shortDecimal(b, 0); ok && end == len(b) {
		return f, nil
	}
	if len(b) == 0 || len(b) == 1 && (b[0] == '-' || b[0] == '+' || b[0] == '.') {
		return 0, ErrNumber
	}
	return parseFloatSlow(b)
}

// shortDecimal reads the fast path's form, [sign]digits[.digits] with 1 to
// 15 digits, from b[i:] up to a separator or the end, and returns its
// correctly rounded value and where it ends; ok is false for any other
// form.
func shortDecimal(b []byte, i int) (f float64, end int, ok bool) {
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	// The integer digits, then the fraction's, each in a loop of its own:
	// fewer branches a byte than one loop watching for the dot.
	start := i
	var m uint64
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d > 9 {
			break
		}
		m = m*10 + uint64(d)
	}
	nd, frac := i-start, 0
	if i < len(b) && b[i] == '.' {
		i++
		start = i
		if i+8 <= len(b) {
			// Up to eight digits at once: a branch per byte mispredicts
			// where each value has its own length.
			d, n := digits8(binary.LittleEndian.Uint64(b[i:]))
			m = m*pow10u[n] + d
			i += n
		}
		for ; i < len(b); i++ {
			d := b[i] - '0'
			if d > 9 {
				break
			}
			m = m*10 + uint64(d)
		}
		frac = i - start
		nd += frac
	}
	if nd == 0 || nd > 15 || i < len(b) && !isSpace(b[i]) {
		return 0, 0, false
	}
	f = float64(m)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, i, true
}

// pow10u holds 10^k for k ≤ 8.
var pow10u = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// digits8 returns the value d of the n leading decimal digits of the eight
// bytes in x (the first byte in the lowest bits), n from 0 to 8.
func digits8(x uint64) (d uint64, n int) {
	const zeros, high = 0x3030303030303030, 0xF0F0F0F0F0F0F0F0
	// A byte is a digit when its high nibble is 3 both as it is and once
	// 6 is added. A carry out of a non-digit byte reaches only later bytes.
	notDigit := (x&high ^ zeros) | ((x+0x0606060606060606)&high ^ zeros)
	n = bits.TrailingZeros64(notDigit) / 8
	// The n digits' values moved to the top, zeros (leading digits 0)
	// below them; no borrow reaches them, as every byte before is a digit.
	v := (x - zeros) << (64 - 8*n)
	// Pairs, then quadruples, then all eight (as fast_float does).
	v = v * 2561 >> 8 & 0x00FF00FF00FF00FF
	v = v * 6553601 >> 16 & 0x0000FFFF0000FFFF
	return v * 42949672960001 >> 32, n
}

// parseFloatSlow is parseFloat's general path.
func parseFloatSlow(b []byte) (float64, error) {
	if bytes.IndexByte(b, '_') >= 0 || bytes.IndexByte(b, 'x') >= 0 || bytes.IndexByte(b, 'X') >= 0 {
		return 0, ErrNumber
	}
	f, err := strconv.ParseFloat(string(b), 64)
	switch {
	case err != nil && !math.IsInf(f, 0):
		return 0, ErrNumber
	case math.IsInf(f, 0) || math.IsNaN(f):
		return 0, ErrNonFinite
	}
	return f, nil
}

// parseInt reads a decimal integer with an optional sign into an int64,
// saturating at ±(1<<62) so that callers can range-check without overflow:
// a run of digits of any length never wraps around to a small number.
// ok is false when b is not [sign]digits.
func parseInt(b []byte) (n int64, ok bool) {
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	if i == len(b) {
		return 0, false
	}
	const limit = 1 << 62
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d > 9 {
			return 0, false
		}
		// n*10+d stays below 1<<63 while n < limit/10: no wrapping.
		if n < limit/10 {
			n = n*10 + int64(d)
		} else {
			n = limit
		}
	}
	if neg {
		n = -n
	}
	return n, true
}
