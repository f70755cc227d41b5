package sgdfast

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/internal/testkit"
)

// TestOnehotPrepared: a first pass that reads counts another goroutine
// prepared, wherever it takes over from recording, gives the bits of a
// first pass that records them all, and the same counts. The other
// goroutine is run here to its end before the pass, having prepared the
// chunks from the last down to one the loop is made to have taken; the
// learning rates take the next D through e^(−K)·e^q for every sample, for
// some, or for almost none, and a bad row in a prepared chunk stops the
// kernel at that row, as recording does.
func TestOnehotPrepared(t *testing.T) {
	if !haveOnehotKernel || !libmExact64() {
		t.Skip("no one-hot kernel on this platform")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // no goroutine of its own
	d := testkit.OneHot(testkit.Random(rand.New(rand.NewPCG(43, 44)), 5*prepChunk+100, 40, 0.3))
	order := fileOrder(d.Rows())()
	chunks := (len(order) + prepChunk - 1) / prepChunk
	trainer := func(d *data.Dataset, lr float64) *torch {
		s, err := newTorch(newRun(Params{Kind: Torch, LR: lr}, d, nil, 1))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, lr := range []float64{0.001, 0.005, 0.05} {
		ref := trainer(d, lr)
		ref.pass(order, true, &snapshot{})
		for taken := range chunks { // the chunks [0, taken] are the loop's
			s := trainer(d, lr)
			k := s.kernel
			prepareAhead(k, order, taken)
			s.pass(order, true, &snapshot{})
			if s.kernel == nil || s.kernel.shareMode != sharePrepare || s.kernel.countedFor != &order[0] {
				t.Fatalf("lr %g, taken %d: kernel %+v", lr, taken, s.kernel)
			}
			if !slices.Equal(s.w, ref.w) || math.Float64bits(s.b) != math.Float64bits(ref.b) {
				t.Errorf("lr %g, taken %d: the weights differ from a pass that records", lr, taken)
			}
			if got, want := k.counts[:len(order)-1], ref.kernel.counts[:len(order)-1]; !slices.Equal(got, want) {
				t.Errorf("lr %g, taken %d: counts differ from those recorded", lr, taken)
			}
		}
	}

	// A row with an index out of range, in the last chunk: the helper
	// finds it, the kernel stops there, and the Go loop rejects the data.
	bad := *d
	bad.Index = slices.Clone(d.Index)
	badRow := len(order) - 10
	bad.Index[bad.RowPtr[badRow]] = int32(d.Width)
	s := trainer(&bad, 0.001)
	prepareAhead(s.kernel, order, -1)
	if st := s.kernel.prep.state[chunks-1].Load(); st != chunkBad {
		t.Fatalf("the chunk with a bad row is in state %d", st)
	}
	var rowErr *RowError
	if err := s.pass(order, true, &snapshot{}); s.kernel != nil || !errors.As(err, &rowErr) || rowErr.Row != badRow {
		t.Errorf("a bad row: kernel %v, error %v", s.kernel, err)
	}
}

// prepareAhead gives k, on a machine of one core, the preparation of the
// counts of order, the chunks [0, taken] already the loop's (none if taken
// is −1), and runs the other goroutine's part to its end.
func prepareAhead(k *onehotKernel, order []int, taken int) {
	k.prep = newOnehotPrep(k.train, order, nil, 0)
	k.counts, k.shared = k.prep.counts, &k.prep.counts[0]
	for c := range taken + 1 {
		k.prep.state[c].Store(chunkLoop)
	}
	k.prep.helpAlong(nil)
}
