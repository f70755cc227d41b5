//go:build race

package logreg

// raceDetector reports whether the tests run with -race.
const raceDetector = true
