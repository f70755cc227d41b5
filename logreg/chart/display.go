package chart

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/render"
	"github.com/janpfeifer/gonb/gonbui"
)

// DefaultEchartsURL is where go-echarts v2.6.7 loads echarts from: its asset
// host, serving echarts 5.4.3.
const DefaultEchartsURL = "https://go-echarts.github.io/go-echarts-assets/assets/echarts.min.js"

// EnvEchartsURL names the variable that points live charts at a copy of
// echarts the notebook server serves (`make lab` sets it to the npm copy
// under Jupyter's /files/), so they draw with no network.
const EnvEchartsURL = "SGDLAB_ECHARTS_URL"

// EchartsURL returns the echarts script live notebooks load when the page has
// no window.echarts yet: $SGDLAB_ECHARTS_URL when set, else DefaultEchartsURL.
func EchartsURL() string {
	if u := os.Getenv(EnvEchartsURL); u != "" {
		return u
	}
	return DefaultEchartsURL
}

// Chart is what Display draws: any go-echarts chart (they all embed
// render.Renderer).
type Chart interface {
	RenderSnippet() render.ChartSnippet
}

// Display shows the charts side by side as one output of the running GoNB
// cell, and waits until GoNB has it (gonbui.Sync), so that a cell ending
// right after still keeps the chart. Outside a notebook it does nothing.
func Display(cs ...Chart) {
	if !gonbui.IsNotebook {
		return
	}
	Snippet(cs...).Display()
}

// Update draws the charts into the output block displayID of the running
// GoNB cell (gonbui.UpdateHTML), replacing what it held: a chart redrawn in
// place, as a playground does on every slider change. The block is created
// on first use and the saved notebook keeps its last content. Use a
// gonbui.UniqueId in displayID: display ids are shared by a whole kernel
// session. Outside a notebook it does nothing.
func Update(displayID string, cs ...Chart) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.UpdateHTML(displayID, string(Snippet(cs...)))
}

// ids counts the charts this process has turned into HTML, for their ids.
var ids struct {
	sync.Mutex
	n int
}

// Snippet returns the HTML Display sends: a flex row holding, per chart, the
// <div> of go-echarts' RenderSnippet under a deterministic id (see the
// package doc) and a <script> with an IIFE that loads echarts and draws the
// snippet's option into that div. Nothing it defines is global except the
// registry window.__sgdlabCharts. A chart whose option go-echarts could not
// write gets no script: its div says why instead (see optionErr).
func Snippet(cs ...Chart) HTML {
	var b strings.Builder
	url := EchartsURL()
	b.WriteString(`<div class="sgdlab-charts" style="display:flex;flex-wrap:wrap;gap:8px">` + "\n")
	for _, c := range cs {
		s := c.RenderSnippet()
		option := strings.TrimSuffix(strings.TrimSpace(s.Option), ";")
		if err := optionErr(c, option); err != nil {
			b.WriteString(undrawable(strings.TrimSpace(s.Element), nextID(err.Error()), err))
			b.WriteString("\n")
			continue
		}
		id := nextID(option)
		b.WriteString(withID(strings.TrimSpace(s.Element), id))
		b.WriteString("\n<script type=\"text/javascript\">\n")
		b.WriteString(drawScript(id, option, url))
		b.WriteString("</script>\n")
	}
	b.WriteString("</div>\n")
	return HTML(b.String())
}

// nextID returns "sgdlab_" + 12 hex digits of SHA-256(option) + "_" + the
// process's chart count.
func nextID(option string) string {
	sum := sha256.Sum256([]byte(option))
	ids.Lock()
	defer ids.Unlock()
	ids.n++
	return fmt.Sprintf("sgdlab_%s_%d", hex.EncodeToString(sum[:6]), ids.n)
}

// elementID finds the id go-echarts gave the chart's <div>.
var elementID = regexp.MustCompile(`id="[^"]*"`)

// withID replaces the random id go-echarts put in the element by id, and
// gives its outer div.container a natural width: classic Notebook's
// Bootstrap styles .container as a fixed-width centred page column, which
// would put every chart on a row of its own.
func withID(element, id string) string {
	element = strings.Replace(element, `<div class="container">`,
		`<div class="container" style="width:auto;margin:0;padding:0">`, 1)
	replaced := false
	return elementID.ReplaceAllStringFunc(element, func(m string) string {
		if replaced {
			return m
		}
		replaced = true
		return `id="` + id + `"`
	})
}

// scriptSafe keeps text inside a <script> element from closing it or
// opening an HTML comment: "</" and "<!--" only occur inside JS strings in
// an option, where "<\/" and "<\!--" mean the same.
var scriptSafe = strings.NewReplacer("</", `<\/`, "<!--", `<\!--`)

// drawScript is the IIFE of one chart. The loader takes, in order,
// window.echarts, RequireJS (classic Notebook, nbconvert pages) or one
// injected <script> shared by all charts of the page (JupyterLab).
func drawScript(id, option, url string) string {
	q := func(s string) string {
		j, _ := json.Marshal(s) // marshalling a string cannot fail
		return scriptSafe.Replace(string(j))
	}
	return fmt.Sprintf(loaderJS, q(id), scriptSafe.Replace(option), q(url), q(strings.TrimSuffix(url, ".js")))
}

// loaderJS has four verbs: id, option, script URL, RequireJS path (the URL
// without ".js", which RequireJS appends).
const loaderJS = `(function () {
  "use strict";
  var id = %s, option = %s, url = %s, amdPath = %s;
  var els = document.querySelectorAll('[id="' + id + '"]'), el = null;
  for (var i = 0; i < els.length && !el; i++) {
    if (!els[i].__sgdlabClaimed) { el = els[i]; }
  }
  if (!el) { return; }
  el.__sgdlabClaimed = true;
  function draw(echarts) {
    var chart = echarts.init(el, null, {renderer: "canvas"});
    chart.setOption(option);
    (window.__sgdlabCharts = window.__sgdlabCharts || {})[id] = chart;
  }
  function fail(err) {
    el.textContent = "chart: cannot load echarts from " + url + ": " + err;
    if (window.console) { window.console.error(el.textContent); }
  }
  if (window.echarts && window.echarts.init) { draw(window.echarts); return; }
  if (typeof window.require === "function" && typeof window.define === "function" && window.define.amd) {
    window.require.config({paths: {echarts: amdPath}});
    window.require(["echarts"], draw, fail);
    return;
  }
  var s = document.querySelector("script[data-sgdlab-echarts]");
  if (!s) {
    s = document.createElement("script");
    s.src = url;
    s.setAttribute("data-sgdlab-echarts", "");
    document.head.appendChild(s);
  }
  if (s.hasAttribute("data-failed")) { fail("script error"); return; }
  s.addEventListener("load", function () { draw(window.echarts); });
  s.addEventListener("error", function () { s.setAttribute("data-failed", ""); fail("script error"); });
})();
`
