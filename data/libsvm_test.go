package data

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// sentinels lists every error a *ParseError may wrap.
var sentinels = []error{ErrToken, ErrNumber, ErrNonFinite, ErrIndex, ErrUnsorted, ErrWidth, ErrMaxWidth, ErrLabel, ErrBinary, ErrLineTooLong}

func TestReadAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		want *Dataset
	}{
		{
			name: "plain",
			in:   "+1 1:0.5 3:2\n-1 2:1\n",
			want: &Dataset{RowPtr: []int{0, 2, 3}, Index: []int32{0, 2, 1}, Value: []float64{0.5, 2, 1},
				Label: []float64{1, -1}, Width: 3},
		},
		{
			name: "binary -1/+1 to 0/1",
			in:   "+1 1:1\n-1 2:1\n",
			opt:  ReadOptions{Binary: true},
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{1, -1}, Y: []float64{1, 0}, Width: 2},
		},
		{
			name: "binary 0/1 and 1.0",
			in:   "0 1:1\n1.0 2:1\n",
			opt:  ReadOptions{Binary: true},
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{0, 1}, Y: []float64{0, 1}, Width: 2},
		},
		{
			name: "blank lines",
			in:   "\n+1 1:1\n\n   \n\t\n-1 2:1\n\n",
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{1, -1}, Width: 2},
		},
		{
			name: "comments",
			in:   "# header\n+1 1:1 # trailing 7:x\n  # indented\n-1 2:1#tight\n#",
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{1, -1}, Width: 2},
		},
		{
			name: "repeated spaces and tabs",
			in:   "  +1\t1:1  \t 3:1\t\n-1    2:1",
			want: &Dataset{RowPtr: []int{0, 2, 3}, Index: []int32{0, 2, 1}, Value: []float64{1, 1, 1},
				Label: []float64{1, -1}, Width: 3},
		},
		{
			name: "CRLF",
			in:   "+1 1:1\r\n-1 2:1 \r\n\r\n",
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{1, -1}, Width: 2},
		},
		{
			name: "last line without newline",
			in:   "+1 1:1\n-1 2:1",
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{1, -1}, Width: 2},
		},
		{
			name: "a9a style: space before newline",
			in:   "-1 3:1 11:1 \n+1 5:1 \n",
			want: &Dataset{RowPtr: []int{0, 2, 3}, Index: []int32{2, 10, 4}, Value: []float64{1, 1, 1},
				Label: []float64{-1, 1}, Width: 11},
		},
		{
			name: "qid skipped",
			in:   "3 qid:7 1:1\n1 qid:+8 2:1\n",
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{3, 1}, Width: 2},
		},
		{
			name: "qid kept, 0 when absent",
			in:   "3 qid:7 1:1\n1 2:1\n2 qid:-2\n",
			opt:  ReadOptions{KeepQID: true},
			want: &Dataset{RowPtr: []int{0, 1, 2, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{3, 1, 2}, QID: []int64{7, 0, -2}, Width: 2},
		},
		{
			name: "regression labels",
			in:   "2.5 1:1\n-3e2 2:1\n",
			want: &Dataset{RowPtr: []int{0, 1, 2}, Index: []int32{0, 1}, Value: []float64{1, 1},
				Label: []float64{2.5, -300}, Width: 2},
		},
		{
			name: "value forms",
			in:   "1 1:-0.25 2:1e-3 3:+2 4:0 5:.5 6:7. 7:10 8:1.0000000000000002 9:123456789012345678\n",
			want: &Dataset{RowPtr: []int{0, 9}, Index: []int32{0, 1, 2, 3, 4, 5, 6, 7, 8},
				Value: []float64{-0.25, 1e-3, 2, 0, 0.5, 7, 10, 1.0000000000000002, 123456789012345678},
				Label: []float64{1}, Width: 9},
		},
		{
			name: "index forms: leading zeros and plus",
			in:   "1 002:1 +5:2\n",
			want: &Dataset{RowPtr: []int{0, 2}, Index: []int32{1, 4}, Value: []float64{1, 2},
				Label: []float64{1}, Width: 5},
		},
		{
			name: "largest int32 index, without a maximum width",
			in:   "1 2147483647:1\n",
			opt:  ReadOptions{MaxWidth: -1},
			want: &Dataset{RowPtr: []int{0, 1}, Index: []int32{math.MaxInt32 - 1}, Value: []float64{1},
				Label: []float64{1}, Width: math.MaxInt32},
		},
		{
			name: "index at the maximum width",
			in:   "1 10:1\n",
			opt:  ReadOptions{MaxWidth: 10},
			want: &Dataset{RowPtr: []int{0, 1}, Index: []int32{9}, Value: []float64{1},
				Label: []float64{1}, Width: 10},
		},
		{
			name: "declared width above the maximum width",
			in:   "1 12:1\n",
			opt:  ReadOptions{Width: 20, MaxWidth: 10},
			want: &Dataset{RowPtr: []int{0, 1}, Index: []int32{11}, Value: []float64{1},
				Label: []float64{1}, Width: 20},
		},
		{
			name: "declared width above largest index",
			in:   "1 1:1\n",
			opt:  ReadOptions{Width: 5},
			want: &Dataset{RowPtr: []int{0, 1}, Index: []int32{0}, Value: []float64{1},
				Label: []float64{1}, Width: 5},
		},
		{
			name: "index equal to declared width",
			in:   "1 5:1\n",
			opt:  ReadOptions{Width: 5},
			want: &Dataset{RowPtr: []int{0, 1}, Index: []int32{4}, Value: []float64{1},
				Label: []float64{1}, Width: 5},
		},
		{
			name: "rows without features",
			in:   "1\n-1 # nothing\n",
			opt:  ReadOptions{Binary: true},
			want: &Dataset{RowPtr: []int{0, 0, 0}, Label: []float64{1, -1}, Y: []float64{1, 0}},
		},
		{
			name: "empty input",
			in:   "",
			opt:  ReadOptions{Binary: true, Width: 3},
			want: &Dataset{RowPtr: []int{0}, Y: []float64{}, Width: 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.in), tt.opt)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkShape(t, got, tt.opt)
			if !sameDataset(got, tt.want) {
				t.Errorf("Read =\n%+v\nwant\n%+v", got, tt.want)
			}
			// A reader giving one byte at a time, without a length, reads the same.
			one, err := Read(iotest.OneByteReader(strings.NewReader(tt.in)), tt.opt)
			if err != nil || !sameDataset(one, got) {
				t.Errorf("byte-by-byte Read = %+v, %v; want %+v", one, err, got)
			}
			// Every line a part of its own: the parts must join seamlessly.
			samePlainRead(t, []byte(tt.in), tt.opt, 1)
		})
	}
}

