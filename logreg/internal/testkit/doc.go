// Package testkit holds what the tests and benchmarks of logreg and of its
// engine share: the small data sets they train on (random ones, drawn from
// an explicit generator, and one written out by hand), a9a, the fastest
// iteration of a benchmark, and the option combinations of NumPyLoop that
// their tests run.
package testkit
