package logreg

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/libm"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestTorchLoopMatchesPyTorch compares TorchLoop with the traces of the
// PyTorch program on a9a: every epoch's loss sum within 1e-6 relative (in
// float32 with the C library's expf and logf: equal, and so are the final
// weights), every running accuracy and the final accuracies to the 4
// decimals printed.
func TestTorchLoopMatchesPyTorch(t *testing.T) {
	train, test := testkit.A9A(t)
	for _, tc := range []struct {
		trace   string
		float32 bool
	}{
		{"torch_float32.json", true},
		{"torch_float64.json", false},
	} {
		t.Run(tc.trace, func(t *testing.T) {
			var ref torchTrace
			readTrace(t, tc.trace, &ref)
			h, err := TorchLoop(train, test, Config{Float32: tc.float32})
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Epochs) != len(ref.Epochs) {
				t.Fatalf("%d epochs, trace has %d", len(h.Epochs), len(ref.Epochs))
			}
			// With the C library's expf and logf (build tag sgdlab_libm),
			// float32 mode is PyTorch's arithmetic exactly.
			tol := 1e-6
			if tc.float32 && libm.Exact {
				tol = 0
			}
			maxRel, maxRight := 0.0, 0
			for k, want := range ref.Epochs {
				got := h.Epochs[k]
				rel := math.Abs(got.Loss-want.Loss) / math.Abs(want.Loss)
				maxRel = max(maxRel, rel)
				right := int(math.Round(got.RunningAccuracy * float64(train.Rows())))
				maxRight = max(maxRight, abs(right-want.Correct))
				if rel > tol {
					t.Errorf("epoch %d: loss %.10g, PyTorch %.10g (relative %.2g)", want.Epoch, got.Loss, want.Loss, rel)
				}
				if g, w := f4(got.RunningAccuracy), f4(want.Accuracy); g != w {
					t.Errorf("epoch %d: accuracy %s, PyTorch %s", want.Epoch, g, w)
				}
			}
			last := h.Epochs[len(h.Epochs)-1]
			if g, w := f4(1-last.TrainError), f4(ref.FinalTrainAccuracy); g != w {
				t.Errorf("final train accuracy %s, PyTorch %s", g, w)
			}
			if g, w := f4(1-last.TestError), f4(ref.FinalTestAccuracy); g != w {
				t.Errorf("final test accuracy %s, PyTorch %s", g, w)
			}
			maxW := math.Abs(h.Model.B - ref.FinalModel.B)
			for j, w := range ref.FinalModel.W {
				maxW = max(maxW, math.Abs(h.Model.W[j]-w))
			}
			if tol == 0 && maxW != 0 {
				t.Errorf("final weights differ from PyTorch's by up to %.3g", maxW)
			}
			t.Logf("max relative loss difference %.3g, max running-count difference %d, final train/test correct %d/%d vs %d/%d, max weight difference %.3g",
				maxRel, maxRight,
				train.Rows()-int(math.Round(last.TrainError*float64(train.Rows()))),
				test.Rows()-int(math.Round(last.TestError*float64(test.Rows()))),
				ref.FinalTrainCorrect, ref.FinalTestCorrect, maxW)
		})
	}
}

