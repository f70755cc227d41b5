package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/sgdlab/sgdlab/logreg"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() { <-ctx.Done(); stop() }() // a second interrupt ends the program at once
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes: 2 for a usage error (flags, values), 1 for a failure of the
// work itself (data missing or malformed, I/O), 3 for a run that diverged
// (its weights, loss or objective stopped being finite).
const (
	exitOK       = 0
	exitFail     = 1
	exitUsage    = 2
	exitDiverged = 3
	// exitInterrupted is the shells' 128 + SIGINT.
	exitInterrupted = 130
)

// errUsage marks errors that are the caller's to fix on the command line.
var errUsage = errors.New("usage")

// commands are sgdlab's commands, as help names them.
var commands = []string{"torch", "numpy", "sgd", "fetch", "bench", "gen"}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "sgdlab: missing command (torch, numpy, sgd, fetch, bench or gen); see 'sgdlab help'")
		return exitUsage
	}
	var err error
	switch args[0] {
	case "torch":
		err = runTorch(ctx, args[1:], stdout, stderr)
	case "numpy":
		err = runNumpy(ctx, args[1:], stdout, stderr)
	case "sgd":
		err = runSGD(ctx, args[1:], stdout, stderr)
	case "fetch":
		err = runFetch(ctx, args[1:], stdout, stderr)
	case "bench":
		err = runBench(ctx, args[1:], stdout, stderr)
	case "gen":
		err = runGen(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		switch {
		case len(args) == 1:
			fmt.Fprint(stdout, usage)
			return exitOK
		case len(args) == 2 && slices.Contains(commands, args[1]):
			// 'sgdlab help torch' is 'sgdlab torch -h'.
			return run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		fmt.Fprintf(stderr, "sgdlab: %s takes no argument but a command's name (one of %s)\n", args[0], strings.Join(commands, ", "))
		return exitUsage
	default:
		fmt.Fprintf(stderr, "sgdlab: unknown command %q (want torch, numpy, sgd, fetch, bench or gen)\n", args[0])
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "sgdlab:", err)
		return exitUsage
	case errors.Is(err, errInterrupted):
		fmt.Fprintln(stderr, "sgdlab:", err)
		return exitInterrupted
	case ctx.Err() != nil:
		// Work that takes the context (a download, a child process, a
		// write) fails once it ends, each in its own words: an interrupt.
		fmt.Fprintln(stderr, "sgdlab:", errInterrupted)
		return exitInterrupted
	case errors.Is(err, logreg.ErrDiverged):
		fmt.Fprintln(stderr, "sgdlab:", err)
		return exitDiverged
	default:
		fmt.Fprintln(stderr, "sgdlab:", err)
		return exitFail
	}
}

const usage = `sgdlab runs the seed's two logistic regression programs on a9a.

  sgdlab torch [flags]   the PyTorch per-sample loop
  sgdlab numpy [flags]   the NumPy SGDWithMomentum loop, with the correct errors beside
  sgdlab sgd [flags]     scikit-learn's SGDClassifier per sample (schedules, averaging,
                         AdaGrad), with its objective's distance to the optimum each epoch
  sgdlab fetch [flags]   find or download a9a and check its content
  sgdlab bench [flags]   time the Go loops beside PyTorch, NumPy and scikit-learn
                         (and Bottou's svmsgd, with -svmsgd)
  sgdlab gen [flags]     write a synthetic LIBSVM set of a given shape (-shape rcv1)

Run 'sgdlab COMMAND -h' for the flags of a command.

Exit status: 0 ok, 1 failure (data, I/O), 2 usage error, 3 the run diverged
(its weights, loss or objective stopped being finite: try a smaller -lr, or
for sgd a smaller -eta0 or another schedule), 130
interrupted (Ctrl-C: a run stops after the epoch under way, fetch, bench and
gen at once, leaving no partial file; twice: at once).
`
