package logreg

import (
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// loop is the signature the benchmarked loops share.
type loop func(train, test *data.Dataset, cfg Config) (*History, error)

// benchA9A times whole runs of run on a9a with cfg, the train and test
// error evaluation of every epoch included. The allocations it reports are
// a run's (the History, the model, the buffers of one run), not an epoch's:
// see benchPassA9A for those.
func benchA9A(b *testing.B, run loop, cfg Config) {
	train, test := loadA9A(b)
	b.ReportAllocs()
	var best bestTime
	for b.Loop() {
		best.start()
		if _, err := run(train, test, cfg); err != nil {
			b.Fatal(err)
		}
		best.stop()
	}
	best.report(b)
}

// bestTime keeps the fastest of a benchmark's iterations, reported beside
// the mean as best-ns/op. On this kind of shared machine the mean moves by
// half with the host's load from one minute to the next (BENCHMARKS.md);
// the best is what the code costs when it has the core to itself.
type bestTime struct {
	t0   time.Time
	best time.Duration
}

func (t *bestTime) start() { t.t0 = time.Now() }

func (t *bestTime) stop() {
	if d := time.Since(t.t0); t.best == 0 || d < t.best {
		t.best = d
	}
}

func (t *bestTime) report(b *testing.B) { b.ReportMetric(float64(t.best.Nanoseconds()), "best-ns/op") }

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

func BenchmarkNumPyDenseEpochA9A(b *testing.B) {
	benchA9A(b, NumPyLoopDense, Config{Epochs: 1, NoPrePass: true})
}
