package main

import (
	"fmt"
	"io"
	"time"
)

// noteIfSlow writes msg as a line to w if the work it is called before
// lasts longer than after, so that a long silence (sgd's search for F* on
// a wide set takes minutes) has a reason on the screen; the returned
// function ends the wait, and returns once a line being written is out.
func noteIfSlow(w io.Writer, after time.Duration, msg string) (done func()) {
	written := make(chan struct{})
	t := time.AfterFunc(after, func() {
		fmt.Fprintln(w, msg)
		close(written)
	})
	return func() {
		if !t.Stop() {
			<-written
		}
	}
}
