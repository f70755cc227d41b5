package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/sgdlab/sgdlab/data"
)

// runFetch makes sure a9a is at hand (downloading it into the cache if it is
// nowhere else) and says what it found.
func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sgdlab fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "folder holding a9a and a9a.t (default: $SGDLAB_DATA, then the user cache, then download)")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	train, test, err := data.A9A(ctx, data.Options{Dir: *dir, Progress: stderr})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "a9a: train %d×%d, test %d×%d\n", train.Rows(), train.Width, test.Rows(), test.Width)
	return nil
}
