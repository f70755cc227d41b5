package chart

import (
	"html"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
)

// HTML is a fragment ready for a notebook output or a report page.
type HTML string

// Display shows h as an output of the running GoNB cell and waits until
// GoNB has it (gonbui.Sync); outside a notebook it does nothing.
func (h HTML) Display() {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.DisplayHTML(string(h))
	gonbui.Sync()
}

// Table returns a small HTML table: one header row, then the rows, every cell
// HTML-escaped. Rows shorter than headers are padded with empty cells;
// longer ones keep their extra cells.
func Table(headers []string, rows [][]string) HTML {
	var b strings.Builder
	b.WriteString(`<table class="sgdlab-table" style="border-collapse:collapse;font-variant-numeric:tabular-nums">`)
	b.WriteString("\n<thead><tr>")
	for _, h := range headers {
		b.WriteString(`<th style="text-align:left;padding:2px 10px;border-bottom:1px solid #888">`)
		b.WriteString(html.EscapeString(h))
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range rows {
		b.WriteString("<tr>")
		for i := 0; i < len(row) || i < len(headers); i++ {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			b.WriteString(`<td style="text-align:left;padding:2px 10px">`)
			b.WriteString(html.EscapeString(cell))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n")
	return HTML(b.String())
}
