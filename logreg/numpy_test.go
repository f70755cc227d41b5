package logreg

import (
	"math"
	"slices"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestNumPyLoopMatchesNumPy compares NumPyLoop with the traces of the
// NumPy program on a9a: every pass's loss, printed "Misclassified" and real
// train and test errors to 4 decimals (the loss also within 1e-9 relative).
func TestNumPyLoopMatchesNumPy(t *testing.T) {
	train, test := testkit.A9A(t)
	for _, trace := range []string{"numpy.json", "numpy_momentum09_biasout.json"} {
		t.Run(trace, func(t *testing.T) {
			var ref numpyTrace
			readTrace(t, trace, &ref)
			cfg := Config{
				Epochs:       ref.Config.Epochs,
				LearningRate: ref.Config.LR,
				L2:           ref.Config.L2,
				Momentum:     ref.Config.Momentum,
				BiasOutOfL2:  ref.Config.BiasOutOfL2,
				NoPrePass:    !ref.Config.PrePass,
			}
			if ref.Config.Shuffle {
				t.Fatal("a shuffled trace cannot be reproduced: NumPy's generator is not ours")
			}
			h, err := NumPyLoop(train, test, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Epochs) != len(ref.Epochs) {
				t.Fatalf("%d records, trace has %d", len(h.Epochs), len(ref.Epochs))
			}
			maxRel := 0.0
			for k, want := range ref.Epochs {
				got := h.Epochs[k]
				if got.Epoch != want.Epoch {
					t.Errorf("record %d: epoch %d, trace %d", k, got.Epoch, want.Epoch)
				}
				rel := math.Abs(got.Loss-want.Loss) / math.Abs(want.Loss)
				maxRel = max(maxRel, rel)
				for _, c := range []struct {
					what      string
					got, want float64
				}{
					{"loss", got.Loss, want.Loss},
					{"as-written error", got.AsWrittenError, want.MisclassifiedAsWritten},
					{"train error", got.TrainError, want.TrainError},
					{"test error", got.TestError, want.TestError},
				} {
					if f4(c.got) != f4(c.want) {
						t.Errorf("epoch %d: %s %.6f, NumPy %.6f", want.Epoch, c.what, c.got, c.want)
					}
				}
				if rel > 1e-9 {
					t.Errorf("epoch %d: loss %.12g, NumPy %.12g (relative %.2g)", want.Epoch, got.Loss, want.Loss, rel)
				}
			}
			maxW := math.Abs(h.Model.B - ref.FinalModel.B)
			for j, w := range ref.FinalModel.W {
				maxW = max(maxW, math.Abs(h.Model.W[j]-w))
			}
			t.Logf("max relative loss difference %.3g, max weight difference %.3g", maxRel, maxW)
		})
	}
}

// TestNumPyWeightsAreFine shows the diagnosis from the trace alone: the
// final weights the NumPy program computed misclassify about 15% of a9a,
// train and test, while the number it printed is about 0.34, and that
// number is the broadcasting mean, not an error rate.
func TestNumPyWeightsAreFine(t *testing.T) {
	train, test := testkit.A9A(t)
	var ref numpyTrace
	readTrace(t, "numpy.json", &ref)
	m := Model{W: ref.FinalModel.W, B: ref.FinalModel.B}
	printed := ref.Epochs[len(ref.Epochs)-1].MisclassifiedAsWritten
	trainErr, testErr := ErrorRate(m, train), ErrorRate(m, test)
	asWritten := BroadcastErrorRate(m, train)
	t.Logf("NumPy printed %.4f; its weights: train error %.4f, test error %.4f, broadcast mean %.4f",
		printed, trainErr, testErr, asWritten)
	if asWritten != printed {
		t.Errorf("BroadcastErrorRate of the trace's weights %v, the program printed %v", asWritten, printed)
	}
	for _, e := range []float64{trainErr, testErr} {
		if e < 0.14 || e > 0.16 {
			t.Errorf("error %.4f of the NumPy weights, want about 0.15", e)
		}
	}
	if printed < 2*trainErr {
		t.Errorf("printed %.4f is not far above the real error %.4f", printed, trainErr)
	}
}

// TestNumPyLoopOneStep follows one pass of one positive row by hand, with
// the pre-pass: epoch 0 is the loss of the zero model, log 2; then the step
// p = 0.5, g = −0.5 on the bias and the two features, v = −g, W += lr·v.
func TestNumPyLoopOneStep(t *testing.T) {
	const lr, l2 = 0.1, 0.01
	h, err := NumPyLoop(oneRow(), nil, Config{Epochs: 1, LearningRate: lr, L2: l2})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Epochs) != 2 || h.Epochs[0].Epoch != 0 || h.Epochs[0].Loss != math.Ln2 {
		t.Fatalf("records %+v, want epoch 0 with loss log 2 first", h.Epochs)
	}
	// The zero model predicts the one (positive) row positive.
	if r := h.Epochs[0]; r.TrainError != 0 || r.AsWrittenError != 0 {
		t.Errorf("epoch 0 errors %+v", r)
	}
	s := lr * 0.5
	want := Model{W: []float64{s, 0, s}, B: s}
	if !slices.Equal(h.Model.W, want.W) || h.Model.B != want.B {
		t.Errorf("model %v, want %v", h.Model, want)
	}
	loss := ClippedBCE(Sigmoid(3*s), 1) + l2/2*(2*s*s)
	if got := h.Epochs[1].Loss; math.Abs(got-loss) > 1e-15 {
		t.Errorf("epoch 1 loss %v, want %v", got, loss)
	}
	h, err = NumPyLoop(oneRow(), nil, Config{Epochs: 1, NoPrePass: true})
	if err != nil || len(h.Epochs) != 1 || h.Epochs[0].Epoch != 1 {
		t.Errorf("NoPrePass: %v %+v", err, h)
	}
}
