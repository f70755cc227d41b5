package sgdfast

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestEvaluationWhoeverRunsIt: the records do not depend on which
// goroutine ran which part of an evaluation: the loop alone (GOMAXPROCS 1),
// the two together, the loop doing nearly all of it while the other
// goroutine is stalled, every run the same, bit for bit but for Seconds.
func TestEvaluationWhoeverRunsIt(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	oneHot := testkit.OneHot(testkit.Random(r, 3000, 60, 0.2))
	valued := testkit.Random(r, 3000, 60, 0.2)
	testSet := testkit.OneHot(testkit.Random(r, 1000, 60, 0.2))
	for _, tc := range []struct {
		name    string
		p       Params
		train   *data.Dataset
		epochs  int
		shuffle bool
	}{
		{"Torch", Params{Kind: Torch, LR: 0.001}, oneHot, 6, false},
		{"Torch values", Params{Kind: Torch, LR: 0.001}, valued, 4, true},
		{"NumPy", Params{Kind: NumPy, LR: 0.001, Lambda: 1e-4, PenalBias: true, PrePass: true}, oneHot, 6, false},
		{"NumPy momentum", Params{Kind: NumPy, LR: 0.001, Lambda: 1e-4, Momentum: 0.9, PrePass: true}, valued, 4, false},
	} {
		runWith := func(procs int, stall func()) []Epoch {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			run := newRun(tc.p, tc.train, testSet, tc.epochs)
			run.stall = stall
			if tc.shuffle {
				rng := rand.New(rand.NewPCG(1, 2))
				order := fileOrder(tc.train.Rows())()
				run.Order = func() []int {
					rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
					return order
				}
				run.Shuffled = true
			}
			recs, _, err := collect(run)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			for k := range recs {
				recs[k].Seconds = 0
			}
			return recs
		}
		want := runWith(1, nil)
		for i := range 6 {
			var stall func()
			if i%2 == 1 {
				stall = func() { time.Sleep(time.Millisecond) }
			}
			if got := runWith(2, stall); !slices.Equal(got, want) {
				t.Errorf("%s, run %d (stalled %v): %+v, alone %+v", tc.name, i, stall != nil, got, want)
			}
		}
	}
}

// TestDivergedAfterPendingEpochs: a run that diverges while earlier
// epochs' evaluations are pending (the other goroutine stalled) reports
// every one of them before Train returns, and nothing after.
func TestDivergedAfterPendingEpochs(t *testing.T) {
	d := testkit.Random(rand.New(rand.NewPCG(93, 94)), 50, 10, 0.5)
	for _, procs := range []int{1, 2} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			run := newRun(Params{Kind: Torch, LR: 0.01}, d, d, 10)
			for j := range run.W {
				run.W[j] = 100 // every logit far outside the fast step's range
			}
			exact, calls := run.Exact, 0
			run.Exact = func(i int, b float64) (float64, float64, bool) {
				p, b, ok := exact(i, b)
				calls++
				return p, b, ok && calls < 4*d.Rows()+7 // "diverges" in epoch 5
			}
			run.stall = func() { time.Sleep(2 * time.Millisecond) }
			var mu sync.Mutex
			var seen []int
			run.OnEpoch = func(e Epoch) {
				mu.Lock()
				seen = append(seen, e.Epoch)
				mu.Unlock()
			}
			_, err := Train(run)
			var div *Diverged
			if !errors.As(err, &div) || div.Epoch != 5 {
				t.Fatalf("GOMAXPROCS %d: error %v, want divergence in epoch 5", procs, err)
			}
			mu.Lock()
			got := slices.Clone(seen)
			mu.Unlock()
			time.Sleep(20 * time.Millisecond) // nothing more may come
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(got, []int{1, 2, 3, 4}) || !slices.Equal(seen, got) {
				t.Errorf("GOMAXPROCS %d: epochs reported %v when Train returned, %v after; want 1 to 4", procs, got, seen)
			}
		}()
	}
}
