// Package nb is what the notebooks' cells share beyond logreg and chart:
// a9a in one call, the side-by-side runs of notebook 04, notebook 05's
// timing summaries, RCV1-shaped set (RCV1Shaped), reading and training with
// progress in the notebook (ReadFile, Train: a bar for a read longer than
// a second, a line per epoch with its rows per second) and memory per
// nonzero, and notebook 06's ways of training measured against the optimum
// (Way, Run, Race), so that no cell pastes a helper.
//
// Every code cell starts with the line that joins this checkout's module to
// GoNB's (Setup), so that it runs on its own after a kernel restart. Its data
// line is
//
//	train, test := nb.A9A()
//
// which, when a9a cannot be found or fetched, prints the data registry's
// message (where it looked, how to point it at a copy) and ends the cell's
// program with exit status 1: the cell stops there with that message, not a
// panic's trace.
package nb
