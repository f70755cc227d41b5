package sgdfast

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Beside runs the epochs first to last of a loop whose steps and
// evaluation are the caller's (logreg's readable steps): train(e, slot)
// trains epoch e and keeps what its evaluation needs in slot, one of
// slots; eval(e, slot) evaluates it on a second goroutine, in order, one
// at a time, while later epochs train. A slot is given to train again only
// once its evaluation has returned. Beside returns the first epoch's
// error, of train or of eval, after every evaluation of an epoch before it
// has run; no evaluation runs after it returns. A panic in train or eval
// goes on from Beside, with the same value, once the second goroutine has
// ended. With GOMAXPROCS(0) = 1 it evaluates each epoch right after
// training it.
func Beside(first, last, slots int, train, eval func(e, slot int) error) error {
	if runtime.GOMAXPROCS(0) == 1 || slots < 2 {
		for e := first; e <= last; e++ {
			if err := train(e, 0); err != nil {
				return err
			}
			if err := eval(e, 0); err != nil {
				return err
			}
		}
		return nil
	}
	type job struct{ e, slot int }
	free, jobs := make(chan int, slots), make(chan job, slots)
	for k := range slots {
		free <- k
	}
	var failed atomic.Bool
	done := make(chan error, 1)
	go func() {
		var err error
		for j := range jobs {
			if err == nil {
				if err = catching(func() error { return eval(j.e, j.slot) }); err != nil {
					failed.Store(true)
				}
			}
			free <- j.slot
		}
		done <- err
	}()
	// end lets the evaluations of the epochs trained finish, and returns
	// the first one's error; deferred too, so that a panic in train leaves
	// no goroutine waiting for jobs.
	end := sync.OnceValue(func() error {
		close(jobs)
		return <-done
	})
	defer end()
	var err error
	for e := first; e <= last && !failed.Load(); e++ {
		slot := <-free
		if err = train(e, slot); err != nil {
			break
		}
		jobs <- job{e, slot}
	}
	if earlier := end(); earlier != nil {
		repanic(earlier)
		return earlier
	}
	return err
}
