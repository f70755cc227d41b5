// Package nbrun executes the project's notebooks with Jupyter's nbconvert and
// the GoNB kernel (top to bottom, or each code cell as after a kernel
// restart), reads what they printed, and exports them as self-contained HTML
// reports (Runner.Export, with the template in nbtemplate/).
//
// A notebook is read as nbformat 4 JSON: cells with a type, a source and, for
// code cells, outputs. Sources and stream texts may be stored as one string or
// as a list of lines; both read as one string. Nothing here changes a
// notebook: execution writes a new file and the committed notebooks stay
// without outputs.
//
// Errors from Jupyter and from cells are returned, wrapped with %w; nothing
// panics on a malformed notebook.
package nbrun
