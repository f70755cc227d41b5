package data

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
)

// Fingerprint identifies a data file by its content rather than its bytes,
// since public copies of the same set differ in trailing whitespace. Its
// counts make a mismatch readable; the content digest (ContentSHA256,
// FileSpec.SHA256) catches what keeps them: a changed value, index or
// label, or two lines swapped.
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

// ContentSHA256 returns the lowercase hex SHA-256 of d's labels, indices and
// values in the canonical encoding: for each row in order,
//
//	label   8 bytes  float64, IEEE 754 binary64, little-endian
//	n       4 bytes  uint32, little-endian: the row's index:value pairs
//	n times:
//	  index 4 bytes  uint32, little-endian, 1-based as in the file
//	  value 8 bytes  float64, IEEE 754 binary64, little-endian
//
// with −0 written as +0. The digest depends only on what Read parses, so
// spacing, line ends, comments, blank lines, number spellings ("1", "1.0",
// "+1") and a declared Width leave it unchanged; qid:N is not part of it.
func (d *Dataset) ContentSHA256() string {
	h := sha256.New()
	buf := make([]byte, 0, 32<<10)
	float := func(x float64) {
		if x == 0 {
			x = 0 // −0 as +0
		}
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
	}
	for i, l := range d.Label {
		if len(buf) > cap(buf)-12 {
			h.Write(buf)
			buf = buf[:0]
		}
		float(l)
		lo, hi := d.RowPtr[i], d.RowPtr[i+1]
		buf = binary.LittleEndian.AppendUint32(buf, uint32(hi-lo))
		for k := lo; k < hi; k++ {
			if len(buf) > cap(buf)-12 {
				h.Write(buf)
				buf = buf[:0]
			}
			buf = binary.LittleEndian.AppendUint32(buf, uint32(d.Index[k])+1)
			float(d.Value[k])
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}

// String formats f as "rows=R positives=P nonzeros=N max-index=M".
func (f Fingerprint) String() string {
	return fmt.Sprintf("rows=%d positives=%d nonzeros=%d max-index=%d", f.Rows, f.Positives, f.NNZ, f.MaxIndex)
}
