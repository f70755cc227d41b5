package chart

import (
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/logreg"
)

func TestProgressLine(t *testing.T) {
	p := NewProgress("SGD <momentum>", 10, Loss, TrainError)
	for _, rec := range history(3).Epochs {
		p.records = append(p.records, rec)
	}
	got := string(p.line())
	for _, want := range []string{"SGD &lt;momentum&gt;", "epoch 3/10", "loss 0.2500", "train error 0.2000", "<svg", "<polyline"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress line lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script") {
		t.Error("progress line has a script")
	}
	if s := sparkline([]float64{1, 0.5, 0}, 100, 20); !strings.Contains(s, `points="0.0,1.0 50.0,10.0 100.0,19.0"`) {
		t.Errorf("sparkline %s", s)
	}
	if s := sparkline([]float64{0.3}, 100, 20); !strings.Contains(s, `points="50.0,10.0"`) {
		t.Errorf("one-point sparkline %s", s)
	}
}

// TestProgressRate: with the rows of an epoch, the line shows its rate.
func TestProgressRate(t *testing.T) {
	p := NewProgress("run", 3).WithRows(781265)
	p.records = append(p.records, logreg.Record{Epoch: 1, Seconds: 0.125})
	if got := string(p.line()); !strings.Contains(got, "6.25 M rows/s") {
		t.Errorf("progress line lacks the rate:\n%s", got)
	}
	for _, tc := range []struct {
		x    float64
		want string
	}{{6.25e6, "6.25 M rows/s"}, {31200, "31.2 k rows/s"}, {950, "950 rows/s"}, {0, "0 rows/s"}} {
		if got := perSecond(tc.x, "rows"); got != tc.want {
			t.Errorf("perSecond(%g) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

// TestStatusLine: a bar when the share done is known, escaped text, no
// script.
func TestStatusLine(t *testing.T) {
	got := string(statusLine("reading <a>", 0.5, "100 rows & more"))
	for _, want := range []string{"reading &lt;a&gt;", `<progress value="0.500" max="1"`, "100 rows &amp; more"} {
		if !strings.Contains(got, want) {
			t.Errorf("status line lacks %q:\n%s", want, got)
		}
	}
	if got := string(statusLine("x", -1, "done")); strings.Contains(got, "<progress") || strings.Contains(got, "<script") {
		t.Errorf("status line without a share: %s", got)
	}
}
