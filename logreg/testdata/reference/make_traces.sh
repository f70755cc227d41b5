#!/bin/sh
# make_traces.sh regenerates the reference traces beside this script by running
# the seed's two programs, scikit-learn's SGDClassifier, torch.optim.Adagrad and
# scipy's L-BFGS on a9a with Debian's python3-torch, python3-numpy,
# python3-sklearn and python3-scipy. The data folder comes from $SGDLAB_DATA (or
# the first argument). It takes a few minutes (about ten on a shared two-core
# machine).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then SGDLAB_DATA=$1; fi
: "${SGDLAB_DATA:?set SGDLAB_DATA or pass the folder holding a9a and a9a.t}"
export SGDLAB_DATA
py=${PYTHON:-/usr/bin/python3}
cd "$here"
$py torch_loop.py --dtype float32 --out torch_float32.json
$py torch_loop.py --dtype float64 --out torch_float64.json
$py numpy_loop.py --out numpy.json
$py numpy_loop.py --momentum 0.9 --bias-out-of-l2 --out numpy_momentum09_biasout.json
$py optimum.py --alpha 1e-4 --out optimum.json
$py sklearn_sgd.py --out sklearn_sgd.json
$py torch_adagrad.py --lr 0.1 1 --out torch_adagrad.json
