package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/sgdlab/sgdlab/data/synth"
)

// runGen writes a synthetic LIBSVM set of the shape the flags give.
func runGen(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sgdlab gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	preset := fs.String("shape", "", "start from a named shape: rcv1 (781,265×47,152, 59M real nonzeros) or a9a; the other flags change it")
	var s synth.Shape
	fs.IntVar(&s.Rows, "rows", 1000, "rows")
	fs.IntVar(&s.Features, "features", 100, "features")
	fs.IntVar(&s.NNZ, "nnz", 10, "mean nonzeros per row")
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
	if *out == "" {
		return synth.Write(stdout, s)
	}
	if err := writeAtomic(*out, func(w io.Writer) error { return synth.Write(w, s) }); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	return nil
}
