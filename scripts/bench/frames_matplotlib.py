#!/usr/bin/env python3
"""The matplotlib peer of `descent frames` for the speed comparison.

Draws the same three-panel 1920x1080 frame as `descent frames --model linear --optimizer gd
--lr 0.05 --init -1.5,1.5 --epochs 60`: the fit in original units (scatter + line), the MSE so
far (line with markers, closed-form minimum dashed), and the loss landscape (imshow heatmap on a
log colour scale, labelled contours, colorbar) with the path so far. Matplotlib is used the fast
way: the Agg backend, one figure reused, the artists updated in place (set_data / set_text) and
`savefig` once per frame into OUT/frame_00001.png, ...

Usage: python3 scripts/bench/frames_matplotlib.py OUT [EPOCHS]
"""
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402

WEIGHT = np.array([58, 59, 62, 78, 68, 70, 88, 89, 92, 91], dtype=float)
HEIGHT = np.array([150, 157, 163, 168, 171, 175, 179, 182, 185, 190], dtype=float)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "frames_mpl"
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    os.makedirs(out, exist_ok=True)
    started = time.perf_counter()

    mx, sx = WEIGHT.mean(), WEIGHT.std()
    my, sy = HEIGHT.mean(), HEIGHT.std()
    x, y = (WEIGHT - mx) / sx, (HEIGHT - my) / sy

    # Full-batch gradient descent, lr 0.05, from (w, b) = (-1.5, 1.5); epoch 0 is the start.
    w, b, lr = -1.5, 1.5, 0.05
    path = [(w, b, np.mean((w * x + b - y) ** 2))]
    for _ in range(epochs):
        e = w * x + b - y
        w, b = w - lr * np.mean(2 * e * x), b - lr * np.mean(2 * e)
        path.append((w, b, np.mean((w * x + b - y) ** 2)))
    path = np.array(path)
    optimum = np.polyfit(x, y, 1)
    optimum_mse = np.mean((optimum[0] * x + optimum[1] - y) ** 2)

    # The landscape grid (400 x 400) over the path and the optimum with 12 % margins.
    def span(values):
        low, high = values.min(), values.max()
        pad = 0.12 * (high - low)
        return low - pad, high + pad

    wr = span(np.append(path[:, 0], optimum[0]))
    br = span(np.append(path[:, 1], optimum[1]))
    ws, bs = np.linspace(*wr, 400), np.linspace(*br, 400)
    W, B = np.meshgrid(ws, bs)
    L = np.mean((W[..., None] * x + B[..., None] - y) ** 2, axis=-1)

    fig = plt.figure(figsize=(19.2, 10.8), dpi=100)
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [0.85, 0.85, 1.4]})
    title = fig.suptitle("", fontsize=21, fontweight="bold")

    fit, loss, land = axes
    xs = np.linspace(WEIGHT.min() - 1.4, WEIGHT.max() + 1.4, 240)
    fit.scatter(WEIGHT, HEIGHT, color="#0072B2", zorder=3, label="data")
    (curve,) = fit.plot([], [], color="#D55E00", lw=2, label="linear")
    fit.set_xlim(xs[0], xs[-1])
    fit.set_ylim(145, 232)
    fit.set_xlabel("weight (kg)")
    fit.set_ylabel("height (cm)")
    fit.legend(loc="upper right")
    fit.grid(True, alpha=0.3)

    (loss_line,) = loss.plot([], [], "-o", color="#D55E00", ms=3, lw=1.5)
    (loss_now,) = loss.plot([], [], "o", color="black", ms=8)
    loss.axhline(optimum_mse, ls="--", color="#D55E00", label=f"optimum {optimum_mse:.4f}")
    loss.set_xlim(-0.02 * epochs, 1.02 * epochs)
    loss.set_ylim(0, path[:, 2].max() * 1.2)
    loss.set_xlabel("epoch")
    loss.set_ylabel("MSE (normalised)")
    loss.legend(loc="upper right")
    loss.grid(True, alpha=0.3)

    image = land.imshow(L, origin="lower", extent=(*wr, *br), aspect="auto", norm=LogNorm(L.min(), L.max()), cmap="viridis")
    contours = land.contour(ws, bs, L, levels=[0.2, 0.5, 1, 2, 5], colors="white", linewidths=1)
    land.clabel(contours, fmt="%g")
    fig.colorbar(image, ax=land, label="MSE")
    (path_line,) = land.plot([], [], "-o", color="#FF3B6B", ms=5, lw=1.5, label="path")
    land.plot([path[0, 0]], [path[0, 1]], "s", color="#FF9F1C", mec="black", label="start")
    land.plot([optimum[0]], [optimum[1]], "D", color="white", mec="black", label="optimum")
    land.set_xlabel("w")
    land.set_ylabel("b")
    land.set_title("loss landscape", fontweight="bold")
    land.legend(loc="upper right")

    for epoch in range(1, epochs + 1):
        w, b, mse = path[epoch]
        title.set_text(f"Epoch {epoch} | y = {w:.3f}x + {b:.3f} | MSE: {mse:.4f}")
        curve.set_data(xs, (w * (xs - mx) / sx + b) * sy + my)
        loss_line.set_data(np.arange(epoch + 1), path[: epoch + 1, 2])
        loss_now.set_data([epoch], [mse])
        path_line.set_data(path[: epoch + 1, 0], path[: epoch + 1, 1])
        fig.savefig(os.path.join(out, f"frame_{epoch:05d}.png"))

    elapsed = time.perf_counter() - started
    print(f"matplotlib {matplotlib.__version__}: {epochs} frames in {elapsed:.2f} s ({epochs / elapsed:.1f} frames/s)")


if __name__ == "__main__":
    main()
