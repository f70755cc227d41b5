package nb

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sgdlab/sgdlab/data"
)

// Setup is the first line of every code cell: a GoNB shell command run in
// the kernel's module folder that, once per kernel, puts that module and this
// checkout's module (found from $SGDLAB_ROOT or else from the notebook's
// folder, $GONB_DIR) in one Go workspace, so that the cell's imports of
// github.com/sgdlab/sgdlab resolve to the checkout at the versions its go.mod
// pins. Repeating it costs one file test.
const Setup = `!*test -f go.work || go work init . "$(cd "${SGDLAB_ROOT:-$GONB_DIR}" && dirname "$(go env GOMOD)")"`

// A9A returns a9a's train and test sets from data.A9A ($SGDLAB_DATA, the user
// cache, or a download into it). When they cannot be had it prints why to
// standard error and exits with status 1 (see the package doc).
func A9A() (train, test *data.Dataset) {
	train, test, ok := load(context.Background(), data.Options{}, os.Stderr)
	if !ok {
		os.Exit(1)
	}
	return train, test
}

// load is A9A with its options and output, reporting failure instead of
// exiting.
func load(ctx context.Context, opt data.Options, w io.Writer) (train, test *data.Dataset, ok bool) {
	train, test, err := data.A9A(ctx, opt)
	if err != nil {
		fmt.Fprintln(w, "a9a is not available:", err)
		return nil, nil, false
	}
	return train, test, true
}
