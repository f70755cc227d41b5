package data

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzRead checks that Read never panics, that what it accepts keeps the
// documented shape, round-trips through LIBSVM text, and agrees with the
// plain strings/strconv reader below, and that what it refuses is a
// *ParseError on the same line as that reader's.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"+1 1:0.5 3:2\n-1 2:1\n", "# c\n\n1 qid:3 1:1 2:-2.5e3 # x\r\n0 4:.5",
		"1 0:1", "1 3:1 2:1", "1 1:nan", "2 1:1", "1 a:1", "1 1:", "1:1", "1 qid:x",
		"-1 3:1 11:1 14:1 19:1 39:1 42:1 55:1 64:1 67:1 73:1 75:1 76:1 80:1 83:1 \n",
		"1 2147483648:1", "1 +5:1 7:1e-400", "1 1:-0", "-1 1:1\n0 1:1",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i%3*3), uint8(i))
	}
	f.Fuzz(func(t *testing.T, in []byte, width, flags uint8) {
		opt := ReadOptions{Width: int(width % 16), Binary: flags&1 != 0, KeepQID: flags&2 != 0,
			MaxWidth: [...]int{0, -1, 3, 9}[width>>4&3]}
		d, err := Read(strings.NewReader(string(in)), opt)
		if compression(in) != nil {
			// Decompressed, then read as text: not the reference's
			// business; what it accepts keeps the shape all the same.
			if err == nil {
				checkShape(t, d, opt)
			}
			return
		}
		samePlainRead(t, in, opt, 1+int(flags>>2)%16)
		ref, refLine := referenceRead(string(in), opt)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			lines := strings.Split(string(in), "\n")
			if pe.Line < 1 || pe.Line > len(lines) || pe.Column < 1 || pe.Column > len(lines[pe.Line-1])+1 {
				t.Fatalf("error position %d:%d outside the input", pe.Line, pe.Column)
			}
			known := false
			for _, s := range sentinels {
				known = known || errors.Is(err, s)
			}
			if !known {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			if ref != nil || refLine != pe.Line {
				t.Fatalf("Read refused line %d (%v); the reference reader stopped at line %d", pe.Line, err, refLine)
			}
			return
		}
		if ref == nil {
			t.Fatalf("Read accepted what the reference reader refused at line %d", refLine)
		}
		checkShape(t, d, opt)
		if !sameDataset(d, ref) {
			t.Fatalf("Read =\n%+v\nreference =\n%+v", d, ref)
		}
		again, err := Read(strings.NewReader(format(d)), ReadOptions{Width: d.Width, Binary: opt.Binary, KeepQID: opt.KeepQID})
		if err != nil || !sameDataset(again, d) {
			t.Fatalf("round trip: %+v, %v; want %+v", again, err, d)
		}
	})
}

// format writes d back as LIBSVM text with exact float formatting.
func format(d *Dataset) string {
	var b strings.Builder
	for i := range d.Rows() {
		b.WriteString(strconv.FormatFloat(d.Label[i], 'g', -1, 64))
		if d.QID != nil {
			b.WriteString(" qid:" + strconv.FormatInt(d.QID[i], 10))
		}
		idx, val := d.Row(i)
		for k, j := range idx {
			b.WriteString(" " + strconv.Itoa(int(j)+1) + ":" + strconv.FormatFloat(val[k], 'g', -1, 64))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// referenceRead is a slow, plain reading of the format Read documents, built
// on strings.FieldsFunc and strconv alone. It returns the data set, or nil
// and the 1-based line of the first refused line.
func referenceRead(in string, opt ReadOptions) (*Dataset, int) {
	d := &Dataset{RowPtr: []int{0}}
	if opt.Binary {
		d.Y = []float64{}
	}
	if opt.KeepQID {
		d.QID = []int64{}
	}
	number := func(s string) (float64, bool) {
		if strings.ContainsAny(s, "_xX") {
			return 0, false
		}
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
	}
	negative := math.NaN() // the first −1 or 0 label
	largest := 0
	for n, line := range strings.Split(in, "\n") {
		if strings.IndexByte(line, 0) >= 0 {
			return nil, n + 1 // binary, even in a comment
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' })
		if len(fields) == 0 {
			continue
		}
		bad := func() (*Dataset, int) { return nil, n + 1 }
		if strings.Contains(fields[0], ":") {
			return bad()
		}
		label, ok := number(fields[0])
		if !ok {
			return bad()
		}
		if opt.Binary {
			switch {
			case label == 1:
				d.Y = append(d.Y, 1)
			case label != -1 && label != 0:
				return bad()
			case math.IsNaN(negative):
				negative = label
				d.Y = append(d.Y, 0)
			case label != negative:
				return bad()
			default:
				d.Y = append(d.Y, 0)
			}
		}
		d.Label = append(d.Label, label)
		fields = fields[1:]
		var qid int64
		if len(fields) > 0 && strings.HasPrefix(fields[0], "qid:") {
			q, err := strconv.ParseInt(fields[0][4:], 10, 64)
			if err != nil {
				return bad()
			}
			qid, fields = q, fields[1:]
		}
		if opt.KeepQID {
			d.QID = append(d.QID, qid)
		}
		prev := int64(0)
		for _, f := range fields {
			is, vs, ok := strings.Cut(f, ":")
			if !ok {
				return bad()
			}
			j, err := strconv.ParseInt(is, 10, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return bad()
			}
			limit := int64(math.MaxInt32)
			switch {
			case opt.Width > 0:
				limit = min(limit, int64(opt.Width))
			case opt.MaxWidth == 0:
				limit = DefaultMaxWidth
			case opt.MaxWidth > 0:
				limit = min(limit, int64(opt.MaxWidth))
			}
			if err != nil || j < 1 || j > limit || j <= prev {
				return bad()
			}
			v, ok := number(vs)
			if !ok {
				return bad()
			}
			prev = j
			largest = max(largest, int(j))
			d.Index = append(d.Index, int32(j-1))
			d.Value = append(d.Value, v)
		}
		d.RowPtr = append(d.RowPtr, len(d.Index))
	}
	d.Width = opt.Width
	if d.Width == 0 {
		d.Width = largest
	}
	return d, 0
}
