package logreg

// Forms of BCE and LogitGrad for the loops' inner steps. Each returns
// exactly what the exported function returns (tests check bit equality),
// but avoids what costs time in a loop that runs one sample at a time:
// math.Max is a call to assembly on amd64, and BCE takes two logarithms of
// which a label in {0,1} needs one: for y = 1 BCE is −max(log p, −100), for
// y = 0 it is −max(log(1 − p), −100), the other term being ±0. (bceSum in
// torch_fast.go sums the float64 form.)

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

// logitGrad returns LogitGrad(p, y): the same operations, with the guard
// written as a comparison (the product (1 − p)·p is never −0, where
// math.Max would differ).
func logitGrad(p, y float64) float64 {
	d := (1 - p) * p
	if d < backwardEps {
		d = backwardEps
	}
	gp := (p - y) / d
	return gp * (1 - p) * p
}

// b2i returns 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
