package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/logreg"
)

// runSGD runs scikit-learn's SGDClassifier loop (logreg.SklearnLoop) and
// prints, each epoch, how far it is from the optimum of its objective.
func runSGD(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, o, s := newSGDFlags(stderr)
	if err := s.parse(fs, o, args); err != nil {
		return err
	}
	train, test, err := o.load(ctx)
	if err != nil {
		return err
	}
	cfg := s.cfg
	done := noteIfSlow(stderr, 2*time.Second, fmt.Sprintf("sgdlab: finding F*, the optimum of F, by L-BFGS over %d weights (Ctrl-C stops the run)…", train.Width+1))
	fstar, _, err := logreg.OptimalObjectiveContext(ctx, train, cfg.Alpha)
	done()
	var noFStar string
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%w before the first epoch, finding F*", errInterrupted)
	case err == nil:
		fmt.Fprintf(stdout, "F* = %s: the minimum of F = mean log loss + (alpha/2)·‖w‖² on the training set (L-BFGS)\n", fixed(fstar, 10))
	default:
		// The run does not need F*; the lines then say it is missing,
		// and -json why.
		fmt.Fprintf(stderr, "sgdlab: no F* (the optimum of F): %v\n", err)
		fstar, noFStar = math.NaN(), err.Error()
	}
	cfg.OnEpoch = untilInterrupted(ctx, func(r logreg.Record) {
		fmt.Fprintf(stdout, "Epoch %d: objective %s, F - F* %.3e, avg. loss %s, train error %.4f",
			r.Epoch, fixed(r.Objective, 10), r.Objective-fstar, fixed(r.Loss, 4), r.TrainError)
		if test != nil {
			fmt.Fprintf(stdout, ", test error %.4f", r.TestError)
		}
		fmt.Fprintln(stdout)
	})
	h, err := interruptible(ctx, func() (*logreg.History, error) { return logreg.SklearnLoop(train, test, cfg) })
	if h == nil {
		return err
	}
	out := sgdJSON{History: h, FStar: jsonNumber(fstar), NoFStar: noFStar,
		Coef: make([]jsonNumber, len(h.Model.W)), Intercept: jsonNumber(h.Model.B)}
	for j, w := range h.Model.W {
		out.Coef[j] = jsonNumber(w)
	}
	return errors.Join(err, o.writeJSON(out))
}

