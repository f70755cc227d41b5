package chart

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeJSDir writes a node_modules tree with the given echarts source.
func fakeJSDir(t *testing.T, echarts string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		echartsFile:   echarts,
		echartsPkg:    `{"name": "echarts", "version": "5.4.3"}`,
		requireJSFile: "var requirejs, require, define;",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLibraryScript(t *testing.T) {
	dir := fakeJSDir(t, "!function(t,e){e(t.echarts={})}(this,function(t){});")
	got, err := LibraryScript(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := "<script>\n/* echarts 5.4.3 (npm, Apache-2.0), wrapped by sgdlab/logreg/chart to set window.echarts */\n" +
		"(function (define, module, exports) {\n!function(t,e){e(t.echarts={})}(this,function(t){});\n}).call(window);\n</script>\n"
	if string(got) != want {
		t.Errorf("LibraryScript =\n%s\nwant\n%s", got, want)
	}
	req, err := RequireJSScript(dir)
	if err != nil || string(req) != "<script>\nvar requirejs, require, define;\n</script>\n" {
		t.Errorf("RequireJSScript = %q, %v", req, err)
	}
}

func TestLibraryScriptErrors(t *testing.T) {
	for _, src := range []string{`x = "</script>";`, `x = "</SCRIPT >";`, "<!-- x"} {
		if _, err := LibraryScript(fakeJSDir(t, src)); err == nil || !strings.Contains(err.Error(), "cannot be inlined") {
			t.Errorf("%q: err = %v, want it refused", src, err)
		}
	}
	empty := t.TempDir()
	if _, err := LibraryScript(empty); !errors.Is(err, ErrNoLibrary) {
		t.Errorf("missing library: err = %v, want ErrNoLibrary", err)
	}
	if _, err := RequireJSScript(empty); !errors.Is(err, ErrNoLibrary) {
		t.Errorf("missing RequireJS: err = %v, want ErrNoLibrary", err)
	}
}

func TestJSDir(t *testing.T) {
	dir := fakeJSDir(t, "")
	t.Setenv("SGDLAB_CHART_JS", dir)
	if got, err := JSDir(); err != nil || got != dir {
		t.Errorf("JSDir() = %q, %v; want $SGDLAB_CHART_JS %q", got, err, dir)
	}
	t.Setenv("SGDLAB_CHART_JS", t.TempDir())
	if _, err := JSDir(); !errors.Is(err, ErrNoLibrary) {
		t.Errorf("JSDir() with an empty $SGDLAB_CHART_JS: err = %v, want ErrNoLibrary", err)
	}
}
