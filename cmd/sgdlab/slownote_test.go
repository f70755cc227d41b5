package main

import (
	"bytes"
	"testing"
	"time"
)

// signalWriter is a bytes.Buffer that says on wrote when it is written to.
type signalWriter struct {
	bytes.Buffer
	wrote chan struct{}
}

func (w *signalWriter) Write(p []byte) (int, error) {
	n, err := w.Buffer.Write(p)
	close(w.wrote)
	return n, err
}

// TestNoteIfSlow: work that outlasts the wait gets the line, once, and
// work done before it none.
func TestNoteIfSlow(t *testing.T) {
	w := &signalWriter{wrote: make(chan struct{})}
	done := noteIfSlow(w, time.Millisecond, "slow")
	<-w.wrote // the work lasts until the line is out
	done()
	if w.String() != "slow\n" {
		t.Errorf("after the wait: %q, want one line", w.String())
	}
	var quick bytes.Buffer
	noteIfSlow(&quick, time.Hour, "slow")()
	if quick.Len() != 0 {
		t.Errorf("before the wait: %q, want nothing", quick.String())
	}
}
