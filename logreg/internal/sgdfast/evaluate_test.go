package sgdfast

import (
	"math/rand/v2"
	"runtime"
	"slices"
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
