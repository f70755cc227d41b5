package chart

import (
	"bytes"
	"html"
	"io"
)

// ReportOptions sets up HeadJS and WritePage. The zero value embeds echarts
// and RequireJS from JSDir().
type ReportOptions struct {
	// JSDir holds node_modules with echarts and requirejs; "" means JSDir().
	JSDir string
	// NoRequireJS leaves RequireJS out of the page, as JupyterLab has it;
	// by default it is embedded, as classic Notebook pages have it.
	NoRequireJS bool
}

// HeadJS returns the JavaScript a self-contained report runs in its <head>:
// RequireJS unless opt.NoRequireJS, then echarts wrapped to set
// window.echarts (see LibraryScript), so that the charts Display put in the
// page draw with no network.
func HeadJS(opt ReportOptions) (string, error) {
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

// WritePage writes a minimal self-contained page: title, HeadJS in a
// <script>, then the fragments in order. It is the report of a program that
// has no notebook, and the page the browser tests check.
func WritePage(w io.Writer, title string, opt ReportOptions, body ...HTML) error {
	js, err := HeadJS(opt)
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