// fixed formats x with prec decimals, or in e-notation from 10⁶ on, where
// the decimals would run to hundreds of digits (a run far from its optimum).
func fixed(x float64, prec int) string {
	if math.Abs(x) >= 1e6 {
		return strconv.FormatFloat(x, 'e', 6, 64)
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

// sgdJSON is what 'sgdlab sgd -json' writes: the History, F*, and the
// final model as SGDClassifier's coef_ (one list) and intercept_.
type sgdJSON struct {
	*logreg.History
	FStar     jsonNumber   `json:"fstar"`              // null without F*,
	NoFStar   string       `json:"no_fstar,omitempty"` // and then why
	Coef      []jsonNumber `json:"coef"`
	Intercept jsonNumber   `json:"intercept"`
}

// jsonNumber is a float64 written as null when it is not finite (a run
// that diverged), which JSON has no number for.
type jsonNumber float64

func (x jsonNumber) MarshalJSON() ([]byte, error) {
	if math.IsInf(float64(x), 0) || math.IsNaN(float64(x)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(x))
}

// sgdOptions are the flags of 'sgdlab sgd' beyond the data and output ones.
type sgdOptions struct {
	cfg      logreg.SklearnConfig
	schedule string
	average  averageFlag
}

// newSGDFlags declares the flags of 'sgdlab sgd', named after
// SGDClassifier's parameters, with its defaults but for the epochs (10)
// and shuffling (off: file order, as the seed's programs run).
func newSGDFlags(stderr io.Writer) (*flag.FlagSet, *options, *sgdOptions) {
	o := &options{stderr: stderr, vectors: optimumVectors}
	s := &sgdOptions{}
	fs := flag.NewFlagSet("sgdlab sgd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&s.schedule, "learning-rate", "optimal", "the schedule: constant, optimal, invscaling, adaptive or adagrad")
	fs.Float64Var(&s.cfg.Eta0, "eta0", 0, "the initial rate η₀; > 0 for every schedule but optimal")
	fs.Float64Var(&s.cfg.PowerT, "power-t", 0.5, "invscaling's exponent: η = η₀/t^power-t")
	fs.Float64Var(&s.cfg.Alpha, "alpha", 0.0001, "the penalty α of (α/2)‖w‖², > 0")
	fs.Var(&s.average, "average", "average the weights: true (from the first step), false, or k (from the k-th step)")
	fs.IntVar(&s.cfg.Epochs, "epochs", 10, "passes over the training data (max_iter)")
	fs.Float64Var(&s.cfg.Tol, "tol", 0, "stop, or with adaptive divide η by 5, after -n-iter-no-change epochs whose loss improves by less than tol; 0 is tol=None (scikit-learn's default is 1e-3)")
	fs.IntVar(&s.cfg.NIterNoChange, "n-iter-no-change", 5, "the epochs without improvement -tol waits for")
	fs.Float64Var(&s.cfg.InterceptDecay, "intercept-decay", 0.01, "the bias's steps are this times the weights': scikit-learn's 0.01 for sparse input, 1 for dense")
	fs.BoolVar(&s.cfg.Shuffle, "shuffle", false, "visit samples in a new random order each epoch (from -seed)")
	fs.Uint64Var(&s.cfg.Seed, "seed", 0, "seed for shuffling")
	o.dataFlags(fs)
	return fs, o, s
}

// parse reads the flags and checks every value before any work starts.
func (s *sgdOptions) parse(fs *flag.FlagSet, o *options, args []string) error {
	if err := parseArgs(fs, averageStep(args)); err != nil {
		return err
	}
	sched, err := logreg.ParseSchedule(s.schedule)
	if err != nil {
		return fmt.Errorf("%w: -learning-rate %q: want constant, optimal, invscaling, adaptive or adagrad", errUsage, s.schedule)
	}
	c := &s.cfg
	c.LearningRate, c.Average = sched, int(s.average)
	switch {
	case c.Epochs < 1:
		return fmt.Errorf("%w: -epochs must be >= 1, got %d", errUsage, c.Epochs)
	case !finite(c.Eta0) || c.Eta0 < 0:
		return fmt.Errorf("%w: -eta0 must be >= 0 and finite, got %g", errUsage, c.Eta0)
	case c.Eta0 == 0 && sched != logreg.OptimalRate:
		return fmt.Errorf("%w: -eta0 must be > 0 for -learning-rate %s", errUsage, sched)
	case !finite(c.PowerT):
		return fmt.Errorf("%w: -power-t must be finite, got %g", errUsage, c.PowerT)
	case c.PowerT == 0 && sched == logreg.InvScalingRate:
		return fmt.Errorf("%w: -power-t 0 with invscaling is a constant rate: use -learning-rate constant", errUsage)
	case !(c.Alpha > 0 && finite(c.Alpha)):
		return fmt.Errorf("%w: -alpha must be > 0 and finite, got %g", errUsage, c.Alpha)
	case c.Average < 0:
		return fmt.Errorf("%w: -average must be true, false or a step k >= 1, got %d", errUsage, c.Average)
	case c.Average > 0 && sched == logreg.AdaGradRate:
		return fmt.Errorf("%w: -average with -learning-rate adagrad: AdaGrad does not average", errUsage)
	case !(c.Tol >= 0 && finite(c.Tol)):
		return fmt.Errorf("%w: -tol must be >= 0 and finite (0: tol=None), got %g", errUsage, c.Tol)
	case c.Tol > 0 && sched == logreg.AdaGradRate:
		return fmt.Errorf("%w: -tol with -learning-rate adagrad: AdaGrad runs every epoch", errUsage)
	case c.NIterNoChange < 1:
		return fmt.Errorf("%w: -n-iter-no-change must be >= 1, got %d", errUsage, c.NIterNoChange)
	case !(c.InterceptDecay > 0 && finite(c.InterceptDecay)):
		return fmt.Errorf("%w: -intercept-decay must be > 0 and finite, got %g", errUsage, c.InterceptDecay)
	}
	// A flag the run would not read is refused, not ignored.
	set := given(fs)
	switch {
	case set["eta0"] && sched == logreg.OptimalRate:
		return fmt.Errorf("%w: -eta0 with -learning-rate optimal, whose rate is 1/(alpha·(t₀ + t − 1)); "+
			"-eta0 is read by constant, invscaling, adaptive and adagrad", errUsage)
	case set["power-t"] && sched != logreg.InvScalingRate:
		return fmt.Errorf("%w: -power-t is invscaling's exponent, not read by -learning-rate %s", errUsage, sched)
	case set["n-iter-no-change"] && c.Tol == 0:
		return fmt.Errorf("%w: -n-iter-no-change counts the epochs -tol waits for, and -tol is not set (tol=None)", errUsage)
	case set["intercept-decay"] && sched == logreg.AdaGradRate:
		return fmt.Errorf("%w: -intercept-decay with -learning-rate adagrad, which steps the bias as torch.optim.Adagrad does", errUsage)
	case set["seed"] && !c.Shuffle:
		return fmt.Errorf("%w: -seed seeds -shuffle's order, and without -shuffle the run reads no random number", errUsage)
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return o.checkFiles(fs)
}

// averageStep returns args with "-average K" written "-average=K", for a
// K that is a number or no flag: -average may stand alone, as a bool flag,
// so the flag package would not take the K after it, and the command takes
// no other arguments (a bad K is then the flag's error, which names it).
func averageStep(args []string) []string {
	out := append([]string(nil), args...)
	for i := 0; i+1 < len(out); i++ {
		if a := out[i]; a == "-average" || a == "--average" {
			_, err := strconv.Atoi(out[i+1])
			if err == nil || !strings.HasPrefix(out[i+1], "-") {
				out[i] += "=" + out[i+1]
				out = append(out[:i+1], out[i+2:]...)
			}
		}
		if out[i] == "--" {
			break
		}
	}
	return out
}

// averageFlag is -average: true or false, or the step k averaging starts
// at; a bare -average is true. Its value is SklearnConfig.Average.
type averageFlag int

func (a *averageFlag) String() string {
	switch *a {
	case 0:
		return "false"
	case 1:
		return "true"
	}
	return strconv.Itoa(int(*a))
}

func (a *averageFlag) Set(v string) error {
	if b, err := strconv.ParseBool(v); err == nil {
		*a = averageFlag(b2i(b))
		return nil
	}
	k, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("want true, false or a step k >= 1")
	}
	*a = averageFlag(k)
	return nil
}

// IsBoolFlag lets -average stand alone for -average=true.
func (a *averageFlag) IsBoolFlag() bool { return true }

// b2i returns 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
