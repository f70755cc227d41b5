package data

import (
	"bytes"
	"sync"
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
	p                *parser
	err              error
}

// parse parses text cut into parts of about chunk bytes, in parallel. It
// returns the Dataset and the number of lines, or the first error of the
// text, as parsing it line after line would.
//
// Bounds first: a part has at most one entry per colon and one row per
// line, so part k can write at the sums of the bounds of parts 0..k−1. Parts
// that hold fewer (comments, qid:N, blank lines) leave gaps, closed after
// parsing by moving the later parts down; a9a has none.
func parse(text []byte, opt ReadOptions, chunk int) (*Dataset, int, error) {
	var parts []*part
	entries, rows, lines := 0, 0, 0
	for len(text) > 0 {
		n := min(chunk, len(text))
		if i := bytes.IndexByte(text[n:], '\n'); i >= 0 {
			n += i + 1
		} else {
			n = len(text)
		}
		t := &part{
			text:     text[:n],
			entries:  bytes.Count(text[:n], []byte(":")),
			lines:    bytes.Count(text[:n], []byte("\n")),
			entryOff: entries,
			rowOff:   rows,
			p:        &parser{opt: opt, limit: indexLimit(opt), entryBase: entries, line: lines, maxIndex: -1},
		}
		if text[n-1] != '\n' {
			t.lines++ // the last line, without its '\n'
		}
		entries, rows, lines = entries+t.entries, rows+t.lines, lines+t.lines
		parts = append(parts, t)
		text = text[n:]
	}

	d := &Dataset{RowPtr: make([]int, rows+1), Index: make([]int32, entries), Value: make([]float64, entries),
		Label: make([]float64, rows)}
	if opt.Binary {
		d.Y = make([]float64, rows)
	}
	if opt.KeepQID {
		d.QID = make([]int64, rows)
	}
	view := func(s []float64, off, n int) []float64 {
		if s == nil {
			return nil
		}
		return s[off : off : off+n]
	}
	for _, t := range parts {
		eo, ro := t.entryOff, t.rowOff
		t.p.d = &Dataset{
			RowPtr: d.RowPtr[ro+1 : ro+1 : ro+1+t.lines],
			Index:  d.Index[eo : eo : eo+t.entries],
			Value:  d.Value[eo : eo : eo+t.entries],
			Label:  d.Label[ro : ro : ro+t.lines],
			Y:      view(d.Y, ro, t.lines),
		}
		if d.QID != nil {
			t.p.d.QID = d.QID[ro : ro : ro+t.lines]
		}
	}

	if len(parts) == 1 {
		parts[0].err = parts[0].p.parseText(parts[0].text)
	} else {
		var wg sync.WaitGroup
		for _, t := range parts {
			wg.Go(func() { t.err = t.p.parseText(t.text) })
		}
		wg.Wait()
	}
	if err := firstError(parts, opt); err != nil {
		return nil, 0, err
	}
	return join(d, parts, opt), lines, nil
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
