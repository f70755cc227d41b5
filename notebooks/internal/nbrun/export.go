package nbrun

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/sgdlab/sgdlab/logreg/chart"
)

//go:embed nbtemplate/sgdlab/conf.json nbtemplate/sgdlab/index.html.j2
var nbtemplate embed.FS

// Export converts the executed notebook at ipynbPath into a self-contained
// page at htmlPath with `jupyter nbconvert --to html` and the template in
// nbtemplate/sgdlab (JupyterLab's layout): chart.HeadJS(opt) is embedded
// once, inline, before any output, so the charts chart.Display put in the
// outputs draw with no network. The page depends only on the notebook:
// converting it again gives the same bytes. htmlPath is written only when
// nbconvert succeeds.
func (r Runner) Export(ctx context.Context, ipynbPath, htmlPath string, opt chart.ReportOptions) error {
	js, err := chart.HeadJS(opt)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "sgdlab-nbtemplate-")
	if err != nil {
		return fmt.Errorf("nbrun: %w", err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "sgdlab")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("nbrun: %w", err)
	}
	for _, name := range []string{"conf.json", "index.html.j2"} {
		b, err := nbtemplate.ReadFile("nbtemplate/sgdlab/" + name)
		if err != nil {
			return fmt.Errorf("nbrun: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("nbrun: %w", err)
		}
	}
	// The template's include_js puts the file in a <script> element.
	if err := os.WriteFile(filepath.Join(dir, "sgdlab_head.js"), []byte(js), 0o644); err != nil {
		return fmt.Errorf("nbrun: %w", err)
	}
	cmd := exec.CommandContext(ctx, r.jupyter(), "nbconvert", "--to", "html",
		"--template", "sgdlab", "--TemplateExporter.extra_template_basedirs="+tmp,
		"--stdout", ipynbPath)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("nbrun: nbconvert --to html %s: %w: %s", ipynbPath, err, tail(stderr.String(), 10))
	}
	return writeFileAtomic(htmlPath, out.Bytes())
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, so a reader never sees half a page.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".sgdlab-*.html")
	if err != nil {
		return fmt.Errorf("nbrun: %w", err)
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
		return fmt.Errorf("nbrun: %w", werr)
	}
	return nil
}
