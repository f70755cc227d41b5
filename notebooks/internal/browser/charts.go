package browser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Report is what Charts saw on one page.
type Report struct {
	// URL is the page that was opened.
	URL string
	// Charts has one entry per chart element, in document order.
	Charts []ChartReport
	// Errors are uncaught exceptions and console errors, in order.
	Errors []string
	// Requests are the URLs the page tried to fetch other than file:, data:
	// and loopback ones; none of them could be reached.
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
	// Text is the element's text when no instance is bound to it: why the
	// chart did not draw, when the page says (chart.Snippet's message for
	// options it could not write, its loader's for a library it could not
	// load); at most 300 characters.
	Text string
}

// Err returns nil when every chart drew: no chart elements at all, a missing
// instance (with what the element says instead), a series without data, or
// a blank or colourless canvas, and any exception or console error, make it
// an error listing them.
func (r Report) Err() error {
	var problems []string
	if len(r.Charts) == 0 {
		problems = append(problems, "no chart elements")
	}
	for _, c := range r.Charts {
		switch {
		case !c.Instance && c.Text != "":
			problems = append(problems, c.ID+": no echarts instance ("+c.Text+")")
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
	return errors.New("browser: " + r.URL + ": " + strings.Join(problems, "; "))
}

// Wait bounds how long Charts waits for every chart element to get an
// instance (Draw), then how long it lets echarts' entry animation settle.
// A zero field means the wait of a page that loads echarts from a file:
// 15 s to draw, 1.5 s to settle.
type Wait struct {
	Draw, Settle time.Duration
}

func (w Wait) orDefault() Wait {
	if w.Draw == 0 {
		w.Draw = 15 * time.Second
	}
	if w.Settle == 0 {
		w.Settle = 1500 * time.Millisecond
	}
	return w
}

// FileURL returns the file: URL of a page on disk, checking that it exists.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("browser: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("browser: %w", err)
	}
	return (&url.URL{Scheme: "file", Path: abs}).String(), nil
}

// Charts opens the page at u in the tab, waits as w says and reports every
// chart element, with the page's errors and requests so far.
func (t *Tab) Charts(u string, w Wait) (Report, error) {
	r := Report{URL: u}
	if err := chromedp.Do(t.Ctx, chromedp.Navigate(u)); err != nil {
		return r, fmt.Errorf("browser: open %s: %w", u, err)
	}
	charts, err := t.DescribeCharts(w)
	r.Charts = charts
	r.Errors, r.Requests = t.Logged()
	return r, err
}

// DescribeCharts waits as w says on the page the tab shows, then describes
// every chart element on it.
func (t *Tab) DescribeCharts(w Wait) ([]ChartReport, error) {
	w = w.orDefault()
	return Eval[[]ChartReport](t, fmt.Sprintf(checkJS, w.Draw.Milliseconds(), w.Settle.Milliseconds()))
}

// Screenshot saves a PNG of the whole page the tab shows.
func (t *Tab) Screenshot(pngPath string) error {
	png, err := chromedp.Run(t.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("browser: screenshot: %w", err)
	}
	if err := os.WriteFile(pngPath, png, 0o644); err != nil {
		return fmt.Errorf("browser: %w", err)
	}
	return nil
}

// CheckFile starts a browser, opens the page at path in it, reports its
// charts as Charts does and ends the browser.
func CheckFile(ctx context.Context, path string, w Wait) (Report, error) {
	u, err := FileURL(path)
	if err != nil {
		return Report{URL: path}, err
	}
	b, err := Start(ctx, 1280, 1000)
	if err != nil {
		return Report{URL: u}, err
	}
	defer b.Close()
	t, err := b.Tab()
	if err != nil {
		return Report{URL: u}, err
	}
	defer t.Close()
	return t.Charts(u, w)
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
      Canvas: false, Ink: 0, ColorInk: 0, Text: ""};
    if (inst) {
      const o = inst.getOption();
      const t = o.title && o.title[0];
      out.Title = (t && t.text) || "";
      const series = o.series || [];
      out.Series = series.length;
      out.SeriesWithData = series.filter(s => Array.isArray(s.data) && s.data.length > 0).length;
    } else {
      out.Text = el.textContent.trim().slice(0, 300);
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
