#!/usr/bin/python3
"""AdaGrad on a9a in its composite (proximal) form, with torch.optim.Adagrad
stepped once per sample, in float64.

The objective is SGDClassifier(loss='log_loss', penalty='l2')'s, as in
optimum.py, F = (1/N)·Σᵢ ℓᵢ(w, b) + (α/2)·‖w‖² (bias out of the penalty),
with ℓᵢ = BCEWithLogits(w·xᵢ + b, yᵢ), yᵢ ∈ {0, 1}. Each step is AdaGrad's
composite mirror descent on ℓᵢ + (α/2)·‖w‖² (Duchi, Hazan and Singer, 2011):

    torch.optim.Adagrad's step on the gradient of ℓᵢ alone:
        Gⱼ ← Gⱼ + gⱼ²,   θⱼ ← θⱼ − lr·gⱼ/Hⱼ,   Hⱼ = √Gⱼ + eps
    then the penalty's proximal step on every weight (not the bias):
        wⱼ ← wⱼ·Hⱼ/(Hⱼ + lr·α)

The gradient of ℓᵢ is zero outside the sample's features, so the first part
moves only those and the bias; the second has the same factor for a weight
until its feature appears again, which is what lets the Go engine apply it
lazily, in O(nonzeros) a step. Weights and bias start at zero; the samples
come in file order; each step is zero_grad, backward of ℓᵢ, optimizer.step()
with torch.optim.Adagrad(lr, lr_decay 0, weight_decay 0,
initial_accumulator_value 0, eps 1e-10), then the shrink. After each epoch
the trace records the mean of the per-sample log losses (before each step),
F, the train and test error, and for a few epochs the whole model.

Usage: SGDLAB_DATA=/path torch_adagrad.py --lr 0.1 1 --out torch_adagrad.json
       (one run per learning rate, all in one file)
"""

import argparse
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import a9a
import optimum

ALPHA = 1e-4
CHECKPOINTS = (1, 3)


def run(x_train, y_train, x_test, y_test, lr, epochs, alpha=ALPHA):
    xs = torch.tensor(x_train.toarray(), dtype=torch.float64)
    ys = torch.tensor((y_train + 1) / 2, dtype=torch.float64)
    w = torch.zeros(xs.shape[1], dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adagrad([w, b], lr=lr)
    n = xs.shape[0]
    records, models = [], []
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        loss_sum = 0.0
        for i in range(n):
            z = torch.dot(w, xs[i]) + b
            loss = F.binary_cross_entropy_with_logits(z, ys[i])
            opt.zero_grad()
            loss.backward()
            opt.step()
            with torch.no_grad():
                h = opt.state[w]["sum"].sqrt().add_(opt.defaults["eps"])
                w.mul_(h / (h + lr * alpha))
            loss_sum += loss.item()
        seconds = time.perf_counter() - start
        wn, bn = w.detach().numpy().copy(), float(b.detach())
        records.append({
            "epoch": epoch,
            "loss": loss_sum / n,
            "objective": optimum.objective(x_train, y_train, wn, bn, alpha),
            "train_error": optimum.error_rate(x_train, y_train, wn, bn),
            "test_error": optimum.error_rate(x_test, y_test, wn, bn),
            "seconds": seconds,
        })
        print(f"lr {lr} epoch {epoch}: loss {loss_sum / n:.6f}, F {records[-1]['objective']:.6f}",
              file=sys.stderr)
        if epoch in CHECKPOINTS or epoch == epochs:
            models.append({"epochs": epoch, "coef": [float(v) for v in wn], "intercept": bn})
    config = {"lr": lr, "alpha": alpha, "epochs": epochs, "eps": opt.defaults["eps"],
              "lr_decay": opt.defaults["lr_decay"],
              "initial_accumulator_value": opt.defaults["initial_accumulator_value"],
              "dtype": "float64", "order": "file", "form": "composite"}
    return {"name": f"adagrad_lr{lr:g}", "config": config, "epochs": records, "models": models}


def main():
    p = argparse.ArgumentParser(
        description="torch.optim.Adagrad stepped per sample on a9a, composite form (log loss, then the L2 shrink, bias unpenalised).")
    p.add_argument("--data", help="folder holding a9a and a9a.t (default: $SGDLAB_DATA)")
    p.add_argument("--out", help="write the JSON trace to this file")
    p.add_argument("--lr", type=float, nargs="+", default=[0.1, 1.0], help="learning rates, one run each")
    p.add_argument("--epochs", type=int, default=10, help="passes over the training data")
    p.add_argument("--alpha", type=float, default=ALPHA, help="the penalty α")
    args = p.parse_args()
    if args.epochs < 1 or args.alpha < 0 or any(r <= 0 for r in args.lr):
        p.error("need --epochs >= 1, --alpha >= 0 and rates > 0")
    torch.set_num_threads(1)
    x_train, y_train, x_test, y_test = a9a.read_sparse(a9a.data_dir(args.data))
    runs = [run(x_train, y_train, x_test, y_test, lr, args.epochs, args.alpha) for lr in args.lr]
    out = {"program": "torch_adagrad", "versions": a9a.versions(),
           "data": a9a.data_summary(x_train, x_test), "runs": runs}
    if args.out:
        a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
