package sgdfast

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestTorchFastStepFallback runs the fast step and the exact one sample by
// sample from the same weights, on data whose logits leave (−fastLogit,
// fastLogit), reach autograd's guard, overflow exp, and overflow the
// weights: after each step the weights agree within 10⁻¹² of the largest.
// Whole runs are not compared there: with logits in the hundreds a run is
// chaotic, so only a single step is a fair test.
func TestTorchFastStepFallback(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for _, set := range []struct {
		name string
		d    *data.Dataset
		lr   float64
	}{
		{"huge logits", testkit.Huge(r, 300, 20), 1},
		{"one-hot huge logits", testkit.OneHot(testkit.Huge(r, 300, 20)), 30},
		{"diverging", testkit.Huge(r, 300, 20), 1e306},
	} {
		d := dataOf(set.d)
		refW := make([]float64, d.Width)
		for j := range refW {
			refW[j] = 0.1 * r.NormFloat64()
		}
		exact := exactStep(d, refW, set.lr)
		fast := &torch{d: d, w: make([]float64, d.Width), lr: set.lr}
		p := make([]float64, 1)
		refB, slow, worst := 0.0, 0, 0.0
		for range 3 {
			for i := range d.rows() {
				copy(fast.w, refW)
				fast.b = refB
				if next, err := fast.steps([]int{i}, 0, p); err != nil {
					t.Fatal(err)
				} else if next == 0 {
					slow++
					_, fast.b, _ = exactStep(d, fast.w, set.lr)(i, fast.b)
				}
				_, refB, _ = exact(i, refB)
				scale := math.Abs(refB)
				for _, w := range refW {
					scale = max(scale, math.Abs(w))
				}
				for j, w := range append([]float64{refB}, refW...) {
					v := fast.b
					if j > 0 {
						v = fast.w[j-1]
					}
					if v == w || math.IsNaN(v) && math.IsNaN(w) {
						continue
					}
					d := math.Abs(v-w) / scale
					if !(d <= 1e-12) {
						t.Fatalf("%s, row %d: weight %d is %v after the fast step, %v after the exact one", set.name, i, j, v, w)
					}
					worst = max(worst, d)
				}
			}
		}
		if slow == 0 {
			t.Errorf("%s: no logit outside (−fastLogit, fastLogit); the test does not test the fallback", set.name)
		}
		t.Logf("%s: %d of %d steps outside the fast step's range, largest difference %.3g of the largest weight", set.name, slow, 3*d.rows(), worst)
	}
}

// TestFastGradient checks what the fast steps assume of autograd's
// gradient, (p − y)/max((1 − p)·p, 10⁻¹²)·(1 − p)·p: for |z| < fastLogit
// its guard does not bite, and it is p − y within a few ulp. (Beyond, the
// guard bites from |z| ≈ 27.6 on.)
func TestFastGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	zs := []float64{fastLogit, -fastLogit, math.Nextafter(fastLogit, 0), math.Nextafter(-fastLogit, 0), 0, 1e-300}
	for range 500_000 {
		zs = append(zs, (2*r.Float64()-1)*fastLogit)
	}
	worst := 0.0
	for _, z := range zs {
		p := 1 / (1 + math.Exp(-z))
		if (1-p)*p < 1e-12 {
			t.Fatalf("z = %v: (1 − p)·p = %v, under the guard", z, (1-p)*p)
		}
		for _, y := range []float64{0, 1} {
			if d := p - y; d != 0 {
				g := (p - y) / math.Max((1-p)*p, 1e-12) * (1 - p) * p
				worst = max(worst, math.Abs(g-d)/math.Abs(d))
			}
		}
	}
	t.Logf("autograd's gradient within %.3g relative (%.2f ulp) of p − y for |z| ≤ %v", worst, worst/0x1p-53, float64(fastLogit))
	if worst > 6*0x1p-53 {
		t.Errorf("autograd's gradient differs from p − y by %.3g relative", worst)
	}
	if p := 1 / (1 + math.Exp(-28)); (1-p)*p >= 1e-12 {
		t.Errorf("z = 28: the guard does not bite; the comment is wrong")
	}
}

// TestTorchStepsCheckRows: Torch's Go steps, which check each row as they
// reach it in a run's first pass, return a *RowError for a row that does
// not fit, in file order and shuffled, before any step indexes it, as
// CheckRows would; with rows that fit, a run gives the same numbers as
// one whose rows were checked first.
func TestTorchStepsCheckRows(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	for _, tc := range []struct {
		name  string
		spoil func(d *data.Dataset, row int)
		msg   string
	}{
		{"index −1", func(d *data.Dataset, row int) { d.Index[d.RowPtr[row]] = -1 }, "outside [0, 30)"},
		{"index Width", func(d *data.Dataset, row int) { d.Index[d.RowPtr[row+1]-1] = 30 }, "outside [0, 30)"},
		{"a bound below 0", func(d *data.Dataset, row int) { d.RowPtr[row] = -3 }, ""},
		{"a bound past the indices", func(d *data.Dataset, row int) { d.RowPtr[row] = len(d.Index) + 5 }, ""},
	} {
		for _, row := range []int{1, 57, 198} {
			for _, shuffled := range []bool{false, true} {
				d := testkit.Random(r, 200, 30, 0.3)
				d.Index, d.RowPtr = slices.Clone(d.Index), slices.Clone(d.RowPtr)
				tc.spoil(d, row)
				run := newRun(Params{Kind: Torch, LR: 0.05}, d, nil, 2)
				run.goOnly = true
				if shuffled {
					perm := r.Perm(d.Rows())
					run.Order, run.Shuffled = func() []int { return perm }, true
				}
				_, _, err := collect(run)
				var bad *RowError
				if !errors.As(err, &bad) || bad.Row < row-1 || bad.Row > row || !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("%s in row %d, shuffled %v: error %v, want a *RowError for row %d", tc.name, row, shuffled, err, row)
				}
			}
		}
	}
	d := testkit.Random(r, 300, 40, 0.2)
	checked, unchecked := newRun(Params{Kind: Torch, LR: 0.05}, d, nil, 3), newRun(Params{Kind: Torch, LR: 0.05}, d, nil, 3)
	checked.goOnly, unchecked.goOnly = true, true
	recs, b, err := collect(unchecked)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := newTorch(checked)
	if err != nil {
		t.Fatal(err)
	}
	tr.checked = true // as if CheckRows had run first
	ds := make([]float64, d.Rows())
	for range 3 {
		if _, err := tr.steps(checked.Order(), 0, ds); err != nil {
			t.Fatal(err)
		}
	}
	if tr.b != b || !slices.Equal(tr.w, unchecked.W) {
		t.Errorf("checking rows as it goes changes the weights: bias %v, %v", tr.b, b)
	}
	if len(recs) != 3 {
		t.Errorf("%d records, want 3", len(recs))
	}
	short := newRun(Params{Kind: Torch, LR: 0.05}, d, nil, 1)
	short.W = short.W[:d.Width-1]
	if _, err := Train(short); err == nil || !strings.Contains(err.Error(), "weights for 40 feature columns") {
		t.Errorf("a run with a weight too few: %v", err)
	}
}
