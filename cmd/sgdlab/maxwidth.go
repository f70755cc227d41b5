package main

import (
	"errors"
	"fmt"

	"github.com/sgdlab/sgdlab/data"
)

// maxWidthHint adds to an ErrMaxWidth error the flag that lifts the limit.
func maxWidthHint(err error) error {
	if errors.Is(err, data.ErrMaxWidth) {
		return fmt.Errorf("%w; raise the limit with -max-width", err)
	}
	return err
}

// modelVectors is about how many float64 vectors as wide as the data a run
// keeps: the weights, their second vector (velocity, scaled weights,
// average), and the snapshots the evaluator reads beside the training.
const modelVectors = 6

// checkModelFits returns an error if a model of width columns needs more
// than memory bytes (0: unknown, no check): with -max-width -1 a single
// large index makes the dense weights larger than the machine, and the
// run would end in a fatal out-of-memory error instead of a message.
func checkModelFits(width int, memory uint64) error {
	need := uint64(width) * 8 * modelVectors
	if memory == 0 || need <= memory {
		return nil
	}
	return fmt.Errorf("the data has %d columns: its model needs about %s of memory, and this machine has %s; "+
		"check the largest feature index (-max-width refuses it by default)", width, gib(need), gib(memory))
}

// gib formats n bytes in GiB.
func gib(n uint64) string { return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30)) }
