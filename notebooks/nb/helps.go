package nb

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// Way is one way of training per sample, for notebook 06: a name and a run
// of SklearnLoop (schedules, averaging, AdaGrad) or of NumPyLoop (the
// seed's program, momentum).
type Way struct {
	Name string
	run  func(train, test *data.Dataset) (*logreg.History, error)
}

// Sklearn is the way that runs logreg.SklearnLoop with cfg. Where a
// cell's flag gives 0 for a field whose zero value logreg reads as a
// default, the run fails, saying so, rather than run another setting
// under the flag's name: Epochs below 1, and PowerT 0 with InvScalingRate
// (scikit-learn's constant rate, logreg's ½).
func Sklearn(name string, cfg logreg.SklearnConfig) Way {
	return Way{name, func(train, test *data.Dataset) (*logreg.History, error) {
		switch {
		case cfg.Epochs < 1:
			return nil, errEpochs(cfg.Epochs)
		case cfg.PowerT == 0 && cfg.LearningRate == logreg.InvScalingRate:
			return nil, errors.New("power_t 0 with invscaling is a constant rate: use logreg.ConstantRate")
		}
		return logreg.SklearnLoop(train, test, cfg)
	}}
}

// NumPy is the way that runs logreg.NumPyLoop with cfg, recording the
// objective; it fails for Epochs below 1, as Sklearn's way does.
func NumPy(name string, cfg logreg.Config) Way {
	cfg.RecordObjective = true
	return Way{name, func(train, test *data.Dataset) (*logreg.History, error) {
		if cfg.Epochs < 1 {
			return nil, errEpochs(cfg.Epochs)
		}
		return logreg.NumPyLoop(train, test, cfg)
	}}
}

// errEpochs refuses a way's epochs: logreg would run 0 as its default, 10.
func errEpochs(epochs int) error {
	return fmt.Errorf("epochs %d: a way trains for at least 1 (--epochs)", epochs)
}

// SeedRate is the seed's NumPy program at its constant rate 0.001 for the
// given epochs, the bias out of the penalty so that it descends the same
// F as the others, and without its pass before training.
func SeedRate(epochs int) Way {
	return NumPy("the seed's rate 0.001", logreg.Config{LearningRate: 0.001, BiasOutOfL2: true, NoPrePass: true, Epochs: epochs})
}

// Ways are notebook 06's six ways with their default settings, for the
// given epochs; α is 10⁻⁴ for all, and SklearnLoop's bias learns at the
// weights' rate (intercept decay 1), as in the seed's programs (AdaGrad
// has no intercept decay). Notebook 06's cells write the same settings.
func Ways(epochs int) []Way {
	sk := func(c logreg.SklearnConfig) logreg.SklearnConfig {
		c.Epochs, c.InterceptDecay = epochs, 1
		return c
	}
	return []Way{
		SeedRate(epochs),
		NumPy("momentum 0.9", logreg.Config{LearningRate: 0.001, Momentum: 0.9, BiasOutOfL2: true, NoPrePass: true, Epochs: epochs}),
		Sklearn("decaying rate", sk(logreg.SklearnConfig{LearningRate: logreg.InvScalingRate, Eta0: 1, PowerT: 0.5})),
		Sklearn("averaging", sk(logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.01, Average: 1})),
		Sklearn("decaying rate + averaging", sk(logreg.SklearnConfig{LearningRate: logreg.InvScalingRate, Eta0: 4, PowerT: 0.5, Average: 65123})),
		Sklearn("AdaGrad", logreg.SklearnConfig{LearningRate: logreg.AdaGradRate, Eta0: 0.1, Epochs: epochs}),
	}
}

// Result is one way's run in a Race.
type Result struct {
	Name    string
	History *logreg.History
	// NoTest says the run had no test set: its records' test errors are 0,
	// not measured, and Line and Table leave them out.
	NoTest bool
}

// Race is a comparison of ways on one objective: F* and the optimum's model,
// and each way's run.
type Race struct {
	FStar   float64
	Optimum logreg.Model
	Results []Result
	test    *data.Dataset
}

// Run finds F*, the minimum of the ways' objective (logreg.OptimalObjective
// for their α, which the runs record), trains every way on train, and
// prints F* and one line per way (Result.Line). A way that fails is named
// with its error and the others still run: a way that diverged keeps its
// epochs before, which the charts draw. It returns nil after printing the
// error if no way ran, the optimum fails, or the ways differ in α: their F
// would then have no common F*.
func Run(train, test *data.Dataset, ways ...Way) *Race {
	r, err := RunQuiet(train, test, ways...)
	if err != nil {
		fmt.Println(err)
	}
	if r == nil {
		return nil
	}
	if test != nil {
		fmt.Printf("F* = %.10f (L-BFGS); the optimum's test error %.4f\n", r.FStar, logreg.ErrorRate(r.Optimum, test))
	} else {
		fmt.Printf("F* = %.10f (L-BFGS)\n", r.FStar)
	}
	for _, res := range r.Results {
		fmt.Println(res.Line(r.FStar))
	}
	return r
}

