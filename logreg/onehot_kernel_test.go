package logreg

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
)

// TestOnehotKernelLayout: the offsets the assembly names (its #defines) are
// those of onehotKernel's fields, matched by name.
func TestOnehotKernelLayout(t *testing.T) {
	if !haveOnehotKernel {
		t.Skip("no one-hot kernel on this platform")
	}
	checkLayout(t, "onehot_kernel_amd64.s", reflect.TypeFor[onehotKernel]())
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

// TestOnehotKernelStopsOnRowsItDoesNotTake: rows the kernel must not take
// (a value other than 1, indices out of order) stop it before they are
// used, and the Go loop gives the readable path's history; MomentumSGD,
// whose engines need increasing indices, and both loops for an index out
// of range, return ErrData, with and without the kernel.
func TestOnehotKernelStopsOnRowsItDoesNotTake(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	r := rand.New(rand.NewPCG(35, 36))
	for _, tc := range []struct {
		name                string
		spoil               func(d *data.Dataset, lo, hi int)
		torchOK, momentumOK bool
	}{
		{"value 2", func(d *data.Dataset, lo, _ int) { d.Value[lo] = 2 }, true, true},
		{"value 1 − 2⁻⁵³", func(d *data.Dataset, _, hi int) { d.Value[hi-1] = 1 - 0x1p-53 }, true, true},
		{"repeated index", func(d *data.Dataset, lo, _ int) { d.Index[lo+1] = d.Index[lo] }, true, false},
		{"indices swapped", func(d *data.Dataset, lo, _ int) { d.Index[lo], d.Index[lo+1] = d.Index[lo+1], d.Index[lo] }, true, false},
		{"index −1", func(d *data.Dataset, lo, _ int) { d.Index[lo] = -1 }, false, false},
		{"index Width", func(d *data.Dataset, _, hi int) { d.Index[hi-1] = int32(d.Width) }, false, false},
	} {
		for _, row := range []int{0, 1, 57, 199} {
			d := oneHot(randomDataset(r, 200, 30, 0.3))
			d.Index = append([]int32(nil), d.Index...)
			lo, hi := d.RowPtr[row], d.RowPtr[row+1]
			if hi-lo < 2 {
				continue
			}
			tc.spoil(d, lo, hi)
			for _, lp := range []struct {
				name string
				run  loop
				ok   bool
			}{{"TorchLoop", TorchLoop, tc.torchOK}, {"MomentumSGD", MomentumSGD, tc.momentumOK}} {
				for _, cfg := range []Config{{Epochs: 3, LearningRate: 0.05}, {Epochs: 3, LearningRate: 0.05, NoPrePass: true}} {
					fast, err := lp.run(d, nil, cfg)
					ref, refErr := generic(func() (*History, error) { return lp.run(d, nil, cfg) })
					if !lp.ok {
						if !errors.Is(err, ErrData) || !errors.Is(refErr, ErrData) {
							t.Errorf("%s, %s in row %d: errors %v and %v, want ErrData", lp.name, tc.name, row, err, refErr)
						}
						continue
					}
					if err != nil || refErr != nil {
						t.Fatalf("%s, %s in row %d: %v, %v", lp.name, tc.name, row, err, refErr)
					}
					if diff, where := historyDiff(fast, ref); diff > 1e-9 {
						t.Errorf("%s, %s in row %d: fast and readable differ by %.3g, %s", lp.name, tc.name, row, diff, where)
					}
				}
			}
			if tc.torchOK && tc.momentumOK {
				for name, k := range kernelsAfterAPass(d, Config{LearningRate: 0.05}) {
					if k != nil {
						t.Errorf("%s, %s in row %d: the kernel ran the whole pass", name, tc.name, row)
					}
				}
			}
		}
	}
}

// kernelsAfterAPass returns each loop's kernel after one pass over d in
// file order: nil if it stopped.
func kernelsAfterAPass(d *data.Dataset, cfg Config) map[string]*onehotKernel {
	cfg = cfg.WithDefaults()
	order := newOrder(d.Rows(), false, nil).next()
	torch := newTorch64(d, cfg, newRand(0))
	torch.epoch(order, &snapshot{})
	m, ok := newMomentumEngine(d, cfg, make([]float64, d.Width)).(*momentumScaled)
	if !ok {
		panic("MomentumSGD's engine for momentum 0 is not momentumScaled")
	}
	m.pass(order, true, &snapshot{})
	return map[string]*onehotKernel{"TorchLoop": torch.kernel, "MomentumSGD": m.kernel}
}

// TestOnehotKernelChecksUntilAWholePass: the kernel checks rows until it
// has run one pass from start to end, and not after.
func TestOnehotKernelChecksUntilAWholePass(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	d := oneHot(randomDataset(rand.New(rand.NewPCG(37, 38)), 100, 20, 0.3))
	if k := newOnehotKernel(d, make([]float64, d.Width), 0.01); k == nil || k.check != 1 {
		t.Fatal("no checking kernel for one-hot data")
	}
	for name, k := range kernelsAfterAPass(d, Config{LearningRate: 0.01}) {
		if k == nil || k.check != 0 {
			t.Errorf("%s: after a whole pass: kernel %+v", name, k)
		}
	}
}

// TestLoopsRejectBadTestRows: a test set with an index out of range is
// ErrData from either loop, found by the evaluator, not a panic.
func TestLoopsRejectBadTestRows(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 40))
	train := oneHot(randomDataset(r, 100, 20, 0.3))
	test := oneHot(randomDataset(r, 50, 20, 0.3))
	test.Index = append([]int32(nil), test.Index...)
	test.Index[test.RowPtr[30]] = 20
	for name, run := range map[string]loop{"TorchLoop": TorchLoop, "MomentumSGD": MomentumSGD} {
		for _, epochs := range []int{1, 3} {
			if _, err := run(train, test, Config{Epochs: epochs}); !errors.Is(err, ErrData) {
				t.Errorf("%s, %d epochs: error %v, want ErrData", name, epochs, err)
			}
		}
	}
}

// TestOnehotKernelSharedCounts: the x·x' one pass records are read only by
// a later pass over the same order slice, in a run that does not shuffle;
// every pass, reading or not, matches the Go loop's weights. The learning
// rates put TorchLoop's next D through e^(−K)·e^q for every sample (0.001),
// for some (0.005: lr·(x·x' + 1) up to lMax or above) or for almost none
// (0.05); weights started at N(0, 10²) give logits beyond the kernel's
// range, which the Go step takes, so no pass is whole and none records.
func TestOnehotKernelSharedCounts(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	d := oneHot(randomDataset(rand.New(rand.NewPCG(41, 42)), 300, 40, 0.3))
	inFileOrder := newOrder(d.Rows(), false, nil).next()
	reversed := slices.Clone(inFileOrder)
	slices.Reverse(reversed)
	for _, lr := range []float64{0.001, 0.005, 0.05} {
		for _, initStd := range []float64{0, 10} {
			for _, shuffle := range []bool{false, true} {
				name := fmt.Sprintf("lr %g, init std %g, shuffle %v", lr, initStd, shuffle)
				cfg := Config{LearningRate: lr, InitStd: initStd, Shuffle: shuffle}.WithDefaults()
				fast, ref := newTorch64(d, cfg, newRand(0)), newTorch64(d, cfg, newRand(0))
				if fast.kernel == nil {
					t.Fatal("no kernel for one-hot data")
				}
				ref.kernel, ref.ones = nil, true
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
					fast.epoch(tc.order, &snapshot{})
					ref.epoch(tc.order, &snapshot{})
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
			}
		}
	}
}
