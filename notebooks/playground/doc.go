// Package playground is the end of notebook 04: sliders for the learning
// rate, momentum and epochs that retrain and redraw a chart in place on every
// change, so a reader feels how fast the per-sample loop is.
//
// Run takes the starting Setting and a draw function (train, then return the
// chart's HTML); the notebook supplies both, so nothing here knows about
// logreg or charts. With a browser attached, Run shows the sliders and a
// "Keep this chart" button, redraws on every change and, when the button is
// pressed, the cell is interrupted or nothing moves for IdleTimeout, shows the
// last chart as a lasting output, which the saved notebook and the report
// keep. With no browser attached (nbconvert, CI), Run never waits for input:
// it draws the starting setting once and returns. Outside a notebook it does
// nothing.
package playground
