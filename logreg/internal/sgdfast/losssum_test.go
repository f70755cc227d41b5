package sgdfast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// closeSums reports whether got is want within 10⁻¹³ relative, or both
// are NaN.
func closeSums(got, want float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	return math.Abs(got-want) <= 1e-13*math.Abs(want)
}

// bceSum is Σ −max(log q, −100) over q, as the evaluator sums it.
func bceSum(q []float64) float64 {
	s := newNegLogProduct()
	s.mul(q)
	return s.sum()
}

// TestBCEPart: the loss product bcePart makes from what each step recorded
// (p, or D = 1/p as the fast steps record it), visiting the rows in some
// order, is bceSum's of the q's the readable step finds, bit for bit, and
// its count of the samples predicted right is the readable step's, for
// labels 0, −0 and 1 and p's at and around 1/2 (D at and around 2).
func TestBCEPart(t *testing.T) {
	r := rand.New(rand.NewPCG(73, 74))
	half := []float64{0.5, math.Nextafter(0.5, 0), math.Nextafter(0.5, 1), 0, 1, 1e-300}
	nearTwo := []float64{2, math.Nextafter(2, 1), math.Nextafter(2, 3), 1 + 1e-11, 1e300}
	for _, n := range []int{0, 1, 255, 256, 257, 1000} {
		recorded, p, y := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			switch r.IntN(4) {
			case 0:
				recorded[i] = half[r.IntN(len(half))]
				p[i] = recorded[i]
			case 1:
				recorded[i] = nearTwo[r.IntN(len(nearTwo))]
				p[i] = 1 / recorded[i]
			case 2:
				recorded[i] = 1 + math.Exp(20*(r.Float64()-0.5)) // D for |z| < 10
				p[i] = 1 / recorded[i]
			default:
				recorded[i] = r.Float64()
				p[i] = recorded[i]
			}
			y[i] = []float64{0, math.Copysign(0, -1), 1}[r.IntN(3)]
		}
		order := r.Perm(n)
		q, right := make([]float64, n), 0
		for pos, i := range order {
			q[pos] = float64(p[pos]*y[i]) + float64((1-p[pos])*(1-y[i]))
			right += b2i((p[pos] >= 0.5) == (y[i] == 1))
		}
		s, gotRight := bcePart(recorded, y, order)
		if got, want := s.sum(), bceSum(q); got != want || gotRight != right {
			t.Errorf("n=%d: sum %v, right %d; want %v, %d", n, got, gotRight, want, right)
		}
	}
}

// TestBCESum compares bceSum with a sum of per-sample losses on q's of
// every scale from 10⁻³⁰⁰ to 1, with zeros, subnormals, ones, values at
// the ends of the products' range and NaN, in slices of lengths around
// the blocks' sizes.
func TestBCESum(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	specials := []float64{0, 1, 5e-324, 1e-310, 1e-44, 3.7e-44, prodMin, math.Nextafter(prodMin, 0),
		math.Nextafter(prodMin, 1), math.Nextafter(1, 0), 1e-300}
	draw := func() float64 {
		switch r.IntN(8) {
		case 0:
			return specials[r.IntN(len(specials))]
		case 1, 2:
			return r.Float64()
		case 3:
			return 1 - math.Ldexp(r.Float64(), -r.IntN(60))
		default:
			return math.Exp(-690.8 * r.Float64()) // log-uniform on [1e-300, 1]
		}
	}
	for _, n := range []int{0, 1, 2, 3, 4, 5, 63, 64, 65, 127, 255, 256, 257, 1000, 32561, 100_003} {
		for _, withNaN := range []bool{false, true} {
			if withNaN && n == 0 {
				continue
			}
			q := make([]float64, n)
			want := 0.0
			for k := range q {
				q[k] = draw()
			}
			if withNaN {
				q[r.IntN(n)] = math.NaN()
			}
			for _, v := range q {
				want += -max(math.Log(v), -100)
			}
			if got := bceSum(q); !closeSums(got, want) {
				t.Errorf("n=%d NaN=%v: bceSum %v, per-sample sum %v", n, withNaN, got, want)
			}
		}
	}
	// Long runs of the smallest factors the products take, and of those
	// they leave out.
	for _, v := range []float64{prodMin, math.Nextafter(prodMin, 0), 0, 1e-300, 1} {
		q := make([]float64, 1000)
		for k := range q {
			q[k] = v
		}
		want := 1000 * -max(math.Log(v), -100)
		if got := bceSum(q); !closeSums(got, want) {
			t.Errorf("1000 × %v: bceSum %v, want %v", v, got, want)
		}
	}
}

