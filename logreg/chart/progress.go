package chart

import (
	"fmt"
	"html"
	"math"
	"strings"
	"sync"

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
//	cfg.OnEpoch = p.OnEpoch
//	h, err := logreg.NumPyLoop(train, test, cfg)
//	p.Done()
//
// Its methods may be called from any goroutine.
type Progress struct {
	title  string
	epochs int
	fields []Field
	rows   int // rows an epoch visits, for its rate; 0 for none

	mu      sync.Mutex
	records []logreg.Record
	block   transient
}

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

// OnEpoch records r and, in a notebook, redraws the progress block. Its
// signature is logreg.Config.OnEpoch's.
func (p *Progress) OnEpoch(r logreg.Record) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records = append(p.records, r)
	p.block.show(p.line())
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
// lasting output. Outside a notebook it does nothing.
func (p *Progress) Done() {
	if !gonbui.IsNotebook {
		return
	}
	p.mu.Lock()
	p.block.show("")
	p.mu.Unlock()
	Display(p.Charts()...)
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
	ys := make([]float64, len(p.records))
	for i, r := range p.records {
		ys[i] = p.fields[0].Of(r)
	}
	b.WriteString(" ")
	b.WriteString(sparkline(ys, 160, 24))
	b.WriteString("</div>")
	return HTML(b.String())
}

// sparkline draws ys as an inline SVG polyline of the given size, its y
// range stretched to the height; values a chart could not place (see
// plottable) are skipped, which also keeps hi − lo from overflowing.
func sparkline(ys []float64, width, height float64) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		if plottable(y, false) {
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	var pts strings.Builder
	n := len(ys)
	for i, y := range ys {
		if !plottable(y, false) {
			continue
		}
		x := width / 2
		if n > 1 {
			x = float64(i) * width / float64(n-1)
		}
		v := height / 2
		if hi > lo {
			v = height - 1 - (y-lo)/(hi-lo)*(height-2)
		}
		fmt.Fprintf(&pts, "%.1f,%.1f ", x, v)
	}
	return fmt.Sprintf(`<svg width="%g" height="%g" style="vertical-align:middle">`+
		`<polyline fill="none" stroke="#5470c6" stroke-width="1.5" points="%s"/></svg>`,
		width, height, strings.TrimSpace(pts.String()))
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
