package pytorch

// SgemmOrder is the order in which OpenBLAS 0.3.21 (Debian 12, on this
// AVX-512 machine) sums the K products of a 1×1 sgemm, the call behind
// PyTorch's nn.Linear on one float32 sample. Found by probing PyTorch with
// designed inputs and then checked bit for bit on random ones for K from 1
// to 1000:
//
//   - K is cut into blocks: while K ≥ 256 remain, a block of 128; when
//     between 129 and 255 remain, a block of ⌈(rest/2)/8⌉·8, then the rest;
//   - inside a block of length n, position i < n − n mod 8 goes to
//     accumulator i mod 4, and the last n mod 8 positions go to accumulator
//     0, in order; the block's value is (a₀ + a₁) + (a₂ + a₃);
//   - z starts at the bias and adds each block's value in turn.
//
// For a9a (K = 123) that is one block: four accumulators over the first 120
// columns, the last three columns into the first one, then the bias.
type SgemmOrder struct {
	// lo[c] and tail[c] are the first column and the first tail column of
	// block c; lo[len(lo)-1] is K, a sentinel.
	lo, tail []int
}

// NewSgemmOrder returns the summation order for K columns.
func NewSgemmOrder(k int) *SgemmOrder {
	const q, unroll = 128, 8
	o := &SgemmOrder{}
	for ls := 0; ls < k; {
		n := k - ls
		switch {
		case n >= 2*q:
			n = q
		case n > q:
			n = (n/2 + unroll - 1) / unroll * unroll
		}
		o.lo = append(o.lo, ls)
		o.tail = append(o.tail, ls+n-n%unroll)
		ls += n
	}
	o.lo = append(o.lo, k)
	return o
}

// Dot returns b + Σₖ w[idx[k]]·val[k] in float32, summed in the sgemm order.
// idx must be increasing, as data.Dataset guarantees.
func (o *SgemmOrder) Dot(w []float32, b float32, idx []int32, val []float32) float32 {
	z := b
	k := 0
	for c := 0; c+1 < len(o.lo); c++ {
		lo, hi, tail := o.lo[c], o.lo[c+1], o.tail[c]
		var a [4]float32
		for ; k < len(idx) && int(idx[k]) < hi; k++ {
			j := int(idx[k])
			lane := (j - lo) & 3
			if j >= tail {
				lane = 0
			}
			a[lane] += float32(w[j] * val[k])
		}
		z += (a[0] + a[1]) + (a[2] + a[3])
	}
	return z
}

// Float32s rounds each element of x to float32, as torch.tensor(x,
// dtype=torch.float32) does.
func Float32s(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = float32(v)
	}
	return out
}
