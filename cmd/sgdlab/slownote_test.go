package main

import (
	"bytes"
	"testing"
	"time"
)

// TestNoteIfSlow: work that outlasts the wait gets the line, once, and
// work done before it none.
func TestNoteIfSlow(t *testing.T) {
	var w bytes.Buffer
	done := noteIfSlow(&w, time.Millisecond, "slow")
	time.Sleep(20 * time.Millisecond)
	done()
	if w.String() != "slow\n" {
		t.Errorf("after the wait: %q, want one line", w.String())
	}
	w.Reset()
	noteIfSlow(&w, time.Hour, "slow")()
	if w.Len() != 0 {
		t.Errorf("before the wait: %q, want nothing", w.String())
	}
}
