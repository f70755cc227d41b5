package chartcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Report is what Check saw on one page.
type Report struct {
	// URL is the file: URL that was opened.
	URL string
	// Charts has one entry per chart element, in document order.
	Charts []ChartReport
	// Errors are uncaught exceptions and console errors, in order.
	Errors []string
	// Requests are the URLs the page tried to fetch other than file: and
	// data: ones; none of them could be reached.
	Requests []string
}

// ChartReport is one chart element.
type ChartReport struct {
	// ID is the element's id.
	ID string
	// Instance says an echarts instance is bound to the element; Via says
	// how it was found: "global" (window.echarts), "amd" (require) or
	// "registry" (window.__sgdlabCharts).
	Instance bool
	Via      string
	// Title is the option's first title text.
	Title string
	// Series counts the option's series; SeriesWithData those whose data
	// holds at least one point.
	Series, SeriesWithData int
	// Canvas says the element holds a <canvas> of non-zero size.
	Canvas bool
	// Ink counts the canvas pixels that are not fully transparent;
	// ColorInk those of them that are saturated (max−min channel > 60), as
	// the palette's lines are and axes and text are not.
	Ink, ColorInk int
}

// Err returns nil when every chart drew: no chart elements at all, a missing
// instance, a series without data, or a blank or colourless canvas, and any
// exception or console error, make it an error listing them.
func (r Report) Err() error {
	var problems []string
	if len(r.Charts) == 0 {
		problems = append(problems, "no chart elements")
	}
	for _, c := range r.Charts {
		switch {
		case !c.Instance:
			problems = append(problems, c.ID+": no echarts instance")
		case c.Series == 0 || c.SeriesWithData < c.Series:
			problems = append(problems, fmt.Sprintf("%s: %d of %d series have data", c.ID, c.SeriesWithData, c.Series))
		case !c.Canvas || c.Ink == 0:
			problems = append(problems, c.ID+": blank canvas")
		case c.ColorInk == 0:
			problems = append(problems, c.ID+": no coloured pixels")
		}
	}
	for _, e := range r.Errors {
		problems = append(problems, "page error: "+e)
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New("chartcheck: " + r.URL + ": " + strings.Join(problems, "; "))
}

// Timeout bounds how long Check waits for every chart element to get an
// instance; Settle is the wait after that, for echarts' entry animation.
var (
	Timeout = 15 * time.Second
	Settle  = 1500 * time.Millisecond
)

// Check opens the page at htmlPath in a fresh headless Chromium with no
// network, waits until every chart element has an echarts instance (or
// Timeout passes), lets the animation settle, and reports what it finds.
func Check(ctx context.Context, htmlPath string) (Report, error) {
	var r Report
	err := withPage(ctx, htmlPath, 1280, 1000, func(b *browser, u string, events *pageEvents) error {
		r.URL = u
		var res struct {
			Result struct {
				Value json.RawMessage `json:"value"`
			} `json:"result"`
			ExceptionDetails *struct {
				Text string `json:"text"`
			} `json:"exceptionDetails"`
		}
		expr := fmt.Sprintf(checkJS, Timeout.Milliseconds(), Settle.Milliseconds())
		if err := b.page(ctx, "Runtime.evaluate", map[string]any{
			"expression": expr, "awaitPromise": true, "returnByValue": true,
		}, &res); err != nil {
			return err
		}
		if res.ExceptionDetails != nil {
			return fmt.Errorf("chartcheck: check script: %s", res.ExceptionDetails.Text)
		}
		if err := json.Unmarshal(res.Result.Value, &r.Charts); err != nil {
			return fmt.Errorf("chartcheck: check script result: %w", err)
		}
		r.Errors, r.Requests = events.drain()
		return nil
	})
	return r, err
}

// Screenshot saves a PNG of the whole page at htmlPath, width CSS pixels
// wide, after the same wait as Check.
func Screenshot(ctx context.Context, htmlPath, pngPath string, width int) error {
	return withPage(ctx, htmlPath, width, 1000, func(b *browser, _ string, _ *pageEvents) error {
		expr := fmt.Sprintf(checkJS, Timeout.Milliseconds(), Settle.Milliseconds())
		if err := b.page(ctx, "Runtime.evaluate", map[string]any{
			"expression": expr, "awaitPromise": true, "returnByValue": true,
		}, nil); err != nil {
			return err
		}
		var shot struct {
			Data []byte `json:"data"`
		}
		if err := b.page(ctx, "Page.captureScreenshot", map[string]any{
			"format": "png", "captureBeyondViewport": true,
		}, &shot); err != nil {
			return err
		}
		if err := os.WriteFile(pngPath, shot.Data, 0o644); err != nil {
			return fmt.Errorf("chartcheck: %w", err)
		}
		return nil
	})
}

// withPage launches a browser, loads htmlPath offline at the given viewport
// size, waits for its load event and runs f.
func withPage(ctx context.Context, htmlPath string, width, height int, f func(*browser, string, *pageEvents) error) error {
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return fmt.Errorf("chartcheck: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("chartcheck: %w", err)
	}
	u := (&url.URL{Scheme: "file", Path: abs}).String()
	b, err := launch(ctx)
	if err != nil {
		return err
	}
	defer b.close()
	for _, m := range []string{"Page.enable", "Runtime.enable", "Network.enable", "Log.enable"} {
		if err := b.page(ctx, m, map[string]any{}, nil); err != nil {
			return err
		}
	}
	if err := b.page(ctx, "Network.emulateNetworkConditions", map[string]any{
		"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1,
	}, nil); err != nil {
		return err
	}
	if err := b.page(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false,
	}, nil); err != nil {
		return err
	}
	events := &pageEvents{b: b}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := b.page(ctx, "Page.navigate", map[string]any{"url": u}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("chartcheck: open %s: %s", u, nav.ErrorText)
	}
	if err := events.waitLoad(ctx); err != nil {
		return err
	}
	return f(b, u, events)
}

