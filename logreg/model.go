package logreg

// Model is a logistic regression model: p(y=1|x) = σ(w·x + b).
type Model struct {
	W []float64 `json:"w"`
	B float64   `json:"b"`
}

// Logit returns the model's score for one sparse row, as data.Dataset.Row
// gives it:
//
//	z = w·x + b
//
// Its sigmoid is the model's probability of the label 1. Features beyond
// len(m.W) panic, as an index out of range.
func (m Model) Logit(index []int32, value []float64) float64 {
	return dot(m.W, m.B, index, value)
}

// Small kernels over one sparse row (the indices and values of
// data.Dataset.Row). The explicit float64(...) conversions around products
// forbid fusing a multiply and an add into one FMA, which Go may do on some
// platforms: the programs we reproduce round the product and the sum
// separately.

// dot returns b + Σₖ w[idx[k]]·val[k], summed from left to right in float64.
func dot(w []float64, b float64, idx []int32, val []float64) float64 {
	s := 0.0
	for k, j := range idx {
		s += float64(w[j] * val[k])
	}
	return s + b
}

// dotBiasFirst returns b + Σₖ w[idx[k]]·val[k], starting the left-to-right
// sum from b, the order of X @ W with the bias as the first column.
func dotBiasFirst(w []float64, b float64, idx []int32, val []float64) float64 {
	s := b
	for k, j := range idx {
		s += float64(w[j] * val[k])
	}
	return s
}

// sqNorm returns Σⱼ w[j]², summed from left to right.
func sqNorm(w []float64) float64 {
	s := 0.0
	for _, v := range w {
		s += float64(v * v)
	}
	return s
}
