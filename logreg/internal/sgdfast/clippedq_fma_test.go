//go:build amd64.v3

package sgdfast

// Built for x86-64-v3 and up, Go fuses a·b + c into one rounding where
// the assembly rounds twice: p may differ by an ulp or so, and q = 1 − p
// by as much, relative to 1.
func init() { clippedQTol = 1e-15 }
