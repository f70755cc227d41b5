package sgdfast

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestOnehotKernelLayout: the offsets the assembly names (its #defines) are
// those of onehotKernel's fields, matched by name.
func TestOnehotKernelLayout(t *testing.T) {
	if !haveOnehotKernel {
		t.Skip("no one-hot kernel on this platform")
	}
	checkLayout(t, "kernel_amd64.s", reflect.TypeFor[onehotKernel]())
}

// checkLayout checks that every #define NAME offset in the assembly file
// is the offset of typ's field of that name (in capitals; for a field that
// is a pair of 8-byte words, NAMELO and NAMEHI name the two).
func checkLayout(t *testing.T, file string, typ reflect.Type) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	offsets := map[string]uintptr{}
	var walk func(typ reflect.Type, base uintptr)
	walk = func(typ reflect.Type, base uintptr) {
		for i := range typ.NumField() {
			fd := typ.Field(i)
			if fd.Anonymous {
				walk(fd.Type, base+fd.Offset)
				continue
			}
			name := strings.ToUpper(fd.Name)
			offsets[name] = base + fd.Offset
			if fd.Type.Kind() == reflect.Array && fd.Type.Len() == 2 && fd.Type.Elem().Size() == 8 {
				offsets[name+"LO"], offsets[name+"HI"] = base+fd.Offset, base+fd.Offset+8
			}
		}
	}
	walk(typ, 0)
	seen := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 || fields[0] != "#define" {
			continue
		}
		want, err := strconv.Atoi(fields[2])
		if err != nil {
			t.Fatalf("#define %s %s: not an offset", fields[1], fields[2])
		}
		got, ok := offsets[fields[1]]
		if !ok {
			t.Errorf("#define %s: %v has no such field", fields[1], typ)
			continue
		}
		if got != uintptr(want) {
			t.Errorf("#define %s %d: the field is at %d", fields[1], want, got)
		}
		seen++
	}
	if seen < 10 {
		t.Errorf("%s: only %d offsets checked", file, seen)
	}
}

// collect runs r and returns its records and final bias.
func collect(r *Run) ([]Epoch, float64, error) {
	var recs []Epoch
	r.OnEpoch = func(e Epoch) { recs = append(recs, e) }
	b, err := Train(r)
	return recs, b, err
}

// runsDiffer returns how far apart, relative, two runs' losses and weights
// are, and whether any count differs.
func runsDiffer(a, b []Epoch, wa, wb []float64, ba, bb float64) (float64, bool) {
	if len(a) != len(b) {
		return math.Inf(1), true
	}
	worst, counts := 0.0, false
	rel := func(x, y float64) {
		if x != y {
			worst = max(worst, math.Abs(x-y)/math.Max(math.Abs(x), math.Abs(y)))
		}
	}
	for k := range a {
		rel(a[k].Loss, b[k].Loss)
		counts = counts || a[k].Right != b[k].Right || a[k].Train != b[k].Train || a[k].Test != b[k].Test
	}
	for j := range wa {
		rel(wa[j], wb[j])
	}
	rel(ba, bb)
	return worst, counts
}

