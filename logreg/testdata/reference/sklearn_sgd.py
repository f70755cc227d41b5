#!/usr/bin/python3
"""scikit-learn's SGDClassifier on sparse a9a, for every learning-rate
schedule, with and without averaging, recording the final coef_ and
intercept_ with every digit.

Every run is SGDClassifier(loss='log_loss', penalty='l2', shuffle=False,
tol=None unless the run sets it, ...) fitted on the CSR matrix of
load_svmlight_file, so _plain_sgd runs with scikit-learn's intercept decay for
sparse input (0.01), except for the "dense" runs, fitted on the densified
matrix (decay 1). A run is fitted afresh with max_iter = 1, 2, ..., epochs;
the fit with max_iter = k is epoch k of the run (file order, nothing random),
and after each the trace records the objective F of objective.py, the train
and test error, and for a few k the whole model.

--time instead times each run's fit with max_iter = epochs (best of
--repeat), for the speed comparison with SklearnLoop.

--only NAME... fits only the named runs and writes them into the existing
--out file in place of the runs of those names, or after the others for a
new name, leaving every other run as it was (its seconds too).

Usage: SGDLAB_DATA=/path sklearn_sgd.py --out sklearn_sgd.json
       SGDLAB_DATA=/path sklearn_sgd.py --out sklearn_sgd.json --only constant_avg_fold
       SGDLAB_DATA=/path sklearn_sgd.py --time --repeat 5
"""

import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

import a9a
import optimum

ALPHA = 1e-4
EPOCHS = 10
# The epoch counts whose whole model is kept.
CHECKPOINTS = (1, 3, EPOCHS)
# average=k starts the average at the k-th sample, here a third of the way
# into the first epoch.
AVERAGE_FROM = 10000


def runs(n):
    """The runs on n training samples: name and SGDClassifier parameters
    beyond the fixed ones."""
    schedules = {
        "constant": {"learning_rate": "constant", "eta0": 0.01},
        "optimal": {"learning_rate": "optimal"},
        "invscaling": {"learning_rate": "invscaling", "eta0": 0.01, "power_t": 0.5},
        # With tol=None 'adaptive' never lowers its rate: it is 'constant'.
        "adaptive": {"learning_rate": "adaptive", "eta0": 0.01},
    }
    out = []
    for name, params in schedules.items():
        for suffix, average in (("", False), ("_avg", True), (f"_avg{AVERAGE_FROM}", AVERAGE_FROM)):
            out.append((name + suffix, dict(params, average=average)))
    # The rules tol sets: 'adaptive' divides its rate by 5 after
    # n_iter_no_change epochs without improvement, the others stop.
    out.append(("adaptive_tol", {"learning_rate": "adaptive", "eta0": 0.1, "tol": 1e-3,
                                 "max_iter": 20}))
    out.append(("constant_tol", {"learning_rate": "constant", "eta0": 0.1, "tol": 1e-3,
                                 "max_iter": 20}))
    # Dense input: intercept decay 1, the bias learns at the weights' rate.
    out.append(("optimal_avg_dense", {"learning_rate": "optimal", "average": True, "dense": True}))
    out.append(("invscaling_avg_dense", {"learning_rate": "invscaling", "eta0": 1.0, "power_t": 0.5,
                                         "average": True, "dense": True}))
    # Two averaged runs that come within 5e-4 of F* in 10 epochs: the
    # constant rate averaged from the start, and a decaying rate averaged
    # from the first sample of the third epoch.
    out.append(("constant_avg_eta0.03", {"learning_rate": "constant", "eta0": 0.03, "average": True}))
    out.append(("invscaling_avg_epoch3", {"learning_rate": "invscaling", "eta0": 4.0, "power_t": 0.5,
                                          "average": 2 * n + 1}))
    # Averaged runs whose weight scale falls below 1e-9 and is folded back
    # into the weights and the average (reset_wscale), every 4,000 steps or
    # so: there the average is the difference of two numbers up to 1e9
    # times larger, and a last-bit difference in one step's exp or pow
    # shows in it at 1e-6.
    out.append(("constant_avg_fold", {"learning_rate": "constant", "eta0": 0.5, "alpha": 0.01,
                                      "average": True, "max_iter": 4}))
    out.append(("constant_avg_fold_alpha1e-3", {"learning_rate": "constant", "eta0": 1.0, "alpha": 1e-3,
                                                "average": True, "max_iter": 3}))
    out.append(("invscaling_avg7_fold", {"learning_rate": "invscaling", "eta0": 0.5, "power_t": 0.25,
                                         "alpha": 0.01, "average": 7, "max_iter": 4}))
    return out


