package chart

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	got := string(Table([]string{"run", "<b>error</b>"}, [][]string{{"a&b", "0.15"}, {"short"}}))
	for _, want := range []string{"<th", "&lt;b&gt;error&lt;/b&gt;", "a&amp;b", "<td style=\"text-align:left;padding:2px 10px\"></td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "<tr>"); n != 3 {
		t.Errorf("%d rows, want 3", n)
	}
	if strings.Contains(got, "<b>") {
		t.Error("header not escaped")
	}
}
