package playground

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/dom"
	"github.com/janpfeifer/gonb/gonbui/widgets"
)

// EnvHeadless, when set to a non-empty value, tells Run that no browser is
// attached, so it does not probe for one. The notebook runner and the tests
// set it; a person running nbconvert by hand waits ProbeTimeout instead.
const EnvHeadless = "SGDLAB_HEADLESS"

var (
	// ProbeTimeout is how long Run waits for a browser to answer before it
	// takes the notebook as headless. GoNB itself waits 3 s for the
	// browser's side of its connection to open.
	ProbeTimeout = 5 * time.Second
	// IdleTimeout ends the playground when no slider has moved for this long.
	IdleTimeout = 15 * time.Minute
	// settle is how long Run waits after a slider event for more, so a drag
	// retrains once for where it stopped rather than for every pixel.
	settle = 40 * time.Millisecond
)

// frontEnd is what Run needs from GoNB; tests replace it.
type frontEnd struct {
	notebook func() bool
	browser  func(timeout time.Duration) bool
	display  func(html string)
	print    func(format string, args ...any)
}

var gonb = frontEnd{
	notebook: func() bool { return gonbui.IsNotebook },
	browser:  browserAttached,
	display:  gonbui.DisplayHTML,
	print:    func(format string, args ...any) { fmt.Printf(format, args...) },
}

// Run shows the playground below the cell; see the package documentation.
// draw trains for a Setting and returns the chart's HTML (a fragment, with
// its scripts); it is called once per redraw, never concurrently.
func Run(start Setting, draw func(Setting) string) {
	run(gonb, start, draw)
}

func run(fe frontEnd, start Setting, draw func(Setting) string) {
	if !fe.notebook() {
		return
	}
	if os.Getenv(EnvHeadless) != "" || !fe.browser(ProbeTimeout) {
		fe.print("playground: no browser attached; showing %v\n", start)
		fe.display(caption(start, 0) + draw(start))
		return
	}
	interactive(fe, start, draw)
}

// caption is the line above the chart: the setting and, once known, how long
// training and drawing took.
func caption(s Setting, took time.Duration) string {
	c := html.EscapeString(s.String())
	if took > 0 {
		c += fmt.Sprintf(" — trained and drawn in %d ms", took.Milliseconds())
	}
	return `<div style="font-family:monospace;margin:4px 0">` + c + "</div>\n"
}

// browserAttached sends a transient script that answers on a fresh address
// and reports whether the answer came within timeout. Nothing of it is saved
// in the notebook. The script polls for gonb_comm, which GoNB installs in the
// browser when a program first uses comms.
func browserAttached(timeout time.Duration) bool {
	address := "/sgdlab/playground/probe/" + gonbui.UniqueID()
	answer := comms.Listen[int](address).WithBuffer(1)
	defer answer.Close()
	dom.TransientJavascript(fmt.Sprintf(`(() => {
  const until = Date.now() + %d;
  const tick = () => {
    const c = globalThis.gonb_comm;
    if (c) { c.send(%q, 1); } else if (Date.now() < until) { setTimeout(tick, 100); }
  };
  tick();
})();`, timeout.Milliseconds(), address))
	select {
	case <-answer.C:
		return true
	case <-time.After(timeout):
		return false
	}
}

// interactive runs the sliders until the button, an interrupt or IdleTimeout,
// then leaves the last chart as a lasting output.
func interactive(fe frontEnd, start Setting, draw func(Setting) string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	pos := positionOf(start)
	controls := "sgdlab_playground_controls_" + gonbui.UniqueID()
	root := "sgdlab_playground_" + gonbui.UniqueID()
	live := "sgdlab_playground_chart_" + gonbui.UniqueID()
	gonbui.UpdateHTML(controls, fmt.Sprintf(`<div id=%q></div>`, root))
	row := func(name string) string {
		id := root + "_" + name
		dom.Append(root, fmt.Sprintf(`<div style="font-family:monospace">%s: <span id=%q></span></div>`, name, id))
		return id
	}
	lrLabel, mLabel, eLabel := row("learning rate"), row("momentum"), row("epochs")
	lr := widgets.Slider(0, len(learningRates)-1, pos.lr).AppendTo(root).Done()
	m := widgets.Slider(0, len(momenta)-1, pos.momentum).AppendTo(root).Done()
	ep := widgets.Slider(1, maxEpochs, pos.epochs).AppendTo(root).Done()
	keep := widgets.Button("Keep this chart").AppendTo(root).Done()
	lrC, mC, eC := lr.Listen().LatestOnly(), m.Listen().LatestOnly(), ep.Listen().LatestOnly()
	keepC := keep.Listen()
	defer func() { lrC.Close(); mC.Close(); eC.Close(); keepC.Close() }()

	current := start
	redraw := func(s Setting) string {
		dom.SetInnerText(lrLabel, fmt.Sprint(s.LearningRate))
		dom.SetInnerText(mLabel, fmt.Sprint(s.Momentum))
		dom.SetInnerText(eLabel, fmt.Sprint(s.Epochs))
		t := time.Now()
		h := draw(s)
		out := caption(s, time.Since(t)) + h
		gonbui.UpdateHTML(live, out)
		return out
	}
	last := redraw(current)
	idle := time.NewTimer(IdleTimeout)
	for done := false; !done; {
		select {
		case v := <-lrC.C:
			pos.lr = v
		case v := <-mC.C:
			pos.momentum = v
		case v := <-eC.C:
			pos.epochs = v
		case <-keepC.C:
			done = true
			continue
		case <-idle.C:
			done = true
			continue
		case <-ctx.Done():
			done = true
			continue
		}
		time.Sleep(settle)
		drain(&pos, lrC.C, mC.C, eC.C)
		current = pos.setting()
		last = redraw(current)
		idle.Reset(IdleTimeout)
	}
	// Transient outputs are not saved: replace them by a lasting copy.
	gonbui.UpdateHTML(live, "")
	gonbui.UpdateHTML(controls, "")
	fe.print("playground: kept %v\n", current)
	fe.display(last)
}

// drain takes any slider values that arrived while waiting.
func drain(pos *position, lr, m, ep chan int) {
	for {
		select {
		case v := <-lr:
			pos.lr = v
		case v := <-m:
			pos.momentum = v
		case v := <-ep:
			pos.epochs = v
		default:
			return
		}
	}
}
