// Package playground is the end of notebook 04: sliders for the learning
// rate, momentum and epochs that retrain and redraw a chart in place on every
// change, so a reader feels how fast the per-sample loop is.
//
// Run takes the starting Setting, how long it may sit idle, and a draw
// function (train, then return the chart's HTML); the notebook supplies them,
// so nothing here knows about logreg or charts.
//
// With a browser attached, Run shows, above the sliders, that the kernel is
// busy while the playground is live (other cells wait) and how to end it.
// Each slider is labelled with its name, value and range. Run redraws on
// every change and ends, keeping the last chart as a lasting output that the
// saved notebook and a report keep, when the first of these happens: Done is
// pressed, the kernel is interrupted, no slider moves for the idle time (if
// it is positive; zero or less is no limit), or the page goes away (closed,
// reloaded, its output cleared), which Run learns from a heartbeat the page
// sends every second and stops sending then. The page is taken as gone only
// when no beat came or is queued for five seconds counted from the later of
// its last beat and the last slider move (with its redraw), so a slow redraw
// does not end it.
//
// Run takes a browser as attached when it answers one of three probes: a
// first connection from the page can fail on a loaded machine, and the next
// probe makes GoNB install its side again.
//
// With no browser attached (nbconvert, CI, a report), Run never waits for
// input: it draws the starting setting once under a caption for a reader,
// saying the chart is interactive in a live notebook. Outside a notebook it
// does nothing.
package playground
