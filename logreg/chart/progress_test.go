package chart

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sgdlab/sgdlab/logreg"
)

func TestProgressLine(t *testing.T) {
	p := NewProgress("SGD <momentum>", 10, Loss, TrainError)
	for _, rec := range history(3).Epochs {
		p.OnEpoch(rec)
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
	p.OnEpoch(logreg.Record{Epoch: 1, Seconds: 0.125})
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

// TestProgressLineNonFinite: a line of NaN fields and an epoch too short
// for its rate says so in words, with no NaN in the sparkline and no
// infinite rate.
func TestProgressLineNonFinite(t *testing.T) {
	p := NewProgress("run", 3, Loss).WithRows(781265)
	p.OnEpoch(logreg.Record{Epoch: 0, Loss: math.Inf(1)})
	p.OnEpoch(logreg.Record{Epoch: 1, Loss: math.NaN(), Seconds: 5e-324})
	got := string(p.line())
	if !strings.Contains(got, "loss NaN") || strings.Contains(got, "Inf") || strings.Contains(got, `points="NaN`) {
		t.Errorf("progress line %s", got)
	}
}

// points counts the points of a progress line's sparkline.
var points = regexp.MustCompile(`points="([^"]*)"`)

// TestProgressRedraws: whatever the number of epochs, each line drawn is
// of bounded size, the first and the last epoch are drawn at once and the
// others at most every redrawEvery; Done empties the block once, and
// nothing is drawn after it.
func TestProgressRedraws(t *testing.T) {
	const maxLine = 4096 // bytes; an unthinned sparkline of 1e5 epochs is about 1 MB
	for _, tc := range []struct {
		name   string
		epochs int           // what the Progress is told; 0 for unknown
		n      int           // epochs run, after an epoch 0
		step   time.Duration // the time each epoch takes
		draws  int
	}{
		{"1e5 in no time", 1e5, 1e5, 0, 2},
		{"1e5 in no time, count unknown", 0, 1e5, 0, 1},
		{"1e5 of 1 ms", 1e5, 1e5, time.Millisecond, 1e5/200 + 1},
		{"1e5 of 1 ms, stopped early", 2e5, 1e5, time.Millisecond, 1e5/200 + 1},
		{"1000 of 1 s", 1000, 1000, time.Second, 1001},
		{"3 of 150 ms", 3, 3, 150 * time.Millisecond, 3}, // 0, 2 and 3
	} {
		t.Run(tc.name, func(t *testing.T) {
			var clock time.Time
			var lines []string
			p := NewProgress("run", tc.epochs, Loss)
			p.now = func() time.Time { clock = clock.Add(tc.step); return clock }
			p.draw = func(h HTML) { lines = append(lines, string(h)) }
			for e := 0; e <= tc.n; e++ {
				p.OnEpoch(logreg.Record{Epoch: e, Loss: float64(e)})
			}
			if len(lines) != tc.draws {
				t.Errorf("%d lines drawn, want %d", len(lines), tc.draws)
			}
			for _, l := range lines {
				pts := points.FindStringSubmatch(l)
				if len(l) > maxLine || pts == nil || len(strings.Fields(pts[1])) > 2*sparkBuckets+2 {
					t.Fatalf("a line of %d bytes, %d points", len(l), len(strings.Fields(pts[1])))
				}
			}
			if tc.epochs > 0 && tc.epochs <= tc.n {
				of := fmt.Sprintf("epoch %d/%d · loss %d.0000", tc.n, tc.n, tc.n)
				if last := lines[len(lines)-1]; !strings.Contains(last, of) {
					t.Errorf("the last line drawn is not of the last epoch (%q):\n%s", of, last)
				}
			}
			p.Done()
			p.Done()
			p.OnEpoch(logreg.Record{Epoch: tc.n + 1})
			if after := lines[tc.draws:]; len(after) != 1 || after[0] != "" {
				t.Errorf("after Done, twice, and one more epoch: %q, want the block emptied once", after)
			}
			if len(p.Records()) != tc.n+2 {
				t.Errorf("%d records, want %d", len(p.Records()), tc.n+2)
			}
		})
	}
}
