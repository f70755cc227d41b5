package data

import "fmt"

// Fingerprint identifies a data file by its content rather than its bytes,
// since public copies of the same set differ in trailing whitespace.
type Fingerprint struct {
	Rows      int // samples
	Positives int // rows labelled +1 (or 1)
	NNZ       int // stored index:value pairs
	MaxIndex  int // largest 1-based index used, 0 if none
}

// Fingerprint returns d's content fingerprint. MaxIndex comes from the
// indices themselves, not from Width, which may be declared larger.
func (d *Dataset) Fingerprint() Fingerprint {
	f := Fingerprint{Rows: d.Rows(), NNZ: d.NNZ()}
	for _, l := range d.Label {
		if l == 1 {
			f.Positives++
		}
	}
	for i := range d.Rows() {
		// Indices increase along a row, so its last one is its largest.
		if lo, hi := d.RowPtr[i], d.RowPtr[i+1]; hi > lo {
			f.MaxIndex = max(f.MaxIndex, int(d.Index[hi-1])+1)
		}
	}
	return f
}

// String formats f as "rows=R positives=P nonzeros=N max-index=M".
func (f Fingerprint) String() string {
	return fmt.Sprintf("rows=%d positives=%d nonzeros=%d max-index=%d", f.Rows, f.Positives, f.NNZ, f.MaxIndex)
}
