package sgdfast

import "sync"

// A run's largest buffers hold one float64 a sample for each of the
// evaluator's snapshots: what Torch's passes record, and what NumPy's do
// (1.3 and 2.6 MB a run on a9a). When a run ends they are kept for the
// next one, a cache that changes no result: allocated anew each run, they
// have the garbage collector run every few runs beside the loop
// (BENCHMARKS.md has what that costs).
var sampleBufs sync.Pool // of *[]float64

// sampleBuf returns buf resized to n, reusing its memory, or that of a
// buffer a finished run released, when it can.
func sampleBuf(buf []float64, n int) []float64 {
	if cap(buf) >= n {
		return buf[:n]
	}
	if p, ok := sampleBufs.Get().(*[]float64); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]float64, n)
}

// releaseSampleBuf hands buf on to later runs; the caller must not use it
// again.
func releaseSampleBuf(buf []float64) {
	if cap(buf) > 0 {
		sampleBufs.Put(&buf)
	}
}
