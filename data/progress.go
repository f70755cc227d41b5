package data

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/data/internal/report"
)

// progress reports one download. On a terminal it draws one status line,
// the bytes so far and the rate, redrawn in place with '\r' at most every
// progressInterval; elsewhere (a log, a notebook) it writes a line when the
// download starts. Either way finish ends with a line saying how it went.
type progress struct {
	w     io.Writer
	live  bool // redraw in place: w is a terminal
	url   string
	total int64 // −1 when unknown
	done  int64
	start time.Time
	last  time.Time
	drawn int // length of the line last drawn, to blank what a shorter one leaves
}

const progressInterval = 200 * time.Millisecond

func newProgress(w io.Writer, url string, total int64) *progress {
	now := time.Now()
	p := &progress{w: w, live: report.IsTerminal(w), url: url, total: total, start: now, last: now}
	if p.live {
		p.draw("")
	} else {
		fmt.Fprintf(p.w, "data: downloading %s\n", url)
	}
	return p
}

func (p *progress) add(n int) {
	p.done += int64(n)
	if now := time.Now(); p.live && now.Sub(p.last) >= progressInterval {
		p.last = now
		p.draw("")
	}
}

// amount is the bytes so far, "1.2 MB" or "1.2 of 3.4 MB".
func (p *progress) amount() string {
	if p.total >= 0 {
		return size(p.done) + " of " + size(p.total)
	}
	return size(p.done)
}

// status is the amount and, once measurable, the rate.
func (p *progress) status() string {
	s := p.amount()
	if t := time.Since(p.start).Seconds(); t >= 0.1 {
		s += fmt.Sprintf(", %s/s", size(int64(float64(p.done)/t)))
	}
	return s
}

func (p *progress) draw(end string) {
	line := fmt.Sprintf("data: downloading %s: %s", p.url, p.status())
	pad := strings.Repeat(" ", max(p.drawn-len(line), 0))
	p.drawn = len(line)
	fmt.Fprintf(p.w, "\r%s%s%s", line, pad, end)
}

// finish ends the report, saying whether the download succeeded.
func (p *progress) finish(err error) {
	end := ", done\n"
	if err != nil {
		end = ", failed\n"
	}
	if p.live {
		p.draw(end)
		return
	}
	fmt.Fprintf(p.w, "data: downloading %s: %s%s", p.url, p.status(), end)
}

// size formats n bytes as "512 B", "43.2 kB", "3.4 MB" or "1.2 GB".
func size(n int64) string {
	switch x := float64(n); {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", x/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", x/1e6)
	default:
		return fmt.Sprintf("%.1f GB", x/1e9)
	}
}
