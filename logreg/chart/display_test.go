package chart

import (
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/sgdlab/sgdlab/logreg"
)

// resetIDs starts the chart count again, as a new GoNB cell process does.
func resetIDs() {
	ids.Lock()
	ids.n = 0
	ids.Unlock()
}

func history(n int) *logreg.History {
	h := &logreg.History{Loop: "numpy"}
	for e := 0; e <= n; e++ {
		h.Epochs = append(h.Epochs, logreg.Record{Epoch: e, Loss: 1 / float64(e+1), AsWrittenError: 0.34, TrainError: 0.2})
	}
	return h
}

var (
	divIDs    = regexp.MustCompile(`<div class="item" id="([^"]*)"`)
	scriptIDs = regexp.MustCompile(`var id = "([^"]*)"`)
	scripts   = regexp.MustCompile(`(?s)<script type="text/javascript">\n(.*?)</script>`)
)

func TestSnippetIDs(t *testing.T) {
	resetIDs()
	loss, errs := TwoPanel(history(3))
	first := string(Snippet(loss, errs))
	resetIDs()
	loss2, errs2 := TwoPanel(history(3))
	second := string(Snippet(loss2, errs2))
	if first != second {
		t.Errorf("the same charts in a fresh process gave different HTML:\n%s\n%s", first, second)
	}
	// go-echarts' own random id must not leak into the output.
	if strings.Contains(first, loss.ChartID) || strings.Contains(second, loss2.ChartID) {
		t.Error("go-echarts' random ChartID is in the snippet")
	}
	ids := divIDs.FindAllStringSubmatch(first, -1)
	if len(ids) != 2 {
		t.Fatalf("%d chart divs, want 2", len(ids))
	}
	sids := scriptIDs.FindAllStringSubmatch(first, -1)
	for i := range ids {
		if !regexp.MustCompile(`^sgdlab_[0-9a-f]{12}_\d+$`).MatchString(ids[i][1]) {
			t.Errorf("id %q is not sgdlab_<hash>_<n>", ids[i][1])
		}
		if sids[i][1] != ids[i][1] {
			t.Errorf("script %d draws into %q, its div is %q", i, sids[i][1], ids[i][1])
		}
	}
	if ids[0][1] == ids[1][1] {
		t.Errorf("two charts share the id %q", ids[0][1])
	}

	// The same chart twice in one process: the count tells them apart.
	resetIDs()
	c := Overlay("t", "y", Loss.Series("", history(2)))
	twice := string(Snippet(c)) + string(Snippet(c))
	if m := divIDs.FindAllStringSubmatch(twice, -1); m[0][1] == m[1][1] {
		t.Errorf("one chart shown twice got one id %q", m[0][1])
	}
	// Different charts in two processes (cells): the hash tells them apart.
	resetIDs()
	a := string(Snippet(Overlay("a", "y", Loss.Series("", history(2)))))
	resetIDs()
	b := string(Snippet(Overlay("b", "y", Loss.Series("", history(2)))))
	if divIDs.FindStringSubmatch(a)[1] == divIDs.FindStringSubmatch(b)[1] {
		t.Error("charts with different titles in two cells got one id")
	}
}

func TestSnippetScriptsScoped(t *testing.T) {
	loss, errs := TwoPanel(history(3))
	ov := Overlay(`</script><script>alert("x")</script><!--`, "y",
		Series{Name: "</script><img src=x onerror=alert(1)>", X: []float64{0}, Y: []float64{1}})
	s := string(Snippet(loss, errs, ov))
	bodies := scripts.FindAllStringSubmatch(s, -1)
	if len(bodies) != 3 {
		t.Fatalf("%d scripts, want 3", len(bodies))
	}
	if n := strings.Count(strings.ToLower(s), "</script"); n != 3 {
		t.Errorf("%d </script in the snippet, want 3 (one per chart)", n)
	}
	if strings.Contains(s, "<!--") {
		t.Error("snippet opens an HTML comment")
	}
	for i, b := range bodies {
		js := b[1]
		if !strings.HasPrefix(js, "(function () {\n  \"use strict\";\n") || !strings.HasSuffix(js, "})();\n") {
			t.Errorf("script %d is not one strict IIFE:\n%s", i, js)
		}
		if strings.Contains(js, "goecharts_") || strings.Contains(js, "let ") {
			t.Errorf("script %d declares go-echarts' globals", i)
		}
	}
	if !strings.Contains(s, `<\/script><img src=x onerror=alert(1)>`) {
		t.Error("series name not kept (escaped) in the option")
	}
}

