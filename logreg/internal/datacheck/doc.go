// Package datacheck holds the checks logreg makes on the data it is given,
// before any step indexes it: the sets (present, labelled 0 or 1, of one
// width), their rows (bounds and indices that fit) and their values
// (finite). A loop, Optimum or Objective then fails with one error that
// wraps ErrData and names the set and the row, or, for the functions that
// evaluate a model, one panic, instead of indexing out of range or
// training on a label that is neither class. The checks of rows and values
// are the engine's (sgdfast.CheckRows, sgdfast.CheckValues), so both paths
// of a run accept the same data.
package datacheck
