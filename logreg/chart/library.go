package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// The files of the npm packages js/package-lock.json pins, relative to JSDir.
const (
	echartsFile   = "node_modules/echarts/dist/echarts.min.js"
	echartsPkg    = "node_modules/echarts/package.json"
	requireJSFile = "node_modules/requirejs/require.js"
)

// ErrNoLibrary is returned, wrapped, when the npm copy of echarts or
// RequireJS is missing: run `npm ci` in logreg/chart/js.
var ErrNoLibrary = errors.New("chart: JavaScript library not installed (run `npm ci` in logreg/chart/js)")

// JSDir returns the folder holding js/package.json and its node_modules:
// $SGDLAB_CHART_JS when set, else the js folder beside this package's
// source, else logreg/chart/js in the working directory or a parent of it.
// It returns an error wrapping ErrNoLibrary when none has echarts installed.
func JSDir() (string, error) {
	var tried []string
	try := func(dir string) bool {
		tried = append(tried, dir)
		_, err := os.Stat(filepath.Join(dir, echartsFile))
		return err == nil
	}
	if d := os.Getenv("SGDLAB_CHART_JS"); d != "" {
		if try(d) {
			return d, nil
		}
		return "", fmt.Errorf("%w: $SGDLAB_CHART_JS=%s has no %s", ErrNoLibrary, d, echartsFile)
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		if d := filepath.Join(filepath.Dir(file), "js"); try(d) {
			return d, nil
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if c := filepath.Join(d, "logreg", "chart", "js"); try(c) {
				return c, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("%w: looked in %s", ErrNoLibrary, strings.Join(tried, ", "))
}

// LibraryScript returns echarts from jsDir ("" means JSDir()) as one inline
// <script>, wrapped in a function whose parameters shadow define, module and
// exports: the UMD bundle then sets window.echarts even on a page where
// RequireJS is loaded, instead of registering an anonymous AMD module (which
// RequireJS rejects when not loaded through it).
func LibraryScript(jsDir string) (HTML, error) {
	js, err := libraryJS(jsDir)
	if err != nil {
		return "", err
	}
	return HTML("<script>\n" + js + "</script>\n"), nil
}

// libraryJS is LibraryScript without the <script> element.
func libraryJS(jsDir string) (string, error) {
	dir, err := resolveJSDir(jsDir)
	if err != nil {
		return "", err
	}
	src, err := readScript(filepath.Join(dir, echartsFile))
	if err != nil {
		return "", err
	}
	version, err := echartsVersion(dir)
	if err != nil {
		return "", err
	}
	return "/* echarts " + version + " (npm, Apache-2.0), wrapped by sgdlab/logreg/chart to set window.echarts */\n" +
		"(function (define, module, exports) {\n" + src + "\n}).call(window);\n", nil
}

// RequireJSScript returns RequireJS from jsDir ("" means JSDir()) as one
// inline <script>, as classic Jupyter pages have it.
func RequireJSScript(jsDir string) (HTML, error) {
	js, err := requireJS(jsDir)
	if err != nil {
		return "", err
	}
	return HTML("<script>\n" + js + "</script>\n"), nil
}

// requireJS is RequireJSScript without the <script> element.
func requireJS(jsDir string) (string, error) {
	dir, err := resolveJSDir(jsDir)
	if err != nil {
		return "", err
	}
	src, err := readScript(filepath.Join(dir, requireJSFile))
	if err != nil {
		return "", err
	}
	return src + "\n", nil
}

// EchartsFile returns the path of the npm copy of echarts.min.js under jsDir
// ("" means JSDir()), for pointing $SGDLAB_ECHARTS_URL at it.
func EchartsFile(jsDir string) (string, error) {
	dir, err := resolveJSDir(jsDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, echartsFile), nil
}

func resolveJSDir(jsDir string) (string, error) {
	if jsDir != "" {
		return jsDir, nil
	}
	return JSDir()
}

// readScript reads a JavaScript file meant to be inlined, refusing text that
// would end the <script> element early.
func readScript(path string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%w: %w", ErrNoLibrary, err)
	}
	if err != nil {
		return "", fmt.Errorf("chart: %w", err)
	}
	s := string(b)
	if l := strings.ToLower(s); strings.Contains(l, "</script") || strings.Contains(l, "<!--") {
		return "", fmt.Errorf("chart: %s cannot be inlined: it contains </script or <!--", path)
	}
	return s, nil
}

// echartsVersion reads the installed echarts package's version.
func echartsVersion(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, echartsPkg))
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoLibrary, err)
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return "", fmt.Errorf("chart: %s: %w", echartsPkg, err)
	}
	return pkg.Version, nil
}
