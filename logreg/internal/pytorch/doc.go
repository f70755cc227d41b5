// Package pytorch repeats the float32 arithmetic of PyTorch 1.13's CPU
// kernels on one sample, as TorchLoop's float32 mode needs it: the order
// in which OpenBLAS sums the products of nn.Linear's 1×1 sgemm
// (SgemmOrder), and the C library's expf and logf (Exp32, Log32).
//
// By default Exp32 and Log32 are computed in float64 and rounded once, which
// differs from glibc's now and then in the last bit; built with cgo and the
// tag sgdlab_libm they call the C library, and LibmExact is true. Nothing
// panics but an index out of range, as in any slice loop.
package pytorch