func TestReadRejects(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		opt        ReadOptions
		line, col  int
		want       error
		wantInText string
	}{
		{"index 0", "1 0:1", ReadOptions{}, 1, 3, ErrIndex, "index 0"},
		{"negative index", "+1 1:1\n-1 -2:1", ReadOptions{}, 2, 4, ErrIndex, "-2"},
		{"negative zero index", "1 -0:1", ReadOptions{}, 1, 3, ErrIndex, "-0"},
		{"unsorted", "1 3:1 2:1", ReadOptions{}, 1, 7, ErrUnsorted, "index 2 after 3"},
		{"repeated", "1 2:1 2:1", ReadOptions{}, 1, 7, ErrUnsorted, "index 2 after 2"},
		{"no colon", "1 3", ReadOptions{}, 1, 3, ErrToken, `"3"`},
		{"no colon before more", "1 1:1 x 4:1", ReadOptions{}, 1, 7, ErrToken, `"x"`},
		{"qid after features", "1 1:1 qid:2", ReadOptions{}, 1, 7, ErrToken, "qid"},
		{"index a word", "1 a:1", ReadOptions{}, 1, 3, ErrNumber, `"a"`},
		{"index a fraction", "1 1.5:1", ReadOptions{}, 1, 3, ErrNumber, `"1.5"`},
		{"no index", "1 :1", ReadOptions{}, 1, 3, ErrNumber, "no index"},
		{"value a word", "1 1:abc", ReadOptions{}, 1, 5, ErrNumber, `"abc"`},
		{"value with junk", "1 1:1x", ReadOptions{}, 1, 5, ErrNumber, `"1x"`},
		{"value with second colon", "1 1:1:2", ReadOptions{}, 1, 5, ErrNumber, `"1:2"`},
		{"value in hex", "1 1:0x10", ReadOptions{}, 1, 5, ErrNumber, "0x10"},
		{"value with underscore", "1 1:1_0", ReadOptions{}, 1, 5, ErrNumber, "1_0"},
		{"missing value at end", "1 1:", ReadOptions{}, 1, 5, ErrNumber, "no value"},
		{"missing value before space", "1 1: 2:1", ReadOptions{}, 1, 5, ErrNumber, "no value"},
		{"missing value before comment", "1 1:# c", ReadOptions{}, 1, 5, ErrNumber, "no value"},
		{"value NaN", "1 1:nan", ReadOptions{}, 1, 5, ErrNonFinite, "nan"},
		{"value Inf", "1 1:Inf", ReadOptions{}, 1, 5, ErrNonFinite, "Inf"},
		{"value -Infinity", "1 2:-Infinity", ReadOptions{}, 1, 5, ErrNonFinite, "-Infinity"},
		{"value overflows", "1 1:1e999", ReadOptions{}, 1, 5, ErrNonFinite, "1e999"},
		{"label NaN", "NaN 1:1", ReadOptions{}, 1, 1, ErrNonFinite, "NaN"},
		{"label +Inf", "\n+inf 1:1", ReadOptions{}, 2, 1, ErrNonFinite, "+inf"},
		{"label a word", "  yes 1:1", ReadOptions{}, 1, 3, ErrNumber, "yes"},
		{"label missing", "1:1 2:1", ReadOptions{}, 1, 1, ErrLabel, "not a label"},
		{"label only qid", "qid:1 2:1", ReadOptions{}, 1, 1, ErrLabel, "not a label"},
		{"label 2 when binary", "1 1:1\n2 1:1", ReadOptions{Binary: true}, 2, 1, ErrLabel, "label 2"},
		{"label 0.5 when binary", "0.5 1:1", ReadOptions{Binary: true}, 1, 1, ErrLabel, "0.5"},
		{"labels -1 then 0 when binary", "-1 1:1\n1 1:1\n0 1:1", ReadOptions{Binary: true}, 3, 1, ErrLabel, "line 1 has -1"},
		{"labels 0 then -1 when binary", "0 1:1\n-1 1:1", ReadOptions{Binary: true}, 2, 1, ErrLabel, "line 1 has 0"},
		{"index above declared width", "1 1:1 5:1", ReadOptions{Width: 4}, 1, 7, ErrWidth, "index 5 above width 4"},
		{"index above int32", "1 2147483648:1", ReadOptions{}, 1, 3, ErrIndex, "2147483648"},
		{"index far above int32", "1 99999999999999999999999:1", ReadOptions{}, 1, 3, ErrIndex, "above"},
		{"signed index far above int32", "1 +99999999999999999999999:1", ReadOptions{}, 1, 3, ErrIndex, "above"},
		{"20-digit index that wraps to 5 in 64 bits", "1 18446744073709551621:1", ReadOptions{}, 1, 3, ErrIndex, "18446744073709551621 above 2147483647"},
		{"20-digit negative index that wraps to 5", "1 -18446744073709551611:1", ReadOptions{}, 1, 3, ErrIndex, "-18446744073709551611 (indices start at 1)"},
		{"index just past int64", "1 9223372036854775813:1", ReadOptions{}, 1, 3, ErrIndex, "9223372036854775813 above 2147483647"},
		{"index of 60 digits", "1 " + strings.Repeat("9", 60) + ":1", ReadOptions{}, 1, 3, ErrIndex, strings.Repeat("9", 40) + "… (60 bytes) above"},
		{"index above the default maximum width", "1 1:1\n1 67108865:1", ReadOptions{}, 2, 3, ErrMaxWidth,
			"index 67108865 makes the data 67108865 features wide, and a model that wide takes 512.0 MiB"},
		{"index above int32 without a maximum width", "1 2147483648:1", ReadOptions{MaxWidth: -1}, 1, 3, ErrIndex, "above 2147483647"},
		{"index above a maximum width of 10", "1 5:1\n\n1 11:1", ReadOptions{MaxWidth: 10}, 3, 3, ErrMaxWidth, "the limit is 10"},
		{"qid above int64", "1 qid:9223372036854775808 1:1", ReadOptions{}, 1, 7, ErrNumber, "qid 9223372036854775808 outside [-9223372036854775808, 9223372036854775807]"},
		{"qid of 30 digits", "1 qid:-" + strings.Repeat("1", 30), ReadOptions{}, 1, 7, ErrNumber, "outside"},
		{"qid not a number", "1 qid:x 1:1", ReadOptions{}, 1, 7, ErrNumber, "qid"},
		{"qid empty", "1 qid: 1:1", ReadOptions{KeepQID: true}, 1, 7, ErrNumber, "qid"},
		{"qid above int64", "1 qid:9223372036854775808", ReadOptions{}, 1, 7, ErrNumber, "qid"},
		{"line counts blank and comment lines", "# c\n\n1 1:1\r\n\r\n1 0:1", ReadOptions{}, 5, 3, ErrIndex, "index 0"},
		{"control character", "1 1:1\v", ReadOptions{}, 1, 5, ErrNumber, "value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(strings.NewReader(tt.in), tt.opt)
			if err == nil {
				t.Fatalf("Read = %+v, want an error", d)
			}
			samePlainRead(t, []byte(tt.in), tt.opt, 1)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("error at line %d, column %d; want %d, %d (%v)", pe.Line, pe.Column, tt.line, tt.col, err)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v does not wrap %v", err, tt.want)
			}
			for _, s := range sentinels {
				if s != tt.want && errors.Is(err, s) {
					t.Errorf("error %v also wraps %v", err, s)
				}
			}
			if !strings.Contains(err.Error(), tt.wantInText) {
				t.Errorf("error %q does not mention %q", err, tt.wantInText)
			}
		})
	}
}

