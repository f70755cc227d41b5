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
	wait := fs.Duration("timeout", data.DefaultTimeout,
		"give a download up after this long without progress: to connect, for the answer, or for more of the file")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: sgdlab fetch [flags]")
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), fetchHelp)
	}
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *wait <= 0 {
		return fmt.Errorf("%w: -timeout must be > 0, got %v", errUsage, *wait)
	}
	if err := checkFolderFlag("data", *dir); err != nil {
		return err
	}
	opt := data.Options{Dir: *dir, Progress: stderr, ConnectTimeout: *wait, HeaderTimeout: *wait, IdleTimeout: *wait}
	train, test, err := data.A9A(ctx, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "a9a: train %d×%d, test %d×%d\n", train.Rows(), train.Width, test.Rows(), test.Width)
	return nil
}

// fetchHelp ends fetch's usage text.
const fetchHelp = `
A download goes into the user cache, from the LIBSVM site or, when $` + data.EnvLibSVMURL + `
is set, from that mirror: the URL of a folder holding a9a and a9a.t. Each file is
checked by the SHA-256 of its parsed content before it is kept.
`
