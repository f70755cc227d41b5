package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

// options are the flags torch and numpy share: the data to read, the
// hyperparameters, and where to write the History.
type options struct {
	cfg       logreg.Config
	dir       string
	train     string
	test      string
	jsonPath  string
	penaltyOn bool      // whether the command has an L2 penalty to set
	maxWidth  int       // -max-width, for ReadOptions.MaxWidth
	stderr    io.Writer // for download and reading progress
	// vectors is how many float64 vectors as wide as the data the command
	// keeps at most (checkModelFits).
	vectors int
}

// newFlags declares the flags of one command. Defaults are the seed's setting
// for that program, written out so -h shows them.
func newFlags(name string, stderr io.Writer, withPenalty bool) (*flag.FlagSet, *options) {
	o := &options{penaltyOn: withPenalty, stderr: stderr, vectors: modelVectors}
	fs := flag.NewFlagSet("sgdlab "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.cfg.Epochs, "epochs", 10, "passes over the training data")
	fs.Float64Var(&o.cfg.LearningRate, "lr", 0.001, "learning rate, > 0")
	fs.BoolVar(&o.cfg.Shuffle, "shuffle", false, "visit samples in a new random order each epoch (from -seed)")
	fs.Float64Var(&o.cfg.InitStd, "init-std", 0, "start weights from N(0, init-std²) drawn from -seed; 0 starts from zeros")
	fs.Uint64Var(&o.cfg.Seed, "seed", 0, "seed for shuffling and initialisation")
	if withPenalty {
		fs.Float64Var(&o.cfg.L2, "l2", 0.0001, "L2 penalty λ of (λ/2)‖w‖², >= 0")
		fs.Float64Var(&o.cfg.Momentum, "momentum", 0, "momentum m in [0,1)")
		fs.BoolVar(&o.cfg.BiasOutOfL2, "bias-out-of-l2", false, "leave the bias out of the penalty in the gradient too")
		fs.BoolVar(&o.cfg.NoPrePass, "no-pre-pass", false, "skip the evaluation pass before training (the seed's epoch 0)")
	} else {
		fs.BoolVar(&o.cfg.Float32, "float32", false, "repeat PyTorch's float32 arithmetic (default float64)")
	}
	o.dataFlags(fs)
	return fs, o
}

// dataFlags declares the flags every loop's command shares: the data to
// read and where to write the run.
func (o *options) dataFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "data", "", "folder holding a9a and a9a.t (default: $SGDLAB_DATA, then the user cache, then download)")
	fs.StringVar(&o.train, "train", "", "LIBSVM training file to use instead of a9a")
	fs.StringVar(&o.test, "test", "", "LIBSVM test file (with -train)")
	fs.StringVar(&o.jsonPath, "json", "", "write the run's History as JSON to this file")
	fs.IntVar(&o.maxWidth, "max-width", 0, fmt.Sprintf("largest feature index -train and -test may use (0: %d; -1: no limit)", data.DefaultMaxWidth))
}

