#ifndef DESCENT_STATISTICS_KERNELS_H
#define DESCENT_STATISTICS_KERNELS_H

/// Four compensated running sums, one a lane: lane `l` adds the rows `l, l + 4, l + 8, …` in
/// order with TwoSum (`t = s + v`, `v' = t - s`, error `(s - (t - v')) + (v - v')` added into
/// `compensation`, then `s = t`).
typedef struct {
    double sum[4];
    double compensation[4];
} descent_lane_sums;

/// Pass 1 of the linear model's statistics over rows `0 ..< count` (`count` a multiple of 4):
/// `out[0..4]` = the lane sums of `x`, `x*x`, `y`, `y*x`, `y*y`.
void descent_moments_lanes(const double *x, const double *y, long count, descent_lane_sums *out);

/// Pass 2 at the center `(w, b)` over rows `0 ..< count` (`count` a multiple of 4), with the
/// residual `r = ((0 + w*x) + b) - y`: `out[0..2]` = the lane sums of `r*r`, `r*x`, `r`.
void descent_residual_lanes(const double *x, const double *y, long count, double w, double b, descent_lane_sums *out);

/// `descent_moments_lanes` and `descent_residual_lanes` on the baseline path whatever the
/// processor (for tests); the AVX2 path gives the same bits.
void descent_moments_lanes_baseline(const double *x, const double *y, long count, descent_lane_sums *out);
void descent_residual_lanes_baseline(const double *x, const double *y, long count, double w, double b, descent_lane_sums *out);

#endif
