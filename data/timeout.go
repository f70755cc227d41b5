package data

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptrace"
	"sync"
	"time"
)

// The waits of a download that TimeoutError names.
const (
	WaitConnect = "connect"         // for a connection, TLS included
	WaitHeader  = "response-header" // from the connection to the response headers
	WaitIdle    = "idle"            // for more of the body
)

// TimeoutError is a download that gave up: Host gave no connection, no
// response or no more data for Limit. Its Timeout method reports true, as a
// net.Error's does.
type TimeoutError struct {
	Host  string
	Wait  string // WaitConnect, WaitHeader or WaitIdle
	Limit time.Duration
}

func (e *TimeoutError) Error() string {
	switch e.Wait {
	case WaitConnect:
		return fmt.Sprintf("no connection to %s within %v (connect timeout)", e.Host, e.Limit)
	case WaitHeader:
		return fmt.Sprintf("%s accepted the connection but sent no response within %v (response-header timeout)", e.Host, e.Limit)
	default:
		return fmt.Sprintf("%s sent no data for %v (idle timeout)", e.Host, e.Limit)
	}
}

// Timeout reports true.
func (e *TimeoutError) Timeout() bool { return true }

// watchdog cancels a download's context with a *TimeoutError when the wait
// it is in lasts longer than its limit. Each arm starts a new wait; stop
// ends the last one.
type watchdog struct {
	cancel context.CancelCauseFunc
	mu     sync.Mutex
	timer  *time.Timer
	gen    int // counts arms and stops, so that a timer of an earlier wait does nothing
}

func (w *watchdog) arm(wait *TimeoutError) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopLocked()
	gen := w.gen
	w.timer = time.AfterFunc(wait.Limit, func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.gen == gen {
			w.cancel(wait)
		}
	})
}

func (w *watchdog) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopLocked()
}

func (w *watchdog) stopLocked() {
	w.gen++
	if w.timer != nil {
		w.timer.Stop()
	}
}

// trace arms the connect wait whenever the client looks for a connection
// (again on a redirect) and the response-header wait once it has one.
func (w *watchdog) trace(connect, header *TimeoutError) *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn: func(string) { w.arm(connect) },
		GotConn: func(httptrace.GotConnInfo) { w.arm(header) },
	}
}

// timedOut returns the *TimeoutError that canceled ctx, if one did.
func timedOut(ctx context.Context) (*TimeoutError, bool) {
	var te *TimeoutError
	ok := errors.As(context.Cause(ctx), &te)
	return te, ok
}
