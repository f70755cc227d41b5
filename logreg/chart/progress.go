package chart

import (
	"fmt"
	"html"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/sgdlab/sgdlab/logreg"
)

// Progress shows a training loop's epochs while it runs: a line of numbers
// and a small sparkline, redrawn in place in one transient output block
// (gonbui.UpdateHTML), with no script so it shows in any front end. Done
// clears the block and displays the full chart, which persists in the saved
// notebook. Outside a notebook it only records. Hook it to a loop with
//
//	p := chart.NewProgress("momentum SGD", cfg.Epochs, chart.Loss, chart.TrainError)
//	defer p.Done() // also when the loop panics
//	cfg.OnEpoch = p.OnEpoch
//	h, err := logreg.NumPyLoop(train, test, cfg)
//
// An epoch costs the same however many came before it: the sparkline
// keeps about 160 points, thinned evenly over the epochs so far with the
// first, the latest and each stretch's lowest and highest kept, and the
// line is redrawn at most five times a second, the first and the last
// epoch at once.
//
// Its methods may be called from any goroutine.
type Progress struct {
	title  string
	epochs int
	fields []Field
	rows   int // rows an epoch visits, for its rate; 0 for none

	// now and draw stand in for time.Now and the notebook's block when
	// set, in tests.
	now  func() time.Time
	draw func(HTML)

	mu      sync.Mutex
	records []logreg.Record
	spark   spark     // of the first field
	drawn   time.Time // when the line was last drawn
	done    bool
	block   transient
}

// redrawEvery is the least time between two redraws of a Progress line:
// often enough to look live, seldom enough that a loop of short epochs
// does not spend its time sending HTML.
const redrawEvery = 200 * time.Millisecond

// NewProgress returns a Progress for a loop of the given number of epochs
// (0 when unknown) showing fields; none means Loss and TrainError.
func NewProgress(title string, epochs int, fields ...Field) *Progress {
	if len(fields) == 0 {
		fields = []Field{Loss, TrainError}
	}
	return &Progress{title: title, epochs: epochs, fields: fields}
}

// WithRows makes the progress line show each epoch's rate, rows per
// second of its training pass, for a loop over rows rows; it returns p.
func (p *Progress) WithRows(rows int) *Progress {
	p.rows = rows
	return p
}

// OnEpoch records r and, in a notebook, redraws the progress block: at
// the first and the last epoch, and otherwise once 200 ms (redrawEvery)
// have passed since the last redraw, so that the line shows the loop as
// it was less than 200 ms before its latest epoch ended. Its signature is
// logreg.Config.OnEpoch's.
func (p *Progress) OnEpoch(r logreg.Record) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records = append(p.records, r)
	p.spark.add(p.fields[0].Of(r))
	show := p.output()
	if show == nil || p.done {
		return
	}
	now := p.clock()
	first, last := len(p.records) == 1, p.epochs > 0 && r.Epoch >= p.epochs
	if !first && !last && now.Sub(p.drawn) < redrawEvery {
		return
	}
	p.drawn = now
	show(p.line())
}

// output returns where the line goes: the transient block in a notebook,
// a test's draw, or nil outside a notebook, where no line is made at all.
func (p *Progress) output() func(HTML) {
	switch {
	case p.draw != nil:
		return p.draw
	case gonbui.IsNotebook:
		return p.block.show
	}
	return nil
}

// clock returns the time now.
func (p *Progress) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// Records returns a copy of the epochs recorded so far.
func (p *Progress) Records() []logreg.Record {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]logreg.Record(nil), p.records...)
}

// History returns the recorded epochs as a History of the named loop.
func (p *Progress) History(loop string) *logreg.History {
	return &logreg.History{Loop: loop, Epochs: p.Records()}
}

// Charts returns one panel per field over the recorded epochs, titled
// "title: field" (fields as different as a summed loss and an error rate do
// not share an axis).
func (p *Progress) Charts() []Chart {
	h := p.History("")
	cs := make([]Chart, len(p.fields))
	for i, f := range p.fields {
		cs[i] = Plot{Title: p.title + ": " + f.Name, Y: Axis{Name: f.Name},
			Series: []Series{f.Series("", h)}, Width: panelWidth, Height: panelHeight}.Chart()
	}
	return cs
}

