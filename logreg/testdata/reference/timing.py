#!/usr/bin/python3
"""Wall-clock times of the Python side of the speed comparison (issue 5).

Each entry is the best of several runs, in seconds, on a9a (data from
$SGDLAB_DATA or --data):

  read_svmlight        load_svmlight_file of a9a and a9a.t (CSR, n_features=123)
  torch_loop_float32   the seed's PyTorch loop, 10 epochs, float32, per-sample loss,
                       plus its final train/test accuracy (input already dense)
  numpy_seed_loop      the seed's NumPy loop as written: the loss-only pass, 10
                       epochs, and its N×N "Misclassified" after each
  numpy_train_loop     the same 10 training epochs with the per-sample loss, without
                       the loss-only pass and without any error computation
  sklearn_sgd_none     SGDClassifier(log_loss, penalty=None), sparse, 10 epochs,
                       constant eta0=0.001, file order, no per-sample loss
  sklearn_sgd_l2       the same with penalty='l2', alpha=1e-4 (the NumPy seed's L2)
  sklearn_<schedule>   SGDClassifier(log_loss, penalty='l2', alpha=1e-4), sparse, 10
                       epochs, file order, for each schedule SklearnLoop is timed
                       with (SKLEARN_RUNS: constant, optimal, invscaling, adaptive,
                       and constant and optimal averaged)

The loops are the functions of torch_loop.py and numpy_loop.py. Output is one
JSON object: {"times": {name: seconds}, "runs": {name: n}, "versions", "machine",
"info"} on stdout or to --out.

Usage: SGDLAB_DATA=/path timing.py [--repeat 3] [--slow-repeat 1] [--only a,b]
"""

import argparse
import os
import platform
import sys
import time
import warnings

import numpy as np
import torch
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

import a9a
import numpy_loop
import torch_loop

SLOW = {"torch_loop_float32", "numpy_seed_loop", "numpy_train_loop"}

# The SGDClassifier settings timed beside SklearnLoop (cmd/sgdlab/bench.go
# runs the same), as in sklearn_sgd.py.
SKLEARN_RUNS = {
    "constant": {"learning_rate": "constant", "eta0": 0.01},
    "optimal": {"learning_rate": "optimal"},
    "invscaling": {"learning_rate": "invscaling", "eta0": 0.01, "power_t": 0.5},
    "adaptive": {"learning_rate": "adaptive", "eta0": 0.01},
    "constant_avg": {"learning_rate": "constant", "eta0": 0.01, "average": True},
    "optimal_avg": {"learning_rate": "optimal", "average": True},
}


def best_of(fn, n):
    """Best wall time of n calls of fn, and fn's last result."""
    best, result = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def sgd(x, y, penalty, alpha=1e-4):
    clf = SGDClassifier(loss="log_loss", penalty=penalty, alpha=alpha, learning_rate="constant",
                        eta0=0.001, max_iter=10, tol=None, shuffle=False)
    with warnings.catch_warnings():
        # max_iter=10 with tol=None always warns that it did not converge.
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y)
    return clf


def sgd_schedule(x, y, params):
    clf = SGDClassifier(loss="log_loss", penalty="l2", alpha=1e-4, max_iter=10, tol=None, shuffle=False, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y)
    return clf


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    p = argparse.ArgumentParser(description="Time the Python programs of the speed comparison.")
    p.add_argument("--data", help="folder holding a9a and a9a.t (default: $SGDLAB_DATA)")
    p.add_argument("--repeat", type=int, default=3, help="runs per fast entry; the best is kept")
    p.add_argument("--slow-repeat", type=int, default=1,
                   help="runs per slow entry (the PyTorch and NumPy loops, 30 s or more each)")
    p.add_argument("--only", help="comma-separated entry names to run (default: all)")
    p.add_argument("--out", help="write the JSON object here instead of stdout")
    args = p.parse_args()
    if args.repeat < 1 or args.slow_repeat < 1:
        p.error("--repeat and --slow-repeat must be at least 1")
    folder = a9a.data_dir(args.data)

    xs_train, y_train, xs_test, y_test = a9a.read_sparse(folder)
    x_train, x_test = xs_train.toarray(), xs_test.toarray()

    entries = {
        "read_svmlight": lambda: a9a.read_sparse(folder),
        "torch_loop_float32": lambda: torch_loop.run(x_train, y_train, x_test, y_test, dtype="float32", log=None),
        "numpy_seed_loop": lambda: numpy_loop.run(x_train, y_train, x_test, y_test, correct=False, log=None),
        "numpy_train_loop": lambda: numpy_loop.run(x_train, y_train, x_test, y_test, pre_pass=False,
                                                   as_written=False, correct=False, log=None),
        "sklearn_sgd_none": lambda: sgd(xs_train, y_train, None),
        "sklearn_sgd_l2": lambda: sgd(xs_train, y_train, "l2"),
    }
    for run, params in SKLEARN_RUNS.items():
        entries["sklearn_" + run] = lambda params=params: sgd_schedule(xs_train, y_train, params)
    names = list(entries)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in entries]
        if unknown:
            p.error(f"unknown entries {unknown}; known: {', '.join(entries)}")

    times, runs, info = {}, {}, {}
    for name in names:
        n = args.slow_repeat if name in SLOW else args.repeat
        seconds, result = best_of(entries[name], n)
        times[name], runs[name] = seconds, n
        print(f"{name}: {seconds:.4f} s (best of {n})", file=sys.stderr)
        if name.startswith("sklearn_"):
            info[name] = {
                "train_error": float(np.mean(result.predict(xs_train) != y_train)),
                "test_error": float(np.mean(result.predict(xs_test) != y_test)),
            }
        elif name == "torch_loop_float32":
            info[name] = {"final_train_accuracy": result["final_train_accuracy"],
                          "final_test_accuracy": result["final_test_accuracy"]}

    out = {
        "times": times,
        "runs": runs,
        "versions": a9a.versions(),
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
                    "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "info": info,
    }
    a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
