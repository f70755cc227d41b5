// Package testkit holds what the notebook, report and browser tests share:
// the rule for a missing tool, and a page of sample charts.
package testkit