// Done empties the transient block and displays Charts in its place, as a
// lasting output, unless no epoch was recorded (a loop that failed before
// its first): empty charts would only stand between the cell and its
// error. Later calls do nothing, so it may also be deferred, to end the
// line when the loop panics. Outside a notebook it displays nothing.
func (p *Progress) Done() {
	p.mu.Lock()
	if p.done {
		p.mu.Unlock()
		return
	}
	p.done = true
	if show := p.output(); show != nil {
		show("")
	}
	epochs := len(p.records)
	p.mu.Unlock()
	if gonbui.IsNotebook && epochs > 0 {
		Display(p.Charts()...)
	}
}

// line renders the progress block, p.mu held: the last epoch's fields and a
// sparkline of the first field.
func (p *Progress) line() HTML {
	var b strings.Builder
	last := p.records[len(p.records)-1]
	b.WriteString(`<div class="sgdlab-progress" style="font-family:monospace">`)
	b.WriteString(html.EscapeString(p.title))
	if p.epochs > 0 {
		fmt.Fprintf(&b, " · epoch %d/%d", last.Epoch, p.epochs)
	} else {
		fmt.Fprintf(&b, " · epoch %d", last.Epoch)
	}
	for _, f := range p.fields {
		fmt.Fprintf(&b, " · %s %.4f", html.EscapeString(f.Name), f.Of(last))
	}
	// A subnormal time would give an infinite rate.
	if rate := float64(p.rows) / last.Seconds; p.rows > 0 && last.Seconds > 0 && !math.IsInf(rate, 0) {
		fmt.Fprintf(&b, " · %s", perSecond(rate, "rows"))
	}
	b.WriteString(" ")
	b.WriteString(p.spark.svg(160, 24))
	b.WriteString("</div>")
	return HTML(b.String())
}

// Status is one transient line in a notebook for a long piece of work
// other than a loop's epochs (a read, say): a title, a bar of the share
// done when it is known, and a text, redrawn in place, with no script.
// Done replaces it with a lasting line. Outside a notebook it does
// nothing. Its methods may be called from any goroutine.
type Status struct {
	title string
	mu    sync.Mutex
	block transient
}

// NewStatus returns a Status titled title; nothing shows before Show.
func NewStatus(title string) *Status { return &Status{title: title} }

// Show redraws the line: done is the share of the work done, in [0, 1], or
// negative when it is not known.
func (s *Status) Show(done float64, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.block.show(statusLine(s.title, done, text))
}

// Done removes the line and, when text is not empty, displays the title
// and text as a lasting line in its place.
func (s *Status) Done(text string) {
	s.mu.Lock()
	s.block.show("")
	s.mu.Unlock()
	if text != "" && gonbui.IsNotebook {
		gonbui.DisplayHTML(string(statusLine(s.title, -1, text)))
	}
}

// statusLine renders a Status line.
func statusLine(title string, done float64, text string) HTML {
	var b strings.Builder
	b.WriteString(`<div class="sgdlab-progress" style="font-family:monospace">`)
	b.WriteString(html.EscapeString(title))
	if done >= 0 {
		fmt.Fprintf(&b, ` <progress value="%.3f" max="1" style="vertical-align:middle"></progress>`, min(done, 1))
	}
	if text != "" {
		b.WriteString(" · ")
		b.WriteString(html.EscapeString(text))
	}
	b.WriteString("</div>")
	return HTML(b.String())
}

// transient is an output block a progress display redraws in place; its
// zero value has no block yet. Its owner serialises the calls.
type transient struct{ id string }

// show redraws the block with h, making it on the first call; "" empties
// it. Outside a notebook it does nothing.
func (t *transient) show(h HTML) {
	if !gonbui.IsNotebook || (h == "" && t.id == "") {
		return
	}
	if t.id == "" {
		// A display id is session-wide in Jupyter; a fixed one would let a later
		// cell's progress overwrite this cell's block. It never reaches the
		// saved notebook.
		t.id = "sgdlab_progress_" + gonbui.UniqueId()
	}
	gonbui.UpdateHTML(t.id, string(h))
}

// perSecond writes a rate of things per second in three figures at most,
// with k (10³) or M (10⁶): "6.2 M rows/s".
func perSecond(x float64, things string) string {
	switch {
	case x >= 1e6:
		return fmt.Sprintf("%.3g M %s/s", x/1e6, things)
	case x >= 1e3:
		return fmt.Sprintf("%.3g k %s/s", x/1e3, things)
	}
	return fmt.Sprintf("%.3g %s/s", x, things)
}
