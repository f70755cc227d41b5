// Package logreg reproduces, number for number, the two per-sample SGD
// programs of a user who asked why their hand-written logistic regression
// "gets 30% error" on a9a when PyTorch gets 15%, and shows the real cause.
//
// # The story
//
// TorchLoop is the user's PyTorch program: nn.Linear followed by a sigmoid,
// weights and bias starting at zero, one sample at a time in file order,
// nn.BCELoss, and a hand-written update param -= lr·grad. It prints the sum of
// the per-sample losses and a running accuracy (each sample judged before its
// own update), then the accuracy of the final model: about 0.85 on train and
// test. In float32 mode it repeats PyTorch's float32 arithmetic operation by
// operation (see Config.Float32); that step, with the rest of PyTorch's
// float32 arithmetic, is in logreg/internal/pytorch.
//
// NumPyLoop is the user's NumPy program: the same model with the bias as
// the first weight, velocity = m·velocity − (1−m)·grad, W += lr·velocity, an
// L2 penalty in the gradient that includes the bias while the printed loss
// leaves it out, the loss of each sample taken after its update, and an extra
// pass before training that it prints as "Epoch 0". It prints about 0.34 as
// "Misclassified". That number is BroadcastErrorRate: the program compares
// predictions of shape (N,) with labels of shape (N,1), NumPy broadcasts the
// comparison to an N×N matrix and the mean runs over all N² pairs. ErrorRate,
// the correct error of the very same weights, is about 0.15, as PyTorch's.
// Package logreg/numpydense has the same program on dense gonum matrices,
// in the seed's literal shape (a bias column of ones).
//
// Optimum is the exact minimiser of the regularised objective (L-BFGS), the
// floor that per-sample SGD approaches.
//
// SklearnLoop is the third loop, the answer to the user's second question,
// "what can I improve without batching and without optimizers?": scikit-learn's
// SGDClassifier one sample at a time, with its learning-rate schedules
// (constant, optimal, invscaling, adaptive), averaging, and AdaGrad in its
// composite form, matching scikit-learn's coef_ and torch.optim.Adagrad to
// 10⁻⁹. SklearnLoop records, each epoch, the objective F = mean log loss +
// (α/2)‖w‖² of its weights (Record.Objective, α = History.Alpha), and the
// other loops do when Config.RecordObjective asks; OptimalObjective gives
// F*: F − F* says how far a run still is from what per-sample SGD can
// reach. A decaying rate and averaging bring it there faster; none of them
// moves the test error, a9a's linear floor of about 15%.
//
// # Conventions
//
// Labels are in {0,1} inside the package (data.Dataset.Y; files hold ±1). A
// Model keeps the weights W, one per feature column (0-based, as in
// data.Dataset), and the bias B apart: p(y=1|x) = σ(w·x + b). The NumPy
// program's W[0] is Model.B and its W[1:] is Model.W. Each loop returns a
// History: its Config with the defaults filled in, one Record per epoch and
// the final model.
//
// # Speed
//
// Each program is written here as its step reads, next to its loop. A
// float64 run goes, in one call, to the speed engine in
// logreg/internal/sgdfast (its package doc tells how it is fast), which
// steps in O(nonzeros), evaluates each epoch on a second core while the
// next one trains, and follows the readable step to rounding: tests compare
// whole histories within 10⁻⁹ relative. Where a rounding difference could
// grow (SklearnLoop's first, large 'optimal' steps), the engine takes the
// readable step itself. Float32 runs, SklearnLoop with Tol, and data the
// engine does not take, run the readable step.
//
// # Errors and panics
//
// The loops and Optimum return an error wrapping ErrConfig for a bad Config
// (negative epochs or learning rate, momentum outside [0,1), NaN values),
// and one wrapping ErrData for unusable data: a missing or empty set, a
// label other than 0 and 1, sets of different widths, rows that do not fit
// their data set, a value that is not finite (logreg/internal/datacheck
// has the checks). A run whose weights, loss or objective stop being
// finite stops there and returns the History of the epochs before with a
// *DivergedError, which wraps ErrDiverged. The numeric functions (Sigmoid,
// BCE, ...) follow package math: NaN or ±Inf outside their domain, never a
// panic. ErrorRate, BroadcastErrorRate and Objective panic, with a message
// starting "logreg: ", on a data set without binary labels, whose RowPtr
// does not fit its Index, or a model narrower than the data: programmer
// errors the loops rule out before they start.
//
// Randomness (shuffling, random initial weights) comes only from Config.Seed.
package logreg
