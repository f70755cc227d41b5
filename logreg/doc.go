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
// operation (see the Float32 field of Config).
//
// MomentumSGD is the user's NumPy program: the same model with the bias as
// the first weight, velocity = m·velocity − (1−m)·grad, W += lr·velocity, an
// L2 penalty in the gradient that includes the bias while the printed loss
// leaves it out, the loss of each sample taken after its update, and an extra
// pass before training that it prints as "Epoch 0". It prints about 0.34 as
// "Misclassified". That number is BroadcastErrorRate: the program compares
// predictions of shape (N,) with labels of shape (N,1), NumPy broadcasts the
// comparison to an N×N matrix and the mean runs over all N² pairs. ErrorRate,
// the correct error of the very same weights, is about 0.15, as PyTorch's.
//
// Optimum is the exact minimiser of the regularised objective (L-BFGS), the
// floor that per-sample SGD approaches.
//
// # Conventions
//
// Labels are in {0,1} inside the package (data.Dataset.Y; files hold ±1). A
// Model keeps the weights W, one per feature column (0-based, as in
// data.Dataset), and the bias B apart: p(y=1|x) = σ(w·x + b). The NumPy
// program's W[0] is Model.B and its W[1:] is Model.W.
//
// # Speed
//
// The loops read the rows of a data.Dataset as they are stored (compressed
// sparse rows), and a step costs O(nonzeros) for both, though MomentumSGD's
// penalty and momentum move every weight at every step: its weights are kept
// as a shared scale times a vector when there is no momentum
// (momentum_scale.go), and caught up in closed form when their feature
// appears when there is (momentum_catchup.go). MomentumSGDDense is the same
// program written with gonum matrices in the seed's literal shape (a bias
// column of ones), kept as the readable reference the fast path is tested
// against: histories agree within 10⁻⁹ relative.
//
// A per-sample loop is a chain of dependent operations, z → e⁻ᶻ → p →
// gradient → weights → next z, and its speed is the latency of that chain
// and the number of instructions per sample. The float64 inner loops are
// written for both (torch_fast.go): no calls, so no register is spilled; a
// table-driven exponential within 2 ulp of math.Exp (expfast.go); p − y
// for autograd's guarded gradient, which it equals to rounding wherever the
// guard does not bite (a logit outside ±25 takes the readable step); the
// logit in two partial sums; for one-hot data (every value 1, as a9a's)
// loops that do not read the values; no branch on the data. On amd64 with
// AVX and FMA the one-hot steps of both loops run in assembly
// (onehot_kernel.go), which sums the next sample's weights before the
// update, off the chain, and checks the rows as it goes; the evaluation's
// row sums too (count_amd64.go). The fast paths follow the readable steps
// to rounding: tests check that histories agree within 10⁻⁹ relative
// (10⁻¹⁴ to 10⁻¹¹ on a9a, 10⁻¹⁵ to 10⁻¹⁴ on random data), and, where logits
// leave ±25 and runs turn chaotic, that single steps agree. The float32
// mode stays PyTorch's arithmetic, operation by operation. The loss sum
// (one logarithm of a product of probabilities, losssum.go) and each
// epoch's train and test errors are independent of the chain: they are
// computed on a second goroutine while the next epoch trains, and by the
// loop itself when it would otherwise wait for them (evaluate.go), and
// each record goes to Config.OnEpoch as soon as it is complete. The inner
// loops allocate nothing.
//
// # Errors and panics
//
// The loops and Optimum return an error, wrapping ErrConfig or ErrData, for a
// bad Config (negative epochs or learning rate, momentum outside [0,1), NaN
// values) and for unusable data (nil or empty train set, no binary labels, a
// test set whose width differs from the train set's, rows whose bounds or
// indices do not fit the data set, as data.Read's rows always do). The numeric functions
// (Sigmoid, BCE, ...) follow package math: they return NaN or ±Inf for
// arguments outside their domain and never panic. ErrorRate and
// BroadcastErrorRate panic, with a message starting "logreg: ", when called
// with a data set without binary labels or a model narrower than the data:
// those are programmer errors the loops rule out before they start.
//
// Randomness (shuffling, random initial weights) comes only from Config.Seed.
package logreg
