#ifndef DESCENT_SGD_KERNELS_H
#define DESCENT_SGD_KERNELS_H

/// One epoch of single-sample SGD for the linear (`cubic == 0`: `theta = (w, b)`) or the cubic
/// model (`theta = (w1, w2, w3, b)`) over the rows `order[0 ..< count]`, with Training's
/// per-sample update (`Trainer`'s documentation): with the features `φ = (x, 1)` or
/// `(x, x*x, (x*x)*x, 1)` and `c = -(2*eta)`,
///
///     t = b;  t = fma(θk, φk, t) for the other parameters from the last to the first
///     e = t - y
///     θk = fma(c*φk, e, θk) for every parameter (c*1 = c)
///
/// Returns 1 when every update left `theta` finite, else 0 right after the first that did not
/// (`theta` is written back either way). On x86-64 processors with FMA the fused multiply-adds are
/// single instructions, elsewhere the C library's `fma`; both are correctly rounded, so the same bits.
int descent_sgd_epoch(int cubic, const long *order, long count, const double *x, const double *y,
                      double eta, double *theta);

/// `descent_sgd_epoch` through the C library's `fma` whatever the processor (for tests).
int descent_sgd_epoch_baseline(int cubic, const long *order, long count, const double *x, const double *y,
                               double eta, double *theta);

/// Whether `descent_sgd_epoch` takes its FMA-instruction path on this processor.
int descent_sgd_uses_fma(void);

#endif
