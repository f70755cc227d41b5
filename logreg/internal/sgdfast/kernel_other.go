//go:build !amd64 || purego

package sgdfast

// haveOnehotKernel is false: the kernel is written for amd64 only, and the
// Go steps take its place.
const haveOnehotKernel = false

func onehotSteps(*onehotKernel) { panic("logreg: no one-hot kernel on this platform") }

func onehotTorchRead(*onehotKernel) { panic("logreg: no one-hot kernel on this platform") }
