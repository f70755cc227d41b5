// Package lbfgs finds the minimiser of a smooth function of n variables
// with gonum's L-BFGS, from zero, to the precision logreg's Optimum
// promises: the largest component of the gradient below 10⁻⁸, or below
// 10⁻⁶ where the line search gives up first because the function is flat
// to rounding near the minimum.
package lbfgs
