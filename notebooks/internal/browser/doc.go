// Package browser drives Debian's headless Chromium through
// github.com/chromedp/chromedp for the notebook tests: it opens a report and
// says, for every chart element on it, whether echarts drew there, and it
// gives the live-notebook test a tab to click through.
//
// Start opens one browser: headless, --no-sandbox,
// --disable-background-networking, --disable-component-update,
// --disable-sync, --disable-quic, --no-first-run, a fresh --user-data-dir
// that chromedp creates and removes, and a host resolver that resolves no
// name except localhost, so a page reaches nothing but files and the
// loopback address.
//
// A chart element is a go-echarts element (div.item inside div.container,
// what RenderSnippet and chart.Display produce) or any element echarts has
// marked with _echarts_instance_. Its instance is found with
// echarts.getInstanceByDom, where echarts is window.echarts or, when echarts
// came through RequireJS and left no global, require('echarts'); failing
// both, the registry window.__sgdlabCharts that chart.Display's scripts keep.
//
// Charts returns an error only when the browser could not be run or did not
// answer; a page whose charts did not draw gives a Report whose Err says why.
package browser
