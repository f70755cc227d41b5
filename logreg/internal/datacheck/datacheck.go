package datacheck

import (
	"errors"
	"fmt"
	"math"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/sgdfast"
)

// ErrData marks a data set the loops cannot train or evaluate on; logreg
// exports it.
var ErrData = errors.New("logreg: unusable data")

// MaxWidth is the most columns a data set may have: a model of 2⁴⁰ weights
// takes 8 TB (and on a 32-bit system one of MaxInt/8 all of memory), and a
// width beyond it can only be a mistake, which make would turn into a
// panic.
const MaxWidth = min(1<<40, math.MaxInt/8)

// Sets returns an error wrapping ErrData unless train, and test if not nil,
// are non-empty sets with binary labels, each 0 or 1 as data.Read makes
// them, of one width in [0, MaxWidth], whose RowPtr and Value fit their
// Index (CheckRowPtr): another label would train and count as if it were
// one of them, and a RowPtr that does not fit, shift the rows, and give
// wrong numbers with no error.
func Sets(train, test *data.Dataset) error {
	if err := set(train, "train"); err != nil {
		return err
	}
	if test == nil {
		return nil
	}
	if err := set(test, "test"); err != nil {
		return err
	}
	if test.Width != train.Width {
		return fmt.Errorf("%w: test set has %d columns, train set %d (read them as a pair)", ErrData, test.Width, train.Width)
	}
	return nil
}

func set(d *data.Dataset, name string) error {
	switch {
	case d == nil:
		return fmt.Errorf("%w: no %s set", ErrData, name)
	case d.Rows() == 0:
		return fmt.Errorf("%w: empty %s set", ErrData, name)
	case len(d.Y) != d.Rows():
		return fmt.Errorf("%w: %s set has no binary labels", ErrData, name)
	case d.Width < 0 || d.Width > MaxWidth:
		return fmt.Errorf("%w: %s set has %d columns, want 0 to %d", ErrData, name, d.Width, MaxWidth)
	}
	e := EngineData(d)
	if err := Wrap(sgdfast.CheckRowPtr(&e, name)); err != nil {
		return err
	}
	if sgdfast.BinaryLabels(d.Y) {
		return nil
	}
	for i, y := range d.Y { // where the first other label is
		if y != 0 && y != 1 {
			return fmt.Errorf("%w: %s set: row %d has label %v, want 0 or 1", ErrData, name, i, y)
		}
	}
	return nil
}

// Rows returns an error wrapping ErrData for the first row of train, then
// of test if not nil, that is not as data.Read makes rows (bounds in RowPtr
// that fit Index, indices in [0, Width), increasing within a row if sorted),
// on which a readable step would index out of range, and for a value of
// test that is not finite; and of train too if trainValues. A run that does
// not check train's values finds one only if its weights stop being finite
// (TrainValues then tells it why).
func Rows(train, test *data.Dataset, sorted, trainValues bool) error {
	e := EngineData(train)
	if err := Wrap(sgdfast.CheckRows(&e, "train", sorted)); err != nil {
		return err
	}
	if test != nil {
		t := EngineData(test)
		if err := Wrap(sgdfast.CheckRows(&t, "test", false)); err != nil {
			return err
		}
		if err := Wrap(sgdfast.CheckValues(&t, "test")); err != nil {
			return err
		}
	}
	if trainValues {
		return TrainValues(train, false)
	}
	return nil
}

// TrainValues returns an error wrapping ErrData for the first value of the
// train set that is not finite, or in a float32 run (PyTorch's arithmetic)
// beyond float32's range, which it reads as ±Inf.
func TrainValues(train *data.Dataset, float32 bool) error {
	e := EngineData(train)
	if err := Wrap(sgdfast.CheckValues(&e, "train")); err != nil || !float32 {
		return err
	}
	for k, v := range train.Value {
		if math.Abs(v) > math.MaxFloat32 {
			return fmt.Errorf("%w: train set: row %d has value %v at feature %d, beyond float32's range (±%.4g): float32 reads it as ±Inf",
				ErrData, e.RowOf(k), v, train.Index[k]+1, math.MaxFloat32)
		}
	}
	return nil
}

// Wrap returns err, an error of the engine's about the data, as one
// wrapping ErrData; nil for nil.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %v", ErrData, err)
}

// EngineData is d as the engine, and its checks, take it.
func EngineData(d *data.Dataset) sgdfast.Data {
	return sgdfast.Data{RowPtr: d.RowPtr, Index: d.Index, Value: d.Value, Y: d.Y, Width: d.Width}
}

// Panic messages of Eval: programmer errors the loops rule out before they
// start.
const (
	PanicNoLabels   = "logreg: data set has no binary labels"
	PanicRows       = "logreg: data set's RowPtr does not fit its Index"
	PanicModelWidth = "logreg: model has fewer weights than the data has columns"
)

// Eval panics unless a model with width weights can classify d: a label
// 0 or 1 for each row, a RowPtr that fits Index (CheckRowPtr), and no more
// columns than weights. Another label would count as 0, a RowPtr out of
// shape would shift the rows: wrong numbers, with no error.
func Eval(width int, d *data.Dataset) {
	if d.Rows() == 0 {
		return
	}
	if len(d.Y) != d.Rows() || !sgdfast.BinaryLabels(d.Y) {
		panic(PanicNoLabels)
	}
	if e := EngineData(d); sgdfast.CheckRowPtr(&e, "") != nil {
		panic(PanicRows)
	}
	if width < d.Width {
		panic(PanicModelWidth)
	}
}
