// Package seeded is a run's randomness, decided by its seed alone: one PCG
// generator, from which the loops draw the initial weights first, then
// one visiting order per pass (a Fisher–Yates shuffle of the one before).
package seeded
