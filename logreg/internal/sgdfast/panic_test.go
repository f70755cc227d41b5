package sgdfast

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// boom is a panic value the tests recognise by identity.
type boom struct{ where string }

// TestTrainCallbackPanics: a panic in OnEpoch, at the first record
// (reported by the loop, the other goroutine stalled; or by the other
// goroutine, while the loop waits for its next order) or at the last, or
// a panic in Order on the loop's goroutine, reaches Train's caller with
// the same value, after the records before it and none after; every
// goroutine Train started has ended, and none is left blocked.
func TestTrainCallbackPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(95, 96))
	train := testkit.Random(r, 400, 20, 0.3)
	test := testkit.Random(r, 100, 20, 0.3)
	const epochs = 4
	kinds := []struct {
		name  string
		p     Params
		first int
	}{
		{"Torch", Params{Kind: Torch, LR: 0.01}, 1},
		{"NumPy", Params{Kind: NumPy, LR: 0.01, Lambda: 1e-4, Momentum: 0.9, PrePass: true}, 0},
		{"Sklearn", Params{Kind: Sklearn, SGD: SGDParams{Schedule: Constant, Eta0: 0.05, Alpha: 1e-3, InterceptDecay: 0.01}}, 1},
		{"AdaGrad", Params{Kind: Sklearn, SGD: SGDParams{Schedule: AdaGrad, Eta0: 0.1, Alpha: 1e-4}}, 1},
	}
	for _, procs := range []int{1, 2} {
		for _, kind := range kinds {
			for _, tc := range []struct {
				name   string
				in     string // "OnEpoch" or "Order"
				at     int    // the epoch whose record or pass panics
				stall  bool   // the other goroutine is slow
				slowly bool   // the loop is slow to start a pass
			}{
				{"OnEpoch, first, loop reports", "OnEpoch", kind.first, true, false},
				{"OnEpoch, first, other reports", "OnEpoch", kind.first, false, true},
				{"OnEpoch, last", "OnEpoch", epochs, false, false},
				{"Order, second pass", "Order", kind.first + 1, false, true},
			} {
				func() {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
					baseline := runtime.NumGoroutine()
					run := newRun(kind.p, train, test, epochs)
					if kind.p.Kind == Sklearn && kind.p.SGD.Schedule != AdaGrad {
						run.State = &SGDState{V: make([]float64, train.Width), Scale: 1, T: 1, AvgB: 1}
						run.ExactSGD = func(i int) (float64, bool) {
							t.Errorf("%s: row %d left to the formulas", kind.name, i)
							return 0, false
						}
					}
					if tc.stall {
						run.stall = func() { time.Sleep(2 * time.Millisecond) }
					}
					want := &boom{kind.name + ", " + tc.name}
					order, pass := run.Order, kind.first
					run.Order = func() []int {
						if tc.slowly && pass > kind.first {
							time.Sleep(2 * time.Millisecond)
						}
						if tc.in == "Order" && pass == tc.at {
							panic(want)
						}
						pass++
						return order()
					}
					var mu sync.Mutex
					var seen []int
					run.OnEpoch = func(e Epoch) {
						mu.Lock()
						seen = append(seen, e.Epoch)
						mu.Unlock()
						if tc.in == "OnEpoch" && e.Epoch == tc.at {
							panic(want)
						}
					}
					got := testkit.Recovered(func() { Train(run) })
					mu.Lock()
					atReturn := slices.Clone(seen)
					mu.Unlock()
					if got != want {
						t.Errorf("GOMAXPROCS %d, %s: recovered %v, want %v", procs, want.where, got, want)
					}
					last := tc.at // the last epoch reported
					if tc.in == "Order" {
						last = min(tc.at-1, epochs)
					}
					var wantSeen []int
					for e := kind.first; e <= last; e++ {
						wantSeen = append(wantSeen, e)
					}
					if !slices.Equal(atReturn, wantSeen) {
						t.Errorf("GOMAXPROCS %d, %s: epochs reported %v, want %v", procs, want.where, atReturn, wantSeen)
					}
					if !testkit.Settle(baseline) {
						t.Errorf("GOMAXPROCS %d, %s: %d goroutines after Train, %d before", procs, want.where, runtime.NumGoroutine(), baseline)
					}
					mu.Lock()
					defer mu.Unlock()
					if !slices.Equal(seen, atReturn) {
						t.Errorf("GOMAXPROCS %d, %s: epochs %v reported after Train", procs, want.where, seen[len(atReturn):])
					}
				}()
			}
		}
	}
}

// TestBesidePanics: a panic in eval, at the first epoch or the last, or
// in train, reaches Beside's caller with the same value, once the
// evaluations before it have run and with none after; the other goroutine
// has ended. Alone (GOMAXPROCS 1) and with a second core.
func TestBesidePanics(t *testing.T) {
	const last = 6
	for _, procs := range []int{1, 2} {
		for _, tc := range []struct {
			name      string
			in        string // "eval" or "train"
			at        int
			evaluated int // the epochs evaluated: 1 to this
		}{
			{"eval, first", "eval", 1, 1},
			{"eval, last", "eval", last, last},
			{"train, third", "train", 3, 2},
		} {
			func() {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				baseline := runtime.NumGoroutine()
				want := &boom{tc.name}
				var mu sync.Mutex
				var evaluated []int
				train := func(e, k int) error {
					if tc.in == "train" && e == tc.at {
						panic(want)
					}
					return nil
				}
				eval := func(e, k int) error {
					time.Sleep(time.Millisecond)
					mu.Lock()
					evaluated = append(evaluated, e)
					mu.Unlock()
					if tc.in == "eval" && e == tc.at {
						panic(want)
					}
					return nil
				}
				got := testkit.Recovered(func() { Beside(1, last, 3, train, eval) })
				mu.Lock()
				atReturn := slices.Clone(evaluated)
				mu.Unlock()
				wantEvaluated := make([]int, tc.evaluated)
				for k := range wantEvaluated {
					wantEvaluated[k] = k + 1
				}
				if got != want || !slices.Equal(atReturn, wantEvaluated) {
					t.Errorf("GOMAXPROCS %d, %s: recovered %v, evaluated %v; want %v and 1 to %d", procs, tc.name, got, atReturn, want, tc.evaluated)
				}
				if !testkit.Settle(baseline) {
					t.Errorf("GOMAXPROCS %d, %s: %d goroutines after Beside, %d before", procs, tc.name, runtime.NumGoroutine(), baseline)
				}
				mu.Lock()
				defer mu.Unlock()
				if !slices.Equal(evaluated, atReturn) {
					t.Errorf("GOMAXPROCS %d, %s: epochs %v evaluated after Beside", procs, tc.name, evaluated[len(atReturn):])
				}
			}()
		}
	}
}
