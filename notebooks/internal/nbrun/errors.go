package nbrun

import (
	"fmt"
	"html"
	"regexp"
	"strings"
)

// CellError is a code cell that failed: a compile error, a panic, a non-zero
// exit or a failed special command, as GoNB reports it.
type CellError struct {
	// Cell is the cell's index in the notebook, from 0.
	Cell int
	// Source is the cell's first line, to recognise it.
	Source string
	// Message is GoNB's error value followed by what the cell showed before
	// it (compiler output, panic trace), as plain text.
	Message string
}

func (e *CellError) Error() string {
	return fmt.Sprintf("cell %d (%s): %s", e.Cell, e.Source, e.Message)
}

// exitStatus matches the line GoNB writes when a cell's program exits with
// a non-zero status.
var exitStatus = regexp.MustCompile(`(?m)^exit status [1-9][0-9]*$`)

// tags matches HTML tags, to turn GoNB's HTML error display into text.
var tags = regexp.MustCompile(`(?s)<style.*?</style>|<[^>]*>`)

// plain returns the text of an HTML fragment, with blank lines dropped.
func plain(h string) string {
	var lines []string
	for _, l := range strings.Split(html.UnescapeString(tags.ReplaceAllString(h, "")), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// Errors returns every code cell that reported an error, in order.
func (nb *Notebook) Errors() []*CellError {
	var errs []*CellError
	for i, c := range nb.Cells {
		first, _, _ := strings.Cut(strings.TrimSpace(string(c.Source)), "\n")
		var context []string
		// add reports the cell's error, with what the cell printed before it.
		add := func(msg string) {
			errs = append(errs, &CellError{Cell: i, Source: first, Message: msg})
			context = nil
		}
		for _, o := range c.Outputs {
			switch {
			case o.Type == "error":
				msg := o.EName + ": " + o.EValue
				if len(context) > 0 {
					msg += "\n" + firstLines(strings.Join(context, "\n"), 30)
				}
				add(msg)
			case o.Type == "stream" && o.Name == "stderr":
				text := strings.TrimSpace(string(o.Text))
				context = append(context, text)
				// GoNB reports a program's non-zero exit as a last stderr line only.
				if exit := exitStatus.FindString(text); exit != "" {
					add(exit + "\n" + firstLines(strings.Join(context, "\n"), 30))
				}
			case o.Data["text/html"] != "" && strings.Contains(string(o.Data["text/html"]), "gonb-err"):
				context = append(context, plain(string(o.Data["text/html"])))
			}
		}
	}
	return errs
}

// firstLines returns the first n lines of s: a compiler's first error and a
// panic's message come first; a long stack or stderr would bury them.
func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "\n") + "\n…"
}
