package sgdfast

import "fmt"

// A callback may run on a goroutine the engine started (Run.OnEpoch on
// the evaluator's, Beside's eval on its own). A panic there would end the
// program, past any recover of the caller's, and leave the loop waiting
// for that goroutine. So the goroutine recovers it as an error, a
// *panicked, which stops the run as any error does; Train and Beside,
// once every goroutine they started has ended, panic again with its
// value on the caller's goroutine.

// panicked is a panic recovered from a callback.
type panicked struct{ value any }

func (p *panicked) Error() string { return fmt.Sprintf("a callback panicked: %v", p.value) }

// catching calls f and returns its error, or its panic as a *panicked.
func catching(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicked{v}
		}
	}()
	return f()
}

// repanic panics with the value of err's panic if err is a *panicked.
func repanic(err error) {
	if p, ok := err.(*panicked); ok {
		panic(p.value)
	}
}
