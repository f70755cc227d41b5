// Package pytorch repeats the float32 arithmetic of PyTorch 1.13's CPU
// kernels, as TorchLoop's float32 mode needs it. On one sample: the order
// in which OpenBLAS sums the products of nn.Linear's 1×1 sgemm
// (SgemmOrder), and the sigmoid, loss and gradient built from the C
// library's expf and logf (libm.Expf, libm.Logf): Sigmoid32, LogitGrad32.
// Over a data set: the seed's PyTorch program in float32 (Loop), whose
// steps, predictions and loss sums logreg's TorchLoop reports. It lives
// here, beside that arithmetic, so that package logreg, read beside the
// notebooks, stays short.
//
// By default expf and logf are computed in float64 and rounded once, which
// differs from glibc's now and then in the last bit; built with cgo and the
// tag sgdlab_libm they are the C library's (package libm). Nothing panics
// but an index out of range, as in any slice loop.
package pytorch