// RunQuiet is Run without printing: the race of the ways that ran, and an
// error naming each way that failed (a way that diverged stays in the race
// with its epochs before); or no race, and an error that says why: no way
// ran, the optimum failed, two ways differ in α, or there are none.
func RunQuiet(train, test *data.Dataset, ways ...Way) (*Race, error) {
	if len(ways) == 0 {
		return nil, errors.New("no ways to run: give Run at least one (nb.Ways lists six)")
	}
	r := &Race{test: test}
	var failed []error
	for _, w := range ways {
		if w.run == nil {
			failed = append(failed, fmt.Errorf("way %q has nothing to run: make ways with nb.Sklearn or nb.NumPy", w.Name))
			continue
		}
		h, err := w.run(train, test)
		if err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", w.Name, err))
		}
		if err == nil || errors.Is(err, logreg.ErrDiverged) && h != nil && len(h.Epochs) > 0 {
			r.Results = append(r.Results, Result{Name: w.Name, History: h, NoTest: test == nil})
		}
	}
	if len(r.Results) == 0 {
		return nil, errors.Join(failed...)
	}
	first := r.Results[0]
	alpha := first.History.Alpha
	for _, res := range r.Results[1:] {
		if a := res.History.Alpha; a != alpha {
			return nil, fmt.Errorf("%s descends F with alpha %g, %s with alpha %g: no common F*; give every way the same penalty", first.Name, alpha, res.Name, a)
		}
	}
	var err error
	if r.FStar, r.Optimum, err = logreg.OptimalObjective(train, alpha); err != nil {
		return nil, fmt.Errorf("the optimum: %w", err)
	}
	return r, errors.Join(failed...)
}

// EpochsTo returns the first epoch whose objective is within tol of fstar,
// F − F* ≤ tol, or −1 if none is (0 is NumPyLoop's pass before training).
func (res Result) EpochsTo(fstar, tol float64) int {
	for _, r := range res.History.Epochs {
		if r.Objective-fstar <= tol {
			return r.Epoch
		}
	}
	return -1
}

// Line is the way's result in words:
//
//	<name>: F − F* ≤ 1e-3 at epoch 3, ≤ 1e-4 at epoch 45; after 100 epochs F − F* 5.77e-05, test error 0.1499; 1.23 ms per epoch
//
// with "never" for a bound not reached, and the median training time of an
// epoch; "<name>: no epochs" for a run that recorded none.
func (res Result) Line(fstar float64) string {
	if res.History == nil || len(res.History.Epochs) == 0 {
		return res.Name + ": no epochs"
	}
	last := res.History.Epochs[len(res.History.Epochs)-1]
	return fmt.Sprintf("%s: F − F* ≤ 1e-3 %s, ≤ 1e-4 %s; after %d epochs F − F* %.2e%s; %.2f ms per epoch",
		res.Name, atEpoch(res.EpochsTo(fstar, 1e-3)), atEpoch(res.EpochsTo(fstar, 1e-4)), last.Epoch,
		last.Objective-fstar, res.testError(", test error %.4f"), 1000*MedianSeconds(res.History))
}

// testError formats the last test error with format, or returns "" for a
// run without a test set.
func (res Result) testError(format string) string {
	if res.NoTest {
		return ""
	}
	return fmt.Sprintf(format, res.History.Epochs[len(res.History.Epochs)-1].TestError)
}

// atEpoch says where a bound was reached.
func atEpoch(e int) string {
	if e < 0 {
		return "never"
	}
	return fmt.Sprintf("at epoch %d", e)
}

// GapChart draws each way's F − F* per epoch on a log axis.
func (r *Race) GapChart() {
	if r == nil {
		return
	}
	lines := make([]chart.Series, len(r.Results))
	for i, res := range r.Results {
		lines[i] = chart.Gap(r.FStar).Series(res.Name, res.History)
	}
	chart.Display(chart.Plot{Title: "distance to the optimum per epoch", Subtitle: fmt.Sprintf("F* = %.10f", r.FStar),
		Y: chart.Axis{Name: "F − F*", Log: true}, Series: lines}.Chart())
}

// TestErrorChart draws each way's test error per epoch, and the optimum's
// as a flat line; without a test set it says there is none.
func (r *Race) TestErrorChart() {
	if r == nil || len(r.Results) == 0 {
		return
	}
	if r.test == nil {
		fmt.Println("no test set: no test error to draw")
		return
	}
	lines := make([]chart.Series, 0, len(r.Results)+1)
	for _, res := range r.Results {
		lines = append(lines, chart.TestError.Series(res.Name, res.History))
	}
	floor := chart.TestError.Series("the optimum", r.Results[0].History)
	optimum := logreg.ErrorRate(r.Optimum, r.test)
	for i := range floor.Y {
		floor.Y[i] = optimum
	}
	chart.Display(chart.Plot{Title: "test error per epoch", Y: chart.Axis{Name: "test error"},
		Series: append(lines, floor)}.Chart())
}

// Table shows the results as a table: epochs to F − F* ≤ 10⁻³ and ≤ 10⁻⁴,
// the last F − F* and test error, and the median time of an epoch.
func (r *Race) Table() {
	if r == nil {
		return
	}
	rows := make([][]string, 0, len(r.Results))
	for _, res := range r.Results {
		if res.History == nil || len(res.History.Epochs) == 0 {
			rows = append(rows, []string{res.Name, "—", "—", "—", "—", "—"})
			continue
		}
		last := res.History.Epochs[len(res.History.Epochs)-1]
		rows = append(rows, []string{res.Name, epochsCell(res.EpochsTo(r.FStar, 1e-3)), epochsCell(res.EpochsTo(r.FStar, 1e-4)),
			fmt.Sprintf("%.2e", last.Objective-r.FStar), cmp.Or(res.testError("%.4f"), "—"),
			fmt.Sprintf("%.2f", 1000*MedianSeconds(res.History))})
	}
	chart.Table([]string{"way", "epochs to F − F* ≤ 1e-3", "to ≤ 1e-4", "last F − F*", "last test error", "ms per epoch"}, rows).Display()
}

// epochsCell is an EpochsTo count for the table.
func epochsCell(e int) string {
	if e < 0 {
		return "not reached"
	}
	return fmt.Sprint(e)
}
