#ifndef DESCENT_NETWORK_KERNELS_H
#define DESCENT_NETWORK_KERNELS_H

/// The network's activation, `tanh`, four values an instruction: the algorithm of fdlibm's
/// `tanh` and `expm1` (Sun Microsystems, 1993; glibc's generic `tanh` is the same), written once
/// over four lanes with branch-free selects, so every value is the same bits whichever lane, path
/// or processor computes it. For `|x| < 22`: `t = expm1(2|x|)`, `1 − 2/(t + 2)` when `|x| ≥ 1`,
/// else `t = expm1(−2|x|)`, `−t/(t + 2)`; `±1` beyond, `x` itself below `2⁻⁵⁵`, NaN for NaN, the
/// sign of `x`. Within about two units in the last place, as the C library's (whose `tanh` is
/// this algorithm, built with FMA contractions on processors that have FMA, so its last bits
/// depend on the processor; these do not). Odd, monotone.
///
/// `out` may be `in`. Any `n ≥ 0`.
void descent_tanh_lanes(const double *in, double *out, long n);

/// `descent_tanh_lanes` for one value.
double descent_tanh(double x);

/// The network `ŷ = Σⱼ vⱼ·tanh(wⱼ·x + cⱼ) + b` (`theta = (w₁…w_H, c₁…c_H, v₁…v_H, b)`) at one
/// input: writes `hⱼ = tanh(wⱼ·x + cⱼ)` (`descent_tanh`) to `hidden[0 ..< units]` and returns `ŷ`,
/// the sum `((0 + v₁h₁) + v₂h₂) + … + b` in that order.
double descent_network_forward(long units, const double *theta, double x, double *hidden);

/// `(1/n) Σᵢ (ŷᵢ − yᵢ)²` over the rows in order, each `ŷᵢ` exactly as `descent_network_forward`
/// computes it (four rows at a time). `n > 0`.
double descent_network_mse(long units, const double *theta, const double *x, const double *y, long n);

/// The same two on the baseline instructions whatever the processor (for tests).
void descent_tanh_lanes_baseline(const double *in, double *out, long n);
double descent_network_mse_baseline(long units, const double *theta, const double *x, const double *y, long n);

#endif
