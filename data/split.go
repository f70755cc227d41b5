package data

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"
)

// chunkSize is the size of the parts Read parses at once, cut at line ends.
const chunkSize = 256 << 10

// part is one piece of the text, with bounds on what it holds, computed
// before parsing so that every part can write straight into the whole
// Dataset's slices.
type part struct {
	text []byte
	// entries bounds its index:value pairs (one per colon), lines its rows
	// (one per line); entryOff and rowOff are where it writes.
	entries, lines   int
	entryOff, rowOff int
	// stop, when set, is the error of the line right after text (a NUL
	// byte, an overlong line), reported once text parses; its Line is
	// filled in then.
	stop *ParseError
	// recycle: text is a buffer of its own, to reuse once parsed.
	recycle bool
	index   int // the part's place in the input, from 0
	p       *parser
	err     error
}

// run parses the part's text, then reports its stop, if any.
func (t *part) run() {
	t.err = t.p.parseText(t.text)
	if t.err == nil && t.stop != nil {
		t.stop.Line = t.p.line + 1
		t.err = t.stop
	}
}

// lowest records the lowest index of a part that failed, or that ends the
// input, so that the parts after it are skipped: nothing in them could be
// the first error. The zero value has none.
type lowest struct{ k1 atomic.Int64 } // the index plus one; 0 for none

// set records index k.
func (l *lowest) set(k int) {
	for {
		old := l.k1.Load()
		if old != 0 && old <= int64(k)+1 || l.k1.CompareAndSwap(old, int64(k)+1) {
			return
		}
	}
}

// after reports whether an index below k is recorded.
func (l *lowest) after(k int) bool {
	old := l.k1.Load()
	return old != 0 && int64(k)+1 > old
}

// get returns the index recorded, and whether there is one.
func (l *lowest) get() (int, bool) {
	old := l.k1.Load()
	return int(old - 1), old != 0
}

// cutAtNUL returns text up to the line holding its first NUL byte, and the
// error for that line, or text and nil when it has none.
func cutAtNUL(text []byte) ([]byte, *ParseError) {
	i := bytes.IndexByte(text, 0)
	if i < 0 {
		return text, nil
	}
	start := bytes.LastIndexByte(text[:i], '\n') + 1
	return text[:start], &ParseError{Column: i - start + 1, Err: errBinary}
}

// errBinary is the error of a line holding a NUL byte.
var errBinary = fmt.Errorf("%w: a NUL byte, as in binary data (compressed in a format not read?)", ErrBinary)

// parse parses text cut into parts of about chunk bytes, in parallel. It
// returns the Dataset and the number of lines, or the first error of the
// text, as parsing it line after line would.
//
// Bounds first: a part has at most one entry per colon and one row per
// line, so part k can write at the sums of the bounds of parts 0..k−1. Parts
// that hold fewer (comments, qid:N, blank lines) leave gaps, closed after
// parsing by moving the later parts down; a9a has none.
func parse(text []byte, opt ReadOptions, chunk int) (*Dataset, int, error) {
	text, stop := cutAtNUL(text)
	var parts []*part
	entries, rows, lines := 0, 0, 0
	add := func(n int) {
		t := newPart(text[:n], opt, entries, rows, lines)
		entries, rows, lines = entries+t.entries, rows+t.lines, lines+t.lines
		parts = append(parts, t)
		text = text[n:]
	}
	for len(text) > 0 {
		n := min(chunk, len(text))
		if i := bytes.IndexByte(text[n:], '\n'); i >= 0 {
			n += i + 1
		} else {
			n = len(text)
		}
		add(n)
	}
	if stop != nil {
		// The lines before the NUL's are parsed, then its error stands.
		if len(parts) == 0 {
			add(0)
		}
		parts[len(parts)-1].stop = stop
	}

	d := newDataset(rows, entries, opt)
	for _, t := range parts {
		t.p.d = d.view(t.rowOff, t.lines, t.entryOff, t.entries)
	}

	if len(parts) == 1 {
		parts[0].run()
	} else {
		var wg sync.WaitGroup
		for _, t := range parts {
			wg.Go(t.run)
		}
		wg.Wait()
	}
	if err := firstError(parts, opt); err != nil {
		return nil, 0, err
	}
	return join(d, parts, opt), lines, nil
}

