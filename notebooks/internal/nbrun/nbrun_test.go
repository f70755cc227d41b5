package nbrun

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const executed = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
  {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["%%\n", "fmt.Println(1)"],
   "outputs": [
    {"output_type": "stream", "name": "stdout", "text": ["one\n", "two\n"]},
    {"output_type": "stream", "name": "stderr", "text": "noise\n"},
    {"output_type": "display_data", "metadata": {}, "data": {"text/html": ["<b>x</b>"], "text/plain": "x"}}
   ]},
  {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": "import \"nope\"\n%%\nnope.X()",
   "outputs": [
    {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<style>.gonb-err-location{}</style><span class=\"gonb-err-line\">undefined: nope &amp; co</span>"}},
    {"output_type": "error", "ename": "ERROR", "evalue": "failed to run go build", "traceback": []}
   ]},
  {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "%%\nfmt.Println(3)",
   "outputs": [{"output_type": "stream", "name": "stdout", "text": "three\n"}]},
  {"cell_type": "code", "execution_count": 4, "metadata": {}, "source": "%%\nos.Exit(1)",
   "outputs": [{"output_type": "stream", "name": "stderr", "text": ["a9a is not available: x\n", "exit status 1\n"]}]}
 ],
 "metadata": {"kernelspec": {"name": "gonb"}},
 "nbformat": 4, "nbformat_minor": 5
}`

func TestParse(t *testing.T) {
	nb, err := Parse([]byte(executed))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"source as string", string(nb.Cells[0].Source), "# Title"},
		{"source as lines", string(nb.Cells[1].Source), "%%\nfmt.Println(1)"},
		{"stdout of cell 1", nb.Stdout(1), "one\ntwo\n"},
		{"stdout of all cells", nb.AllStdout(), "one\ntwo\nthree\n"},
		{"html of cell 1", strings.Join(nb.HTML(1), "|"), "<b>x</b>"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if !nb.HasOutputs() {
		t.Error("HasOutputs = false for an executed notebook")
	}
	errs := nb.Errors()
	if len(errs) != 2 {
		t.Fatalf("Errors() = %v, want two", errs)
	}
	if e := errs[1]; e.Cell != 4 || !strings.HasPrefix(e.Message, "exit status 1\n") || !strings.Contains(e.Message, "a9a is not available") {
		t.Errorf("exit error = %+v", e)
	}
	e := errs[0]
	if e.Cell != 2 || e.Source != `import "nope"` || !strings.Contains(e.Message, "failed to run go build") ||
		!strings.Contains(e.Message, "undefined: nope & co") || strings.Contains(e.Message, "gonb-err-location") {
		t.Errorf("error = %+v", e)
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "{", `{"cells": 3}`} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q) gave no error", in)
		}
	}
}

func TestHasOutputs(t *testing.T) {
	for _, tc := range []struct {
		name string
		json string
		want bool
	}{
		{"clean", `{"cells":[{"cell_type":"code","execution_count":null,"source":"x","outputs":[]}]}`, false},
		{"count only", `{"cells":[{"cell_type":"code","execution_count":4,"source":"x","outputs":[]}]}`, true},
		{"outputs", `{"cells":[{"cell_type":"code","execution_count":null,"source":"x","outputs":[{"output_type":"stream","name":"stdout","text":"a"}]}]}`, true},
	} {
		nb, err := Parse([]byte(tc.json))
		if err != nil {
			t.Fatal(err)
		}
		if got := nb.HasOutputs(); got != tc.want {
			t.Errorf("%s: HasOutputs = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"02-b.ipynb", "01-a.ipynb", "scratch.ipynb", "10-c.ipynb", "03-d.txt", "04-E.ipynb"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, Name(p))
	}
	if want := "01-a 02-b 10-c"; strings.Join(names, " ") != want {
		t.Errorf("Find = %v, want %s", names, want)
	}
	if _, err := Find(filepath.Join(dir, "missing")); err == nil {
		t.Error("Find of a missing folder gave no error")
	}
}

func TestCheckMissingJupyter(t *testing.T) {
	err := Runner{Jupyter: filepath.Join(t.TempDir(), "no-jupyter")}.Check(t.Context())
	if !errors.Is(err, ErrNoJupyter) {
		t.Errorf("Check = %v, want ErrNoJupyter", err)
	}
}

func TestRoot(t *testing.T) {
	t.Setenv(EnvRoot, "")
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "notebooks", "internal", "nbrun", "root.go")); err != nil {
		t.Errorf("Root() = %s, which does not hold this package: %v", root, err)
	}
	t.Setenv(EnvRoot, "somewhere")
	if got, _ := Root(); !filepath.IsAbs(got) || filepath.Base(got) != "somewhere" {
		t.Errorf("Root() with %s=somewhere = %q", EnvRoot, got)
	}
}

// TestIsolateRoundTrip checks that the restart cells go in before every
// code cell and come out again, leaving the notebook's cells as they were.
func TestIsolateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, iso, back := filepath.Join(dir, "src.ipynb"), filepath.Join(dir, "iso.ipynb"), filepath.Join(dir, "back.ipynb")
	if err := os.WriteFile(src, []byte(executed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := isolate(src, iso); err != nil {
		t.Fatal(err)
	}
	nb, err := Read(iso)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range nb.Cells {
		k := c.Type
		if strings.HasPrefix(string(c.Source), "%reset\n") {
			k = "restart"
		}
		kinds = append(kinds, k)
	}
	if got, want := strings.Join(kinds, " "), "markdown restart code restart code restart code restart code"; got != want {
		t.Errorf("isolated cells %q, want %q", got, want)
	}
	if err := unisolate(iso, back); err != nil {
		t.Fatal(err)
	}
	orig, _ := Read(src)
	nb, err = Read(back)
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != len(orig.Cells) {
		t.Fatalf("%d cells back, want %d", len(nb.Cells), len(orig.Cells))
	}
	for i := range nb.Cells {
		if nb.Cells[i].Source != orig.Cells[i].Source || len(nb.Cells[i].Outputs) != len(orig.Cells[i].Outputs) {
			t.Errorf("cell %d changed", i)
		}
	}
}
