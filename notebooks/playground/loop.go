package playground

import (
	"fmt"
	"time"
)

// timing are the waits of a live playground.
type timing struct {
	// idle ends the playground when no slider has moved for this long.
	idle time.Duration
	// gone ends it when the page has sent no heartbeat for this long.
	gone time.Duration
	// settle is how long a slider event waits for more, so that a drag
	// retrains once for where it stopped rather than for every pixel.
	settle time.Duration
}

// The waits of Run apart from the idle time the notebook states: the page
// beats every second.
const (
	goneAfter = 5 * time.Second
	settle    = 40 * time.Millisecond
)

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
	idle, gone := time.NewTimer(t.idle), time.NewTimer(t.gone)
	defer idle.Stop()
	defer gone.Stop()
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
		case <-idle.C:
			return current, fmt.Sprintf(endIdle, sayDuration(t.idle))
		case <-gone.C:
			return current, endGone
		}
		time.Sleep(t.settle)
		drain(&pos, ev)
		if s := pos.setting(); s != current {
			current = s
			redraw(current)
		}
		idle.Reset(t.idle)
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
