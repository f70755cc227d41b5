// Package sgdfast is the speed engine behind package logreg. It runs a
// per-sample logistic-regression loop, the PyTorch program (Torch), the
// NumPy program (NumPy) or scikit-learn's SGDClassifier and AdaGrad
// (Sklearn) of logreg, over a data set of sparse rows given as plain
// slices, and reports each epoch through one callback. It imports
// nothing of logreg: logreg calls Train once per run, where Takes says the
// engine follows the readable step to rounding, and otherwise runs its own
// readable step through Beside, which evaluates each epoch beside the next
// one's pass.
//
// # Why it is fast
//
// A per-sample loop is a chain of dependent operations,
// z → e⁻ᶻ → p → gradient → weights → the next sample's z, and its speed is
// the latency of that chain and the number of instructions per sample.
//
//   - A step costs O(nonzeros) where the program as written moves every
//     weight: the NumPy step's penalty shrinks a shared scale (numpy.go),
//     and its momentum is caught up in closed form when a feature appears
//     (catchup.go).
//   - The exponential is a table and a short polynomial (exp.go), the
//     gradient of the logit is p − y, the logit is summed in two partial
//     sums, and the loop calls nothing. A sample whose logit leaves the
//     range where that equals autograd's guarded gradient takes the
//     readable step, Run.Exact.
//   - Torch's steps check each row as its dot product reads it, in a
//     run's first pass, not in a pass of its own, and then index the
//     weights without Go's bounds checks, in assembly on amd64
//     (rowloops.go): on a large set of real values a pass reads the rows
//     from memory at about the rate one core can.
//   - For one-hot rows (every value 1, as a9a's) the steps of Torch, of
//     NumPy without momentum and of scikit-learn's schedules run in
//     assembly with AVX and FMA (kernel.go). The kernel sums the next
//     sample's weights before the update, off the chain, and, in a run
//     that does not shuffle, reads the features consecutive rows share
//     from its first pass, which a second goroutine prepares beside it
//     (prepare.go).
//   - The loss sum and the train and test errors of each epoch are left
//     to the evaluator (evaluate.go), which runs them on a second
//     goroutine while the next epoch trains: the loop records what each
//     step's loss needs (D = 1/p, or the logit and the penalty), and the
//     evaluator sums −log of a product of probabilities, one logarithm per
//     sum (losssum.go, four samples at a time in AVX2), and counts the
//     predictions (count_amd64.s).
//   - scikit-learn's step keeps the weights as a scale times a vector and
//     their average in Bottou's lazy form, as scikit-learn does (sgd.go).
//     Its schedule (the rate, the scale, the average's coefficients)
//     does not depend on the data, so a step computes its rate, its scale
//     and the average's coefficients off the chain, while the logit's
//     exponential runs, in the kernel as in the Go steps (schedule.go).
//     AdaGrad's penalty, a shrink of every weight, is applied when a
//     feature appears, as a power (adagrad.go).
//   - Each epoch's objective F, when a run asks for it (Run.Objective),
//     comes from the logits the evaluator's train count finds anyway
//     (logloss.go). Its σ's, and those of Sklearn's loss sum, are taken
//     four at a time in AVX2 (sigmoids_amd64.s): on a9a the evaluator
//     needs as long for an epoch as the loop for a pass, and the run
//     waits for what it has not finished.
//   - TorchLoop's float32 steps (internal/pytorch), which run readably,
//     leave each step's p to the evaluation beside the next pass, which
//     finds the loss sum with one logarithm a sample where nn.BCELoss
//     takes two (bce32.go), and predicts a row from its logit against the
//     threshold of the float32 sigmoid, without an exponential
//     (HalfPoint32).
//
// What each of these buys, measured side by side, is in BENCHMARKS.md at
// the root of the repository.
//
// # Exactness
//
// The fast forms follow the readable steps to rounding: logreg's tests
// compare whole histories with the readable path within 10⁻⁹ relative
// (10⁻¹⁴ to 10⁻¹¹ on a9a), and this package's tests compare the kernel
// with the Go steps, and single fast steps with the exact one where
// logits are large enough for runs to turn chaotic. Sklearn's steps that
// can enlarge a rounding difference, and its averaged runs whose lazy
// average loses digits, are left to the readable step (Run.ExactSGD), so
// that the run keeps scikit-learn's digits (sgd.go). The parts of an
// evaluation, and the order their results are put together in, are fixed
// when an epoch ends, so the numbers do not depend on which goroutine ran
// which part.
//
// # Errors
//
// Train returns a *RowError for a row that does not fit its data set (the
// kernel and Torch's steps check rows as they go; NumPy's steps, without
// the kernel, before the first pass), and a *Diverged where the weights,
// the loss or the objective stop being finite: it checks the logits where
// a step tests their range already, the weights at the end of each epoch,
// and each epoch's loss sum and objective.
package sgdfast
