//go:build cgo && sgdlab_libm

package pytorch

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

// LibmExact reports whether Exp32 and Log32 are the C library's.
const LibmExact = true

// Exp32 returns expf(x).
func Exp32(x float32) float32 { return float32(C.expf(C.float(x))) }

// Log32 returns logf(x).
func Log32(x float32) float32 { return float32(C.logf(C.float(x))) }
