#!/usr/bin/python3
"""The seed's NumPy program (SGD with momentum), run as written, recording what
it prints and what it should have printed.

Shapes as in the seed: X is the dense training matrix with a leading column of
ones (N×124, W[0] is the bias), Y has shape (N, 1), W starts at zeros(124).
One sample at a time in file order:

    grad     = (sigmoid(x·W) − y)·x + l2·W        (bias penalised: the seed's active line)
    velocity = m·velocity − (1 − m)·grad
    W       += lr·velocity

and the sample's loss is taken AFTER its update: the BCE with the probability
clipped to [1e-9, 1 − 1e-9] plus (l2/2)·Σ W[1:]² (bias not penalised). The
loop runs from epoch −1 (no updates, loss only) to epochs−1 and prints each as
"Epoch k" with k = index + 1, so the seed prints 11 lines, 0..10.

Its "Misclassified" is np.mean(predictions != Y) with predictions of shape (N,)
and Y of shape (N, 1): NumPy broadcasts that to an N×N comparison and averages
over all N² pairs. The trace records that number exactly as computed, and
beside it the real error rates of the same W on the training and test files.

The seed's lines go to stdout unchanged; the real error rates go to stderr.

Usage: SGDLAB_DATA=/path numpy_loop.py --out numpy.json
"""

import sys
import time

import numpy as np

import a9a


class SGDWithMomentum:
    """The seed's optimizer: velocity persists across samples and epochs."""

    def __init__(self, lr, l2, momentum, bias_out_of_l2=False):
        self.lr = lr
        self.l2 = l2
        self.momentum = momentum
        self.bias_out_of_l2 = bias_out_of_l2
        self.velocity = None

    def step(self, x, y, W):
        if self.velocity is None:
            self.velocity = np.zeros_like(W)
        p = 1 / (1 + np.exp(-(x @ W)))
        if self.bias_out_of_l2:
            penalty = self.l2 * np.r_[[0], W[1:]]
        else:
            penalty = self.l2 * W
        grad = (p - y) * x + penalty
        self.velocity = self.momentum * self.velocity - (1 - self.momentum) * grad
        W += self.lr * self.velocity  # in place, as in the seed
        return W


def sample_loss(x, y, W, l2):
    """The seed's per-sample loss: clipped BCE plus the L2 term without the bias."""
    p = 1 / (1 + np.exp(-(x @ W)))
    bce = -y * np.log(np.clip(p, 1e-9, 1 - 1e-9)) - (1 - y) * np.log(np.clip(1 - p, 1e-9, 1 - 1e-9))
    return bce + (l2 / 2) * np.sum(W[1:] ** 2)


def predictions(X, W):
    """Class predictions of shape (N,): 1 where sigmoid(X·W) >= 0.5."""
    return (1 / (1 + np.exp(-X @ W)) >= 0.5).astype(int)


def error_as_written(X, Y, W):
    """The seed's logreg_error: (N,) against (N, 1), so the mean runs over N² pairs."""
    return np.mean(predictions(X, W) != Y)


def error_closed_form(X, Y, W):
    """What error_as_written must equal: (P1·N0 + P0·N1) / N², P predicted and N true class counts."""
    pred = predictions(X, W)
    n = pred.shape[0]
    p1 = int(pred.sum())
    n1 = int(Y.sum())
    return (p1 * (n - n1) + (n - p1) * n1) / (n * n)


def error_rate(X, y, W):
    """The real misclassification rate: predictions against labels of the same shape (N,)."""
    return float(np.mean(predictions(X, W) != y))


def with_ones(x):
    return np.hstack([np.ones((x.shape[0], 1)), x])


def to01(y):
    return (y + 1) // 2


