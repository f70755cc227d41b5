package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sgdlab/sgdlab/logreg"
)

// runNumpy runs the NumPy program and prints its lines, each followed by
// the correct error of the same weights, which the program never printed.
func runNumpy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, o := newFlags("numpy", stderr, true)
	if err := o.parse(fs, args); err != nil {
		return err
	}
	train, test, err := o.load(ctx)
	if err != nil {
		return err
	}
	o.cfg.OnEpoch = untilInterrupted(ctx, func(r logreg.Record) {
		fmt.Fprintf(stdout, "Epoch %d: Loss = %.4f, Misclassified = %.4f", r.Epoch, r.Loss, r.AsWrittenError)
		fmt.Fprintf(stdout, "   | correct error: train %.4f", r.TrainError)
		if test != nil {
			fmt.Fprintf(stdout, ", test %.4f", r.TestError)
		}
		fmt.Fprintln(stdout)
	})
	h, err := interruptible(ctx, func() (*logreg.History, error) { return logreg.NumPyLoop(train, test, o.cfg) })
	if err != nil {
		return diverged(o, h, err)
	}
	return o.writeJSON(h)
}