// newPart returns the part for text, the whole lines after the given numbers
// of entries (bounded), rows (bounded) and lines before it, with its
// bounds counted.
func newPart(text []byte, opt ReadOptions, entries, rows, lines int) *part {
	t := &part{
		text:     text,
		entries:  bytes.Count(text, []byte(":")),
		lines:    bytes.Count(text, []byte("\n")),
		entryOff: entries,
		rowOff:   rows,
		p:        &parser{opt: opt, limit: indexLimit(opt), entryBase: entries, line: lines, maxIndex: -1},
	}
	if len(text) > 0 && text[len(text)-1] != '\n' {
		t.lines++ // the last line, without its '\n'
	}
	return t
}

// newDataset allocates a Dataset of rows rows and entries entries, with Y
// and QID as opt asks.
func newDataset(rows, entries int, opt ReadOptions) *Dataset {
	d := &Dataset{RowPtr: make([]int, rows+1), Index: make([]int32, entries), Value: make([]float64, entries),
		Label: make([]float64, rows)}
	if opt.Binary {
		d.Y = make([]float64, rows)
	}
	if opt.KeepQID {
		d.QID = make([]int64, rows)
	}
	return d
}

// view returns a Dataset whose slices are empty views of d's, of capacity
// lines rows from row ro and entries entries from entry eo, for a part to
// append to in place.
func (d *Dataset) view(ro, lines, eo, entries int) *Dataset {
	v := &Dataset{
		RowPtr: d.RowPtr[ro+1 : ro+1 : ro+1+lines],
		Index:  d.Index[eo : eo : eo+entries],
		Value:  d.Value[eo : eo : eo+entries],
		Label:  d.Label[ro : ro : ro+lines],
	}
	if d.Y != nil {
		v.Y = d.Y[ro : ro : ro+lines]
	}
	if d.QID != nil {
		v.QID = d.QID[ro : ro : ro+lines]
	}
	return v
}

// firstError returns the error that reading the parts in order would meet
// first: a part's own error, or a clash between the binary convention the
// earlier parts chose (−1/+1 or 0/1) and the first −1 or 0 label of this
// part, which no part could see alone.
func firstError(parts []*part, opt ReadOptions) error {
	var first *parser // the part that fixed the convention
	for _, t := range parts {
		p := t.p
		if opt.Binary && first != nil && p.sawNegative && p.negative != first.negative {
			// The label comes before anything else on its line.
			if pe, ok := t.err.(*ParseError); t.err == nil || ok && pe.Line >= p.negativeLine {
				return labelClash(p.negativeLine, p.negativeCol, p.negative, first.negativeLine, first.negative)
			}
		}
		if t.err != nil {
			if pe, ok := t.err.(*ParseError); ok && p.clashed && first != nil {
				// The part agreed with the earlier parts on its first −1
				// or 0, so the label it refused clashes with theirs.
				return labelClash(pe.Line, pe.Column-1, p.clashLabel, first.negativeLine, first.negative)
			}
			return t.err
		}
		if first == nil && p.sawNegative {
			first = p
		}
	}
	return nil
}

// join closes the gaps between the parts' rows and entries, and sets the
// width.
func join(d *Dataset, parts []*part, opt ReadOptions) *Dataset {
	entries, rows := 0, 0
	maxIndex := int32(-1)
	for _, t := range parts {
		p := t.p
		ne, nr := len(p.d.Index), len(p.d.Label)
		if t.entryOff != entries {
			copy(d.Index[entries:], p.d.Index)
			copy(d.Value[entries:], p.d.Value)
		}
		if shift := t.entryOff - entries; shift != 0 || t.rowOff != rows {
			// Moving down, in place: each offset is read before it is
			// overwritten.
			for i, off := range p.d.RowPtr {
				d.RowPtr[rows+1+i] = off - shift
			}
		}
		if t.rowOff != rows {
			copy(d.Label[rows:], p.d.Label)
			if d.Y != nil {
				copy(d.Y[rows:], p.d.Y)
			}
			if d.QID != nil {
				copy(d.QID[rows:], p.d.QID)
			}
		}
		entries, rows = entries+ne, rows+nr
		maxIndex = max(maxIndex, p.maxIndex)
	}
	d.RowPtr, d.Index, d.Value, d.Label = d.RowPtr[:rows+1], d.Index[:entries], d.Value[:entries], d.Label[:rows]
	if d.Y != nil {
		d.Y = d.Y[:rows]
	}
	if d.QID != nil {
		d.QID = d.QID[:rows]
	}
	d.Width = opt.Width
	if d.Width == 0 {
		d.Width = int(maxIndex) + 1
	}
	return d
}
