package playground

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/dom"
	"github.com/janpfeifer/gonb/gonbui/widgets"
)

// EnvHeadless, when set to a non-empty value, tells Run that no browser is
// attached, so it does not probe for one. The notebook runner and the tests
// set it; a person running nbconvert by hand waits for the probes instead
// (probeAttempts × probeTimeout).
const EnvHeadless = "SGDLAB_HEADLESS"

// Run asks up to probeAttempts times, probeTimeout each, for a browser to
// answer before it takes the notebook as headless. One attempt is not enough:
// GoNB's script in the browser drops its connection when the kernel's
// acknowledgement takes over half a second, as it does on a loaded machine,
// and only the next request from the program installs the script again.
const (
	probeAttempts = 3
	probeTimeout  = 4 * time.Second
)

// frontEnd is what Run needs from GoNB; the tests give their own.
type frontEnd struct {
	notebook func() bool
	browser  func(timeout time.Duration) bool
	display  func(html string)
	live     func(start Setting, idle time.Duration, draw func(Setting) string)
}

// Run shows the playground below the cell; see the package documentation.
// idle is how long it waits for a slider to move before it ends (Run says
// so on the page); zero or less is no limit, so --idle=0 reads as it is
// meant. A NaN in start takes its default, and the page says so. draw trains
// for a Setting and returns the chart's HTML (a fragment, with its scripts);
// it is called once per redraw, never concurrently.
func Run(start Setting, idle time.Duration, draw func(Setting) string) {
	run(frontEnd{
		notebook: func() bool { return gonbui.IsNotebook },
		browser:  browserAttached,
		display:  func(h string) { gonbui.DisplayHTML(h); gonbui.Sync() },
		live:     interactive,
	}, start, idle, draw)
}

func run(fe frontEnd, start Setting, idle time.Duration, draw func(Setting) string) {
	if !fe.notebook() {
		return
	}
	start, notes := startOf(start)
	note := startNote(notes)
	if os.Getenv(EnvHeadless) != "" || !attached(fe.browser) {
		fe.display(note + reportCaption(start) + draw(start))
		return
	}
	// The note is a lasting output of its own, above the live playground.
	if note != "" {
		fe.display(note)
	}
	fe.live(start, idle, draw)
}

// attached reports whether a browser answers one of probeAttempts probes.
func attached(probe func(timeout time.Duration) bool) bool {
	for range probeAttempts {
		if probe(probeTimeout) {
			return true
		}
	}
	return false
}

// caption styles the line above a chart.
func caption(text string) string {
	return `<div class="sgdlab-playground-caption" style="font-family:sans-serif;margin:4px 0">` + text + "</div>\n"
}

// reportCaption is the caption of a playground with no browser: what a
// reader of a report sees above the chart.
func reportCaption(s Setting) string {
	return caption("<b>Playground</b>, interactive in a live notebook: sliders for the learning rate, " +
		"momentum and epochs retrain the program and redraw this chart. Shown here: " + html.EscapeString(s.String()) + ".")
}

// startNote is the note above a playground whose start had NaNs in it, or
// "" when it had none.
func startNote(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return caption("<b>Playground</b>: " + html.EscapeString(strings.Join(notes, " ")))
}

// liveCaption is the caption of a chart drawn while the playground is live.
func liveCaption(s Setting, took time.Duration) string {
	return caption(fmt.Sprintf("%s — trained and drawn in %d ms", html.EscapeString(s.String()), took.Milliseconds()))
}

// keptCaption is the caption of the chart a live playground leaves behind.
func keptCaption(s Setting, why string) string {
	return caption(fmt.Sprintf("<b>Playground</b>, ended because %s; the last chart: %s.",
		html.EscapeString(why), html.EscapeString(s.String())))
}

// sayDuration writes d as a reader says it: "2 minutes", "90 seconds",
// "1m30.5s" when neither is whole.
func sayDuration(d time.Duration) string {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d > 0 && d%time.Minute == 0:
		return plural(int64(d/time.Minute), "minute")
	case d > 0 && d%time.Second == 0:
		return plural(int64(d/time.Second), "second")
	}
	return d.String()
}

// busyNotice is what the page shows above the sliders while they are live;
// idle is as Run takes it.
func busyNotice(idle time.Duration) string {
	ends := "leave the sliders for " + sayDuration(idle) + ", or close or reload this page."
	if idle <= 0 {
		ends = "or close or reload this page; leaving the sliders alone does not end it."
	}
	return `<div style="font-family:sans-serif;margin:4px 0;padding:4px 8px;background:#fff6d6;border-left:4px solid #e0b000">` +
		`<b>The kernel is busy while this playground is live</b>: other cells wait for it. ` +
		`It ends, keeping the last chart, when you press <b>Done</b>, interrupt the kernel (■), ` + ends + `</div>`
}

// browserAttached sends a transient script that answers on a fresh address
// and reports whether the answer came within timeout. Nothing of it is saved
// in the notebook. The script polls for gonb_comm, which GoNB installs in the
// browser when a program uses comms and no connection answers its heartbeat.
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

