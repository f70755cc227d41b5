package logreg

// Forms of BCE for the loops' inner steps. Each returns exactly what the
// exported function returns (tests check), but avoids what costs time in a
// loop that runs one sample at a time: BCE takes two logarithms of which a
// label in {0,1} needs one: for y = 1 BCE is −max(log p, −100), for
// y = 0 it is −max(log(1 − p), −100), the other term being ±0. (bcePart
// in losssum.go sums the float64 form.)

// bceLabel32 returns BCE32(p, y): for y in {0,1}, in float32, q = p or
// 1 − p (the products by 0 and 1 are exact) and −max(log32(q), −100).
func bceLabel32(p, y float32) float32 {
	if y != 0 && y != 1 {
		return BCE32(p, y)
	}
	q := float32(p*y) + float32((1-p)*(1-y))
	l := log32(q)
	if l < -100 {
		l = -100
	}
	return -l
}

// b2i returns 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