// TestOnehotKernelStopsOnRowsItDoesNotTake: rows the kernel must not take
// (a value other than 1, indices out of order) stop it before they are
// used, and the Go steps then give what they give on their own; NumPy,
// whose trainers need increasing indices, and both kinds for an index out
// of range, return a *RowError, with and without the kernel.
func TestOnehotKernelStopsOnRowsItDoesNotTake(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	r := rand.New(rand.NewPCG(35, 36))
	for _, tc := range []struct {
		name             string
		spoil            func(d *data.Dataset, lo, hi int)
		torchOK, numpyOK bool
	}{
		{"value 2", func(d *data.Dataset, lo, _ int) { d.Value[lo] = 2 }, true, true},
		{"value 1 − 2⁻⁵³", func(d *data.Dataset, _, hi int) { d.Value[hi-1] = 1 - 0x1p-53 }, true, true},
		{"repeated index", func(d *data.Dataset, lo, _ int) { d.Index[lo+1] = d.Index[lo] }, true, false},
		{"indices swapped", func(d *data.Dataset, lo, _ int) { d.Index[lo], d.Index[lo+1] = d.Index[lo+1], d.Index[lo] }, true, false},
		{"index −1", func(d *data.Dataset, lo, _ int) { d.Index[lo] = -1 }, false, false},
		{"index Width", func(d *data.Dataset, _, hi int) { d.Index[hi-1] = int32(d.Width) }, false, false},
	} {
		for _, row := range []int{0, 1, 57, 199} {
			d := testkit.OneHot(testkit.Random(r, 200, 30, 0.3))
			d.Index = slices.Clone(d.Index)
			lo, hi := d.RowPtr[row], d.RowPtr[row+1]
			if hi-lo < 2 {
				continue
			}
			tc.spoil(d, lo, hi)
			for _, kind := range []struct {
				name string
				p    Params
				ok   bool
			}{
				{"Torch", Params{Kind: Torch, LR: 0.05}, tc.torchOK},
				{"NumPy", Params{Kind: NumPy, LR: 0.05, Lambda: 1e-4, PenalBias: true}, tc.numpyOK},
				{"NumPy pre-pass", Params{Kind: NumPy, LR: 0.05, Lambda: 1e-4, PrePass: true}, tc.numpyOK},
			} {
				fast, goOnly := newRun(kind.p, d, nil, 3), newRun(kind.p, d, nil, 3)
				goOnly.goOnly = true
				recs, b, err := collect(fast)
				goRecs, goB, goErr := collect(goOnly)
				var bad, goBad *RowError
				if !kind.ok {
					if !errors.As(err, &bad) || !errors.As(goErr, &goBad) || bad.Row != row || goBad.Row != row {
						t.Errorf("%s, %s in row %d: errors %v and %v, want a *RowError for row %d", kind.name, tc.name, row, err, goErr, row)
					}
					continue
				}
				if err != nil || goErr != nil {
					t.Fatalf("%s, %s in row %d: %v, %v", kind.name, tc.name, row, err, goErr)
				}
				if diff, counts := runsDiffer(recs, goRecs, fast.W, goOnly.W, b, goB); diff > 1e-9 || counts {
					t.Errorf("%s, %s in row %d: kernel and Go steps differ by %.3g (counts differ: %v)", kind.name, tc.name, row, diff, counts)
				}
			}
			if tc.torchOK && tc.numpyOK {
				for name, k := range kernelsAfterAPass(d, 0.05) {
					if k != nil {
						t.Errorf("%s, %s in row %d: the kernel ran the whole pass", name, tc.name, row)
					}
				}
			}
		}
	}
}

// kernelsAfterAPass returns each kind's kernel after one pass over d in
// file order, at learning rate lr: nil if it stopped.
func kernelsAfterAPass(d *data.Dataset, lr float64) map[string]*onehotKernel {
	order := fileOrder(d.Rows())()
	torch, err := newTorch(newRun(Params{Kind: Torch, LR: lr}, d, nil, 1))
	if err != nil {
		panic(err)
	}
	torch.pass(order, true, &snapshot{})
	numpy, err := newNumPy(newRun(Params{Kind: NumPy, LR: lr, Lambda: 1e-4}, d, nil, 1))
	if err != nil {
		panic(err)
	}
	numpy.pass(order, true, &snapshot{})
	return map[string]*onehotKernel{"Torch": torch.kernel, "NumPy": numpy.(*scaled).kernel}
}

// TestOnehotKernelChecksUntilAWholePass: the kernel checks rows until it
// has run one pass from start to end, and not after.
func TestOnehotKernelChecksUntilAWholePass(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(37, 38)), 100, 20, 0.3))
	if k := newOnehotKernel(dataOf(d), make([]float64, d.Width), 0.01); k == nil || k.check != 1 {
		t.Fatal("no checking kernel for one-hot data")
	}
	for name, k := range kernelsAfterAPass(d, 0.01) {
		if k == nil || k.check != 0 {
			t.Errorf("%s: after a whole pass: kernel %+v", name, k)
		}
	}
}

