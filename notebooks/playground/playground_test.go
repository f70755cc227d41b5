package playground

import (
	"fmt"
	"math"
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

// TestStartOf checks the start values with no nearest slider position, and
// that the page says which it replaced.
func TestStartOf(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, tc := range []struct {
		name  string
		in    Setting
		want  Setting
		notes []string // what the notes say, in order
	}{
		{"on the grid", Setting{0.01, 0.9, 10}, Setting{0.01, 0.9, 10}, nil},
		{"+Inf takes the top", Setting{inf, inf, 10}, Setting{0.1, 0.99, 10}, nil},
		{"-Inf takes the bottom", Setting{-inf, -inf, 10}, Setting{0.0001, 0, 10}, nil},
		{"the largest float takes the top", Setting{math.MaxFloat64, math.MaxFloat64, 10}, Setting{0.1, 0.99, 10}, nil},
		{"NaN learning rate", Setting{nan, 0.9, 10}, Setting{defaultLearningRate, 0.9, 10},
			[]string{"learning rate is NaN (not a number); it starts at 0.001."}},
		{"NaN momentum", Setting{0.01, nan, 10}, Setting{0.01, defaultMomentum, 10},
			[]string{"momentum is NaN (not a number); it starts at 0."}},
		{"both NaN", Setting{nan, nan, 7}, Setting{defaultLearningRate, defaultMomentum, 7},
			[]string{"learning rate is NaN", "momentum is NaN"}},
		{"NaN beside an infinity", Setting{nan, inf, 7}, Setting{defaultLearningRate, 0.99, 7},
			[]string{"learning rate is NaN"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, notes := startOf(tc.in)
			if got != tc.want {
				t.Errorf("startOf(%v) = %v, want %v", tc.in, got, tc.want)
			}
			if len(notes) != len(tc.notes) {
				t.Fatalf("notes %q, want %d", notes, len(tc.notes))
			}
			for i, n := range tc.notes {
				if !strings.Contains(notes[i], n) {
					t.Errorf("note %d = %q, want it to say %q", i, notes[i], n)
				}
			}
		})
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
	liveStart  Setting
}

func (f *fake) frontEnd() frontEnd {
	return frontEnd{
		notebook: func() bool { return f.inNotebook },
		browser:  func(time.Duration) bool { f.probes++; return f.probes == f.answersAt },
		display:  func(h string) { f.shown = append(f.shown, h) },
		live: func(s Setting, _ time.Duration, _ func(Setting) string) {
			f.wentLive, f.liveStart = true, s
		},
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

// TestRunNaNStart checks that a NaN start value is replaced by its default
// and that the page says so, with a browser or without.
func TestRunNaNStart(t *testing.T) {
	start := Setting{LearningRate: math.NaN(), Momentum: 0.9, Epochs: 7}
	want := Setting{LearningRate: defaultLearningRate, Momentum: 0.9, Epochs: 7}
	const note = "The starting learning rate is NaN (not a number); it starts at 0.001."
	for _, tc := range []struct {
		name      string
		env       string
		wantShown int // outputs shown: the note with the chart, or the note alone above the live playground
		wantLive  bool
	}{
		{"headless", "1", 1, false},
		{"a browser answers", "", 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvHeadless, tc.env)
			f := &fake{inNotebook: true, answersAt: 1}
			var draws []Setting
			run(f.frontEnd(), start, time.Minute, func(s Setting) string {
				draws = append(draws, s)
				return "<div>chart</div>"
			})
			if len(f.shown) != tc.wantShown || !strings.Contains(f.shown[0], note) || f.wentLive != tc.wantLive {
				t.Fatalf("shown %q, live %v; want the note %q in %d outputs, live %v", f.shown, f.wentLive, note, tc.wantShown, tc.wantLive)
			}
			if tc.wantLive {
				if f.liveStart != want || len(draws) != 0 {
					t.Errorf("went live at %v after %d draws, want %v and none", f.liveStart, len(draws), want)
				}
				return
			}
			if len(draws) != 1 || draws[0] != want || !strings.Contains(f.shown[0], want.String()) {
				t.Errorf("drew %v under %q, want %v once", draws, f.shown[0], want)
			}
		})
	}
}

func TestBusyNotice(t *testing.T) {
	for _, tc := range []struct {
		idle        time.Duration
		want, never string
	}{
		{2 * time.Minute, "leave the sliders for 2 minutes, or close or reload this page.", "does not end"},
		// --idle=0 and below are no limit; the notice gives no time for it.
		{0, "or close or reload this page; leaving the sliders alone does not end it.", "0s"},
		{-time.Second, "or close or reload this page; leaving the sliders alone does not end it.", "-1s"},
	} {
		got := busyNotice(tc.idle)
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.never) {
			t.Errorf("busyNotice(%v) = %q, want it to say %q and not %q", tc.idle, got, tc.want, tc.never)
		}
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

// fakeTimer fires when a test says so, or, run out, at once and again after
// every Reset, as a wait that has always passed. Like a time.Timer, Reset and
// Stop discard a fire not yet received.
type fakeTimer struct {
	c      chan time.Time
	runOut bool
}

func (f *fakeTimer) C() <-chan time.Time { return f.c }

func (f *fakeTimer) Stop() {
	select {
	case <-f.c:
	default:
	}
}

func (f *fakeTimer) Reset(time.Duration) {
	f.Stop()
	if f.runOut {
		f.fire()
	}
}

func (f *fakeTimer) fire() {
	select {
	case f.c <- time.Time{}:
	default:
	}
}

// fakeTimers returns a timing.newTimer that makes fakeTimers, and the timers
// it made by their wait; those for the waits in runOut have run out.
func fakeTimers(runOut ...time.Duration) (func(time.Duration) timer, map[time.Duration]*fakeTimer) {
	made := map[time.Duration]*fakeTimer{}
	return func(d time.Duration) timer {
		f := &fakeTimer{c: make(chan time.Time, 1)}
		for _, r := range runOut {
			f.runOut = f.runOut || r == d
		}
		f.Reset(d)
		made[d] = f
		return f
	}, made
}

// TestLoopSlowRedraw checks that a redraw longer than the gone wait does not
// end a playground whose page is there. The gone timer fires during each
// redraw, when the test says, so what varies between runs is only the order
// in which select takes what is ready after it; with many redraws, an order
// that ends the playground as gone comes up in almost every run.
func TestLoopSlowRedraw(t *testing.T) {
	const moves = 20
	for _, tc := range []struct {
		name string
		beat bool // whether the page beats during each redraw
	}{
		{"the page beats during the redraw", true},
		// Its beats can be late; the wait counts from the redraw's end.
		{"the page beats after the redraw", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newTimer, timers := fakeTimers()
			tm := timing{idle: time.Hour, gone: time.Second, newTimer: newTimer}
			lr, m, ep, done, beat := make(chan int), make(chan int), make(chan int, 1), make(chan int, 1), make(chan int, moves)
			var redraws []Setting
			ep <- 11
			last, why := loop(events{lr: lr, momentum: m, epochs: ep, done: done, beat: beat, interrupt: make(chan struct{})},
				tm, positionOf(Setting{0.001, 0, 10}), func(s Setting) {
					redraws = append(redraws, s)
					if tc.beat {
						beat <- 1
					}
					timers[tm.gone].fire() // the redraw outlasts the wait
					if len(redraws) < moves {
						ep <- s.Epochs + 1
					} else {
						done <- 1
					}
				})
			if want := (Setting{0.001, 0, 10 + moves}); why != endDone || last != want || len(redraws) != moves {
				t.Errorf("ended %q at %v after %d redraws; want %q at %v after %d", why, last, len(redraws), endDone, want, moves)
			}
		})
	}
}

// TestLoopQueuedBeats checks that beats queued when the gone wait runs out
// win over it: with a wait that has always run out, the playground ends as
// gone only once it has taken every beat.
func TestLoopQueuedBeats(t *testing.T) {
	const beats = 20
	newTimer, _ := fakeTimers(time.Second)
	beat := make(chan int, beats)
	for range beats {
		beat <- 1
	}
	var redraws int
	_, why := loop(events{beat: beat}, timing{idle: time.Hour, gone: time.Second, newTimer: newTimer},
		positionOf(Setting{0.001, 0, 10}), func(Setting) { redraws++ })
	if why != endGone || len(beat) != 0 || redraws != 0 {
		t.Errorf("ended %q with %d of %d beats not taken, after %d redraws; want %q with none, after none",
			why, len(beat), beats, redraws, endGone)
	}
}

// TestLoopNoIdleLimit checks that an idle time of zero or less, as --idle=0
// gives, never ends the playground.
func TestLoopNoIdleLimit(t *testing.T) {
	for _, idle := range []time.Duration{0, -time.Second} {
		t.Run(idle.String(), func(t *testing.T) {
			lr, m, ep, done := make(chan int), make(chan int), make(chan int), make(chan int)
			go func() {
				ep <- 20
				// Far longer than the idle time, had it been one.
				time.Sleep(100 * time.Millisecond)
				done <- 1
			}()
			var redraws []Setting
			last, why := loop(events{lr: lr, momentum: m, epochs: ep, done: done, beat: make(chan int), interrupt: make(chan struct{})},
				timing{idle: idle, gone: time.Hour, settle: time.Millisecond}, positionOf(Setting{0.001, 0, 10}),
				func(s Setting) { redraws = append(redraws, s) })
			if want := (Setting{0.001, 0, 20}); why != endDone || last != want || len(redraws) != 1 {
				t.Errorf("ended %q at %v after %d redraws; want %q at %v after 1", why, last, len(redraws), endDone, want)
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
