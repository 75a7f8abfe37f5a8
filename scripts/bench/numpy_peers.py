#!/usr/bin/env python3
"""The numpy and pure-Python peers of `descent-bench`.

Each subcommand measures one thing the way a numpy user would write it, takes the median of
RUNS runs and prints one JSON object on standard output (seconds unless named otherwise):

  landscape N GRID RUNS DIRECT_N
      A GRID x GRID loss landscape of the linear model over the (w, b) plane around the least
      squares solution, on N synthetic z-scored rows.
      - "direct": numpy evaluating mean((w*x + b - y)^2) at every grid point over DIRECT_N rows
        (broadcast in blocks of grid rows), extrapolated linearly to N rows
        (seconds * N / DIRECT_N), because the direct sum at N = 10^6 would take hours.
      - "quadratic": numpy with the quadratic form: one pass over the N rows for the 2x2 Gram
        matrix, the cross moments and mean(y^2) (X.T @ X with X = [x, 1]), then the whole grid
        vectorized as c + a*g_a + b*g_b + G_aa*a^2 + 2*G_ab*a*b + G_bb*b^2.
  surface GRID RUNS
      - "rosenbrock_seconds": numpy evaluating the Rosenbrock function (1 - x)^2 + 100 (y - x^2)^2
        on a GRID x GRID grid over x in [-2, 2], y in [-1, 3], vectorized (np.meshgrid, then the
        formula on the whole arrays), as a numpy user draws a test surface.
  training N RUNS EPOCHS SGD_N
      - "gd_linear", "gd_cubic": one full-batch gradient-descent epoch, vectorized: with the
        feature matrix X (x, x^2, x^3, 1) built once, e = X @ theta - y, mse = e @ e / N,
        g = 2 X.T @ e / N, theta -= lr * g (the MSE of each epoch is recorded, as Descent does).
      - "sgd_ns_per_sample": the notebook's per-sample Python loop (linear model, shuffled
        order, scalar updates of w and b) over SGD_N rows, in nanoseconds per sample, with the
        record Descent keeps before and after every epoch (MSE, MAE in original units, gradient
        norm; vectorized), so both sides count the same work.
  floor PNG RUNS
      zlib level 1 (Python's zlib, the C library) compressing one frame's raw pixels (RGB, one
      filter byte 0 per row, as a PNG's IDAT stream holds them): seconds per frame.

Usage: python3 scripts/bench/numpy_peers.py SUBCOMMAND ARGS...
"""
import json
import statistics
import sys
import time
import zlib

import numpy as np


def synthetic_raw(n, seed=8):
    """N rows like the notebook's weight -> height data, in kg and cm."""
    rng = np.random.default_rng(seed)
    weight = rng.normal(75.0, 12.0, n)
    return weight, 100.0 + 0.95 * weight + rng.normal(0.0, 6.0, n)


def synthetic(n, seed=8):
    """N rows like the notebook's weight -> height data, z-scored (population std)."""
    weight, height = synthetic_raw(n, seed)
    return (weight - weight.mean()) / weight.std(), (height - height.mean()) / height.std()


