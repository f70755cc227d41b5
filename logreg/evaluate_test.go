package logreg

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// TestEvaluationWhoeverRunsIt: the records do not depend on which
// goroutine ran which part of an evaluation: the loop alone (GOMAXPROCS 1),
// the two together, the loop doing nearly all of it while the other
// goroutine is stalled, every run the same, bit for bit but for Seconds.
func TestEvaluationWhoeverRunsIt(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	oneHotSet := oneHot(randomDataset(r, 3000, 60, 0.2))
	valued := randomDataset(r, 3000, 60, 0.2)
	testSet := oneHot(randomDataset(r, 1000, 60, 0.2))
	for _, tc := range []struct {
		name  string
		run   loop
		train *data.Dataset
		cfg   Config
	}{
		{"TorchLoop", TorchLoop, oneHotSet, Config{Epochs: 6}},
		{"TorchLoop float32", TorchLoop, oneHotSet, Config{Epochs: 4, Float32: true}},
		{"TorchLoop values", TorchLoop, valued, Config{Epochs: 4, Shuffle: true}},
		{"MomentumSGD", MomentumSGD, oneHotSet, Config{Epochs: 6}},
		{"MomentumSGD momentum", MomentumSGD, valued, Config{Epochs: 4, Momentum: 0.9}},
	} {
		runWith := func(procs int, stall func()) []Record {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			helperStall = stall
			defer func() { helperStall = nil }()
			h, err := tc.run(tc.train, testSet, tc.cfg)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			return withoutSeconds(h.Epochs)
		}
		want := runWith(1, nil)
		for i := range 6 {
			var stall func()
			if i%2 == 1 {
				stall = func() { time.Sleep(time.Millisecond) }
			}
			if got := runWith(2, stall); !sameRecords(got, want) {
				t.Errorf("%s, run %d (stalled %v): %+v, alone %+v", tc.name, i, stall != nil, got, want)
			}
		}
	}
}

// withoutSeconds returns the records with Seconds set to 0.
func withoutSeconds(recs []Record) []Record {
	out := append([]Record(nil), recs...)
	for k := range out {
		out[k].Seconds = 0
	}
	return out
}

// sameRecords reports whether a and b are equal field by field, bit for
// bit (NaN's included).
func sameRecords(a, b []Record) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		x, y := a[k], b[k]
		if x.Epoch != y.Epoch || !sameBits(x.Loss, y.Loss) || !sameBits(x.RunningAccuracy, y.RunningAccuracy) ||
			!sameBits(x.AsWrittenError, y.AsWrittenError) || !sameBits(x.TrainError, y.TrainError) ||
			!sameBits(x.TestError, y.TestError) || !sameBits(x.Seconds, y.Seconds) {
			return false
		}
	}
	return true
}

// sameBits reports whether a and b have the same bits.
func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
