package logreg

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestOnEpochPanics: a panic in OnEpoch, at the first record or the
// last, reaches the caller of every loop, on the engine and on the
// readable steps, alone (GOMAXPROCS 1) and with a second core, with the
// same value, after the records before it and with none after; and every
// goroutine the loop started has ended, none left blocked.
func TestOnEpochPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(97, 98))
	train, test := testkit.Random(r, 300, 20, 0.3), testkit.Random(r, 100, 20, 0.3)
	const epochs = 4
	type loop func(onEpoch func(Record)) (*History, error)
	cfg := func(onEpoch func(Record)) Config {
		return Config{Epochs: epochs, LearningRate: 0.01, OnEpoch: onEpoch}
	}
	sk := func(onEpoch func(Record)) SklearnConfig {
		return SklearnConfig{Epochs: epochs, OnEpoch: onEpoch}
	}
	loops := []struct {
		name  string
		first int // the first record's epoch
		run   loop
	}{
		{"TorchLoop engine", 1, func(on func(Record)) (*History, error) { return torchLoop(train, test, cfg(on), false) }},
		{"TorchLoop readable", 1, func(on func(Record)) (*History, error) { return torchLoop(train, test, cfg(on), true) }},
		{"TorchLoop float32", 1, func(on func(Record)) (*History, error) {
			c := cfg(on)
			c.Float32 = true
			return TorchLoop(train, test, c)
		}},
		{"NumPyLoop engine", 0, func(on func(Record)) (*History, error) { return numpyLoop(train, test, cfg(on), false) }},
		{"NumPyLoop readable", 0, func(on func(Record)) (*History, error) { return numpyLoop(train, test, cfg(on), true) }},
		{"SklearnLoop engine", 1, func(on func(Record)) (*History, error) { return sklearnLoop(train, test, sk(on), false) }},
		{"SklearnLoop readable", 1, func(on func(Record)) (*History, error) { return sklearnLoop(train, test, sk(on), true) }},
		{"SklearnLoop tol", 1, func(on func(Record)) (*History, error) {
			c := sk(on)
			c.Tol = 1e-3
			return SklearnLoop(train, test, c)
		}},
		{"SklearnLoop AdaGrad engine", 1, func(on func(Record)) (*History, error) {
			c := sk(on)
			c.LearningRate, c.Eta0 = AdaGradRate, 0.1
			return sklearnLoop(train, test, c, false)
		}},
		{"SklearnLoop AdaGrad readable", 1, func(on func(Record)) (*History, error) {
			c := sk(on)
			c.LearningRate, c.Eta0 = AdaGradRate, 0.1
			return sklearnLoop(train, test, c, true)
		}},
	}
	type boom struct{ where string }
	for _, procs := range []int{1, 2} {
		for _, lp := range loops {
			for _, at := range []int{lp.first, epochs} {
				func() {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
					baseline := runtime.NumGoroutine()
					want := &boom{lp.name}
					var mu sync.Mutex
					var seen []int
					got := testkit.Recovered(func() {
						lp.run(func(rec Record) {
							mu.Lock()
							seen = append(seen, rec.Epoch)
							mu.Unlock()
							if rec.Epoch == at {
								panic(want)
							}
						})
					})
					mu.Lock()
					atReturn := slices.Clone(seen)
					mu.Unlock()
					var wantSeen []int
					for e := lp.first; e <= at; e++ {
						wantSeen = append(wantSeen, e)
					}
					if got != want || !slices.Equal(atReturn, wantSeen) {
						t.Errorf("GOMAXPROCS %d, %s, panic at epoch %d: recovered %v, records %v; want %v and %v", procs, lp.name, at, got, atReturn, want, wantSeen)
					}
					if !testkit.Settle(baseline) {
						t.Errorf("GOMAXPROCS %d, %s, panic at epoch %d: %d goroutines after the loop, %d before", procs, lp.name, at, runtime.NumGoroutine(), baseline)
					}
					mu.Lock()
					defer mu.Unlock()
					if !slices.Equal(seen, atReturn) {
						t.Errorf("GOMAXPROCS %d, %s, panic at epoch %d: records %v after the loop", procs, lp.name, at, seen[len(atReturn):])
					}
				}()
			}
		}
	}
}