// pageEvents collects the page's errors and requests from the event stream.
type pageEvents struct {
	b        *browser
	loaded   bool
	errors   []string
	requests []string
}

// waitLoad consumes events until the page's load event.
func (e *pageEvents) waitLoad(ctx context.Context) error {
	for !e.loaded {
		select {
		case m := <-e.b.events:
			e.take(m)
		case <-e.b.done:
			return fmt.Errorf("chartcheck: browser exited while loading: %s", lastLine(e.b.stderr.String()))
		case <-ctx.Done():
			return fmt.Errorf("chartcheck: waiting for load: %w", ctx.Err())
		}
	}
	return nil
}

// drain takes the events received so far and returns errors and requests.
func (e *pageEvents) drain() (errs, requests []string) {
	for {
		select {
		case m := <-e.b.events:
			e.take(m)
		default:
			return e.errors, e.requests
		}
	}
}

func (e *pageEvents) take(m message) {
	if m.SessionID != e.b.session {
		return
	}
	switch m.Method {
	case "Page.loadEventFired":
		e.loaded = true
	case "Runtime.exceptionThrown":
		var p struct {
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		if json.Unmarshal(m.Params, &p) == nil {
			d := p.ExceptionDetails
			e.errors = append(e.errors, strings.TrimSpace(d.Text+" "+firstLine(d.Exception.Description)))
		}
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		if json.Unmarshal(m.Params, &p) == nil && p.Type == "error" {
			var parts []string
			for _, a := range p.Args {
				if a.Value != nil {
					parts = append(parts, fmt.Sprint(a.Value))
				} else {
					parts = append(parts, firstLine(a.Description))
				}
			}
			e.errors = append(e.errors, "console.error: "+strings.Join(parts, " "))
		}
	case "Network.requestWillBeSent":
		var p struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		if json.Unmarshal(m.Params, &p) == nil {
			if u := p.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				e.requests = append(e.requests, u)
			}
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// checkJS waits up to %d ms for every chart element to have an instance,
// then %d ms more, and describes each element.
const checkJS = `(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const lib = () => {
    if (window.echarts && window.echarts.getInstanceByDom) return [window.echarts, "global"];
    const req = window.require;
    if (typeof req === "function" && req.defined && req.defined("echarts")) return [req("echarts"), "amd"];
    return [null, ""];
  };
  const elements = () => {
    const set = new Set(document.querySelectorAll("div.container > div.item"));
    document.querySelectorAll("[_echarts_instance_]").forEach(e => set.add(e));
    return Array.from(set);
  };
  const instance = el => {
    const [ec, via] = lib();
    const i = ec ? ec.getInstanceByDom(el) : null;
    if (i) return [i, via];
    const reg = window.__sgdlabCharts || {};
    const r = reg[el.id];
    if (r && !r.isDisposed() && r.getDom() === el) return [r, "registry"];
    return [null, ""];
  };
  const deadline = Date.now() + %d;
  while (Date.now() < deadline) {
    if (document.readyState === "complete" && elements().every(el => instance(el)[0])) break;
    await sleep(100);
  }
  await sleep(%d);
  return elements().map(el => {
    const [inst, via] = instance(el);
    const out = {ID: el.id, Instance: !!inst, Via: via, Title: "", Series: 0, SeriesWithData: 0,
      Canvas: false, Ink: 0, ColorInk: 0};
    if (inst) {
      const o = inst.getOption();
      const t = o.title && o.title[0];
      out.Title = (t && t.text) || "";
      const series = o.series || [];
      out.Series = series.length;
      out.SeriesWithData = series.filter(s => Array.isArray(s.data) && s.data.length > 0).length;
    }
    const c = el.querySelector("canvas");
    if (c && c.width > 0 && c.height > 0) {
      out.Canvas = true;
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        out.Ink++;
        const hi = Math.max(d[i], d[i + 1], d[i + 2]), lo = Math.min(d[i], d[i + 1], d[i + 2]);
        if (hi - lo > 60) out.ColorInk++;
      }
    }
    return out;
  });
})()`
