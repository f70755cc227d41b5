package data

import (
	"bytes"
	"io"
	"runtime/debug"
	"slices"
	"sync"
)

// readText reads r, a stream of text of unknown length (a pipe, a
// decompressor): whole when it ends within lim.whole bytes, else in parts
// of about lim.block bytes, each parsed, as soon as read, into slices of
// its own sized by its bounds; at the end they are moved into the
// Dataset's slices. The stream's text is never held whole: the peak is the
// rows themselves, plus the parts' slices not yet moved (released to the
// system every 16 MiB moved), plus a few parts of text in flight.
func readText(r io.Reader, opt ReadOptions, lim limits, prog *readTracker) (*Dataset, error) {
	// Whole, when small: the text read so far is parsed in place.
	text := make([]byte, 0, 512)
	var rerr error
	for len(text) < lim.whole && rerr == nil {
		if len(text) == cap(text) {
			text = slices.Grow(text, len(text))
		}
		n, err := r.Read(text[len(text):min(cap(text), lim.whole)])
		if bytes.IndexByte(text[len(text):len(text)+n], 0) >= 0 {
			err = io.EOF // binary: what follows does not matter
		}
		text, rerr = text[:len(text)+n], err
	}
	if rerr != nil {
		if rerr == io.EOF {
			rerr = nil
		}
		return readWhole(text, rerr, opt, prog)
	}
	return readParts(&cutter{r: r, lim: lim, pending: text, free: make(chan []byte, 2*workers()+2)}, opt, prog)
}

// cutter cuts a stream into runs of whole lines.
type cutter struct {
	r   io.Reader
	lim limits
	// pending is text read and not yet handed out, starting at a line.
	pending []byte
	err     error // the reader's error once met (io.EOF at the end)
	done    bool
	// free holds buffers whose text is parsed, for reuse: the runs in
	// flight are bounded, so reading makes no garbage.
	free chan []byte
}

// buffer returns a buffer of at least n bytes.
func (c *cutter) buffer(n int) []byte {
	select {
	case b := <-c.free:
		if cap(b) >= n {
			return b[:0]
		}
	default:
	}
	return make([]byte, 0, n)
}

// recycle takes back a buffer that next returned.
func (c *cutter) recycle(b []byte) {
	select {
	case c.free <- b:
	default:
	}
}

// next returns the next run of whole lines, of at least lim.block bytes
// but at the end, and with stop set when the run ends before a line
// holding a NUL byte or one longer than lim.maxLine, the last run; fresh
// tells that text is a buffer of its own, to recycle once parsed. It
// returns nil, nil after the last, and after a read error, which is then
// in c.err.
func (c *cutter) next() (text []byte, fresh bool, stop *ParseError) {
	if c.done {
		return nil, false, nil
	}
	// Text already read, cut without copying.
	if len(c.pending) > c.lim.block {
		if i := bytes.IndexByte(c.pending[c.lim.block:], '\n'); i >= 0 {
			n := c.lim.block + i + 1
			text, c.pending = c.pending[:n], c.pending[n:]
			return text, false, nil
		}
	}
	buf := append(c.buffer(max(2*len(c.pending), c.lim.block+c.lim.block/2)), c.pending...)
	c.pending = nil
	lastNL := bytes.LastIndexByte(buf, '\n')
	for {
		if len(buf) >= c.lim.block && lastNL >= 0 {
			// The start of the next line, out of buf, which goes to a
			// parser and then back to c.free.
			c.pending = bytes.Clone(buf[lastNL+1:])
			return buf[:lastNL+1], true, nil
		}
		if lastNL < 0 && len(buf) > c.lim.maxLine {
			c.done = true
			return nil, false, &ParseError{Column: 1, Err: lineTooLong(c.lim.maxLine)}
		}
		if c.err != nil {
			c.done = true
			if c.err != io.EOF {
				return buf[:lastNL+1], true, nil // whole lines before the failure
			}
			return buf, true, nil
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, len(buf))
		}
		n, err := c.r.Read(buf[len(buf):cap(buf)])
		read := buf[len(buf) : len(buf)+n]
		if i := bytes.IndexByte(read, 0); i >= 0 {
			c.done = true
			text, stop := cutAtNUL(buf[:len(buf)+i+1])
			return text, true, stop
		}
		// The line that was running on ends at the first newline read;
		// the lines after it are shorter than the read.
		if i := bytes.IndexByte(read, '\n'); i >= 0 && len(buf)+i-(lastNL+1) > c.lim.maxLine {
			c.done = true
			return buf[:lastNL+1], true, &ParseError{Column: 1, Err: lineTooLong(c.lim.maxLine)}
		}
		if i := bytes.LastIndexByte(read, '\n'); i >= 0 {
			lastNL = len(buf) + i
		}
		buf, c.err = buf[:len(buf)+n], err
	}
}

