//go:build linux

package main

import "syscall"

// totalMemory returns the machine's memory in bytes, or 0 when it is not
// known.
func totalMemory() uint64 {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 0
	}
	return uint64(si.Totalram) * uint64(si.Unit)
}
