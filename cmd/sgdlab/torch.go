package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/sgdlab/sgdlab/logreg"
)

// runTorch runs the PyTorch program and prints its lines as it prints them.
func runTorch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, o := newFlags("torch", stderr, false)
	if err := o.parse(fs, args); err != nil {
		return err
	}
	train, test, err := o.load(ctx)
	if err != nil {
		return err
	}
	epochs := o.cfg.Epochs
	o.cfg.OnEpoch = untilInterrupted(ctx, func(r logreg.Record) {
		fmt.Fprintf(stdout, "Epoch [%d/%d], Loss: %.4f, Accuracy: %.4f\n", r.Epoch, epochs, r.Loss, r.RunningAccuracy)
	})
	h, err := interruptible(ctx, func() (*logreg.History, error) { return logreg.TorchLoop(train, test, o.cfg) })
	if err != nil {
		return diverged(o, h, err)
	}
	last := h.Epochs[len(h.Epochs)-1]
	fmt.Fprintf(stdout, "Final Train Accuracy: %.4f\n", 1-last.TrainError)
	if test != nil {
		fmt.Fprintf(stdout, "Final Test Accuracy: %.4f\n", 1-last.TestError)
	}
	return o.writeJSON(h)
}

// diverged returns err, the error of a loop, after writing what History h
// holds where -json asks, when the run diverged (h then holds the epochs
// before, already printed).
func diverged(o *options, h *logreg.History, err error) error {
	if h == nil || !errors.Is(err, logreg.ErrDiverged) {
		return err
	}
	return errors.Join(err, o.writeJSON(h))
}
