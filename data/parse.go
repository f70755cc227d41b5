package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// parser parses one part of the text: whole lines, from line line+1 on,
// into views of the final Dataset's slices whose capacity bounds what the
// part can hold (see parse), so its appends write in place.
type parser struct {
	opt ReadOptions
	d   *Dataset // the part's rows, in views
	// limit is the largest index allowed (indexLimit).
	limit uint64
	// entryBase is where the part's entries start in the whole Dataset, so
	// that its RowPtr offsets are the whole Dataset's.
	entryBase int
	line      int // lines parsed, counting from the whole text's start
	// comments is false when the part has no '#' at all, which spares a
	// search on every line.
	comments bool
	// maxIndex is the largest 0-based index seen, −1 before any.
	maxIndex int32
	// sawNegative is set by the first label −1 or 0 (negative) and its
	// column on negativeLine; with Binary the other one is then refused.
	sawNegative               bool
	negative                  float64
	negativeLine, negativeCol int
	// clashed is set when label clashLabel broke the convention.
	clashed    bool
	clashLabel float64
}

// parseText parses the lines of text, the last of which may lack its '\n'.
// Its errors are *ParseError.
func (p *parser) parseText(text []byte) error {
	p.comments = bytes.IndexByte(text, '#') >= 0
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			return p.parseLine(text)
		}
		if err := p.parseLine(text[:i]); err != nil {
			return err
		}
		text = text[i+1:]
	}
	return nil
}

// labelClash is the error for label v at column pos of line after label
// first on line firstLine: a binary file uses −1/+1 or 0/1, not both.
func labelClash(line, pos int, v float64, firstLine int, first float64) *ParseError {
	return &ParseError{Line: line, Column: pos + 1, Err: fmt.Errorf(
		"%w: label %g, but line %d has %g (binary labels are −1/+1 or 0/1)", ErrLabel, v, firstLine, first)}
}

func (p *parser) fail(col int, err error) *ParseError {
	return &ParseError{Line: p.line, Column: col + 1, Err: err}
}

// separator marks the bytes that separate tokens; a table lookup is cheaper
// than three comparisons in the hot loop.
var separator = [256]bool{' ': true, '\t': true, '\r': true}

// isSpace reports whether c separates tokens.
func isSpace(c byte) bool { return separator[c] }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func tokenEnd(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) {
		i++
	}
	return i
}

// parseLine parses one line without its '\n'.
func (p *parser) parseLine(b []byte) error {
	p.line++
	if p.comments {
		if i := bytes.IndexByte(b, '#'); i >= 0 {
			b = b[:i]
		}
	}
	pos := skipSpace(b, 0)
	if pos == len(b) {
		return nil // blank or comment line
	}
	end := tokenEnd(b, pos)
	if err := p.label(b[pos:end], pos); err != nil {
		return err
	}
	pos = skipSpace(b, end)
	var qid int64
	if bytes.HasPrefix(b[pos:], []byte("qid:")) {
		end = tokenEnd(b, pos)
		// qid is rare: strconv's allocation does not matter here.
		n, err := strconv.ParseInt(string(b[pos+4:end]), 10, 64)
		if err != nil {
			return p.fail(pos+4, qidError(b[pos+4:end], err))
		}
		qid = n
		pos = skipSpace(b, end)
	}
	if p.opt.KeepQID {
		p.d.QID = append(p.d.QID, qid)
	}

	// Locals, not p.d's fields, so that the loop keeps them in registers.
	index, value := p.d.Index, p.d.Value
	limit := p.limit
	prev := int32(-1) // 0-based index before this one on the line
	for pos < len(b) {
		start := pos
		// Index: 1 to 10 plain digits then a colon on the fast path (10
		// digits cannot overflow n); oddIndex sorts out the rest.
		var n uint64
		for pos < len(b) {
			c := b[pos] - '0'
			if c > 9 {
				break
			}
			n = n*10 + uint64(c)
			pos++
		}
		if uint(pos-start-1) >= 10 || pos == len(b) || b[pos] != ':' {
			var err error
			if n, pos, err = p.oddIndex(b, start); err != nil {
				return err
			}
		}
		if n-1 >= limit { // also n == 0, by wrapping around
			return p.indexRange(n, b[start:pos], start)
		}
		j := int32(n - 1)
		if j <= prev {
			return p.fail(start, fmt.Errorf("%w: index %d after %d", ErrUnsorted, n, prev+1))
		}
		prev = j
		pos++ // the colon
		// Value: "1" is by far the most common in one-hot sets, short
		// decimals in real-valued ones (read in the same pass that finds
		// their end), then anything parseFloat reads.
		var v float64
		if pos < len(b) && b[pos] == '1' && (pos+1 == len(b) || isSpace(b[pos+1])) {
			v = 1
			pos++
		} else if f, end, ok := shortDecimal(b, pos); ok {
			v, pos = f, end
		} else {
			end := tokenEnd(b, pos)
			if end == pos {
				return p.fail(pos, fmt.Errorf("%w: no value after index %d", ErrNumber, n))
			}
			var err error
			if v, err = parseFloat(b[pos:end]); err != nil {
				return p.fail(pos, fmt.Errorf("%w: value %s", err, quoted(b[pos:end])))
			}
			pos = end
		}
		index = append(index, j)
		value = append(value, v)
		pos = skipSpace(b, pos)
	}
	p.d.Index, p.d.Value = index, value
	if prev > p.maxIndex {
		p.maxIndex = prev
	}
	p.d.RowPtr = append(p.d.RowPtr, p.entryBase+len(index))
	return nil
}