// TestErrorsQuoteLongTokensShort: a bad token of a megabyte is quoted by
// its first 40 bytes, then "…" and its length, wherever it stands.
func TestErrorsQuoteLongTokensShort(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	digits := strings.Repeat("7", 1<<20)
	tests := []struct {
		name, in string
		want     error
	}{
		{"label", long + " 1:1", ErrNumber},
		{"label with a colon", long + ":1", ErrLabel},
		{"token without a colon", "1 " + long, ErrToken},
		{"qid after the features", "1 1:1 qid:" + long, ErrToken},
		{"index", "1 " + long + ":1", ErrNumber},
		{"index of digits", "1 " + digits + ":1", ErrIndex},
		{"negative index of digits", "1 -" + digits + ":1", ErrIndex},
		{"value", "1 1:" + long, ErrNumber},
		{"value of digits then a letter", "1 1:" + digits + "x", ErrNumber},
		{"qid", "1 qid:" + long, ErrNumber},
		{"qid of digits", "1 qid:" + digits, ErrNumber},
		{"no index", "1 :" + long, ErrNumber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), ReadOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %.200v does not wrap %v", err, tt.want)
			}
			if msg := err.Error(); len(msg) > 200 || !strings.Contains(msg, "… (1048") {
				t.Errorf("error of %d bytes: %.300s", len(msg), msg)
			}
		})
	}
}