// readParts parses the runs of c on all processors as they come, then
// moves them into one Dataset.
func readParts(c *cutter, opt ReadOptions, prog *readTracker) (*Dataset, error) {
	jobs := make(chan *part, workers())
	var failed lowest
	var wg sync.WaitGroup
	for range workers() {
		wg.Go(func() {
			for t := range jobs {
				if failed.after(t.index) {
					continue // an earlier part failed: its error stands
				}
				t.p.d = newDataset(t.lines, t.entries, opt).view(0, t.lines, 0, t.entries)
				t.run()
				if t.recycle {
					c.recycle(t.text)
				}
				t.text = nil
				if t.err != nil {
					failed.set(t.index)
				}
				prog.add(len(t.p.d.Label), 0)
			}
		})
	}
	var parts []*part
	entries, lines := 0, 0
	for {
		if _, ok := failed.get(); ok {
			break // stop reading: the error is in what is read
		}
		text, fresh, stop := c.next()
		if text == nil && stop == nil {
			break
		}
		t := newPart(text, opt, entries, lines, lines)
		t.stop, t.recycle, t.index = stop, fresh, len(parts)
		entries, lines = entries+t.entries, lines+t.lines
		parts = append(parts, t)
		jobs <- t
	}
	close(jobs)
	wg.Wait()
	if err := firstError(parts, opt); err != nil {
		return nil, err
	}
	if c.err != nil && c.err != io.EOF {
		return nil, readError(lines, c.err)
	}
	return joinParts(parts, opt), nil
}

// releaseEvery is how many bytes of parts joinParts moves between handing
// their memory back to the system.
const releaseEvery = 16 << 20

// joinParts moves the parts' rows into one Dataset, in order, dropping each
// part once moved, and handing the memory of the dropped ones back to the
// system every releaseEvery bytes, so that the rows are not held twice.
func joinParts(parts []*part, opt ReadOptions) *Dataset {
	entries, rows := 0, 0
	for _, t := range parts {
		entries, rows = entries+len(t.p.d.Index), rows+len(t.p.d.Label)
	}
	d := newDataset(rows, entries, opt)
	entries, rows = 0, 0
	maxIndex := int32(-1)
	released := 0
	for _, t := range parts {
		p := t.p
		ne, nr := len(p.d.Index), len(p.d.Label)
		copy(d.Index[entries:], p.d.Index)
		copy(d.Value[entries:], p.d.Value)
		shift := t.entryOff - entries
		for i, off := range p.d.RowPtr {
			d.RowPtr[rows+1+i] = off - shift
		}
		copy(d.Label[rows:], p.d.Label)
		if d.Y != nil {
			copy(d.Y[rows:], p.d.Y)
		}
		if d.QID != nil {
			copy(d.QID[rows:], p.d.QID)
		}
		entries, rows = entries+ne, rows+nr
		maxIndex = max(maxIndex, p.maxIndex)
		released += 12*cap(p.d.Index) + 24*cap(p.d.Label)
		p.d = nil
		if released >= releaseEvery {
			debug.FreeOSMemory()
			released = 0
		}
	}
	d.Width = opt.Width
	if d.Width == 0 {
		d.Width = int(maxIndex) + 1
	}
	return d
}
