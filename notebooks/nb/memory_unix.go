//go:build unix

package nb

import (
	"runtime"
	"syscall"
)

// PeakMemory returns the peak resident memory of this process (a cell's
// program) so far, in bytes, or 0 when the system does not tell.
func PeakMemory() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // bytes there, kilobytes elsewhere
	}
	return int64(ru.Maxrss) * 1024 // int32 on 32-bit systems
}
