package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/sgdlab/sgdlab/logreg"
)

// An interrupt (Ctrl-C) cancels run's context; a second one ends the
// program at once (main). The loops take no context, so a run stops at the
// end of the epoch under way: its OnEpoch panics, once that epoch's line
// is printed, and the loop hands the panic on to its caller once its own
// goroutines have ended (logreg's OnEpoch), where interruptible turns it
// into errInterrupted. Reading the data is not stopped; the run is,
// before its first epoch, and so is sgd's search for F*, at once.
// Downloads, child processes (bench's)
// and gen's writing take the context and stop at once, removing what they
// leave half written; run turns their failure into errInterrupted.

// errInterrupted ends a command an interrupt stopped.
var errInterrupted = errors.New("interrupted")

// interruption is the panic that stops a loop after epoch.
type interruption struct{ epoch int }

// untilInterrupted returns on, an OnEpoch, stopping the loop after the
// epoch it reports if ctx is done by then.
func untilInterrupted(ctx context.Context, on func(logreg.Record)) func(logreg.Record) {
	return func(r logreg.Record) {
		on(r)
		if ctx.Err() != nil {
			panic(interruption{r.Epoch})
		}
	}
}

// interruptible runs loop, a logreg loop whose OnEpoch untilInterrupted
// made, and returns errInterrupted where that stopped it, or where ctx
// is done before it starts.
func interruptible(ctx context.Context, loop func() (*logreg.History, error)) (h *logreg.History, err error) {
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%w before the first epoch", errInterrupted)
	}
	defer func() {
		if v := recover(); v != nil {
			i, ok := v.(interruption)
			if !ok {
				panic(v)
			}
			h, err = nil, fmt.Errorf("%w after epoch %d (no -json written)", errInterrupted, i.epoch)
		}
	}()
	return loop()
}
