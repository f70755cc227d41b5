package sgdfast

import (
	"errors"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestBeside: evaluations run in order, one at a time, each on what its
// epoch's training left in its slot, never while that slot is trained
// again; the first epoch's error wins, after every evaluation before it,
// and none runs after Beside returns. Alone (GOMAXPROCS 1) and with a
// second core, with slow training and slow evaluations.
func TestBeside(t *testing.T) {
	errTrain, errEval := errors.New("train"), errors.New("eval")
	for _, procs := range []int{1, 2} {
		for _, tc := range []struct {
			name                string
			trainFail, evalFail int // the epoch that fails, or 0
			want                error
			evaluated           int // the epochs evaluated: 1 to this
		}{
			{"all", 0, 0, nil, 10},
			{"train fails", 7, 0, errTrain, 6},
			{"eval fails", 0, 4, errEval, 4},
			{"both, eval first", 8, 4, errEval, 4},
			{"both, train first", 3, 5, errTrain, 2},
		} {
			func() {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				const slots = 3
				var held [slots]int // the epoch each slot holds
				var busy atomic.Int32
				var evaluated []int
				running := true
				train := func(e, k int) error {
					time.Sleep(time.Duration(e%3) * time.Millisecond)
					held[k] = e
					if e == tc.trainFail {
						return errTrain
					}
					return nil
				}
				eval := func(e, k int) error {
					if !running {
						t.Errorf("%s: epoch %d evaluated after Beside returned", tc.name, e)
					}
					if busy.Add(1) != 1 {
						t.Errorf("%s: two evaluations at once", tc.name)
					}
					defer busy.Add(-1)
					time.Sleep(time.Duration(e%2) * 2 * time.Millisecond)
					if held[k] != e {
						t.Errorf("%s: epoch %d's slot holds epoch %d", tc.name, e, held[k])
					}
					evaluated = append(evaluated, e)
					if e == tc.evalFail {
						return errEval
					}
					return nil
				}
				err := Beside(1, 10, slots, train, eval)
				running = false
				want := make([]int, tc.evaluated)
				for k := range want {
					want[k] = k + 1
				}
				if err != tc.want || !slices.Equal(evaluated, want) {
					t.Errorf("GOMAXPROCS %d, %s: error %v, evaluated %v; want %v and 1 to %d", procs, tc.name, err, evaluated, tc.want, tc.evaluated)
				}
			}()
		}
	}
}
