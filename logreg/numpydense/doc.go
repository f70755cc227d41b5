// Package numpydense is the user's NumPy program in its own shape: a dense
// N×(1+width) matrix whose first column is ones, one weight vector whose
// first entry is the bias, and whole-vector operations on gonum. It is the
// readable reference that logreg.NumPyLoop, which walks sparse rows, is
// tested against: the same Config, records and errors, histories equal
// within rounding. It is slow by design, O(width) for every operation of a
// step, and densifies the data, N·(1+width) float64s.
package numpydense
