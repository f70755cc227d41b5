package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// optionErr says why the option go-echarts wrote for c cannot be drawn, or
// returns nil. go-echarts drops json.Marshal's error (NaN or ±Inf in a chart
// built without Plot, say) and writes no option at all; in the script that
// is "option = ,", a syntax error that leaves the chart blank with no word
// of why. An option is not checked as strict JSON: one with a JavaScript
// function (opts.FuncOpts) is valid script but not JSON.
func optionErr(c Chart, option string) error {
	if strings.HasPrefix(option, "{") && strings.HasSuffix(option, "}") {
		return nil
	}
	what := "chart"
	if j, ok := c.(interface{ JSON() map[string]any }); ok {
		o := j.JSON()
		if t, ok := o["title"].(opts.Title); ok && t.Title != "" {
			what = fmt.Sprintf("chart %q", t.Title)
		}
		if _, err := json.Marshal(o); err != nil {
			return fmt.Errorf("chart: cannot draw the %s: its options cannot be written as JSON: %w", what, err)
		}
	}
	if option == "" {
		return errors.New("chart: cannot draw the " + what + ": go-echarts wrote no options")
	}
	return fmt.Errorf("chart: cannot draw the %s: its options are not an object: %.60q", what, option)
}

// itemDiv opens the <div> of go-echarts' element that echarts draws in.
var itemDiv = regexp.MustCompile(`<div class="item"[^>]*>`)

// undrawable is the element of a chart that cannot be drawn: go-echarts'
// element under id, at the chart's size, holding err's message where the
// chart would be, and no script. A page checker still finds the element
// and sees that no chart is bound to it.
func undrawable(element, id string, err error) string {
	msg := `<div class="sgdlab-chart-error" style="box-sizing:border-box;height:100%;padding:12px;` +
		`border:1px solid #ee6666;color:#a00;font-family:monospace;white-space:pre-wrap">` +
		html.EscapeString(err.Error()) + "</div>"
	element = withID(element, id)
	if loc := itemDiv.FindStringIndex(element); loc != nil {
		return element[:loc[1]] + msg + element[loc[1]:]
	}
	return element + msg // an element of another shape: the message below it
}
