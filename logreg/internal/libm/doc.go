// Package libm gives SklearnLoop's readable step the exponential and the
// power scikit-learn's compiled loop calls: the C library's exp, in the
// log loss's derivative, and pow, in the rate of 'invscaling'.
//
// Built with cgo and the tag sgdlab_libm, they are the C library's own,
// and SklearnLoop repeats SGDClassifier bit for bit on the machine that
// runs both. Otherwise they are pure Go: crmath.Exp, correctly rounded,
// and math.Pow. glibc's exp is not always correctly rounded (within 0.51
// ulp): about one argument in 1,300 gives the other neighbour, the first in
// an a9a run at step 8,559, exp(4.518371030101585). Its pow differs from
// math.Pow more often (most t for t^0.25). Those last bits do not show,
// but in an averaged run whose weight scale is folded back: there the
// average is the difference of two numbers up to 10⁹ times larger than it
// (sgdfast's sgd.go), scikit-learn's own average keeps only about 7
// digits, and the pure Go functions leave the final average up to 6·10⁻⁶
// from its. Expf and Logf are the float32 functions PyTorch's CPU kernels
// call, for TorchLoop's float32 mode (package pytorch), the C library's
// with the same tag.
package libm