// parseArgs parses a command's flags; a flag error, a stray argument or a
// string flag given "" is a usage error, one line; -h is flag.ErrHelp, after
// the flags' help, once.
func parseArgs(fs *flag.FlagSet, args []string) error {
	// The flag package would print the whole help with an error, and on -h
	// call fs.Usage itself, which may not write to fs.Output.
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	if err != nil {
		if err == flag.ErrHelp {
			fs.Usage()
			return err
		}
		return fmt.Errorf("%w: %v (-h for the flags)", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	// "" would read as the flag left out, its default: a9a for -train.
	var empty error
	fs.Visit(func(f *flag.Flag) {
		if g, ok := f.Value.(flag.Getter); ok && g.Get() == "" && empty == nil {
			empty = fmt.Errorf(`%w: -%s "": an empty value; leave the flag out for its default`, errUsage, f.Name)
		}
	})
	return empty
}

// given returns the names of the flags set on the command line.
func given(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// parse reads the flags and checks the values a run cannot start with.
func (o *options) parse(fs *flag.FlagSet, args []string) error {
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	c := o.cfg
	switch {
	case c.Epochs < 1:
		return fmt.Errorf("%w: -epochs must be >= 1, got %d", errUsage, c.Epochs)
	case !(c.LearningRate > 0 && finite(c.LearningRate)):
		return fmt.Errorf("%w: -lr must be > 0 and finite, got %g", errUsage, c.LearningRate)
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return fmt.Errorf("%w: -momentum must be in [0,1), got %g", errUsage, c.Momentum)
	case !(c.L2 >= 0 && finite(c.L2)):
		return fmt.Errorf("%w: -l2 must be >= 0 and finite, got %g", errUsage, c.L2)
	case !(c.InitStd >= 0 && finite(c.InitStd)):
		return fmt.Errorf("%w: -init-std must be >= 0 and finite, got %g", errUsage, c.InitStd)
	}
	// A flag the run would not read is refused, not ignored.
	set := given(fs)
	switch {
	case set["seed"] && !c.Shuffle && c.InitStd == 0:
		return fmt.Errorf("%w: -seed seeds -shuffle's order and -init-std's weights, and the run has neither: it reads no random number", errUsage)
	case set["bias-out-of-l2"] && c.BiasOutOfL2 && c.L2 == 0 && set["l2"]:
		return fmt.Errorf("%w: -bias-out-of-l2 with -l2 0: without a penalty there is nothing to leave the bias out of", errUsage)
	}
	if err := o.checkFiles(fs); err != nil {
		return err
	}
	if o.penaltyOn && c.L2 == 0 {
		// Config reads 0 as "the seed's 1e-4"; on the command line 0 means no penalty.
		o.cfg.L2 = -1
	}
	return nil
}

// checkFiles checks the data and output flags dataFlags declared in fs.
func (o *options) checkFiles(fs *flag.FlagSet) error {
	switch {
	case o.test != "" && o.train == "":
		return fmt.Errorf("%w: -test needs -train", errUsage)
	case o.train != "" && o.dir != "":
		return fmt.Errorf("%w: -data and -train exclude each other", errUsage)
	case given(fs)["max-width"] && o.train == "":
		return fmt.Errorf("%w: -max-width needs -train (a9a is read at its known width)", errUsage)
	case o.maxWidth < -1:
		return fmt.Errorf("%w: -max-width must be >= -1 (0: %d; -1: no limit), got %d", errUsage, data.DefaultMaxWidth, o.maxWidth)
	}
	if err := checkFolderFlag("data", o.dir); err != nil {
		return err
	}
	if err := checkOutputFlag("json", o.jsonPath); err != nil {
		return err
	}
	return checkNotInput("json", o.jsonPath, o.inputs())
}

// inputs lists the data files sgdlab reads: -train and -test, if given,
// and a9a and a9a.t in every folder data.A9A searches, which this run or
// the next may read.
func (o *options) inputs() []string {
	files := []string{o.train, o.test}
	for _, dir := range a9aFolders(o.dir) {
		files = append(files, filepath.Join(dir, data.A9ASpec.Train.Name), filepath.Join(dir, data.A9ASpec.Test.Name))
	}
	return files
}

// load reads the training and test sets the flags name. A file with no
// samples is refused here, naming it: there is nothing to train on, and the
// error rate of no test samples, 0, would print as a perfect accuracy.
func (o *options) load(ctx context.Context) (train, test *data.Dataset, err error) {
	if o.train == "" {
		return data.A9A(ctx, data.Options{Dir: o.dir, Progress: o.stderr})
	}
	opt := data.ReadOptions{Binary: true, MaxWidth: o.maxWidth, Progress: data.ProgressLine(o.stderr)}
	if o.test == "" {
		train, err = data.ReadFile(o.train, opt)
	} else {
		train, test, err = data.ReadPair(o.train, o.test, opt)
	}
	switch {
	case err != nil:
		return nil, nil, maxWidthHint(err)
	case train.Rows() == 0:
		return nil, nil, fmt.Errorf("%s: no samples (empty train set): nothing to train on", o.train)
	case test != nil && test.Rows() == 0:
		return nil, nil, fmt.Errorf("%s: no samples (empty test set): it has no accuracy; give -test a file with samples or leave it out", o.test)
	}
	if err := checkModelFits(train.Width, o.vectors, availableMemory()); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// writeJSON saves v, a run's History or what holds it, where -json asks,
// if it asks. The file appears whole or not at all: it is written beside,
// then renamed into place.
func (o *options) writeJSON(v any) error {
	if o.jsonPath == "" {
		return nil
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("writing the history to %s: %w", o.jsonPath, err)
	}
	if err := writeFileAtomic(o.jsonPath, append(b, '\n')); err != nil {
		return fmt.Errorf("writing the history: %w", err)
	}
	return nil
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }
