// Package report holds what data's and synth's progress lines share: whether
// they go to a terminal, where a line is redrawn in place, how their
// counts are written, how often they come and the rate they show.
package report
