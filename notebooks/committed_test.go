package notebooks

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/notebooks/internal/nbrun"
	"github.com/sgdlab/sgdlab/notebooks/nb"
)

// maxCellLines is the house limit on a code cell ("about 20 lines"),
// counted after its first line (nb.Setup) and its import block.
const maxCellLines = 22

// want are the notebooks, in reading order; doc.go lists the same.
var want = []string{"01-pytorch-loop", "02-numpy-sgd", "03-the-30-percent", "04-suggestions-tested", "05-speed", "06-what-helps"}

// WorkDir is where `make lab` puts the working copies, which git ignores.
const WorkDir = "work"

// TestCommitted checks the notebooks as git would commit them, both the
// files in the working tree (`git commit -a`) and, in a git checkout, the
// staged ones (`git commit`): no outputs, the GoNB kernel, a title that says
// how to run the notebook, markdown before every code cell, short cells,
// every cell that imports the project starting with nb.Setup, a first code
// cell that loads a9a with nb.A9A, no helper declared in a cell, and no path
// of one machine. It also checks that git ignores the working copies.
func TestCommitted(t *testing.T) {
	paths, err := nbrun.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, nbrun.Name(p))
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("notebooks = %v, want %v", names, want)
	}
	git := inGit(t)
	for _, p := range paths {
		t.Run(nbrun.Name(p), func(t *testing.T) {
			nb, err := nbrun.Read(p)
			if err != nil {
				t.Fatal(err)
			}
			checkShape(t, nb, "working tree")
			if !git {
				return
			}
			staged, err := exec.Command("git", "show", ":./"+filepath.Base(p)).Output()
			if err != nil {
				return // not yet added
			}
			snb, err := nbrun.Parse(staged)
			if err != nil {
				t.Fatalf("staged: %v", err)
			}
			checkShape(t, snb, "staged")
		})
	}
	if git {
		for _, w := range []string{WorkDir + "/01-pytorch-loop.ipynb", WorkDir + "/.ipynb_checkpoints/x.ipynb", ".ipynb_checkpoints/x.ipynb"} {
			if err := exec.Command("git", "check-ignore", "-q", w).Run(); err != nil {
				t.Errorf("git does not ignore notebooks/%s: saving in `make lab` would dirty the tree", w)
			}
		}
	}
	doc, err := exec.Command("go", "doc", ".").Output()
	if err == nil {
		for _, n := range want {
			if !bytes.Contains(doc, []byte(n)) {
				t.Errorf("doc.go does not list %s", n)
			}
		}
	}
}

// inGit reports whether the working directory is in a git work tree.
func inGit(t *testing.T) bool {
	out, err := exec.Command("git", "rev-parse", "--is-inside-work-tree").Output()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Logf("git not run (%v): checking the files only", err)
	}
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

var (
	title     = regexp.MustCompile(`^# \S.*\n\n\S`)
	localPath = regexp.MustCompile(`/(work|root|home|Users|tmp)/`)
	header    = regexp.MustCompile(`^(!\*[^\n]*\n)?(import (?:"[^"]*"|\(\n(?:\t[^\n]*\n)+\))\n\n?)?`)
	helper    = regexp.MustCompile(`(?m)^(func|type) `)
)

func checkShape(t *testing.T, book *nbrun.Notebook, which string) {
	t.Helper()
	if book.HasOutputs() {
		t.Errorf("%s: has outputs or execution counts; explore in `make lab` (working copies in notebooks/%s/), "+
			"or strip them with `jupyter nbconvert --clear-output --inplace notebooks/*.ipynb`", which, WorkDir)
	}
	if ks, _ := book.Metadata["kernelspec"].(map[string]any); ks["name"] != "gonb" {
		t.Errorf("%s: kernelspec = %v, want name gonb", which, book.Metadata["kernelspec"])
	}
	if len(book.Cells) < 5 {
		t.Fatalf("%s: %d cells", which, len(book.Cells))
	}
	if c := book.Cells[0]; c.Type != "markdown" || !title.MatchString(string(c.Source)) ||
		!strings.Contains(string(c.Source), "How to run it") || !strings.Contains(string(c.Source), "make lab") {
		t.Errorf("%s: first cell is not a title, a summary and how to run it: %q", which, c.Source)
	}
	first := true
	for i, c := range book.Cells {
		src := string(c.Source)
		if c.Type != "code" {
			continue
		}
		if book.Cells[i-1].Type != "markdown" {
			t.Errorf("%s: cell %d: code cell without markdown before it", which, i)
		}
		if strings.Contains(src, `"github.com/sgdlab/sgdlab/`) && !strings.HasPrefix(src, nb.Setup+"\n") {
			t.Errorf("%s: cell %d imports the project but does not start with nb.Setup, so it fails after a kernel restart:\n%s", which, i, src)
		}
		body := header.ReplaceAllString(src, "")
		if n := strings.Count(strings.TrimSpace(body), "\n") + 1; n > maxCellLines {
			t.Errorf("%s: cell %d: %d lines, more than %d", which, i, n, maxCellLines)
		}
		if m := helper.FindString(body); m != "" {
			t.Errorf("%s: cell %d declares a %q: library code belongs in a package", which, i, strings.TrimSpace(m))
		}
		for _, bad := range []string{"panic(", "log.Fatal", "must.M", "%goworkfix", "%noautoget", "data.A9A("} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: cell %d: %s", which, i, bad)
			}
		}
		if m := localPath.FindString(src); m != "" {
			t.Errorf("%s: cell %d: machine-specific path %q", which, i, m)
		}
		if first {
			first = false
			if !strings.Contains(body, "nb.A9A()") || !strings.Contains(body, "fmt.Printf(") {
				t.Errorf("%s: first code cell does not load a9a with nb.A9A and print its size:\n%s", which, src)
			}
		}
	}
}
