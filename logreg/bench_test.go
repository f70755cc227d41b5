package logreg

import (
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// loop is the signature the benchmarked loops share.
type loop func(train, test *data.Dataset, cfg Config) (*History, error)

// benchEpochA9A times one call of run on a9a with cfg (one epoch, with its
// train and test error evaluation).
func benchEpochA9A(b *testing.B, run loop, cfg Config) {
	train, test := loadA9A(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(train, test, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTorchEpochA9A(b *testing.B) {
	benchEpochA9A(b, TorchLoop, Config{Epochs: 1})
}

func BenchmarkTorchEpochA9AFloat32(b *testing.B) {
	benchEpochA9A(b, TorchLoop, Config{Epochs: 1, Float32: true})
}

func BenchmarkMomentumEpochA9A(b *testing.B) {
	benchEpochA9A(b, MomentumSGD, Config{Epochs: 1, NoPrePass: true})
}

func BenchmarkMomentumEpochA9AMomentum09(b *testing.B) {
	benchEpochA9A(b, MomentumSGD, Config{Epochs: 1, NoPrePass: true, Momentum: 0.9})
}

func BenchmarkMomentumDenseEpochA9A(b *testing.B) {
	benchEpochA9A(b, MomentumSGDDense, Config{Epochs: 1, NoPrePass: true})
}
