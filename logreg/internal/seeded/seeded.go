package seeded

import "math/rand/v2"

// seedStream is the second word of the PCG state; fixed so that the seed
// (logreg's Config.Seed) alone decides every random draw.
const seedStream = 0x5eed_5eed_5eed_5eed

// NewRand returns the run's only source of randomness: a PCG generator
// seeded with seed. The loops draw from it in a fixed order: the initial
// weights first (if Config.InitStd > 0), then one permutation per pass (if
// Config.Shuffle).
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seedStream))
}

// InitNormal sets each w[j] to a draw from N(0, std²), in index order.
func InitNormal(r *rand.Rand, w []float64, std float64) {
	for j := range w {
		w[j] = std * r.NormFloat64()
	}
}

// Order holds the visiting order of the samples of one run.
type Order struct {
	idx     []int
	rand    *rand.Rand
	shuffle bool
}

// NewOrder returns the order 0, 1, ..., n−1, reshuffled by Next when
// shuffle is set.
func NewOrder(n int, shuffle bool, r *rand.Rand) *Order {
	o := &Order{idx: make([]int, n), rand: r, shuffle: shuffle}
	for i := range o.idx {
		o.idx[i] = i
	}
	return o
}

// Next returns the order of the next pass: file order, or a fresh uniform
// permutation (a Fisher–Yates shuffle of the previous one).
func (o *Order) Next() []int {
	if o.shuffle {
		o.rand.Shuffle(len(o.idx), func(i, j int) { o.idx[i], o.idx[j] = o.idx[j], o.idx[i] })
	}
	return o.idx
}