func f4(x float64) string { return fmt.Sprintf("%.4f", x) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// oneRow is a data set of one positive row with features 0 and 2.
func oneRow() *data.Dataset {
	return &data.Dataset{
		RowPtr: []int{0, 2}, Index: []int32{0, 2}, Value: []float64{1, 1},
		Label: []float64{1}, Y: []float64{1}, Width: 3,
	}
}

// TestTorchLoopOneStep follows one step by hand: from zero, p = 0.5, the
// loss is log 2, the prediction (p ≥ 0.5 → 1) is right, ∂L/∂z = −0.5, and
// each parameter the sample touches moves by lr·0.5.
func TestTorchLoopOneStep(t *testing.T) {
	for _, f32 := range []bool{false, true} {
		h, err := TorchLoop(oneRow(), nil, Config{Epochs: 1, LearningRate: 0.1, Float32: f32})
		if err != nil {
			t.Fatal(err)
		}
		step := 0.1 * 0.5
		if f32 {
			step = float64(float32(0.1) * 0.5)
		}
		rec := h.Epochs[0]
		if math.Abs(rec.Loss-math.Ln2) > 1e-7 || rec.RunningAccuracy != 1 {
			t.Errorf("float32=%v: loss %v accuracy %v, want log 2 and 1", f32, rec.Loss, rec.RunningAccuracy)
		}
		want := Model{W: []float64{step, 0, step}, B: step}
		if !slices.Equal(h.Model.W, want.W) || h.Model.B != want.B {
			t.Errorf("float32=%v: model %v, want %v", f32, h.Model, want)
		}
	}
}

// TestTorchLoopPrecisions runs both precisions on random data: the float32
// history follows the float64 one to float32 accuracy.
func TestTorchLoopPrecisions(t *testing.T) {
	train := testkit.Random(rand.New(rand.NewPCG(1, 2)), 500, 40, 0.3)
	test := testkit.Random(rand.New(rand.NewPCG(3, 4)), 200, 40, 0.3)
	cfg := Config{Epochs: 5, LearningRate: 0.05}
	h64, err := TorchLoop(train, test, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Float32 = true
	h32, err := TorchLoop(train, test, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for k, r64 := range h64.Epochs {
		r32 := h32.Epochs[k]
		if rel := math.Abs(r32.Loss-r64.Loss) / r64.Loss; rel > 1e-5 {
			t.Errorf("epoch %d: loss %v (float32) and %v (float64)", r64.Epoch, r32.Loss, r64.Loss)
		}
		if math.Abs(r32.TrainError-r64.TrainError) > 0.01 || math.Abs(r32.TestError-r64.TestError) > 0.01 {
			t.Errorf("epoch %d: errors %+v and %+v", r64.Epoch, r32, r64)
		}
	}
	if first, last := h64.Epochs[0], h64.Epochs[len(h64.Epochs)-1]; last.Loss >= first.Loss {
		t.Errorf("loss did not decrease: %v then %v", first.Loss, last.Loss)
	}
}

// TestTorchLoopSeeded checks that shuffling and random initialisation
// depend on the seed and on nothing else.
func TestTorchLoopSeeded(t *testing.T) {
	train := testkit.Random(rand.New(rand.NewPCG(5, 6)), 200, 10, 0.5)
	run := func(cfg Config) *History {
		t.Helper()
		cfg.Epochs = 2
		h, err := TorchLoop(train, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	same := func(a, b *History) bool {
		return a.Epochs[1].Loss == b.Epochs[1].Loss && slices.Equal(a.Model.W, b.Model.W)
	}
	for _, cfg := range []Config{{Shuffle: true}, {InitStd: 0.1}, {Shuffle: true, InitStd: 0.1, Float32: true}} {
		a, b := cfg, cfg
		a.Seed, b.Seed = 1, 2
		if !same(run(a), run(a)) {
			t.Errorf("%+v: two runs with one seed differ", a)
		}
		if same(run(a), run(b)) {
			t.Errorf("%+v: seeds 1 and 2 gave the same run", a)
		}
	}
	if !same(run(Config{Seed: 1}), run(Config{Seed: 2})) {
		t.Error("the seed changed a run that draws nothing")
	}
}

func TestTorchLoopOnEpoch(t *testing.T) {
	var seen []Record
	h, err := TorchLoop(testkit.Hand(), testkit.Hand(), Config{Epochs: 3, OnEpoch: func(r Record) { seen = append(seen, r) }})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, h.Epochs) || len(seen) != 3 || seen[2].Epoch != 3 {
		t.Errorf("OnEpoch saw %+v, History has %+v", seen, h.Epochs)
	}
	if h.Loop != "torch" || h.Config.Epochs != 3 || h.Config.LearningRate != 0.001 {
		t.Errorf("History %q %+v", h.Loop, h.Config)
	}
}

// TestOnEpochOrderAndExclusion: both loops call OnEpoch once per record, in
// order, with the History's records, one call at a time even when a call is
// slow, and all before they return.
func TestOnEpochOrderAndExclusion(t *testing.T) {
	for _, run := range []loop{TorchLoop, NumPyLoop} {
		var seen []Record
		var inFlight, overlaps atomic.Int32
		cfg := Config{Epochs: 5, OnEpoch: func(r Record) {
			if inFlight.Add(1) > 1 {
				overlaps.Add(1)
			}
			time.Sleep(2 * time.Millisecond)
			seen = append(seen, r)
			inFlight.Add(-1)
		}}
		h, err := run(testkit.Hand(), testkit.Hand(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(seen, h.Epochs) {
			t.Errorf("%s: OnEpoch saw %+v, History has %+v", h.Loop, seen, h.Epochs)
		}
		if overlaps.Load() != 0 {
			t.Errorf("%s: OnEpoch ran concurrently with itself %d times", h.Loop, overlaps.Load())
		}
	}
}