// TestBadTestRows: a test set with an index out of range is a *RowError
// from either kind, found by the evaluator, not a panic.
func TestBadTestRows(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 40))
	train := testkit.OneHot(testkit.Random(r, 100, 20, 0.3))
	test := testkit.OneHot(testkit.Random(r, 50, 20, 0.3))
	test.Index = slices.Clone(test.Index)
	test.Index[test.RowPtr[30]] = 20
	for _, p := range []Params{{Kind: Torch, LR: 0.001}, {Kind: NumPy, LR: 0.001, Lambda: 1e-4, PrePass: true}} {
		for _, epochs := range []int{1, 3} {
			var bad *RowError
			if _, err := Train(newRun(p, train, test, epochs)); !errors.As(err, &bad) || bad.Set != "test" || bad.Row != 30 {
				t.Errorf("%+v, %d epochs: error %v, want a *RowError for test row 30", p, epochs, err)
			}
		}
	}
}

// TestOnehotKernelSharedCounts: the x·x' one pass records are read only by
// a later pass over the same order slice, in a run that does not shuffle;
// every pass, reading or not, matches the Go steps' weights. The learning
// rates put the Torch step's next D through e^(−K)·e^q for every sample
// (0.001), for some (0.005: lr·(x·x' + 1) up to lMax or above) or for
// almost none (0.05); weights started at N(0, 10²) give logits beyond the
// kernel's range, which the exact step takes, so no pass is whole and none
// records.
func TestOnehotKernelSharedCounts(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	r := rand.New(rand.NewPCG(41, 42))
	d := testkit.OneHot(testkit.Random(r, 300, 40, 0.3))
	w0 := make([]float64, d.Width)
	for j := range w0 {
		w0[j] = 10 * r.NormFloat64()
	}
	inFileOrder := fileOrder(d.Rows())()
	reversed := slices.Clone(inFileOrder)
	slices.Reverse(reversed)
	for _, lr := range []float64{0.001, 0.005, 0.05} {
		for _, initStd := range []float64{0, 10} {
			for _, shuffle := range []bool{false, true} {
				name := fmt.Sprintf("lr %g, init std %g, shuffle %v", lr, initStd, shuffle)
				trainer := func(goOnly bool) *torch {
					run := newRun(Params{Kind: Torch, LR: lr}, d, nil, 1)
					run.Shuffled, run.goOnly = shuffle, goOnly
					if initStd > 0 {
						copy(run.W, w0)
					}
					s, err := newTorch(run)
					if err != nil {
						t.Fatal(err)
					}
					return s
				}
				fast, ref := trainer(false), trainer(true)
				if fast.kernel == nil {
					t.Fatal("no kernel for one-hot data")
				}
				for pass, tc := range []struct {
					order []int
					mode  int // the kernel's, without shuffling
				}{
					{inFileOrder, sharePrepare},
					{inFileOrder, shareRead},
					{inFileOrder, shareRead},
					{reversed, sharePrepare},
					{reversed, shareRead},
					{inFileOrder, sharePrepare},
				} {
					fast.pass(tc.order, true, &snapshot{})
					ref.pass(tc.order, true, &snapshot{})
					want := tc.mode
					switch {
					case shuffle:
						want = shareStamps
					case initStd > 0:
						want = sharePrepare
					}
					if fast.kernel == nil {
						t.Fatalf("%s, pass %d: the kernel stopped", name, pass)
					}
					if got := fast.kernel.shareMode; got != want {
						t.Fatalf("%s, pass %d: the kernel's mode is %d, want %d", name, pass, got, want)
					}
					worst := 0.0
					for j := range ref.w {
						worst = max(worst, math.Abs(fast.w[j]-ref.w[j])/max(1, math.Abs(ref.w[j])))
					}
					if worst > 1e-12 || math.Abs(fast.b-ref.b) > 1e-12 {
						t.Errorf("%s, pass %d: weights differ by %.3g, bias by %.3g", name, pass, worst, math.Abs(fast.b-ref.b))
					}
				}
				fast.release()
			}
		}
	}
}
