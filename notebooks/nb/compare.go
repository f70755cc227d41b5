package nb

import (
	"fmt"

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
// histories in order, or prints the error and returns nil.
func Compare(train, test *data.Dataset, list ...Suggestion) []*logreg.History {
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
