package chart

import (
	"fmt"
	"math"
	"regexp"
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

// TestSparklineBounds: whatever the values, every point of the sparkline is
// a pair of numbers inside the box; those a chart could not place are left
// out.
func TestSparklineBounds(t *testing.T) {
	for _, tc := range []struct {
		name string
		ys   []float64
		n    int // points drawn
	}{
		{"none", nil, 0},
		{"one", []float64{0.3}, 1},
		{"equal", []float64{2, 2, 2}, 3},
		{"NaN and ±Inf", []float64{1, math.NaN(), math.Inf(1), math.Inf(-1), 0}, 2},
		{"±MaxFloat64", []float64{math.MaxFloat64, -math.MaxFloat64, 1, 0}, 2},
		{"±1e300", []float64{1e300, -1e300, 0}, 3},
		{"subnormal", []float64{0, 5e-324, 1e-320}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sparkline(tc.ys, 100, 20)
			m := regexp.MustCompile(`points="([^"]*)"`).FindStringSubmatch(s)
			if m == nil {
				t.Fatalf("no points: %s", s)
			}
			pts := strings.Fields(m[1])
			if len(pts) != tc.n {
				t.Errorf("%d points, want %d: %s", len(pts), tc.n, s)
			}
			for _, p := range pts {
				var x, y float64
				if _, err := fmt.Sscanf(p, "%g,%g", &x, &y); err != nil || !(0 <= x && x <= 100 && 0 <= y && y <= 20) {
					t.Errorf("point %q outside the 100×20 box (%v)", p, err)
				}
			}
		})
	}
}

// TestProgressLineNonFinite: a line of NaN fields and an epoch too short
// for its rate says so in words, with no NaN in the sparkline and no
// infinite rate.
func TestProgressLineNonFinite(t *testing.T) {
	p := NewProgress("run", 3, Loss).WithRows(781265)
	p.records = append(p.records, logreg.Record{Epoch: 0, Loss: math.Inf(1)},
		logreg.Record{Epoch: 1, Loss: math.NaN(), Seconds: 5e-324})
	got := string(p.line())
	if !strings.Contains(got, "loss NaN") || strings.Contains(got, "Inf") || strings.Contains(got, `points="NaN`) {
		t.Errorf("progress line %s", got)
	}
}