def run(x_train, y_train, x_test, y_test, lr=0.001, l2=1e-4, momentum=0.0, epochs=10,
        bias_out_of_l2=False, pre_pass=True, as_written=True, correct=True, log=print, log_extra=None):
    """Run the NumPy loop on dense arrays with ±1 labels; return the trace dict.

    pre_pass=False skips the seed's loss-only pass before training;
    as_written=False skips the seed's N×N error (the costly part of its loop);
    correct=False skips the real train/test error rates (not part of the seed).
    The last three exist for timing.py; the trace always uses the defaults.
    log prints the seed's lines (None: nothing); log_extra the real error rates.
    """
    X = with_ones(x_train)
    Y = to01(y_train).reshape(-1, 1)
    Xt = with_ones(x_test) if correct else None
    yt = to01(y_test) if correct else None
    W = np.zeros(X.shape[1])
    n = X.shape[0]
    opt = SGDWithMomentum(lr, l2, momentum, bias_out_of_l2)

    records = []
    start = time.perf_counter()
    for epoch in range(-1 if pre_pass else 0, epochs):
        epoch_start = time.perf_counter()
        total = 0
        for i in np.arange(n):
            x, y = X[i], Y[i]
            if epoch > -1:
                W = opt.step(x, y, W)
            total += sample_loss(x, y, W, l2)
        avg_loss = total / n
        rec = {"epoch": epoch + 1, "loss": float(avg_loss[0])}
        if as_written:
            err = error_as_written(X, Y, W)
            closed = error_closed_form(X, Y, W)
            if err != closed:
                raise AssertionError(f"as-written error {err!r} differs from its closed form {closed!r}")
            rec["misclassified_as_written"] = float(err)
        if correct:
            rec["train_error"] = error_rate(X, Y.ravel(), W)
            rec["test_error"] = error_rate(Xt, yt, W)
        rec["seconds"] = time.perf_counter() - epoch_start
        records.append(rec)
        if log and as_written:
            log(f"Epoch {epoch + 1}: Loss = {rec['loss']:.4f}, Misclassified = {rec['misclassified_as_written']:.4f}")
        if log_extra and correct:
            log_extra(f"Epoch {epoch + 1}: train error = {rec['train_error']:.4f}, test error = {rec['test_error']:.4f}")
    seconds = time.perf_counter() - start

    return {
        "program": "numpy",
        "config": {
            "lr": lr, "l2": l2, "momentum": momentum, "epochs": epochs,
            "bias_out_of_l2": bias_out_of_l2,
            "pre_pass": pre_pass, "shuffle": False, "init": "zeros",
        },
        "epochs": records,
        "final_model": {"w": [float(v) for v in W[1:]], "b": float(W[0])},
        "seconds": seconds,
    }


def main():
    p = a9a.base_parser("The seed's per-sample NumPy SGD with momentum on a9a, with a JSON trace.")
    p.add_argument("--l2", type=float, default=1e-4, help="L2 penalty (seed: 1e-4)")
    p.add_argument("--momentum", type=float, default=0.0, help="momentum in [0, 1) (seed: 0)")
    p.add_argument("--bias-out-of-l2", action="store_true",
                   help="leave the bias out of the penalty in the gradient too (the seed's commented-out line)")
    args = p.parse_args()
    if args.epochs < 0 or args.lr <= 0 or not 0 <= args.momentum < 1 or args.l2 < 0:
        p.error("need --epochs >= 0, --lr > 0, --l2 >= 0 and 0 <= --momentum < 1")
    folder = a9a.data_dir(args.data)
    x_train, y_train, x_test, y_test = a9a.read_dense(folder)
    trace = run(x_train, y_train, x_test, y_test, lr=args.lr, l2=args.l2, momentum=args.momentum,
                epochs=args.epochs, bias_out_of_l2=args.bias_out_of_l2,
                log_extra=lambda s: print(s, file=sys.stderr))
    out = {"program": trace.pop("program"), "versions": a9a.versions(),
           "data": a9a.data_summary(x_train, x_test)}
    out.update(trace)
    if args.out:
        a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
