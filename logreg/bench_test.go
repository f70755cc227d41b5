package logreg

import (
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// loop is the signature the benchmarked loops share.
type loop func(train, test *data.Dataset, cfg Config) (*History, error)

// benchA9A times whole runs of run on a9a with cfg, the train and test
// error evaluation of every epoch included. The allocations it reports are
// a run's (the History, the model, the buffers of one run), not an epoch's:
// see benchPassA9A for those.
func benchA9A(b *testing.B, run loop, cfg Config) {
	train, test := testkit.A9A(b)
	b.ReportAllocs()
	var best testkit.BestTime
	for b.Loop() {
		best.Start()
		if _, err := run(train, test, cfg); err != nil {
			b.Fatal(err)
		}
		best.Stop()
	}
	best.Report(b)
}

// 10 epochs on a9a, as the seed configures each loop.

func BenchmarkTorchLoopA9A10Epochs(b *testing.B) { benchA9A(b, TorchLoop, Config{}) }

func BenchmarkTorchLoopA9A10EpochsFloat32(b *testing.B) {
	benchA9A(b, TorchLoop, Config{Float32: true})
}

// BenchmarkNumPyLoopA9A10Epochs includes the seed's pre-pass ("Epoch 0").
func BenchmarkNumPyLoopA9A10Epochs(b *testing.B) { benchA9A(b, NumPyLoop, Config{}) }

func BenchmarkNumPyLoopA9A10EpochsMomentum09(b *testing.B) {
	benchA9A(b, NumPyLoop, Config{Momentum: 0.9})
}

// One epoch each.

func BenchmarkTorchEpochA9A(b *testing.B) { benchA9A(b, TorchLoop, Config{Epochs: 1}) }

func BenchmarkTorchEpochA9AFloat32(b *testing.B) {
	benchA9A(b, TorchLoop, Config{Epochs: 1, Float32: true})
}

func BenchmarkNumPyEpochA9A(b *testing.B) {
	benchA9A(b, NumPyLoop, Config{Epochs: 1, NoPrePass: true})
}

func BenchmarkNumPyEpochA9AMomentum09(b *testing.B) {
	benchA9A(b, NumPyLoop, Config{Epochs: 1, NoPrePass: true, Momentum: 0.9})
}

// BenchmarkNumPyEpochA9AEveryWeight is the readable step, which moves
// every weight, O(width) per step.
func BenchmarkNumPyEpochA9AEveryWeight(b *testing.B) {
	benchA9A(b, func(train, test *data.Dataset, cfg Config) (*History, error) {
		return numpyLoop(train, test, cfg, true)
	}, Config{Epochs: 1, NoPrePass: true})
}
