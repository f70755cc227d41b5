#!/usr/bin/python3
"""The seed's PyTorch program, run as written, recording every number it prints.

Logistic regression as nn.Linear(123, 1) followed by a sigmoid, weights and
bias starting at zero, trained one sample at a time in file order with
nn.BCELoss and a hand-written update  param -= lr * param.grad  (no optimizer).
Each epoch sums loss.item() over the samples and counts the samples predicted
right (output >= 0.5) before their own update. At the end it reports the
accuracy of the final model on the training and test files.

--dtype float32 is the seed (float32 tensors and model); float64 is the same
program with double tensors and a double model.

Usage: SGDLAB_DATA=/path torch_loop.py --dtype float32 --out torch_float32.json
"""

import sys
import time

import torch
import torch.nn as nn

import a9a

DTYPES = {"float32": torch.float32, "float64": torch.float64}


class SigmoidLinear(nn.Module):
    """p = sigmoid(w·x + b), starting from w = 0, b = 0."""

    def __init__(self, width):
        super().__init__()
        self.linear = nn.Linear(width, 1)
        nn.init.constant_(self.linear.weight, 0)
        nn.init.constant_(self.linear.bias, 0)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


def to01(y):
    """Map the file's ±1 labels to {0, 1} the seed's way."""
    return (y + 1) // 2


def run(x_train, y_train, x_test, y_test, dtype="float32", lr=0.001, epochs=10, log=print):
    """Run the PyTorch loop on dense arrays with ±1 labels; return the trace dict
    (without versions or data summary). log=None prints nothing."""
    tdtype = DTYPES[dtype]
    xs = torch.tensor(x_train, dtype=tdtype)
    ys = torch.tensor(to01(y_train).reshape(-1, 1), dtype=tdtype)
    n = xs.size(0)

    model = SigmoidLinear(xs.size(1)).to(tdtype)
    criterion = nn.BCELoss()

    records = []
    start = time.perf_counter()
    for epoch in range(epochs):
        epoch_start = time.perf_counter()
        model.train()
        epoch_loss = 0
        correct = 0
        for i in range(n):
            target = ys[i].unsqueeze(0)
            output = model(xs[i].unsqueeze(0))
            loss = criterion(output, target)
            # Counted before the update, as the seed does: a running accuracy.
            predicted = (output >= 0.5).float()
            correct += (predicted == target.float()).float().item()
            model.zero_grad()
            loss.backward()
            with torch.no_grad():
                for param in model.parameters():
                    param -= lr * param.grad
            epoch_loss += loss.item()
        accuracy = correct / n
        records.append({
            "epoch": epoch + 1,
            "loss": float(epoch_loss),
            "accuracy": float(accuracy),
            "correct": int(correct),
            "seconds": time.perf_counter() - epoch_start,
        })
        if log:
            log(f"Epoch [{epoch + 1}/{epochs}], Loss: {epoch_loss:.4f}, Accuracy: {accuracy:.4f}")

    # The seed's evaluation: train labels as tensors of the model's dtype, test
    # labels as the float64 tensor torch.tensor makes from NumPy; means in float32.
    model.eval()
    with torch.no_grad():
        train_pred = (model(xs) >= 0.5).float()
        test_pred = (model(torch.tensor(x_test, dtype=tdtype)) >= 0.5).float()
    train_hits = train_pred == ys
    test_hits = test_pred == torch.tensor(to01(y_test)).reshape(-1, 1)
    train_acc = train_hits.float().mean().item()
    test_acc = test_hits.float().mean().item()
    seconds = time.perf_counter() - start
    if log:
        log(f"Final Train Accuracy: {train_acc:.4f}")
        log(f"Final Test Accuracy: {test_acc:.4f}")

    weight = model.linear.weight.detach().reshape(-1)
    return {
        "program": "torch",
        "dtype": dtype,
        "config": {"lr": lr, "epochs": epochs},
        "epochs": records,
        "final_train_accuracy": float(train_acc),
        "final_test_accuracy": float(test_acc),
        "final_train_correct": int(train_hits.sum().item()),
        "final_test_correct": int(test_hits.sum().item()),
        "final_model": {
            "w": [float(v) for v in weight.tolist()],
            "b": float(model.linear.bias.detach().item()),
        },
        "seconds": seconds,
    }


def main():
    p = a9a.base_parser("The seed's per-sample PyTorch loop on a9a, with a JSON trace.")
    p.add_argument("--dtype", choices=sorted(DTYPES), default="float32",
                   help="tensor and model precision (seed: float32)")
    args = p.parse_args()
    if args.epochs < 0 or args.lr <= 0:
        p.error("need --epochs >= 0 and --lr > 0")
    folder = a9a.data_dir(args.data)
    x_train, y_train, x_test, y_test = a9a.read_dense(folder)
    trace = run(x_train, y_train, x_test, y_test, dtype=args.dtype, lr=args.lr, epochs=args.epochs)
    out = {"program": trace.pop("program"), "dtype": trace.pop("dtype"),
           "versions": a9a.versions(), "data": a9a.data_summary(x_train, x_test)}
    out.update(trace)
    if args.out:
        a9a.write_json(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
