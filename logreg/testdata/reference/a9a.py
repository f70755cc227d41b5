"""Shared plumbing for the reference programs: where the data is, how it is
read (as the seed reads it), which library versions ran, and JSON output.

The two loops live in torch_loop.py and numpy_loop.py; this module holds no
arithmetic of either program.
"""

import argparse
import json
import os
import platform
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_svmlight_file

# a9a's training file uses feature indices 1..123; its test file never uses
# 123, so both files are read with the training width.
WIDTH = 123


def data_dir(flag_value):
    """Return the data folder: --data if given, else $SGDLAB_DATA; exit 2 if neither."""
    path = flag_value or os.environ.get("SGDLAB_DATA")
    if not path:
        sys.exit("reference: set $SGDLAB_DATA or pass --data DIR (the folder holding a9a and a9a.t)")
    return path


def read_sparse(folder):
    """Read a9a and a9a.t as scikit-learn does: CSR float64 matrices and ±1 labels."""
    x_train, y_train = load_svmlight_file(os.path.join(folder, "a9a"), n_features=WIDTH)
    x_test, y_test = load_svmlight_file(os.path.join(folder, "a9a.t"), n_features=WIDTH)
    return x_train, y_train, x_test, y_test


def read_dense(folder):
    """Read a9a and a9a.t and densify them, as the seed does before both loops."""
    x_train, y_train, x_test, y_test = read_sparse(folder)
    return x_train.toarray(), y_train, x_test.toarray(), y_test


def versions():
    """Versions of everything that can change the numbers."""
    out = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
    }
    # Only a program that loaded torch lists it: the NumPy loop does not use it.
    torch = sys.modules.get("torch")
    if torch is not None:
        out["torch"] = torch.__version__
    return out


def data_summary(x_train, x_test):
    return {"train_rows": int(x_train.shape[0]), "test_rows": int(x_test.shape[0]), "width": int(x_train.shape[1])}


def write_json(path, obj):
    """Write obj as indented JSON to path, or to standard output if path is empty; Python floats
    keep every digit (shortest round-trip repr)."""
    text = json.dumps(obj, indent=1, allow_nan=False) + "\n"
    if not path:
        sys.stdout.write(text)
        return
    with open(path, "w") as f:
        f.write(text)


def base_parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", help="folder holding a9a and a9a.t (default: $SGDLAB_DATA)")
    p.add_argument("--out", help="write the JSON trace to this file")
    p.add_argument("--lr", type=float, default=0.001, help="learning rate (seed: 0.001)")
    p.add_argument("--epochs", type=int, default=10, help="passes over the training data (seed: 10)")
    return p
