// Package chartcheck opens an HTML page in Debian's headless Chromium with
// no network and reports, for every chart element on it, whether echarts drew
// there: an instance bound to the element, the series of its option that
// carry data, and the ink on its canvas.
//
// It speaks the DevTools protocol over Chromium's --remote-debugging-pipe
// (file descriptors 3 and 4, NUL-separated JSON), so it needs no module and
// no port. Every run uses a fresh --user-data-dir, DNS resolves nothing and
// the page is emulated offline; the requests the page still attempted are
// listed in the Report.
//
// A chart element is a go-echarts element (div.item inside div.container,
// what RenderSnippet and chart.Display produce) or any element echarts has
// marked with _echarts_instance_. Its instance is found with
// echarts.getInstanceByDom, where echarts is window.echarts or, when echarts
// came through RequireJS and left no global, require('echarts'); failing
// both, the registry window.__sgdlabCharts that chart.Display's scripts keep.
//
// Check returns an error only when the browser could not be run or did not
// answer; a page whose charts did not draw gives a Report whose Err says why.
package chartcheck
