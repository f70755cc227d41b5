//go:build !unix

package nb

// PeakMemory returns 0: this system does not tell the peak memory.
func PeakMemory() int64 { return 0 }
