package main

import (
	"fmt"
	"os"
	"strings"
)

// The commands refuse work that would not fit in memory, which Go ends in
// a fatal error with a stack trace (or the system kills), with a line that
// names the sizes instead.

// gigabytes writes n bytes as "12.3 GB".
func gigabytes(n int64) string { return fmt.Sprintf("%.1f GB", float64(n)/1e9) }

// availableMemory returns the memory the system can give a new program
// without swapping (Linux's MemAvailable), in bytes, or 0 where it does not
// say.
func availableMemory() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	return memAvailable(string(b))
}

// memAvailable reads MemAvailable from /proc/meminfo's text, in bytes, or
// returns 0 without it.
func memAvailable(meminfo string) int64 {
	for _, line := range strings.Split(meminfo, "\n") {
		var kb int64
		if _, err := fmt.Sscanf(line, "MemAvailable: %d kB", &kb); err == nil {
			return kb * 1024
		}
	}
	return 0
}

// modelVectors is about how many float64 vectors as wide as the data a run
// keeps: the weights, their second vector (velocity, scaled weights,
// average), and the snapshots the evaluator reads beside the training.
const modelVectors = 6

// optimumVectors is about as many as sgd's search for F* keeps: L-BFGS's
// 15 pairs of steps and gradient changes, and the points and gradients of
// its line search (41 in all, TestOptimumVectors).
const optimumVectors = 42

// checkModelFits returns an error if vectors float64 vectors of width
// columns need more than the available bytes (0: unknown, no check): with
// -max-width -1, or just below the default limit, a single large index
// makes them larger than the machine, and the run would end in a fatal
// out-of-memory error, or swap for minutes, instead of a message.
func checkModelFits(width, vectors int, available int64) error {
	vectors = max(vectors, modelVectors)
	need := int64(width) * 8 * int64(vectors)
	if available == 0 || need <= available {
		return nil
	}
	what := "its model"
	if vectors > modelVectors {
		what = "the search for F*, the optimum of F,"
	}
	return fmt.Errorf("the data has %d columns: %s needs about %s of memory, more than the %s available; "+
		"check the largest feature index (-max-width refuses it by default)", width, what, gigabytes(need), gigabytes(available))
}
