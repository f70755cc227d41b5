#!/usr/bin/python3
"""Times of the Python side on a large LIBSVM file (issue 17: the RCV1-shaped set).

Entries, each in seconds, the best of --repeat runs (reading), --sgd-repeat runs
(SGDClassifier) or one run (the PyTorch loop):

  read_svmlight      load_svmlight_file of --train (CSR float64), with the rows,
                     nonzeros, width, its CPU time, the process's memory before it
                     and its peak after it (torch and scikit-learn imported), and a SHA-256 of
                     the content (below), which `sgdlab bench -rcv1` compares with Go's
  sklearn_sgd_fit1   SGDClassifier(log_loss, penalty=None).fit with max_iter=1:
                     one epoch in file order, constant eta0=--lr, the per-sample
                     SGD of TorchLoop, with what fit does around its loop (input
                     checks, labels, the dataset object); its loop (_plain_sgd)
                     sums each sample's loss as it goes, as TorchLoop does
  sklearn_sgd_fit2   the same with max_iter=2
  sklearn_sgd_epoch  one epoch of the loop alone: sklearn_sgd_fit2 less
                     sklearn_sgd_fit1, each the best of --sgd-repeat runs, the
                     two alternating
  torch_loop_slice   the seed's PyTorch loop (torch_loop.py), one epoch, float32,
                     on the first --slice rows made dense, as the seed makes a9a

The content digest is SHA-256 over the labels (float64), the row offsets
(int64), the 0-based column indices (int32) and the values (float64), each
little-endian, in that order, then the width as int64.

Output is one JSON object on stdout or in --out: {"times", "runs", "info",
"versions", "date"}.

Usage: large_timing.py --train FILE [--repeat 1] [--sgd-repeat 3] [--slice 2000] [--lr 0.001] [--out F]
"""

import argparse
import hashlib
import resource
import sys
import time
import warnings

import numpy as np
import torch
from sklearn.datasets import load_svmlight_file
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

import a9a
import torch_loop


def best_of(fn, n, cpu=None):
    """Best wall time of n calls of fn, and fn's last result; the CPU time
    (user + system) of the best call goes into cpu[0] when cpu is a list."""
    best, result = float("inf"), None
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        wall = time.perf_counter() - t
        if wall < best:
            best = wall
            if cpu is not None:
                cpu[:] = [time.process_time() - c]
    return best, result


def rss(field):
    """The process's resident memory in bytes: VmRSS (now) or VmHWM (peak),
    from /proc, or the peak from getrusage where there is no /proc."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def digest(x, y):
    """SHA-256 of a CSR matrix and its labels, as documented above."""
    h = hashlib.sha256()
    h.update(np.asarray(y, dtype="<f8").tobytes())
    h.update(np.asarray(x.indptr, dtype="<i8").tobytes())
    h.update(np.asarray(x.indices, dtype="<i4").tobytes())
    h.update(np.asarray(x.data, dtype="<f8").tobytes())
    h.update(np.asarray([x.shape[1]], dtype="<i8").tobytes())
    return h.hexdigest()


def sgd_fit(x, y, lr, epochs):
    clf = SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=lr,
                        max_iter=epochs, tol=None, shuffle=False)
    with warnings.catch_warnings():
        # One epoch with tol=None always warns that it did not converge.
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y)
    return clf


def main():
    p = argparse.ArgumentParser(description="Time the Python side on a large LIBSVM file.")
    p.add_argument("--train", required=True, help="the LIBSVM file")
    p.add_argument("--repeat", type=int, default=1, help="runs of reading; the best is kept")
    p.add_argument("--sgd-repeat", type=int, default=3, help="runs of SGDClassifier; the best is kept")
    p.add_argument("--slice", type=int, default=2000, help="rows of the PyTorch loop (dense: rows × width floats)")
    p.add_argument("--lr", type=float, default=0.001, help="learning rate of SGDClassifier and the PyTorch loop")
    p.add_argument("--out", help="write the JSON object here instead of stdout")
    args = p.parse_args()
    if args.repeat < 1 or args.sgd_repeat < 1 or args.slice < 1:
        p.error("--repeat, --sgd-repeat and --slice must be at least 1")

    times, runs, info = {}, {}, {}
    before = rss("VmRSS")
    read_cpu = [0.0]
    times["read_svmlight"], (x, y) = best_of(lambda: load_svmlight_file(args.train), args.repeat, read_cpu)
    runs["read_svmlight"] = args.repeat
    info["read_svmlight"] = {
        "rows": int(x.shape[0]), "nonzeros": int(x.nnz), "width": int(x.shape[1]),
        "peak_rss_bytes": rss("VmHWM"), "rss_before_bytes": before, "cpu_seconds": read_cpu[0],
        "digest": digest(x, y),
    }
    print(f"read_svmlight: {times['read_svmlight']:.3f} s, {info['read_svmlight']}", file=sys.stderr)

    # fit with one epoch and with two, alternating, so that both see the
    # host's load alike; the difference is an epoch of the loop alone.
    fit1, fit2, clf = float("inf"), float("inf"), None
    for _ in range(args.sgd_repeat):
        t, clf = best_of(lambda: sgd_fit(x, y, args.lr, 1), 1)
        fit1 = min(fit1, t)
        t, _ = best_of(lambda: sgd_fit(x, y, args.lr, 2), 1)
        fit2 = min(fit2, t)
    times["sklearn_sgd_fit1"], times["sklearn_sgd_fit2"] = fit1, fit2
    times["sklearn_sgd_epoch"] = fit2 - fit1
    for k in ("sklearn_sgd_fit1", "sklearn_sgd_fit2", "sklearn_sgd_epoch"):
        runs[k] = args.sgd_repeat
    info["sklearn_sgd_fit1"] = {"train_error": float(np.mean(clf.predict(x) != y))}
    print(f"sklearn_sgd: fit, 1 epoch {fit1:.3f} s, 2 epochs {fit2:.3f} s, an epoch of the loop {fit2 - fit1:.3f} s",
          file=sys.stderr)

    n = min(args.slice, x.shape[0])
    dense = x[:n].toarray().astype(np.float32)
    times["torch_loop_slice"], trace = best_of(
        lambda: torch_loop.run(dense, y[:n], dense, y[:n], dtype="float32", lr=args.lr, epochs=1, log=None), 1)
    runs["torch_loop_slice"] = 1
    info["torch_loop_slice"] = {"rows": n, "final_train_accuracy": trace["final_train_accuracy"]}
    print(f"torch_loop_slice: {times['torch_loop_slice']:.3f} s for {n} rows", file=sys.stderr)

    out = {"times": times, "runs": runs, "info": info, "versions": a9a.versions(),
           "torch_threads": torch.get_num_threads(),
           "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
