package chart

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ReportOptions sets up ExportHTML and WritePage. The zero value embeds
// echarts and RequireJS from JSDir() and runs "jupyter" from PATH.
type ReportOptions struct {
	// JSDir holds node_modules with echarts and requirejs; "" means JSDir().
	JSDir string
	// NoRequireJS leaves RequireJS out of the page, as JupyterLab has it;
	// by default it is embedded, as classic Notebook pages have it.
	NoRequireJS bool
	// Jupyter is the jupyter command; "" means "jupyter".
	Jupyter string
}

//go:embed nbtemplate/sgdlab/conf.json nbtemplate/sgdlab/index.html.j2
var nbtemplate embed.FS

// headJS returns the JavaScript a report runs in its <head>: RequireJS
// unless opt.NoRequireJS, then echarts wrapped to set window.echarts.
func (opt ReportOptions) headJS() (string, error) {
	lib, err := libraryJS(opt.JSDir)
	if err != nil {
		return "", err
	}
	if opt.NoRequireJS {
		return lib, nil
	}
	req, err := requireJS(opt.JSDir)
	if err != nil {
		return "", err
	}
	return req + lib, nil
}

// ExportHTML converts the executed notebook at ipynbPath into a
// self-contained page at htmlPath with `jupyter nbconvert --to html` and the
// template in nbtemplate/sgdlab (JupyterLab's layout): echarts is embedded
// once, inline, before any output, and RequireJS is embedded too unless
// opt.NoRequireJS, so the charts Display put in the outputs draw with no
// network. The page depends only on the notebook: converting it again gives
// the same bytes. htmlPath is written only when nbconvert succeeds.
func ExportHTML(ctx context.Context, ipynbPath, htmlPath string, opt ReportOptions) error {
	js, err := opt.headJS()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "sgdlab-nbtemplate-")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "sgdlab")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	for _, name := range []string{"conf.json", "index.html.j2"} {
		b, err := nbtemplate.ReadFile("nbtemplate/sgdlab/" + name)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("chart: %w", err)
		}
	}
	// The template's include_js puts the file in a <script> element.
	if err := os.WriteFile(filepath.Join(dir, "sgdlab_head.js"), []byte(js), 0o644); err != nil {
		return fmt.Errorf("chart: %w", err)
	}

	jupyter := opt.Jupyter
	if jupyter == "" {
		jupyter = "jupyter"
	}
	cmd := exec.CommandContext(ctx, jupyter, "nbconvert", "--to", "html",
		"--template", "sgdlab", "--TemplateExporter.extra_template_basedirs="+tmp,
		"--stdout", ipynbPath)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chart: nbconvert %s: %w: %s", ipynbPath, err, lastLines(stderr.String(), 10))
	}
	return writeFileAtomic(htmlPath, out.Bytes())
}

// WritePage writes a minimal self-contained page: title, the scripts a
// report embeds (see ExportHTML), then the fragments in order. It is the
// report of a program that has no notebook, and the page the browser tests
// check.
func WritePage(w io.Writer, title string, opt ReportOptions, body ...HTML) error {
	js, err := opt.headJS()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>\n")
	b.WriteString("<script>\n" + js + "</script>\n")
	b.WriteString("</head>\n<body style=\"font-family:sans-serif\">\n")
	for _, f := range body {
		b.WriteString(string(f))
	}
	b.WriteString("</body>\n</html>\n")
	_, err = w.Write(b.Bytes())
	return err
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, so a reader never sees half a page.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".sgdlab-*.html")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("chart: %w", werr)
	}
	return nil
}

// lastLines returns the last n lines of s, for error messages.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
