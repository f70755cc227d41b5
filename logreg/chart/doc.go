// Package chart draws what the logreg loops record: go-echarts builders, a
// GoNB display that works in every notebook front end, live training
// progress, and the scripts that make a report page draw with no network.
//
// Builders are pure: they take a *logreg.History or Series and return
// go-echarts charts, so they are tested without a notebook.
//
//	TwoPanel(h, fields...)        the seed's figure: loss | misclassification per epoch
//	Overlay(title, yName, s...)   several runs on one value axis of epochs
//	Plot{...}.Chart()             the same with a subtitle, a log or from-zero
//	                              axis, and a second axis at the right
//	Describe(h)                   a run's program and settings, for subtitles
//	Field.Series(name, h)         one column of a History as a Series (Gap(F*):
//	                              F − F*, for a log axis)
//	Table(headers, rows)          an escaped HTML table
//
// Every line chart has tooltips, zoom sliders and a box zoom, a marker and
// dash per line so that equal lines stay visible, and a y window fitted to
// the epochs from 1 on: epoch 0 (the NumPy program's pass before training)
// is drawn but does not flatten the comparison; the y slider reaches it.
//
// Every number in a chart's options is one echarts can place: a value that
// is NaN, ±Inf, beyond ±1e300 (where echarts' own axis arithmetic would
// overflow) or ≤ 0 on a log axis is a gap in its line, and the y window is
// computed from the drawn values only. Should go-echarts still fail to
// write a chart's options (a chart built elsewhere, with NaN in it),
// Snippet puts a message saying why in the chart's place instead of a
// script that would leave it blank.
//
// In a GoNB cell: Display(charts...) shows charts side by side (for example
// Display(TwoPanel(h))), Update(displayID, charts...) redraws them in place,
// HTML.Display shows a Table, and Progress follows a training loop through
// logreg.Config.OnEpoch. Snippet returns the HTML Display sends.
//
// Display sends charts to GoNB as one HTML output built from go-echarts'
// RenderSnippet: the chart's <div> plus a script of our own, an IIFE that
// obtains echarts through a small loader and never declares globals:
//
//	window.echarts present          use it (a report embeds the library once)
//	RequireJS present (classic       require.config({paths: {echarts: URL}}),
//	Notebook, nbconvert pages)      then require(['echarts'], draw)
//	otherwise (JupyterLab)          inject <script src=URL> once, draw on load
//
// Each drawn instance is also recorded as window.__sgdlabCharts[id], so a
// checker finds it even when echarts came through RequireJS and left no
// global. URL is EchartsURL(): $SGDLAB_ECHARTS_URL when set, else go-echarts'
// asset host (DefaultEchartsURL, echarts 5.4.3, the version go-echarts v2.6.7
// targets, the same one js/package-lock.json pins from npm).
//
// Chart element ids are "sgdlab_" + the first 12 hex digits of the SHA-256 of
// the chart's option JSON (title included) + "_" + a per-process counter, so a
// re-run of the same notebook gives byte-identical output and charts of
// different cells (GoNB runs each cell as a new process) do not share an id.
// Should two cells still show the very same chart, each script draws into the
// first element with its id that is not yet claimed.
//
// Outside a notebook (gonbui.IsNotebook false) Display, Progress and
// HTML.Display do nothing. HeadJS is what a report embeds in its <head>:
// echarts (and, unless NoRequireJS, RequireJS) inline from js/node_modules,
// so the page opens with no network. WritePage makes such a page from
// fragments; `make notebooks` (notebooks/internal/nbrun) puts HeadJS into
// nbconvert's export of every executed notebook.
//
// Builders panic only on programmer error (series of unequal lengths), with
// messages prefixed "chart:"; I/O and tool failures are returned as errors.
package chart