func TestParseErrorText(t *testing.T) {
	_, err := Read(strings.NewReader("1 1:1\n1 3:1 2:1\n"), ReadOptions{})
	const want = "line 2, column 7: indices not strictly increasing: index 2 after 3"
	if err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestReadReaderError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Read(iotest.TimeoutReader(iotest.OneByteReader(strings.NewReader("1 1:1\n1 2:1\n"))), ReadOptions{})
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("error %v, want one wrapping %v", err, iotest.ErrTimeout)
	}
	_, err = Read(iotest.ErrReader(boom), ReadOptions{})
	var pe *ParseError
	if !errors.Is(err, boom) || errors.As(err, &pe) {
		t.Errorf("error %v: want the reader's error, not a *ParseError", err)
	}
}

func TestReadLongLine(t *testing.T) {
	// A line far longer than a part: the part must stretch to its end.
	var b strings.Builder
	b.WriteString("1")
	const n = 100000
	for i := 1; i <= n; i++ {
		b.WriteString(" ")
		b.WriteString(itoa(i))
		b.WriteString(":1")
	}
	b.WriteString("\n-1 7:1\n")
	if b.Len() <= 2*chunkSize {
		t.Fatalf("test line of %d bytes is not longer than the buffer", b.Len())
	}
	d, err := Read(strings.NewReader(b.String()), ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, d, ReadOptions{Binary: true})
	if d.Rows() != 2 || d.NNZ() != n+1 || d.Width != n {
		t.Errorf("rows %d nnz %d width %d; want 2, %d, %d", d.Rows(), d.NNZ(), d.Width, n+1, n)
	}
}

func TestReadNegativeWidthPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "data: negative ReadOptions.Width" {
			t.Errorf("recovered %v", r)
		}
	}()
	Read(strings.NewReader(""), ReadOptions{Width: -1})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// sameDataset compares two data sets field by field, values by their bits
// (so −0 differs from 0), treating nil and empty RowPtr/Index/Value/Label
// alike but not Y and QID, whose nil-ness is meaningful.
func sameDataset(a, b *Dataset) bool {
	if a.Width != b.Width || (a.Y == nil) != (b.Y == nil) || (a.QID == nil) != (b.QID == nil) {
		return false
	}
	eqF := func(x, y []float64) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return true
	}
	eqI := func(x, y []int32) bool { return len(x) == len(y) && (len(x) == 0 || reflect.DeepEqual(x, y)) }
	eqQ := func(x, y []int64) bool { return len(x) == len(y) && (len(x) == 0 || reflect.DeepEqual(x, y)) }
	return reflect.DeepEqual(a.RowPtr, b.RowPtr) && eqI(a.Index, b.Index) && eqF(a.Value, b.Value) &&
		eqF(a.Label, b.Label) && eqF(a.Y, b.Y) && eqQ(a.QID, b.QID)
}

// checkShape checks the invariants doc.go promises for a data set read with opt.
func checkShape(t testing.TB, d *Dataset, opt ReadOptions) {
	t.Helper()
	n := d.Rows()
	if len(d.RowPtr) != n+1 || d.RowPtr[0] != 0 || d.RowPtr[n] != len(d.Index) || len(d.Value) != len(d.Index) {
		t.Fatalf("bad CSR shape: %d rows, RowPtr %d long ending %d, %d indices, %d values",
			n, len(d.RowPtr), d.RowPtr[len(d.RowPtr)-1], len(d.Index), len(d.Value))
	}
	if opt.Width > 0 && d.Width != opt.Width {
		t.Errorf("Width %d, declared %d", d.Width, opt.Width)
	}
	maxIndex := -1
	for i := range n {
		if d.RowPtr[i] > d.RowPtr[i+1] {
			t.Fatalf("RowPtr decreases at %d", i)
		}
		idx, val := d.Row(i)
		for k, j := range idx {
			if j < 0 || int(j) >= d.Width || (k > 0 && j <= idx[k-1]) {
				t.Fatalf("row %d: index %d bad (width %d, row %v)", i, j, d.Width, idx)
			}
			if math.IsNaN(val[k]) || math.IsInf(val[k], 0) {
				t.Fatalf("row %d: value %v", i, val[k])
			}
			maxIndex = max(maxIndex, int(j))
		}
		if l := d.Label[i]; math.IsNaN(l) || math.IsInf(l, 0) {
			t.Fatalf("row %d: label %v", i, l)
		}
	}
	if opt.Width == 0 && d.Width != maxIndex+1 {
		t.Errorf("Width %d, largest index %d", d.Width, maxIndex+1)
	}
	if opt.Binary {
		if len(d.Y) != n || d.Y == nil {
			t.Fatalf("Y has %d entries for %d rows", len(d.Y), n)
		}
		for i, y := range d.Y {
			if want := map[bool]float64{true: 1, false: 0}[d.Label[i] == 1]; y != want {
				t.Fatalf("row %d: label %v gives Y %v", i, d.Label[i], y)
			}
		}
	} else if d.Y != nil {
		t.Errorf("Y set without Binary")
	}
	if opt.KeepQID != (d.QID != nil) || (opt.KeepQID && len(d.QID) != n) {
		t.Errorf("QID has %d entries for %d rows (KeepQID %v)", len(d.QID), n, opt.KeepQID)
	}
}
