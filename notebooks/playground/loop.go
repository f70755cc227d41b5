package playground

import (
	"fmt"
	"time"
)

// timing are the waits of a live playground.
type timing struct {
	// idle ends the playground when no slider has moved for this long; zero
	// or less is no limit.
	idle time.Duration
	// gone ends it when the page has sent no heartbeat for this long since
	// the later of its last beat and the end of the last redraw.
	gone time.Duration
	// settle is how long a slider event waits for more, so that a drag
	// retrains once for where it stopped rather than for every pixel.
	settle time.Duration
	// newTimer makes loop's timers; nil is the clock's. Tests of a slow
	// redraw give timers that fire when the test says.
	newTimer func(time.Duration) timer
}

// The waits of Run apart from the idle time the notebook states: the page
// beats every second.
const (
	goneAfter = 5 * time.Second
	settle    = 40 * time.Millisecond
)

// timer is what loop needs of a *time.Timer. Reset and Stop discard a fire
// not yet received, as time.Timer's do since Go 1.23.
type timer interface {
	C() <-chan time.Time
	Reset(d time.Duration)
	Stop()
}

// clockTimer is a timer on the clock.
type clockTimer struct{ t *time.Timer }

func newClockTimer(d time.Duration) timer { return clockTimer{time.NewTimer(d)} }
func (c clockTimer) C() <-chan time.Time  { return c.t.C }

// Reset and Stop empty the channel of a fire not yet received themselves:
// the cell's go.work, not this module, decides whether Go 1.23's timers
// do it.
func (c clockTimer) Reset(d time.Duration) {
	c.Stop()
	c.t.Reset(d)
}

func (c clockTimer) Stop() {
	if !c.t.Stop() {
		select {
		case <-c.t.C:
		default:
		}
	}
}

// events are what the page sends while the playground is live.
type events struct {
	lr, momentum, epochs <-chan int // slider positions
	done                 <-chan int // the Done button
	beat                 <-chan int // the page's heartbeat
	interrupt            <-chan struct{}
}

// Why the playground ended, as its last caption says.
const (
	endDone      = "Done was pressed"
	endIdle      = "no slider moved for %s"
	endGone      = "the page went away"
	endInterrupt = "the kernel was interrupted"
)

// loop calls redraw for every settled change of the sliders, from pos on,
// until the first ending, and returns the last setting drawn and the ending.
func loop(ev events, t timing, pos position, redraw func(Setting)) (Setting, string) {
	newTimer := t.newTimer
	if newTimer == nil {
		newTimer = newClockTimer
	}
	gone := newTimer(t.gone)
	defer gone.Stop()
	// With no idle limit there is no idle timer, and its nil channel never
	// fires.
	var idle timer
	var idleC <-chan time.Time
	if t.idle > 0 {
		idle = newTimer(t.idle)
		defer idle.Stop()
		idleC = idle.C()
	}
	current := pos.setting()
	for {
		select {
		case v := <-ev.lr:
			pos.lr = v
		case v := <-ev.momentum:
			pos.momentum = v
		case v := <-ev.epochs:
			pos.epochs = v
		case <-ev.beat:
			gone.Reset(t.gone)
			continue
		case <-ev.done:
			return current, endDone
		case <-ev.interrupt:
			return current, endInterrupt
		case <-idleC:
			return current, fmt.Sprintf(endIdle, sayDuration(t.idle))
		case <-gone.C():
			// select picks at random among ready cases, so the wait can win
			// over a beat that is queued; that beat says the page is there.
			if beaten(ev.beat) {
				gone.Reset(t.gone)
				continue
			}
			return current, endGone
		}
		time.Sleep(t.settle)
		drain(&pos, ev)
		if s := pos.setting(); s != current {
			current = s
			redraw(current)
		}
		// A slider moved, so the page is there; and a redraw can outlast the
		// gone wait while the page beats, so both waits count from here.
		gone.Reset(t.gone)
		if idle != nil {
			idle.Reset(t.idle)
		}
	}
}

// drain takes any slider values that arrived while waiting.
func drain(pos *position, ev events) {
	for {
		select {
		case v := <-ev.lr:
			pos.lr = v
		case v := <-ev.momentum:
			pos.momentum = v
		case v := <-ev.epochs:
			pos.epochs = v
		default:
			return
		}
	}
}

// beaten takes the heartbeats queued on beat and reports whether there were
// any.
func beaten(beat <-chan int) bool {
	got := false
	for {
		select {
		case <-beat:
			got = true
		default:
			return got
		}
	}
}
