package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/data/synth"
)

// runGen writes a synthetic LIBSVM set of the shape the flags give.
func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sgdlab gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	preset := fs.String("shape", "", "start from a named shape: rcv1 (781,265×47,152, 59M real nonzeros) or a9a; the other flags change it")
	var s synth.Shape
	fs.IntVar(&s.Rows, "rows", 1000, "rows")
	fs.IntVar(&s.Features, "features", 100, fmt.Sprintf("features, at most %d (the widest set sgdlab reads without -max-width)", data.DefaultMaxWidth))
	fs.IntVar(&s.NNZ, "nnz", 10, "mean nonzeros per row, at most -features")
	fs.BoolVar(&s.OneHot, "onehot", false, "values 1 (as a9a) instead of real values with each row of norm 1 (as RCV1)")
	fs.Float64Var(&s.Noise, "noise", 0.05, "probability of flipping each label, in [0,1]")
	fs.Uint64Var(&s.Seed, "seed", 1, "seed of every random draw")
	out := fs.String("o", "", "write to this file (default: standard output)")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if err := checkOutputFlag("o", *out); err != nil {
		return err
	}
	if err := checkNotInput("o", *out, (&options{}).inputs()); err != nil {
		return err
	}
	if *preset != "" {
		given := s
		switch *preset {
		case "rcv1":
			s = synth.RCV1
		case "a9a":
			s = synth.A9A
		default:
			return fmt.Errorf("%w: -shape must be rcv1 or a9a, got %q", errUsage, *preset)
		}
		// The flags given on the command line change the named shape.
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "rows":
				s.Rows = given.Rows
			case "features":
				s.Features = given.Features
			case "nnz":
				s.NNZ = given.NNZ
			case "onehot":
				s.OneHot = given.OneHot
			case "noise":
				s.Noise = given.Noise
			case "seed":
				s.Seed = given.Seed
			}
		})
	}
	if err := s.Check(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := checkGenMemory(s, availableMemory()); err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = "standard output"
	}
	progress := synth.ProgressLine(stderr, name)
	var err error
	if *out == "" {
		err = synth.Write(ctx, stdout, s, progress)
	} else {
		err = writeAtomic(*out, func(w io.Writer) error { return synth.Write(ctx, w, s, progress) })
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil && *out == "":
		return fmt.Errorf("%w: the set on standard output stops part way", errInterrupted)
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %s not written", errInterrupted, *out)
	case *out == "":
		return err
	}
	return fmt.Errorf("writing %s: %w", *out, err)
}

// checkGenMemory refuses a shape the generator cannot hold, or sgdlab
// could not read back: wider than sgdlab reads without -max-width, with
// rows longer than its reader's line, or taking more memory than
// available, the bytes free for it (0: unknown). Left to run, it would
// end the program (out of memory), be killed by the system, or write a set
// no command reads.
func checkGenMemory(s synth.Shape, available int64) error {
	need := s.Memory()
	switch {
	case s.Features > data.DefaultMaxWidth:
		return fmt.Errorf("%w: -features %d is above %d, the widest set sgdlab reads without -max-width; it would take about %s of memory",
			errUsage, s.Features, data.DefaultMaxWidth, gigabytes(need))
	case s.MaxLine() > data.MaxLine:
		return fmt.Errorf("%w: -nnz %d makes rows of up to %s, longer than the %d MiB line sgdlab reads: give a smaller -nnz",
			errUsage, s.NNZ, fmt.Sprintf("%.0f MB", float64(s.MaxLine())/1e6), data.MaxLine>>20)
	case available > 0 && need > available:
		return fmt.Errorf("%w: -nnz %d with -features %d would take about %s of memory, more than the %s available: give a smaller -nnz",
			errUsage, s.NNZ, s.Features, gigabytes(need), gigabytes(available))
	}
	return nil
}
