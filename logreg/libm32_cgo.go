//go:build cgo && sgdlab_libm

package logreg

// With the build tag sgdlab_libm, the float32 elementary functions are the C
// library's expf, logf and log1pf, the ones PyTorch's CPU kernels call, so
// TorchLoop's float32 mode repeats PyTorch bit for bit on the machine that
// made the reference traces (glibc 2.36, OpenBLAS 0.3.21). A call through
// cgo costs tens of nanoseconds, several times the pure Go version.

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

// libmExact reports whether the float32 functions are the C library's.
const libmExact = true

// exp32 returns expf(x).
func exp32(x float32) float32 { return float32(C.expf(C.float(x))) }

// log32 returns logf(x).
func log32(x float32) float32 { return float32(C.logf(C.float(x))) }
