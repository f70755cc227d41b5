package chart

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

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
