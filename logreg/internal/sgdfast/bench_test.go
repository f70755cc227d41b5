package sgdfast

import (
	"math"
	"testing"

	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// benchPassA9A times one training pass of p over a9a in file order,
// without evaluation, on a trainer that keeps its state from one pass to
// the next: the inner loop alone, whose allocations per pass must be 0.
func benchPassA9A(b *testing.B, p Params) {
	train, _ := testkit.A9A(b)
	r := newRun(p, train, nil, 1)
	t, err := newTrainer(r)
	if err != nil {
		b.Fatal(err)
	}
	defer t.release()
	order := r.Order()
	sn := snapshot{fixedOrder: true} // as a run's: the order stays as it is
	b.ReportAllocs()
	var best testkit.BestTime
	for b.Loop() {
		best.Start()
		if err := t.pass(order, true, &sn); err != nil {
			b.Fatal(err)
		}
		best.Stop()
	}
	best.Report(b)
}

func BenchmarkTorchPassA9A(b *testing.B) { benchPassA9A(b, Params{Kind: Torch, LR: 0.001}) }

func BenchmarkNumPyPassA9A(b *testing.B) {
	benchPassA9A(b, Params{Kind: NumPy, LR: 0.001, Lambda: 1e-4, PenalBias: true})
}

func BenchmarkNumPyPassA9AMomentum09(b *testing.B) {
	benchPassA9A(b, Params{Kind: NumPy, LR: 0.001, Lambda: 1e-4, PenalBias: true, Momentum: 0.9})
}

// BenchmarkSklearnPassA9A times one training pass of the Sklearn trainers
// over a9a in file order, without evaluation, each pass from zero weights
// at step 40,000 (past the steps of 'optimal' that can enlarge a difference, which the readable
// step would take) for the plain step, and on from the state of the
// passes before for AdaGrad.
func BenchmarkSklearnPassA9A(b *testing.B) {
	train, _ := testkit.A9A(b)
	for _, c := range []struct {
		name string
		p    SGDParams
	}{
		{"plain", SGDParams{Schedule: Optimal, T0: 1000, Alpha: 1e-4, InterceptDecay: 0.01}},
		{"averaged", SGDParams{Schedule: Constant, Eta0: 0.01, Alpha: 1e-4, InterceptDecay: 0.01, AverageFrom: 1}},
		{"adagrad", SGDParams{Schedule: AdaGrad, Eta0: 0.1, Alpha: 1e-4}},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := newRun(Params{Kind: Sklearn, SGD: c.p}, train, nil, 1)
			st := &SGDState{V: make([]float64, train.Width)}
			if c.p.AverageFrom > 0 {
				st.Avg = make([]float64, train.Width)
			}
			r.State = st
			r.ExactSGD = func(i int) (float64, bool) { b.Fatalf("row %d left to the readable step", i); return 0, false }
			t, err := newTrainer(r)
			if err != nil {
				b.Fatal(err)
			}
			defer t.release()
			order := r.Order()
			sn := snapshot{fixedOrder: true}
			b.ReportAllocs()
			var best testkit.BestTime
			for b.Loop() {
				clear(st.V)
				clear(st.Avg)
				st.Scale, st.B, st.T, st.AvgA, st.AvgB, st.AvgBias = 1, 0, 40000, 0, 1, 0
				best.Start()
				if err := t.pass(order, true, &sn); err != nil {
					b.Fatal(err)
				}
				best.Stop()
			}
			best.Report(b)
		})
	}
}

