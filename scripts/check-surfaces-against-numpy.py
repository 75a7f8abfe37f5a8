#!/usr/bin/env python3
"""Held-out checks of `--surface` against numpy.

1. Grids: `descent figure landscape --surface S --grid-csv` of several named surfaces and one
   formula, compared point by point with numpy's vectorised formulas (written here from the
   standard definitions, not from descent's) to 1e-12 relative (|a - b| <= 1e-12 * max(|b|, 1)).
2. Paths: `descent train --surface ... --optimizer gd --history` on Himmelblau and on a formula,
   compared every epoch with a plain numpy loop over the hand-written gradient to 1e-9.
3. Malformed formulas: each must exit 64 with a one-line error (no crash, no exit 70), naming the
   column where the problem is positional.

Exit status 0 when every check passes.

Usage: scripts/check-surfaces-against-numpy.py [path/to/descent]
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np

SURFACES = {
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
    "beale": lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    "himmelblau": lambda x, y: (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2,
    "saddle": lambda x, y: x ** 2 - y ** 2,
    "rastrigin": lambda x, y: 20 + x ** 2 - 10 * np.cos(2 * np.pi * x) + y ** 2 - 10 * np.cos(2 * np.pi * y),
    "styblinski-tang": lambda x, y: 0.5 * (x ** 4 - 16 * x ** 2 + 5 * x + y ** 4 - 16 * y ** 2 + 5 * y),
}
FORMULA = "x^2 + 10*y^2 + sin(3*x)*cos(2*y)"


def formula(x, y):
    return x ** 2 + 10 * y ** 2 + np.sin(3 * x) * np.cos(2 * y)


def formula_gradient(x, y):
    return 2 * x + 3 * np.cos(3 * x) * np.cos(2 * y), 20 * y - 2 * np.sin(3 * x) * np.sin(2 * y)


def himmelblau_gradient(x, y):
    return (4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7))


def samples(low, high, n):
    k = np.arange(n, dtype=float)
    values = low + (high - low) * k / (n - 1)
    values[-1] = high
    return values


def check_grid(binary, tmp, name, f, x_range, y_range, n=101):
    out = os.path.join(tmp, "g.csv")
    subprocess.run([binary, "figure", "landscape", "--surface", name, "--epochs", "1", "--grid", str(n),
                    "--range-x", f"{x_range[0]}:{x_range[1]}", "--range-y", f"{y_range[0]}:{y_range[1]}",
                    "--grid-csv", out, "--out", os.path.join(tmp, "g.png")], check=True, stdout=subprocess.DEVNULL)
    with open(out) as handle:
        rows = list(csv.DictReader(handle))
    xs, ys = samples(*x_range, n), samples(*y_range, n)
    X, Y = np.meshgrid(xs, ys)  # y outer, x inner, as the CSV
    expected = f(X, Y).ravel()
    got = np.array([float(row["loss"]) for row in rows])
    coordinates = np.array([[float(row["x"]), float(row["y"])] for row in rows])
    same_points = len(rows) == n * n and np.array_equal(coordinates[:, 0], X.ravel()) and np.array_equal(coordinates[:, 1], Y.ravel())
    worst = float(np.max(np.abs(got - expected) / np.maximum(np.abs(expected), 1))) if len(got) == len(expected) else float("inf")
    ok = same_points and worst <= 1e-12
    print(f"grid {name}: {n}x{n} points, max relative difference {worst:.3e}: {'ok' if ok else 'MISMATCH'}")
    return ok


def check_path(binary, tmp, name, gradient, f, start, lr, epochs):
    out = os.path.join(tmp, "h.csv")
    subprocess.run([binary, "train", "--surface", name, "--optimizer", "gd", "--lr", str(lr), "--epochs", str(epochs),
                    "--init", f"{start[0]},{start[1]}", "--history", out], check=True, stdout=subprocess.DEVNULL)
    with open(out) as handle:
        rows = list(csv.DictReader(handle))
    x, y = start
    worst = 0.0
    for epoch, row in enumerate(rows):
        worst = max(worst, abs(float(row["x"]) - x), abs(float(row["y"]) - y),
                    abs(float(row["loss"]) - f(x, y)) / max(1.0, abs(f(x, y))))
        gx, gy = gradient(x, y)
        x, y = x - lr * gx, y - lr * gy
    ok = len(rows) == epochs + 1 and worst <= 1e-9
    print(f"gd path {name}: {len(rows) - 1} epochs, max difference {worst:.3e}: {'ok' if ok else 'MISMATCH'}")
    return ok


# (formula, whether the error must name a column)
MALFORMED = [
    ("(x + y", True), ("x + y)", True), ("x +", True), ("x * ", True), ("foo(x)", True), ("x y", True),
    ("2..3", True), ("", False), ("   ", False), ("sin()", True), ("^2", True), ("x \u2212 y", True),
    ("(" * 300 + "x" + ")" * 300, True), ("log(-1)", False), ("x ** 2", True), ("sin x", True), ("3x", True),
    ("x +* y", True), ("1e", True), ("x^", True), ("()", True), ("sqrt(x, y)", True), ("x = 2", True),
    ("abs(x", True), ("tan(", True), ("pi(x)", True), ("x \u00d7 y", True), ("1/(x - x)", False), ("exp(exp(10))", False),
    # A value starting with "--" is taken for an option by the argument parser: a leading space keeps it a formula.
    (" " + "-" * 400 + "x", True), ("-(" * 300 + "x" + ")" * 300, True),
]


def check_malformed(binary):
    ok = True
    for text, positional in MALFORMED:
        result = subprocess.run([binary, "train", "--surface", text], capture_output=True, text=True)
        lines = result.stderr.strip().split("\n")
        problems = []
        if result.returncode != 64:
            problems.append(f"exit {result.returncode}")
        if len(lines) != 1 or not lines[0]:
            problems.append(f"{len(lines)} lines")
        if positional and "column" not in result.stderr:
            problems.append("no column")
        shown = text if len(text) < 30 else text[:27] + "..."
        print(f"malformed {shown!r}: {'ok' if not problems else ', '.join(problems)}: {lines[0][:110]}")
        ok &= not problems
    return ok


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/descent"
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name, f in SURFACES.items():
            ok &= check_grid(binary, tmp, name, f, (-2.5, 2.0), (-1.5, 3.0))
        ok &= check_grid(binary, tmp, FORMULA, formula, (-3.0, 3.0), (-2.0, 2.5))
        ok &= check_path(binary, tmp, "himmelblau", himmelblau_gradient, SURFACES["himmelblau"], (0.0, 0.0), 0.01, 300)
        ok &= check_path(binary, tmp, FORMULA, formula_gradient, formula, (2.0, 1.5), 0.01, 300)
    ok &= check_malformed(binary)
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
