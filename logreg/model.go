package logreg

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