func TestSnippetEchartsURL(t *testing.T) {
	t.Setenv(EnvEchartsURL, "http://localhost:8888/files/echarts.min.js")
	s := string(Snippet(Overlay("t", "y", Loss.Series("", history(1)))))
	if !strings.Contains(s, `url = "http://localhost:8888/files/echarts.min.js"`) ||
		!strings.Contains(s, `amdPath = "http://localhost:8888/files/echarts.min"`) {
		t.Errorf("loader does not use EchartsURL:\n%s", s)
	}
	if DefaultEchartsURL != "https://go-echarts.github.io/go-echarts-assets/assets/echarts.min.js" {
		t.Errorf("DefaultEchartsURL = %q", DefaultEchartsURL)
	}
}

// TestOutsideNotebook checks that with no GoNB kernel nothing is written and
// nothing panics, while Progress still records.
func TestOutsideNotebook(t *testing.T) {
	if gonbui.IsNotebook {
		t.Skip("running under GoNB")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	loss, errs := TwoPanel(history(2))
	Display(loss, errs)
	Update("sgdlab_test", loss)
	Table([]string{"a"}, [][]string{{"1"}}).Display()
	p := NewProgress("run", 2)
	for _, rec := range history(2).Epochs {
		p.OnEpoch(rec)
	}
	p.Done()
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	if len(out) != 0 {
		t.Errorf("wrote %q outside a notebook", out)
	}
	if got := len(p.Records()); got != 3 {
		t.Errorf("Progress recorded %d epochs, want 3", got)
	}
	if cs := p.Charts(); len(cs) != 2 {
		t.Errorf("Progress.Charts gave %d charts, want 2 (loss, train error)", len(cs))
	}
}

// TestSnippetUndrawable: a chart whose option go-echarts cannot write (NaN
// in a chart built without Plot) gets no script but a message in its div,
// and the other charts still draw.
func TestSnippetUndrawable(t *testing.T) {
	line := func(title string, y any) *charts.Line {
		c := charts.NewLine()
		c.SetGlobalOptions(charts.WithTitleOpts(opts.Title{Title: title}))
		c.AddSeries("a", []opts.LineData{{Value: []any{0, y}}})
		return c
	}
	for _, tc := range []struct {
		name    string
		c       Chart
		scripts int
		message string
	}{
		{"NaN", line("<nan>", math.NaN()), 1,
			"chart: cannot draw the chart &#34;&lt;nan&gt;&#34;: its options cannot be written as JSON: json: unsupported value: NaN"},
		{"+Inf", line("", math.Inf(1)), 1, "chart: cannot draw the chart: its options cannot be written as JSON: json: unsupported value: +Inf"},
		{"finite", line("f", 1.0), 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := string(Snippet(tc.c, Overlay("good", "y", Loss.Series("", history(2)))))
			if n := len(scripts.FindAllString(s, -1)); n != tc.scripts {
				t.Errorf("%d scripts, want %d:\n%s", n, tc.scripts, s)
			}
			if strings.Contains(s, "option = ,") {
				t.Errorf("empty option in a script:\n%s", s)
			}
			if n := len(divIDs.FindAllString(s, -1)); n != 2 {
				t.Errorf("%d chart divs, want 2", n)
			}
			if tc.message == "" {
				if strings.Contains(s, "sgdlab-chart-error") {
					t.Errorf("a drawable chart has an error message:\n%s", s)
				}
				return
			}
			want := `<div class="item" id="` + divIDs.FindStringSubmatch(s)[1] + `" style="width:900px;height:500px;">` +
				`<div class="sgdlab-chart-error" style="box-sizing:border-box;height:100%;padding:12px;` +
				`border:1px solid #ee6666;color:#a00;font-family:monospace;white-space:pre-wrap">` + tc.message + `</div></div>`
			if !strings.Contains(s, want) {
				t.Errorf("no message in the chart's div, want\n%s\nin\n%s", want, s)
			}
		})
	}
}

// TestOptionErr: an option must be an object, not strictly JSON: one with a
// JavaScript function is valid script.
func TestOptionErr(t *testing.T) {
	for _, tc := range []struct {
		option string
		err    string
	}{
		{`{"series":[]}`, ""},
		{`{"tooltip":{"formatter":function (p) { return p.name; }}}`, ""},
		{"", "chart: cannot draw the chart: go-echarts wrote no options"},
		{"null", `chart: cannot draw the chart: its options are not an object: "null"`},
	} {
		err := optionErr(nil, tc.option)
		if got := fmt.Sprint(err); (err == nil) != (tc.err == "") || (err != nil && got != tc.err) {
			t.Errorf("optionErr(%q) = %v, want %q", tc.option, err, tc.err)
		}
	}
}