def median_time(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plane_axes(x, y, grid):
    slope, intercept = np.polyfit(x, y, 1)
    return np.linspace(slope - 2, slope + 2, grid), np.linspace(intercept - 2, intercept + 2, grid)


def landscape(n, grid, runs, direct_n):
    x, y = synthetic(n)
    ws, bs = plane_axes(x, y, grid)

    xs, ys = x[:direct_n], y[:direct_n]

    def direct():
        out = np.empty((grid, grid))
        block = max(1, 4_000_000 // (grid * direct_n))
        for row in range(0, grid, block):
            b = bs[row:row + block, None, None]
            e = ws[None, :, None] * xs[None, None, :] + b - ys[None, None, :]
            out[row:row + block] = np.mean(e * e, axis=-1)
        return out

    def quadratic():
        X = np.stack([x, np.ones_like(x)], axis=1)
        gram = X.T @ X / n
        cross = X.T @ y / n
        mean_square_y = y @ y / n
        a, b = np.meshgrid(ws, bs)
        return (gram[0, 0] * a * a + 2 * gram[0, 1] * a * b + gram[1, 1] * b * b
                - 2 * (cross[0] * a + cross[1] * b) + mean_square_y)

    direct_seconds = median_time(direct, max(1, min(runs, 3)))
    quadratic_seconds = median_time(quadratic, runs)
    return {
        "n": n, "grid": grid, "direct_n": direct_n,
        "direct_measured_seconds": direct_seconds,
        "direct_extrapolated_seconds": direct_seconds * n / direct_n,
        "quadratic_seconds": quadratic_seconds,
    }


def surface(grid, runs):
    xs, ys = np.linspace(-2.0, 2.0, grid), np.linspace(-1.0, 3.0, grid)

    def rosenbrock():
        x, y = np.meshgrid(xs, ys)
        return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2

    return {"grid": grid, "rosenbrock_seconds": median_time(rosenbrock, runs)}


def training(n, runs, epochs, sgd_n):
    x, y = synthetic(n)
    result = {"n": n, "epochs": epochs, "sgd_n": sgd_n}
    for name, powers, lr in (("gd_linear", (1, 0), 0.1), ("gd_cubic", (1, 2, 3, 0), 0.01)):
        X = np.stack([x ** p for p in powers], axis=1)

        def run():
            theta = np.full(len(powers), 0.1)
            for _ in range(epochs):
                e = X @ theta - y
                _mse = e @ e / n
                g = 2 * (X.T @ e) / n
                theta = theta - lr * g
            return theta

        result[name] = median_time(run, runs) / epochs

    # The SGD rows, z-scored by themselves as Descent's trainer sees them, and their original y.
    weight, height = synthetic_raw(sgd_n)
    xs, ys = (weight - weight.mean()) / weight.std(), (height - height.mean()) / height.std()
    y_mean, y_std = height.mean(), height.std()

    def record(w, b):
        # What Descent records before and after every epoch: the MSE, the MAE in original
        # units and the full-batch gradient norm, in one vectorized pass.
        prediction = w * xs + b
        e = prediction - ys
        mse = e @ e / sgd_n
        mae = np.mean(np.abs(prediction * y_std + y_mean - height))
        norm = np.hypot(2 * (e @ xs) / sgd_n, 2 * e.sum() / sgd_n)
        return mse, mae, norm

    def sgd():
        # The notebook's loop: shuffle, then one scalar update per sample; recorded before and
        # after the epoch as Descent records it (the same work on both sides).
        w, b, lr = 0.1, 0.1, 0.001
        record(w, b)
        order = np.random.permutation(len(xs))
        for i in order:
            xi, yi = xs[i], ys[i]
            y_pred = w * xi + b
            error = y_pred - yi
            dw = 2 * error * xi
            db = 2 * error
            w -= lr * dw
            b -= lr * db
        record(w, b)
        return w, b

    result["sgd_ns_per_sample"] = median_time(sgd, max(1, min(runs, 3))) / sgd_n * 1e9
    return result


def floor(png_path, runs):
    import matplotlib.image as mpimg

    image = mpimg.imread(png_path)
    if image.dtype != np.uint8:
        image = (image * 255 + 0.5).astype(np.uint8)
    rgb = image[:, :, :3]
    height, width, _ = rgb.shape
    raw = np.zeros((height, width * 3 + 1), dtype=np.uint8)
    raw[:, 1:] = rgb.reshape(height, width * 3)
    data = raw.tobytes()
    seconds = median_time(lambda: zlib.compress(data, 1), runs)
    return {"width": width, "height": height, "seconds": seconds, "bytes": len(zlib.compress(data, 1))}


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "landscape":
        result = landscape(int(args[0]), int(args[1]), int(args[2]), int(args[3]))
    elif command == "surface":
        result = surface(int(args[0]), int(args[1]))
    elif command == "training":
        result = training(int(args[0]), int(args[1]), int(args[2]), int(args[3]))
    elif command == "floor":
        result = floor(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown subcommand {command!r}: use landscape, surface, training or floor")
    result["numpy"] = np.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
