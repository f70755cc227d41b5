package sgdfast

// BCESums32 returns what logreg's TorchLoop in float32 reports of a pass
// from each step's probability p[k] and label y[k]: the sum, in order and
// in float64, of PyTorch's float32 nn.BCELoss,
//
//	(y − 1)·max(log(1 − p), −100) − y·max(log p, −100),
//
// every operation rounded to float32 and log the caller's logf; and the
// number of k with (p[k] ≥ 1/2) = (y[k] = 1). For a label in {0,1} one of
// the two terms is ±0, so it takes one logarithm, −max(log q, −100) with
// q = p for y = 1 and q = 1 − p for y = 0: the same float32, but for the
// sign of a zero loss, which a sum begun at +0 does not keep. ok is false,
// and the sums are not found, if a label is not in {0,1}.
func BCESums32(p, y []float32, log func(float32) float32) (loss float64, right int, ok bool) {
	y = y[:len(p)]
	for k, pk := range p {
		q, positive := pk, pk >= 0.5
		switch y[k] {
		case 0:
			q, positive = 1-pk, !positive
		case 1:
		default:
			return 0, 0, false
		}
		loss -= float64(max(log(q), -100))
		right += b2i(positive)
	}
	return loss, right, true
}
