package sgdfast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSigmoids: sigmoids (the assembly where there is that) gives
// sigmoidsGo's σ's bit for bit, for every length up to 300 and every
// remainder mod 4, with margins at their edges and NaN, and writes nothing
// beyond len(m).
func TestSigmoids(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	for n := range 301 {
		for off := range 2 { // off by one word from an allocation's alignment
			m := randomLogits(r, n+off)[off:]
			got, want := make([]float64, n+off+3), make([]float64, n+off+3)
			for i := range got {
				got[i], want[i] = -1, -1
			}
			sigmoids(got[off:], m)
			sigmoidsGo(want[off:], m)
			for i := range got {
				if !sameQ(got[i], want[i]) {
					pos := i - off
					t.Fatalf("n %d off %d: σ[%d] = %v (%#x), Go's %v (%#x); m %v",
						n, off, pos, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]), m[min(max(pos, 0), n-1)])
				}
			}
		}
	}
}

// TestSigmoidsShortQ: a q shorter than m fails as in sigmoidsGo, before
// anything is written.
func TestSigmoidsShortQ(t *testing.T) {
	for _, f := range []func(q, m []float64){sigmoids, sigmoidsGo} {
		q := []float64{-1, -1, -1, -1, -1}
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic for a q shorter than m")
				}
			}()
			f(q[:4:4], make([]float64, 5))
		}()
		for i, v := range q {
			if v != -1 {
				t.Errorf("q[%d] = %v written before the panic", i, v)
			}
		}
	}
}
