// Package crmath holds correctly rounded elementary functions: the float64
// nearest to the exact value, ties to even, the result IEEE 754 recommends
// and the C libraries approach.
//
// They exist for exactness. scikit-learn's Cython code calls the C
// library's exp, which in glibc (2.28 and later) returns the correctly
// rounded result for all but about one argument in a thousand, while Go's
// math.Exp is off by one ulp for about one argument in seven. In a
// per-sample SGD with the large first steps of scikit-learn's 'optimal'
// schedule, such one-ulp differences grow until the final weights differ
// in the second digit; with the correctly rounded exponential they agree
// to 10⁻¹³. (Bit for bit takes glibc's own exp: package libm.)
//
// Each function takes a fast path, accurate to far more than float64's
// precision, and checks that its rounding is decided; when it is not (about
// once in a million arguments) it recomputes the value with math/big.
// Exp first tries a plain float64 guess with a rounding test of its own,
// which decides all but about 1 argument in 60 (expGuess).
// Nothing panics; special cases are as in package math.
package crmath