def classifier(params, max_iter):
    kw = {k: v for k, v in params.items() if k not in ("dense", "max_iter")}
    kw.setdefault("tol", None)
    kw.setdefault("alpha", ALPHA)
    return SGDClassifier(loss="log_loss", penalty="l2", shuffle=False, max_iter=max_iter, **kw)


def fit(params, x, y, max_iter):
    clf = classifier(params, max_iter)
    with warnings.catch_warnings():
        # A fit that stops at max_iter with tol set warns that it did not converge.
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y)
    return clf


def trace_run(name, params, x_train, y_train, x_test, y_test):
    epochs = params.get("max_iter", EPOCHS)
    x = x_train.toarray() if params.get("dense") else x_train
    records, models = [], []
    for k in range(1, epochs + 1):
        start = time.perf_counter()
        clf = fit(params, x, y_train, k)
        seconds = time.perf_counter() - start
        w, b = clf.coef_.ravel(), float(clf.intercept_[0])
        records.append({
            "epoch": k,
            "n_iter": int(clf.n_iter_),
            "objective": optimum.objective(x_train, y_train, w, b, params.get("alpha", ALPHA)),
            "train_error": optimum.error_rate(x_train, y_train, w, b),
            "test_error": optimum.error_rate(x_test, y_test, w, b),
            "seconds": seconds,
        })
        if k in CHECKPOINTS or k == epochs:
            models.append({"epochs": k, "n_iter": int(clf.n_iter_), "t": float(clf.t_),
                           "coef": [float(v) for v in w], "intercept": b})
    config = {k: v for k, v in classifier(params, epochs).get_params().items()
              if k in ("loss", "penalty", "alpha", "learning_rate", "eta0", "power_t", "average",
                       "shuffle", "tol", "n_iter_no_change", "max_iter", "fit_intercept")}
    config["average"] = int(config["average"])
    config["input"] = "dense" if params.get("dense") else "sparse"
    return {"name": name, "config": config, "epochs": records, "models": models}


def time_runs(x_train, y_train, repeat):
    times = {}
    for name, params in runs(x_train.shape[0]):
        x = x_train.toarray() if params.get("dense") else x_train
        epochs = params.get("max_iter", EPOCHS)
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            fit(params, x, y_train, epochs)
            best = min(best, time.perf_counter() - start)
        times[name] = best
        print(f"{name}: {best * 1e3:.2f} ms (best of {repeat})", file=sys.stderr)
    return times


def main():
    p = a9a.base_parser("SGDClassifier on sparse a9a for every schedule, with every digit of coef_.")
    p.add_argument("--time", action="store_true", help="time each run instead of tracing it")
    p.add_argument("--repeat", type=int, default=5, help="with --time: fits per run, the best is kept")
    p.add_argument("--only", nargs="+", metavar="NAME",
                   help="fit only these runs and put them into the existing --out file, the others kept")
    args = p.parse_args()
    x_train, y_train, x_test, y_test = a9a.read_sparse(a9a.data_dir(args.data))
    if args.time:
        out = {"program": "sklearn_sgd_timing", "versions": a9a.versions(),
               "times": time_runs(x_train, y_train, args.repeat), "repeat": args.repeat}
        a9a.write_json(args.out, out)
        return 0
    all_runs = runs(x_train.shape[0])
    if args.only:
        unknown = set(args.only) - {name for name, _ in all_runs}
        if unknown or not args.out:
            p.error(f"--only needs --out and names of runs; unknown: {sorted(unknown)}")
        all_runs = [(name, params) for name, params in all_runs if name in args.only]
    traces = []
    for name, params in all_runs:
        run = trace_run(name, params, x_train, y_train, x_test, y_test)
        last = run["epochs"][-1]
        print(f"{name}: {len(run['epochs'])} fits, n_iter {last['n_iter']}, F {last['objective']:.6f}, "
              f"test error {last['test_error']:.4f}", file=sys.stderr)
        traces.append(run)
    out = {"program": "sklearn_sgd", "versions": a9a.versions(),
           "data": a9a.data_summary(x_train, x_test),
           "config": {"alpha": ALPHA, "epochs": EPOCHS, "checkpoints": list(CHECKPOINTS)},
           "runs": traces}
    if args.only:
        with open(args.out) as f:
            out = json.load(f)
        fresh = {run["name"]: run for run in traces}
        out["runs"] = [fresh.pop(run["name"], run) for run in out["runs"]] + list(fresh.values())
    if args.out:
        a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
