package nbrun

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Notebook is the part of an nbformat 4 notebook this package reads.
type Notebook struct {
	Cells    []Cell         `json:"cells"`
	Metadata map[string]any `json:"metadata"`
}

// Cell is one notebook cell.
type Cell struct {
	// Type is "markdown", "code" or "raw".
	Type   string `json:"cell_type"`
	Source Text   `json:"source"`
	// Outputs holds a code cell's outputs, in the order the kernel sent them.
	Outputs []Output `json:"outputs"`
	// ExecutionCount is set once the cell ran; nil in a notebook never run.
	ExecutionCount *int `json:"execution_count"`
}

// Output is one output of a code cell.
type Output struct {
	// Type is "stream", "display_data", "execute_result" or "error".
	Type string `json:"output_type"`
	// Name is the stream: "stdout" or "stderr".
	Name string `json:"name"`
	// Text is a stream's text.
	Text Text `json:"text"`
	// Data maps a MIME type to its content, for display_data and execute_result.
	Data map[string]Text `json:"data"`
	// EName and EValue describe an error output.
	EName  string `json:"ename"`
	EValue string `json:"evalue"`
}

// Text is a string that nbformat stores either whole or as a list of lines.
type Text string

// UnmarshalJSON accepts a JSON string or a list of strings, which it joins.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		// Other MIME payloads (JSON objects) are not text; keep them raw.
		*t = Text(b)
		return nil
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// Parse reads a notebook from its JSON.
func Parse(b []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("nbrun: parse notebook: %w", err)
	}
	return &nb, nil
}

// Read reads the notebook file at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// numbered matches the project's notebook names: two digits, a dash, a name.
var numbered = regexp.MustCompile(`^[0-9][0-9]-[a-z0-9-]+\.ipynb$`)

// Find returns the paths of the numbered notebooks (NN-name.ipynb) in dir,
// sorted by name, which is the order a reader follows.
func Find(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && numbered.MatchString(e.Name()) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// Name returns a notebook path's base name without ".ipynb": "01-pytorch-loop".
func Name(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".ipynb")
}

// Stdout returns what code cell i wrote to standard output.
func (nb *Notebook) Stdout(i int) string {
	var b strings.Builder
	for _, o := range nb.Cells[i].Outputs {
		if o.Type == "stream" && o.Name == "stdout" {
			b.WriteString(string(o.Text))
		}
	}
	return b.String()
}

// AllStdout returns what every code cell wrote to standard output, in order.
func (nb *Notebook) AllStdout() string {
	var b strings.Builder
	for i := range nb.Cells {
		b.WriteString(nb.Stdout(i))
	}
	return b.String()
}

// HTML returns the text/html outputs of cell i, in order.
func (nb *Notebook) HTML(i int) []string {
	var out []string
	for _, o := range nb.Cells[i].Outputs {
		if h, ok := o.Data["text/html"]; ok {
			out = append(out, string(h))
		}
	}
	return out
}

// HasOutputs reports whether any cell holds outputs or an execution count.
func (nb *Notebook) HasOutputs() bool {
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 || c.ExecutionCount != nil {
			return true
		}
	}
	return false
}
