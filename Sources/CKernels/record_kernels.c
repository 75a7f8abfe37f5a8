#include "record_kernels.h"

#include "kernel_support.h"

// One IEEE double operation per lane and step, as written: no contraction, no reassociation.
#pragma clang fp contract(off)

#define DESCENT_LANES_TOTAL(v) ((((v)[0] + (v)[1]) + (v)[2]) + (v)[3])

#define DESCENT_RECORD_BODY                                                                         \
    const lanes4 zero = DESCENT_SPLAT4(0.0), two = DESCENT_SPLAT4(2.0);                             \
    const lanes4 scaleV = DESCENT_SPLAT4(scale), meanV = DESCENT_SPLAT4(mean);                      \
    lanes4 squares = zero, absolutes = zero, g0 = zero, g1 = zero, g2 = zero, g3 = zero;            \
    if (!cubic) {                                                                                   \
        const lanes4 w = DESCENT_SPLAT4(theta[0]), b = DESCENT_SPLAT4(theta[1] * 1.0);              \
        for (long i = 0; i + 4 <= count; i += 4) {                                                  \
            const lanes4 xv = DESCENT_LOAD4(x + i);                                                 \
            const lanes4 prediction = (zero + w * xv) + b;                                          \
            const lanes4 error = prediction - DESCENT_LOAD4(y + i);                                 \
            squares += error * error;                                                               \
            absolutes += DESCENT_ABS4((prediction * scaleV + meanV) - DESCENT_LOAD4(originalY + i)); \
            const lanes4 twice = two * error;                                                       \
            g0 += twice * xv;                                                                       \
            g1 += twice;                                                                            \
        }                                                                                           \
    } else {                                                                                        \
        const lanes4 w1 = DESCENT_SPLAT4(theta[0]), w2 = DESCENT_SPLAT4(theta[1]);                  \
        const lanes4 w3 = DESCENT_SPLAT4(theta[2]), b = DESCENT_SPLAT4(theta[3] * 1.0);             \
        for (long i = 0; i + 4 <= count; i += 4) {                                                  \
            const lanes4 xv = DESCENT_LOAD4(x + i);                                                 \
            const lanes4 square = xv * xv, cube = square * xv;                                      \
            const lanes4 prediction = (((zero + w1 * xv) + w2 * square) + w3 * cube) + b;           \
            const lanes4 error = prediction - DESCENT_LOAD4(y + i);                                 \
            squares += error * error;                                                               \
            absolutes += DESCENT_ABS4((prediction * scaleV + meanV) - DESCENT_LOAD4(originalY + i)); \
            const lanes4 twice = two * error;                                                       \
            g0 += twice * xv;                                                                       \
            g1 += twice * square;                                                                   \
            g2 += twice * cube;                                                                     \
            g3 += twice;                                                                            \
        }                                                                                           \
    }                                                                                               \
    out->squares = DESCENT_LANES_TOTAL(squares);                                                    \
    out->absolutes = DESCENT_LANES_TOTAL(absolutes);                                                \
    out->g0 = DESCENT_LANES_TOTAL(g0);                                                              \
    out->g1 = DESCENT_LANES_TOTAL(g1);                                                              \
    out->g2 = DESCENT_LANES_TOTAL(g2);                                                              \
    out->g3 = DESCENT_LANES_TOTAL(g3);

void descent_record_lanes_baseline(int cubic, const double *theta, const double *x, const double *y,
                                   const double *originalY, long count, double scale, double mean,
                                   descent_record_sums *out) {
    DESCENT_RECORD_BODY
}

#if defined(__x86_64__) && defined(__clang__)
__attribute__((target("avx2")))
static void descent_record_lanes_avx2(int cubic, const double *theta, const double *x, const double *y,
                                      const double *originalY, long count, double scale, double mean,
                                      descent_record_sums *out) {
    DESCENT_RECORD_BODY
}

void descent_record_lanes(int cubic, const double *theta, const double *x, const double *y,
                          const double *originalY, long count, double scale, double mean,
                          descent_record_sums *out) {
    if (descent_cpu_has_avx2()) {
        descent_record_lanes_avx2(cubic, theta, x, y, originalY, count, scale, mean, out);
    } else {
        descent_record_lanes_baseline(cubic, theta, x, y, originalY, count, scale, mean, out);
    }
}
#else
void descent_record_lanes(int cubic, const double *theta, const double *x, const double *y,
                          const double *originalY, long count, double scale, double mean,
                          descent_record_sums *out) {
    descent_record_lanes_baseline(cubic, theta, x, y, originalY, count, scale, mean, out);
}
#endif
