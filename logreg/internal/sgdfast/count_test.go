package sgdfast

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// countRowsPerRow counts as countRowsIn does, one nonzero at a time: the
// reference of TestCountRows.
func countRowsPerRow(w []float64, b float64, d *data.Dataset, ones bool, from float64) Counts {
	n := d.Rows()
	var c Counts
	for i := range n {
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		z := 0.0
		for k, j := range d.Index[lo:hi] {
			if ones {
				z += w[j]
			} else {
				z += float64(w[j] * d.Value[lo+k])
			}
		}
		c = c.with(z+b >= from, d.Y[i])
	}
	c.Rows = n
	return c
}

// TestCountRows checks that countRowsIn counts what countRowsPerRow
// counts, whole and in two parts, with the rows checked or not, on rows of random lengths
// (empty ones too), with values 1 or not, and weights of very different
// sizes (±10¹⁶ next to 1), so that a sum in another order would round
// differently and change predictions.
func TestCountRows(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	const width = 20
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 1001} {
		for _, ones := range []bool{true, false} {
			d := &data.Dataset{RowPtr: []int{0}, Width: width}
			for range n {
				for _, j := range r.Perm(width)[:r.IntN(16)] {
					v := 1.0
					if !ones {
						v = float64(1 + r.IntN(3))
					}
					d.Index = append(d.Index, int32(j))
					d.Value = append(d.Value, v)
				}
				d.RowPtr = append(d.RowPtr, len(d.Index))
				y := float64(r.IntN(2))
				d.Y, d.Label = append(d.Y, y), append(d.Label, 2*y-1)
			}
			w := make([]float64, width)
			for j := range w {
				w[j] = []float64{1e16, -1e16, 1, -1, 0.5, r.NormFloat64()}[r.IntN(6)]
			}
			// b = 0: the empty rows' logits are 0, positive by σ(z) ≥ 1/2
			// and not by z > 0.
			for _, bf := range [][2]float64{{-0.5, sigmoidHalf}, {0.5, sigmoidHalf}, {0, sigmoidHalf}, {0, math.SmallestNonzeroFloat64},
				{r.NormFloat64(), math.SmallestNonzeroFloat64}} {
				b, from := bf[0], bf[1]
				want := countRowsPerRow(w, b, d, ones, from)
				e := dataOf(d)
				if got := countRowsIn(w, b, e, 0, n, rowFacts{ones: ones}, from, nil); got != want {
					t.Errorf("n=%d ones=%v b=%v from=%v: countRowsIn %+v, row by row %+v", n, ones, b, from, got, want)
				}
				// In two parts, the rows checked (they are valid), the
				// logits stored: each summed left to right, then b added.
				cut, f := r.IntN(n+1), rowFacts{ones: ones, checked: true}
				z := make([]float64, n)
				if got := countRowsIn(w, b, e, 0, cut, f, from, z[:cut]).plus(countRowsIn(w, b, e, cut, n, f, from, z[cut:])); got != want {
					t.Errorf("n=%d ones=%v b=%v from=%v: checked, cut at %d: %+v, row by row %+v", n, ones, b, from, cut, got, want)
				}
				for i := range n {
					sum := 0.0
					for k := d.RowPtr[i]; k < d.RowPtr[i+1]; k++ {
						sum += w[d.Index[k]] * d.Value[k]
					}
					if sum+b != z[i] {
						t.Errorf("n=%d ones=%v b=%v: row %d: logit %v stored, want %v", n, ones, b, i, z[i], sum+b)
					}
				}
			}
		}
	}
}

// TestPositiveFrom: Sklearn predicts as SGDClassifier.predict, z > 0, so
// that a logit of 0 (or −0) is negative and the smallest positive one
// positive; the seed's loops predict σ(z) ≥ 1/2, where 0 is positive.
func TestPositiveFrom(t *testing.T) {
	for _, c := range []struct {
		kind Kind
		z    float64
		want bool
	}{
		{Sklearn, 0, false}, {Sklearn, math.Copysign(0, -1), false}, {Sklearn, 5e-324, true}, {Sklearn, -5e-324, false},
		{Sklearn, 1e-300, true}, {Sklearn, -1e-17, false},
		{Torch, 0, true}, {NumPy, 0, true}, {Torch, -1e-17, true}, {Torch, -1e-15, false},
	} {
		if got := c.z >= c.kind.positiveFrom(); got != c.want {
			t.Errorf("kind %d, z %v: positive %v, want %v", c.kind, c.z, got, c.want)
		}
	}
}