// indexLimit returns the largest index opt allows: the declared width, else
// the maximum width, and never above math.MaxInt32, the largest index an
// int32 holds.
func indexLimit(opt ReadOptions) uint64 {
	limit := uint64(math.MaxInt32)
	w := opt.Width
	if w == 0 {
		w = opt.maxWidth()
	}
	if w > 0 && uint64(w) < limit {
		limit = uint64(w)
	}
	return limit
}

// indexRange explains why index n, written tok at column pos, is refused.
// n saturates for a token of many digits; tok is what the file says.
func (p *parser) indexRange(n uint64, tok []byte, pos int) error {
	switch {
	case n == 0:
		return p.fail(pos, fmt.Errorf("%w: index 0 (indices start at 1)", ErrIndex))
	case n > math.MaxInt32:
		return p.fail(pos, fmt.Errorf("%w: index %s above %d", ErrIndex, clipped(tok), math.MaxInt32))
	case p.opt.Width > 0:
		return p.fail(pos, fmt.Errorf("%w: index %d above width %d", ErrWidth, n, p.opt.Width))
	}
	return p.fail(pos, fmt.Errorf("%w: index %d makes the data %d features wide, and a model that wide takes %s "+
		"(8 bytes a weight); the limit is %d", ErrMaxWidth, n, n, byteSize(8*n), p.opt.maxWidth()))
}

// qidError explains why the qid:N token's number tok is refused; err is
// strconv's.
func qidError(tok []byte, err error) error {
	if errors.Is(err, strconv.ErrRange) {
		return fmt.Errorf("%w: qid %s outside [%d, %d]", ErrNumber, clipped(tok), int64(math.MinInt64), int64(math.MaxInt64))
	}
	return fmt.Errorf("%w: qid %s", ErrNumber, quoted(tok))
}

// byteSize writes n bytes in the binary unit that keeps the number below 1024.
func byteSize(n uint64) string {
	const units = "KMGTPE"
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	f, u := float64(n)/1024, 0
	for f >= 1024 && u < len(units)-1 {
		f, u = f/1024, u+1
	}
	return fmt.Sprintf("%.1f %ciB", f, units[u])
}

// oddIndex handles a feature token whose index is not plain digits followed
// by a colon: it accepts a leading '+', and otherwise says what is wrong. It
// returns the index and the position of the colon.
func (p *parser) oddIndex(b []byte, start int) (uint64, int, error) {
	end := tokenEnd(b, start)
	tok := b[start:end]
	colon := bytes.IndexByte(tok, ':')
	switch {
	case bytes.HasPrefix(tok, []byte("qid:")):
		return 0, 0, p.fail(start, fmt.Errorf("%w: %s must come right after the label", ErrToken, quoted(tok)))
	case colon < 0:
		return 0, 0, p.fail(start, fmt.Errorf("%w: %s has no colon (want index:value)", ErrToken, quoted(tok)))
	case colon == 0:
		return 0, 0, p.fail(start, fmt.Errorf("%w: no index before the colon in %s", ErrNumber, quoted(tok)))
	}
	n, ok := parseInt(tok[:colon])
	switch {
	case !ok:
		return 0, 0, p.fail(start, fmt.Errorf("%w: index %s", ErrNumber, quoted(tok[:colon])))
	case n <= 0:
		return 0, 0, p.fail(start, fmt.Errorf("%w: index %s (indices start at 1)", ErrIndex, clipped(tok[:colon])))
	}
	return uint64(n), start + colon, nil
}

// label parses the label token tok found at column pos and appends it.
func (p *parser) label(tok []byte, pos int) error {
	var v float64
	switch {
	// The usual labels, without a call.
	case len(tok) == 2 && tok[0] == '-' && tok[1] == '1':
		v = -1
	case len(tok) == 2 && tok[0] == '+' && tok[1] == '1':
		v = 1
	case len(tok) == 1 && (tok[0] == '0' || tok[0] == '1'):
		v = float64(tok[0] - '0')
	default:
		var err error
		if v, err = parseFloat(tok); err != nil {
			if bytes.IndexByte(tok, ':') >= 0 {
				return p.fail(pos, fmt.Errorf("%w: line starts with %s, not a label", ErrLabel, quoted(tok)))
			}
			return p.fail(pos, fmt.Errorf("%w: label %s", err, quoted(tok)))
		}
	}
	d := p.d
	d.Label = append(d.Label, v)
	if !p.opt.Binary {
		return nil
	}
	var y float64
	switch v {
	case 1:
		y = 1
	case -1, 0:
		// The first −1 or 0 fixes the convention; the other one is then refused.
		if !p.sawNegative {
			p.sawNegative, p.negative, p.negativeLine, p.negativeCol = true, v, p.line, pos
		} else if v != p.negative {
			p.clashed, p.clashLabel = true, v
			return labelClash(p.line, pos, v, p.negativeLine, p.negative)
		}
	default:
		return p.fail(pos, fmt.Errorf("%w: label %g is not binary (want −1/+1 or 0/1)", ErrLabel, v))
	}
	d.Y = append(d.Y, y)
	return nil
}
