package chart

import (
	"strings"
	"testing"
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
