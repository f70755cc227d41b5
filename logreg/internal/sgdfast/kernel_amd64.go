//go:build amd64 && !purego

package sgdfast

import "golang.org/x/sys/cpu"

// haveOnehotKernel reports whether onehotSteps can run: it uses AVX and FMA.
var haveOnehotKernel = cpu.X86.HasAVX && cpu.X86.HasFMA

// onehotSteps runs the steps k describes (kernel_amd64.s).
//
//go:noescape
func onehotSteps(k *onehotKernel)

// onehotTorchRead runs Torch's steps k describes in a pass that
// reads x·x' (kernel_amd64.s).
//
//go:noescape
func onehotTorchRead(k *onehotKernel)
