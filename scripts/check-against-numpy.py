#!/usr/bin/env python3
"""Independent check of `descent train` against numpy.

Runs the issue's two acceptance trainings through the built `descent` binary, repeats the same
updates in numpy from the notebook's formulas, and compares every epoch's MSE and the final
parameters. Exit status 0 when everything agrees to 1e-9.

Usage: scripts/check-against-numpy.py [path/to/descent]
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np

WEIGHT = np.array([58, 59, 62, 78, 68, 70, 88, 89, 92, 91], dtype=float)
HEIGHT = np.array([150, 157, 163, 168, 171, 175, 179, 182, 185, 190], dtype=float)


def zscore(v):
    return (v - v.mean()) / v.std()


def features(x, powers):
    return np.stack([x ** p for p in powers], axis=1)


def mse(theta, X, y):
    return float(np.mean((X @ theta - y) ** 2))


def run_gd(powers, theta, lr, epochs, x, y, cosine=False):
    """Full-batch GD; with `cosine`, update t = 0..epochs-1 uses lr * (1 + cos(pi t / epochs)) / 2."""
    X = features(x, powers)
    losses = [mse(theta, X, y)]
    rates = []
    for t in range(epochs):
        rate = lr * 0.5 * (1 + np.cos(np.pi * t / epochs)) if cosine else lr
        rates.append(rate)
        e = X @ theta - y
        theta = theta - rate * (2 * e[:, None] * X).mean(axis=0)
        losses.append(mse(theta, X, y))
    return theta, losses, rates


def run_sgd_fixed_order(powers, theta, lr, epochs, x, y):
    X = features(x, powers)
    losses = [mse(theta, X, y)]
    for _ in range(epochs):
        for i in range(len(y)):
            e = X[i] @ theta - y[i]
            theta = theta - lr * 2 * e * X[i]
        losses.append(mse(theta, X, y))
    return theta, losses


def descent(binary, args, history):
    subprocess.run([binary, "train", *args, "--history", history], check=True, stdout=subprocess.DEVNULL)
    with open(history) as f:
        rows = list(csv.DictReader(f))
    return rows


def compare(name, rows, names, theta, losses):
    worst = 0.0
    if len(rows) != len(losses):
        print(f"{name}: {len(rows)} history rows, numpy has {len(losses)}")
        return False
    for row, loss in zip(rows, losses):
        worst = max(worst, abs(float(row["mse"]) - loss))
    final = np.array([float(rows[-1][n]) for n in names])
    worst_theta = float(np.max(np.abs(final - theta)))
    ok = worst < 1e-9 and worst_theta < 1e-9
    print(f"{name}: max |MSE difference| {worst:.3e} over {len(losses)} rows, "
          f"max |parameter difference| {worst_theta:.3e}: {'ok' if ok else 'MISMATCH'}")
    return ok


def poly_fit_predict(x_train, y_train, x_test, degree):
    """Least squares polynomial of `degree` on z-scored x and y (population sigma), predictions in y's units."""
    mx, sx, my, sy = x_train.mean(), x_train.std(), y_train.mean(), y_train.std()
    powers = list(range(1, degree + 1)) + [0]
    X = features((x_train - mx) / sx, powers)
    theta, *_ = np.linalg.lstsq(X, (y_train - my) / sy, rcond=None)
    return my + sy * (features((np.atleast_1d(x_test) - mx) / sx, powers) @ theta)


def check_degree_sweep(binary, tmp):
    """`descent figure degree-sweep --csv` against a direct refit per held-out person in numpy."""
    table = os.path.join(tmp, "sweep.csv")
    subprocess.run([binary, "figure", "degree-sweep", "--out", os.path.join(tmp, "sweep.png"), "--csv", table],
                   check=True, stdout=subprocess.DEVNULL)
    with open(table) as f:
        rows = list(csv.DictReader(f))
    ok = [r for r in rows][0].keys() == {"degree", "train_mse_cm2", "loo_mse_cm2"} and len(rows) == 8
    worst = 0.0
    for row in rows:
        degree = int(row["degree"])
        train = float(np.mean((poly_fit_predict(WEIGHT, HEIGHT, WEIGHT, degree) - HEIGHT) ** 2))
        loo = float(np.mean([(poly_fit_predict(np.delete(WEIGHT, i), np.delete(HEIGHT, i), WEIGHT[i], degree)[0] - HEIGHT[i]) ** 2
                             for i in range(len(WEIGHT))]))
        for ours, theirs in ((float(row["train_mse_cm2"]), train), (float(row["loo_mse_cm2"]), loo)):
            worst = max(worst, abs(ours - theirs) / max(1.0, abs(theirs)))
    ok = ok and worst < 1e-6
    print(f"degree sweep CSV: max relative difference from numpy's refits {worst:.3e} over degrees 1-8: {'ok' if ok else 'MISMATCH'}")
    return ok


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/descent"
    x, y = zscore(WEIGHT), zscore(HEIGHT)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        history = os.path.join(tmp, "h.csv")
        rows = descent(binary, ["--model", "linear", "--optimizer", "gd", "--lr", "0.1", "--epochs", "50",
                                "--init", "0.1,0.1"], history)
        theta, losses, _ = run_gd([1, 0], np.array([0.1, 0.1]), 0.1, 50, x, y)
        ok &= compare("linear gd", rows, ["w", "b"], theta, losses)

        rows = descent(binary, ["--model", "cubic", "--optimizer", "gd", "--lr", "0.05", "--epochs", "200",
                                "--stop", "fixed", "--init", "-1,0,0,1", "--schedule", "cosine"], history)
        theta, losses, rates = run_gd([1, 2, 3, 0], np.array([-1.0, 0, 0, 1]), 0.05, 200, x, y, cosine=True)
        ok &= compare("cubic gd, cosine schedule", rows, ["w1", "w2", "w3", "b"], theta, losses)
        worst_rate = max(abs(float(row["lr"]) - rate) for row, rate in zip(rows[1:], rates))
        rate_ok = worst_rate < 1e-15 and float(rows[0]["lr"]) == rates[0]
        print(f"cubic gd, cosine schedule: max |lr difference| {worst_rate:.3e}: {'ok' if rate_ok else 'MISMATCH'}")
        ok &= rate_ok

        rows = descent(binary, ["--model", "cubic", "--optimizer", "sgd", "--no-shuffle", "--lr", "0.01",
                                "--epochs", "65", "--stop", "fixed", "--init", "-1,0,0,1"], history)
        theta, losses = run_sgd_fixed_order([1, 2, 3, 0], np.array([-1.0, 0, 0, 1]), 0.01, 65, x, y)
        ok &= compare("cubic sgd", rows, ["w1", "w2", "w3", "b"], theta, losses)

        ok &= check_degree_sweep(binary, tmp)

        slope, intercept = np.polyfit(WEIGHT, HEIGHT, 1)
        print(f"closed form (numpy polyfit): height_cm = {intercept:.2f} + {slope:.4f}*weight_kg")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
