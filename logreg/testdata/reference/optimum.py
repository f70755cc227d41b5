#!/usr/bin/python3
"""The optimum per-sample SGD approaches on a9a, found by scipy's L-BFGS.

The objective is scikit-learn's SGDClassifier(loss='log_loss', penalty='l2')
objective, the bias out of the penalty:

    F(w, b) = (1/N)·Σᵢ log(1 + exp(−yᵢ·(w·xᵢ + b))) + (α/2)·‖w‖²,   yᵢ ∈ {−1, +1}

objective() is imported by sklearn_sgd.py and torch_adagrad.py, which record
F after each epoch of their runs; this script records F* = min F, the
minimiser and the size of F's gradient there.

Usage: SGDLAB_DATA=/path optimum.py --alpha 1e-4 --out optimum.json
"""

import sys

import numpy as np
import scipy
from scipy.optimize import minimize

import a9a


def objective(x, y, w, b, alpha):
    """F(w, b) on the CSR (or dense) matrix x with ±1 labels y, in float64."""
    z = x @ w + b
    return float(np.mean(np.logaddexp(0.0, -y * z)) + alpha / 2 * (w @ w))


def objective_and_gradient(theta, x, y, alpha):
    """F and ∇F at θ = (w, b), b last: the function L-BFGS minimises."""
    w, b = theta[:-1], theta[-1]
    z = x @ w + b
    n = x.shape[0]
    f = np.mean(np.logaddexp(0.0, -y * z)) + alpha / 2 * (w @ w)
    # ∂/∂z log(1 + e^(−yz)) = −y·σ(−yz), σ(−yz) = exp(−logaddexp(0, yz)).
    r = -y * np.exp(-np.logaddexp(0.0, y * z)) / n
    g = np.empty_like(theta)
    g[:-1] = x.T @ r + alpha * w
    g[-1] = r.sum()
    return f, g


def error_rate(x, y, w, b):
    """Share of rows whose sign of w·x + b (0 counts as +1) differs from y."""
    return float(np.mean(np.where(x @ w + b >= 0, 1.0, -1.0) != y))


def minimise(x, y, alpha):
    """Return (w, b, result) at the minimum of F, from zero, to L-BFGS's limits."""
    res = minimize(objective_and_gradient, np.zeros(x.shape[1] + 1), args=(x, y, alpha),
                   jac=True, method="L-BFGS-B",
                   options={"maxiter": 100000, "maxcor": 20, "gtol": 1e-12, "ftol": 1e-16})
    return res.x[:-1], float(res.x[-1]), res


def main():
    p = a9a.base_parser("F* = min F on a9a (log loss + (α/2)‖w‖², bias unpenalised) by scipy's L-BFGS.")
    p.add_argument("--alpha", type=float, default=1e-4, help="the penalty α (SGDClassifier's alpha)")
    args = p.parse_args()
    if args.alpha <= 0:
        p.error("need --alpha > 0")
    x_train, y_train, x_test, y_test = a9a.read_sparse(a9a.data_dir(args.data))
    w, b, res = minimise(x_train, y_train, args.alpha)
    f, g = objective_and_gradient(np.r_[w, b], x_train, y_train, args.alpha)
    out = {
        "program": "optimum",
        "versions": dict(a9a.versions(), scipy=scipy.__version__),
        "data": a9a.data_summary(x_train, x_test),
        "config": {"alpha": args.alpha, "method": "L-BFGS-B", "start": "zero"},
        "objective": objective(x_train, y_train, w, b, args.alpha),
        "gradient_max": float(np.max(np.abs(g))),
        "iterations": int(res.nit),
        "message": str(res.message),
        "train_error": error_rate(x_train, y_train, w, b),
        "test_error": error_rate(x_test, y_test, w, b),
        "model": {"w": [float(v) for v in w], "b": b},
    }
    print(f"F* = {out['objective']!r}, max |∇F| {out['gradient_max']:.2g} after {res.nit} iterations "
          f"({res.message}); train error {out['train_error']:.4f}, test error {out['test_error']:.4f}",
          file=sys.stderr)
    if args.out:
        a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