// heartbeatJS sends 1 on the address every second while the element with
// the id is in the page; a reload, a closed tab or cleared outputs stop it.
const heartbeatJS = `(() => {
  const id = %q, address = %q;
  let seen = false, misses = 0;
  const beat = setInterval(() => {
    const c = globalThis.gonb_comm, el = document.getElementById(id);
    if (el) { seen = true; } else if (seen || ++misses > 10) { clearInterval(beat); return; }
    if (c && el) { c.send(address, 1); }
  }, 1000);
})();`

// slider is one labelled slider row.
type slider struct {
	name   string
	values func(pos int) string
	lo, hi int
}

// interactive runs the live playground: the notice, the sliders and the
// chart, until loop ends it, then leaves the last chart as a lasting output.
func interactive(start Setting, idle time.Duration, draw func(Setting) string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	uid := gonbui.UniqueID()
	controls, root, chartID := "sgdlab_playground_controls_"+uid, "sgdlab_playground_"+uid, "sgdlab_playground_chart_"+uid
	gonbui.UpdateHTML(controls, busyNotice(idle)+fmt.Sprintf(`<div id=%q class="sgdlab-playground"></div>`, root))
	beats := comms.Listen[int]("/sgdlab/playground/beat/" + uid).WithBuffer(4)
	defer beats.Close()
	dom.TransientJavascript(fmt.Sprintf(heartbeatJS, root, "/sgdlab/playground/beat/"+uid))

	pos := positionOf(start)
	rows := []slider{
		{"learning rate", func(p int) string { return fmt.Sprint(learningRates[p]) }, 0, len(learningRates) - 1},
		{"momentum", func(p int) string { return fmt.Sprint(momenta[p]) }, 0, len(momenta) - 1},
		{"epochs", func(p int) string { return fmt.Sprint(p) }, 1, maxEpochs},
	}
	at := []int{pos.lr, pos.momentum, pos.epochs}
	// Building a widget waits for the page's answer, which never comes when
	// the page has gone meanwhile: give it goneAfter per widget.
	built := make(chan []*comms.AddressChan[int], 1)
	go func() { built <- buildControls(root, rows, at) }()
	var chans []*comms.AddressChan[int]
	select {
	case chans = <-built:
	case <-time.After(time.Duration(len(rows)+1) * goneAfter):
		gonbui.UpdateHTML(controls, "")
		return
	case <-ctx.Done():
		gonbui.UpdateHTML(controls, "")
		return
	}
	defer func() {
		for _, c := range chans {
			c.Close()
		}
	}()

	last := ""
	redraw := func(s Setting) {
		p := positionOf(s)
		for i, v := range []int{p.lr, p.momentum, p.epochs} {
			dom.SetInnerText(valueID(root, i), rows[i].values(v))
		}
		t := time.Now()
		h := draw(s)
		last = h
		gonbui.UpdateHTML(chartID, liveCaption(s, time.Since(t))+h)
	}
	redraw(start)
	interrupt := make(chan struct{})
	go func() { <-ctx.Done(); close(interrupt) }()
	current, why := loop(events{lr: chans[0].C, momentum: chans[1].C, epochs: chans[2].C, done: chans[3].C,
		beat: beats.C, interrupt: interrupt}, timing{idle: idle, gone: goneAfter, settle: settle}, pos, redraw)
	// The live blocks go; the last chart stays as a lasting output.
	gonbui.UpdateHTML(chartID, "")
	gonbui.UpdateHTML(controls, "")
	gonbui.DisplayHTML(keptCaption(current, why) + last)
	gonbui.Sync()
}

func valueID(root string, i int) string { return fmt.Sprintf("%s_value_%d", root, i) }

// buildControls appends one labelled slider row per slider (name, slider,
// value, range) and the Done button to the element root, and returns the
// sliders' channels followed by the button's.
func buildControls(root string, rows []slider, at []int) []*comms.AddressChan[int] {
	var chans []*comms.AddressChan[int]
	for i, r := range rows {
		cell := fmt.Sprintf("%s_slider_%d", root, i)
		dom.Append(root, fmt.Sprintf(`<div class="sgdlab-slider" style="display:flex;align-items:center;gap:10px;font-family:monospace;margin:2px 0">`+
			`<label for=%q style="width:9em">%s</label><span id=%q></span>`+
			`<span id=%q style="width:6em;font-weight:bold">%s</span>`+
			`<span style="color:#777">range %s … %s</span></div>`,
			cell+"_input", html.EscapeString(r.name), cell, valueID(root, i), r.values(at[i]), r.values(r.lo), r.values(r.hi)))
		s := widgets.Slider(r.lo, r.hi, at[i]).WithHtmlId(cell + "_input").AppendTo(cell).Done()
		chans = append(chans, s.Listen().LatestOnly())
	}
	done := widgets.Button("Done: keep this chart").AppendTo(root).Done()
	return append(chans, done.Listen())
}
