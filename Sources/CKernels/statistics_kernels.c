#include "statistics_kernels.h"

#include "kernel_support.h"

// One IEEE double operation per lane and step, as written: no contraction, no reassociation.
#pragma clang fp contract(off)

#define DESCENT_TWO_SUM(s, c, v)                      \
    do {                                              \
        lanes4 total_ = (s) + (v);                    \
        lanes4 virtual_ = total_ - (s);               \
        (c) += ((s) - (total_ - virtual_)) + ((v) - virtual_); \
        (s) = total_;                                 \
    } while (0)

#define DESCENT_STORE_SUMS(out, s, c)                 \
    do {                                              \
        memcpy((out).sum, &(s), sizeof(s));           \
        memcpy((out).compensation, &(c), sizeof(c));  \
    } while (0)

#define DESCENT_MOMENTS_BODY                                                         \
    const lanes4 zero = DESCENT_SPLAT4(0.0);                                         \
    lanes4 s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero;                    \
    lanes4 c0 = zero, c1 = zero, c2 = zero, c3 = zero, c4 = zero;                    \
    for (long i = 0; i + 4 <= count; i += 4) {                                       \
        lanes4 xv = DESCENT_LOAD4(x + i), yv = DESCENT_LOAD4(y + i);                 \
        lanes4 xx = xv * xv, yx = yv * xv, yy = yv * yv;                             \
        DESCENT_TWO_SUM(s0, c0, xv);                                                 \
        DESCENT_TWO_SUM(s1, c1, xx);                                                 \
        DESCENT_TWO_SUM(s2, c2, yv);                                                 \
        DESCENT_TWO_SUM(s3, c3, yx);                                                 \
        DESCENT_TWO_SUM(s4, c4, yy);                                                 \
    }                                                                                \
    DESCENT_STORE_SUMS(out[0], s0, c0);                                              \
    DESCENT_STORE_SUMS(out[1], s1, c1);                                              \
    DESCENT_STORE_SUMS(out[2], s2, c2);                                              \
    DESCENT_STORE_SUMS(out[3], s3, c3);                                              \
    DESCENT_STORE_SUMS(out[4], s4, c4);

#define DESCENT_RESIDUAL_BODY                                                        \
    const lanes4 wv = DESCENT_SPLAT4(w), bv = DESCENT_SPLAT4(b), zero = DESCENT_SPLAT4(0.0); \
    lanes4 s0 = zero, s1 = zero, s2 = zero, c0 = zero, c1 = zero, c2 = zero;         \
    for (long i = 0; i + 4 <= count; i += 4) {                                       \
        lanes4 xv = DESCENT_LOAD4(x + i), yv = DESCENT_LOAD4(y + i);                 \
        lanes4 r = ((zero + wv * xv) + bv) - yv;                                     \
        lanes4 rr = r * r, rx = r * xv;                                              \
        DESCENT_TWO_SUM(s0, c0, rr);                                                 \
        DESCENT_TWO_SUM(s1, c1, rx);                                                 \
        DESCENT_TWO_SUM(s2, c2, r);                                                  \
    }                                                                                \
    DESCENT_STORE_SUMS(out[0], s0, c0);                                              \
    DESCENT_STORE_SUMS(out[1], s1, c1);                                              \
    DESCENT_STORE_SUMS(out[2], s2, c2);

void descent_moments_lanes_baseline(const double *x, const double *y, long count, descent_lane_sums *out) {
    DESCENT_MOMENTS_BODY
}

void descent_residual_lanes_baseline(const double *x, const double *y, long count, double w, double b,
                                     descent_lane_sums *out) {
    DESCENT_RESIDUAL_BODY
}

#if defined(__x86_64__) && defined(__clang__)
__attribute__((target("avx2")))
static void descent_moments_lanes_avx2(const double *x, const double *y, long count, descent_lane_sums *out) {
    DESCENT_MOMENTS_BODY
}

__attribute__((target("avx2")))
static void descent_residual_lanes_avx2(const double *x, const double *y, long count, double w, double b,
                                        descent_lane_sums *out) {
    DESCENT_RESIDUAL_BODY
}

void descent_moments_lanes(const double *x, const double *y, long count, descent_lane_sums *out) {
    if (descent_cpu_has_avx2()) {
        descent_moments_lanes_avx2(x, y, count, out);
    } else {
        descent_moments_lanes_baseline(x, y, count, out);
    }
}

void descent_residual_lanes(const double *x, const double *y, long count, double w, double b, descent_lane_sums *out) {
    if (descent_cpu_has_avx2()) {
        descent_residual_lanes_avx2(x, y, count, w, b, out);
    } else {
        descent_residual_lanes_baseline(x, y, count, w, b, out);
    }
}
#else
void descent_moments_lanes(const double *x, const double *y, long count, descent_lane_sums *out) {
    descent_moments_lanes_baseline(x, y, count, out);
}

void descent_residual_lanes(const double *x, const double *y, long count, double w, double b, descent_lane_sums *out) {
    descent_residual_lanes_baseline(x, y, count, w, b, out);
}
#endif
