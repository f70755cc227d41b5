package playground

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestLogGrid(t *testing.T) {
	g := logGrid(-4, -1, 4)
	if len(g) != 13 {
		t.Fatalf("len = %d, want 13", len(g))
	}
	for _, tc := range []struct {
		pos  int
		want float64
	}{{0, 0.0001}, {1, 0.000178}, {4, 0.001}, {8, 0.01}, {12, 0.1}} {
		if g[tc.pos] != tc.want {
			t.Errorf("grid[%d] = %v, want %v", tc.pos, g[tc.pos], tc.want)
		}
	}
}

func TestPositionRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		in, want Setting
	}{
		{Setting{0.001, 0, 10}, Setting{0.001, 0, 10}},
		{Setting{0.01, 0.9, 100}, Setting{0.01, 0.9, 100}},
		{Setting{0.0012, 0.88, 0}, Setting{0.001, 0.9, 1}},
		{Setting{5, 2, 1000}, Setting{0.1, 0.99, 100}},
	} {
		if got := positionOf(tc.in).setting(); got != tc.want {
			t.Errorf("positionOf(%v).setting() = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// fake records what Run shows; its browser answers the probe numbered
// answersAt (from 1), or never when answersAt is 0.
type fake struct {
	inNotebook bool
	answersAt  int
	shown      []string
	probes     int
	wentLive   bool
}

func (f *fake) frontEnd() frontEnd {
	return frontEnd{
		notebook: func() bool { return f.inNotebook },
		browser:  func(time.Duration) bool { f.probes++; return f.probes == f.answersAt },
		display:  func(h string) { f.shown = append(f.shown, h) },
		live:     func(Setting, time.Duration, func(Setting) string) { f.wentLive = true },
	}
}

func TestRun(t *testing.T) {
	start := Setting{LearningRate: 0.003, Momentum: 0.9, Epochs: 7}
	want := positionOf(start).setting() // on the sliders' grid
	for _, tc := range []struct {
		name       string
		env        string
		notebook   bool
		answersAt  int
		wantDraws  int
		wantProbes int
		wantLive   bool
	}{
		{"outside a notebook", "", false, 1, 0, 0, false},
		{"headless by environment", "1", true, 1, 1, 0, false},
		{"no browser answers", "", true, 0, 1, probeAttempts, false},
		{"a browser answers", "", true, 1, 0, 1, true},
		// GoNB's connection in the browser failed once and came back.
		{"a browser answers the second probe", "", true, 2, 0, 2, true},
		{"a browser answers the last probe", "", true, probeAttempts, 0, probeAttempts, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvHeadless, tc.env)
			f := &fake{inNotebook: tc.notebook, answersAt: tc.answersAt}
			var draws []Setting
			run(f.frontEnd(), start, time.Minute, func(s Setting) string {
				draws = append(draws, s)
				return "<div>chart</div>"
			})
			if len(draws) != tc.wantDraws || f.probes != tc.wantProbes || f.wentLive != tc.wantLive {
				t.Fatalf("draws %d, probes %d, live %v; want %d, %d, %v",
					len(draws), f.probes, f.wentLive, tc.wantDraws, tc.wantProbes, tc.wantLive)
			}
			if tc.wantDraws == 0 {
				if len(f.shown) > 0 {
					t.Errorf("showed %q", f.shown)
				}
				return
			}
			if draws[0] != want {
				t.Errorf("drew %v, want the starting setting %v", draws[0], want)
			}
			// A reader of a report sees a caption, not a log line.
			if len(f.shown) != 1 || !strings.HasSuffix(f.shown[0], "<div>chart</div>") ||
				!strings.Contains(f.shown[0], "interactive in a live notebook") || !strings.Contains(f.shown[0], want.String()) {
				t.Errorf("shown = %q, want the reader's caption and the chart once", f.shown)
			}
		})
	}
}

// TestLoop checks how a live playground ends and what it redraws.
func TestLoop(t *testing.T) {
	const tick = 20 * time.Millisecond
	tm := timing{idle: 30 * tick, gone: 10 * tick, settle: time.Millisecond}
	start := positionOf(Setting{LearningRate: 0.001, Momentum: 0, Epochs: 10})
	for _, tc := range []struct {
		name string
		// act plays the page: it gets the channels and returns when done.
		act      func(lr, m, ep, done, beat chan int, stop chan struct{})
		want     string
		wantLast Setting
		redraws  int
	}{
		{"done", func(lr, m, ep, done, beat chan int, stop chan struct{}) {
			ep <- 20
			time.Sleep(tick)
			done <- 1
		}, endDone, Setting{0.001, 0, 20}, 1},
		{"interrupt", func(lr, m, ep, done, beat chan int, stop chan struct{}) {
			lr <- 8
			m <- 3
			time.Sleep(tick)
			close(stop)
		}, endInterrupt, Setting{0.01, 0.9, 10}, 1},
		{"idle while the page beats", func(lr, m, ep, done, beat chan int, stop chan struct{}) {
			ep <- 5
			for range 40 {
				time.Sleep(tick)
				beat <- 1
			}
		}, fmt.Sprintf(endIdle, sayDuration(30*tick)), Setting{0.001, 0, 5}, 1},
		{"page gone", func(lr, m, ep, done, beat chan int, stop chan struct{}) {
			beat <- 1
			ep <- 10 // no change: no redraw
		}, endGone, Setting{0.001, 0, 10}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lr, m, ep, done, beat := make(chan int), make(chan int), make(chan int), make(chan int), make(chan int)
			stop := make(chan struct{})
			go tc.act(lr, m, ep, done, beat, stop)
			var redraws []Setting
			last, why := loop(events{lr: lr, momentum: m, epochs: ep, done: done, beat: beat, interrupt: stop},
				tm, start, func(s Setting) { redraws = append(redraws, s) })
			if why != tc.want || last != tc.wantLast || len(redraws) != tc.redraws {
				t.Errorf("ended %q at %v after %d redraws; want %q at %v after %d",
					why, last, len(redraws), tc.want, tc.wantLast, tc.redraws)
			}
		})
	}
}

func TestSayDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{2 * time.Minute, "2 minutes"}, {time.Minute, "1 minute"}, {90 * time.Second, "90 seconds"},
		{time.Second, "1 second"}, {1500 * time.Millisecond, "1.5s"}, {0, "0s"},
	} {
		if got := sayDuration(tc.d); got != tc.want {
			t.Errorf("sayDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
