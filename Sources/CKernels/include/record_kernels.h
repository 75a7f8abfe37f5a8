#ifndef DESCENT_RECORD_KERNELS_H
#define DESCENT_RECORD_KERNELS_H

/// The sums of Training's record pass over some rows: `Σe²`, `Σ|ŷ·scale + mean − y_original|`
/// and `Σ 2e·φk` for the features `φ = (x, 1)` (linear: `g0`, `g1`) or `(x, x², x³, 1)` (cubic).
typedef struct {
    double squares, absolutes, g0, g1, g2, g3;
} descent_record_sums;

/// The record pass over rows `0 ..< count` (`count` a multiple of 4) of the linear (`cubic == 0`,
/// `theta = (w, b)`) or cubic model (`theta = (w1, w2, w3, b)`), in four interleaved lanes: lane
/// `l` sums the rows `l, l + 4, l + 8, …` in order, each row with the trainer's operations
/// (`ŷ = ((0 + w1·x) + w2·x²) + w3·x³) + b` with `x² = x·x`, `x³ = x²·x`; `e = ŷ − y`;
/// `(2e)·φk`), and the lanes are added in lane order: `((l0 + l1) + l2) + l3`. On x86-64
/// processors with AVX2 a lane group is one instruction, elsewhere two; the same bits.
void descent_record_lanes(int cubic, const double *theta, const double *x, const double *y,
                          const double *originalY, long count, double scale, double mean,
                          descent_record_sums *out);

/// `descent_record_lanes` on the baseline path whatever the processor (for tests).
void descent_record_lanes_baseline(int cubic, const double *theta, const double *x, const double *y,
                                   const double *originalY, long count, double scale, double mean,
                                   descent_record_sums *out);

#endif
