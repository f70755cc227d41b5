//go:build !unix

package main

import "os"

// maxRSS returns 0: the peak resident memory is known on unix systems only.
func maxRSS(*os.ProcessState) int64 { return 0 }

// cpuSeconds returns 0: the CPU time is read on unix systems only.
func cpuSeconds() float64 { return 0 }