// BenchmarkAdaGradFloorA9A times what AdaGrad's step computes and the
// plain step does not, for one pass over a9a, on nothing else:
//
//   - at each nonzero, the square root of the feature's sum of squared
//     gradients and one division ("sqrt+division"), the least a present
//     feature's two steps need, fused as (w·H − lr·g)/(H + lr·α) (adagrad.go
//     divides twice): each nonzero has its own slot, so nothing waits and
//     the processor's square-root and division unit alone bounds the time;
//   - at each row, a square root and a division that wait for each other
//     ("chain"): the next logit needs the new weights of the features the
//     two rows share, each of which waits for √(G + g²) and a division after
//     the step's gradient, so a step's chain is the plain one's and this.
//
// Beside BenchmarkSklearnPassA9A/plain, in the same run, they bound from
// below how much longer than the plain step's an AdaGrad pass must take,
// however it is written (BENCHMARKS.md).
func BenchmarkAdaGradFloorA9A(b *testing.B) {
	train, _ := testkit.A9A(b)
	nnz := len(train.Index)
	sum, w, keep := make([]float64, nnz), make([]float64, nnz), make([]float64, nnz)
	for k := range sum {
		sum[k], w[k] = 1+float64(k%97), 0.1
	}
	const lr, lra, g = 0.1, 1e-5, 0.3
	for _, c := range []struct {
		name string
		pass func()
	}{
		{"sqrt+division", func() {
			for k, s := range sum {
				h := math.Sqrt(s) + adaGradEps
				q := 1 / (h + lra)
				w[k], keep[k] = (w[k]*h-lr*g)*q, h*q
			}
		}},
		{"chain", func() {
			x := 2.0
			for range train.Rows() {
				x = 1 / (math.Sqrt(x) + lra)
			}
			keep[0] = x
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var best testkit.BestTime
			for b.Loop() {
				best.Start()
				c.pass()
				best.Stop()
			}
			best.Report(b)
		})
	}
}

// BenchmarkErrorsA9A is one epoch's evaluation: the train and test error
// of a model, as the evaluator counts them once it knows the rows checked
// (a9a's values are all 1), and RowsUnchecked, checking each index; and
// Objective, the loss product of the train logits the counts store.
func BenchmarkErrorsA9A(b *testing.B) {
	train, test := testkit.A9A(b)
	r := newRun(Params{Kind: Torch, LR: 0.001}, train, test, 1)
	if _, err := Train(r); err != nil {
		b.Fatal(err)
	}
	for _, checked := range []bool{true, false} {
		name := "RowsChecked"
		if !checked {
			name = "RowsUnchecked"
		}
		f := rowFacts{ones: true, checked: checked}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				countRowsIn(r.W, 0, &r.Train, 0, train.Rows(), f, sigmoidHalf, nil)
				countRowsIn(r.W, 0, r.Test, 0, test.Rows(), f, sigmoidHalf, nil)
			}
		})
	}
	z := make([]float64, train.Rows())
	countRowsIn(r.W, 0, &r.Train, 0, train.Rows(), rowFacts{ones: true, checked: true}, sigmoidHalf, z)
	b.Run("Objective", func(b *testing.B) {
		for b.Loop() {
			objectivePart(z, train.Y)
		}
	})
}

// BenchmarkLossSumsA9A is the loss half of one epoch's evaluation: bcePart
// of what a Torch pass on a9a records, and lossSum of what a NumPy pass
// records.
func BenchmarkLossSumsA9A(b *testing.B) {
	train, _ := testkit.A9A(b)
	var torch, numpy snapshot
	for _, c := range []struct {
		p  Params
		sn *snapshot
	}{{Params{Kind: Torch, LR: 0.001}, &torch}, {Params{Kind: NumPy, LR: 0.001, Lambda: 1e-4}, &numpy}} {
		r := newRun(c.p, train, nil, 1)
		t, err := newTrainer(r)
		if err != nil {
			b.Fatal(err)
		}
		if err := t.pass(r.Order(), true, c.sn); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("bcePart", func(b *testing.B) {
		for b.Loop() {
			bcePart(torch.p, torch.y, torch.visit)
		}
	})
	b.Run("lossSum", func(b *testing.B) {
		for b.Loop() {
			lossSum(numpy.z, numpy.reg, numpy.y, numpy.visit)
		}
	})
}
