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

	mu        sync.Mutex
	records   []logreg.Record
	displayID string
}

// NewProgress returns a Progress for a loop of the given number of epochs
// (0 when unknown) showing fields; none means Loss and TrainError.
func NewProgress(title string, epochs int, fields ...Field) *Progress {
	if len(fields) == 0 {
		fields = []Field{Loss, TrainError}
	}
	return &Progress{title: title, epochs: epochs, fields: fields}
}

// OnEpoch records r and, in a notebook, redraws the progress block. Its
// signature is logreg.Config.OnEpoch's.
func (p *Progress) OnEpoch(r logreg.Record) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records = append(p.records, r)
	if !gonbui.IsNotebook {
		return
	}
	if p.displayID == "" {
		// A display id is session-wide in Jupyter; a fixed one would let a later
		// cell's progress overwrite this cell's block. It never reaches the
		// saved notebook.
		p.displayID = "sgdlab_progress_" + gonbui.UniqueId()
	}
	gonbui.UpdateHTML(p.displayID, string(p.line()))
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
	id := p.displayID
	p.mu.Unlock()
	if id != "" {
		gonbui.UpdateHTML(id, "")
	}
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
// range stretched to the height; non-finite values are skipped.
func sparkline(ys []float64, width, height float64) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	var pts strings.Builder
	n := len(ys)
	for i, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
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
