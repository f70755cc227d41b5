package nb

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

// Suggestion is one piece of advice the user got, carried out as a Config of
// the NumPy program; the zero Config is the program as written.
type Suggestion struct {
	Name   string
	Config logreg.Config
}

// AsWritten is the program's own setting.
func AsWritten() Suggestion { return Suggestion{Name: "as written"} }

// Compare trains the NumPy program (logreg.NumPyLoop) with each
// suggestion, prints each final test error, measured correctly, as
//
//	<name, 22 wide> final test error 0.1483
//
// and draws their test error per epoch on one chart. It returns the
// histories in order, or prints the error and returns nil: that of a run,
// or that there is no test set or no suggestion.
func Compare(train, test *data.Dataset, list ...Suggestion) []*logreg.History {
	switch {
	case test == nil:
		fmt.Println("Compare measures the test error: give it a test set (nb.A9A returns a9a's)")
		return nil
	case len(list) == 0:
		fmt.Println("nothing to compare: give Compare a suggestion or more (nb.AsWritten() is the program as written)")
		return nil
	}
	var hs []*logreg.History
	var lines []chart.Series
	for _, s := range list {
		h, err := logreg.NumPyLoop(train, test, s.Config)
		if err != nil {
			fmt.Printf("%s: %v\n", s.Name, err)
			return nil
		}
		fmt.Printf("%-22s final test error %.4f\n", s.Name, h.Epochs[len(h.Epochs)-1].TestError)
		hs, lines = append(hs, h), append(lines, chart.TestError.Series(s.Name, h))
	}
	chart.Display(chart.Overlay("test error per epoch", "test error", lines...))
	return hs
}

// LearningRates returns a suggestion per learning rate in list, a
// comma-separated flag such as "0.0001,0.001,0.01", each named "learning
// rate " and its text; or an error for a rate that is not a positive,
// finite number (logreg reads 0 as its default, 0.001).
func LearningRates(list string) ([]Suggestion, error) {
	var out []Suggestion
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		lr, err := strconv.ParseFloat(s, 64)
		if err != nil || !(lr > 0 && lr <= math.MaxFloat64) {
			return nil, fmt.Errorf("learning rate %q: want a positive, finite number", s)
		}
		out = append(out, Suggestion{Name: "learning rate " + s, Config: logreg.Config{LearningRate: lr}})
	}
	return out, nil
}