// lossSumPerSample is lossSum as it was before it took products: one
// logarithm per sample, the reference of TestLossSum.
func lossSumPerSample(z, reg, y []float64, order []int) float64 {
	z, reg = z[:len(order)], reg[:len(order)]
	loss := 0.0
	for pos, i := range order {
		r, k := expReduce(expArg(z[pos]))
		p, yi := 1/(1+expTable(r, k)), y[i]
		q := float64(p*yi) + float64((1-p)*(1-yi))
		if q < clipLo {
			q = clipLo
		}
		if q > clipHi {
			q = clipHi
		}
		f, e := logReduce(q)
		sr, rr := logSeries(f)
		l := -logCombine(f, e, sr, rr)
		if q != q {
			l = math.NaN()
		}
		loss += l + reg[pos]
	}
	return loss
}

// TestLossSum compares lossSum with lossSumPerSample on random logits,
// most of moderate size, some beyond the clip and the exponential's range,
// with labels in {0,1}, random penalties and a random visiting order.
func TestLossSum(t *testing.T) {
	r := rand.New(rand.NewPCG(73, 74))
	for _, n := range []int{1, 3, 4, 5, 255, 256, 257, 1000, 32561} {
		for _, withNaN := range []bool{false, true} {
			z, reg, y := make([]float64, n), make([]float64, n), make([]float64, n)
			for k := range z {
				switch r.IntN(10) {
				case 0:
					z[k] = 100 * r.NormFloat64()
				case 1:
					z[k] = 1000 * r.NormFloat64()
				default:
					z[k] = 5 * r.NormFloat64()
				}
				reg[k] = 1e-3 * r.Float64()
				y[k] = float64(r.IntN(2))
			}
			if withNaN {
				z[r.IntN(n)] = math.NaN()
			}
			order := r.Perm(n)
			got, want := lossSum(z, reg, y, order), lossSumPerSample(z, reg, y, order)
			if !closeSums(got, want) {
				t.Errorf("n=%d NaN=%v: lossSum %v, per-sample %v", n, withNaN, got, want)
			}
		}
	}
}

// TestLossParts: the loss sum of a visiting order cut into parts, each
// part's product and penalties found apart (lossPart) and put together in
// order (times), is the per-sample sum, as lossSum's is.
func TestLossParts(t *testing.T) {
	r := rand.New(rand.NewPCG(75, 76))
	for _, n := range []int{1, 5, 257, 1000, 32561} {
		z, reg, y := make([]float64, n), make([]float64, n), make([]float64, n)
		for k := range z {
			z[k] = 5 * r.NormFloat64()
			if r.IntN(20) == 0 {
				z[k] = 1000 * r.NormFloat64() // past the clip and the exponential's range
			}
			reg[k] = 1e-3 * r.Float64()
			y[k] = float64(r.IntN(2))
		}
		order := r.Perm(n)
		want := lossSumPerSample(z, reg, y, order)
		for _, parts := range []int{1, 2, 4, 7} {
			prod, regSum := newNegLogProduct(), 0.0
			for k := range parts {
				lo, hi := n*k/parts, n*(k+1)/parts
				p, rs := lossPart(z[lo:hi], reg[lo:hi], y, order[lo:hi])
				prod.times(p)
				regSum += rs
			}
			if got := prod.sum() + regSum; !closeSums(got, want) {
				t.Errorf("n=%d in %d parts: %v, per-sample %v", n, parts, got, want)
			}
		}
	}
}
