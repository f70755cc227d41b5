// Package report holds what data's and synth's progress lines share: whether
// they go to a terminal, where a line is redrawn in place, and how their
// counts are written.
package report
