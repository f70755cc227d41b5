package data

import (
	"fmt"
	"io"
	"time"
)

// progress writes one status line for a download, redrawn in place with '\r'
// at most every interval, and ended with a newline by finish.
type progress struct {
	w     io.Writer
	url   string
	total int64 // −1 when unknown
	done  int64
	last  time.Time
}

const progressInterval = 200 * time.Millisecond

func newProgress(w io.Writer, url string, total int64) *progress {
	p := &progress{w: w, url: url, total: total, last: time.Now()}
	p.draw("")
	return p
}

func (p *progress) add(n int) {
	p.done += int64(n)
	if now := time.Now(); now.Sub(p.last) >= progressInterval {
		p.last = now
		p.draw("")
	}
}

func (p *progress) draw(end string) {
	mb := func(n int64) float64 { return float64(n) / 1e6 }
	if p.total >= 0 {
		fmt.Fprintf(p.w, "\rdata: downloading %s: %.1f of %.1f MB%s", p.url, mb(p.done), mb(p.total), end)
	} else {
		fmt.Fprintf(p.w, "\rdata: downloading %s: %.1f MB%s", p.url, mb(p.done), end)
	}
}

// finish ends the line, saying whether the download succeeded.
func (p *progress) finish(err error) {
	if err != nil {
		p.draw(", failed\n")
		return
	}
	p.draw(", done\n")
}

// countingReader reports every byte read from r to p.
type countingReader struct {
	r io.Reader
	p *progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.add(n)
	return n, err
}
