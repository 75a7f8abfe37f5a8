#include "sgd_kernels.h"

#include <math.h>

// Only the fused multiply-adds written as fma(); no other contraction.
#pragma clang fp contract(off)

#define DESCENT_SGD_BODY                                                                      \
    const double c = -(2 * eta);                                                              \
    if (!cubic) {                                                                             \
        double w = theta[0], b = theta[1];                                                    \
        int finite = 1;                                                                       \
        for (long p = 0; p < count; p++) {                                                    \
            const long i = order[p];                                                          \
            const double xi = x[i];                                                           \
            const double e = fma(w, xi, b) - y[i];                                            \
            w = fma(c * xi, e, w);                                                            \
            b = fma(c, e, b);                                                                 \
            if (!(isfinite(w) && isfinite(b))) { finite = 0; break; }                         \
        }                                                                                     \
        theta[0] = w;                                                                         \
        theta[1] = b;                                                                         \
        return finite;                                                                        \
    }                                                                                         \
    double w1 = theta[0], w2 = theta[1], w3 = theta[2], b = theta[3];                         \
    int finite = 1;                                                                           \
    for (long p = 0; p < count; p++) {                                                        \
        const long i = order[p];                                                              \
        const double xi = x[i], square = xi * xi, cube = square * xi;                         \
        const double e = fma(w1, xi, fma(w2, square, fma(w3, cube, b))) - y[i];               \
        w1 = fma(c * xi, e, w1);                                                              \
        w2 = fma(c * square, e, w2);                                                          \
        w3 = fma(c * cube, e, w3);                                                            \
        b = fma(c, e, b);                                                                     \
        if (!(isfinite(w1) && isfinite(w2) && isfinite(w3) && isfinite(b))) { finite = 0; break; } \
    }                                                                                         \
    theta[0] = w1;                                                                            \
    theta[1] = w2;                                                                            \
    theta[2] = w3;                                                                            \
    theta[3] = b;                                                                             \
    return finite;

int descent_sgd_epoch_baseline(int cubic, const long *order, long count, const double *x, const double *y,
                               double eta, double *theta) {
    DESCENT_SGD_BODY
}

#if defined(__x86_64__) && defined(__clang__)
__attribute__((target("fma")))
static int descent_sgd_epoch_fma(int cubic, const long *order, long count, const double *x, const double *y,
                                 double eta, double *theta) {
    DESCENT_SGD_BODY
}

int descent_sgd_uses_fma(void) {
    return __builtin_cpu_supports("fma");
}

int descent_sgd_epoch(int cubic, const long *order, long count, const double *x, const double *y,
                      double eta, double *theta) {
    if (__builtin_cpu_supports("fma")) {
        return descent_sgd_epoch_fma(cubic, order, count, x, y, eta, theta);
    }
    return descent_sgd_epoch_baseline(cubic, order, count, x, y, eta, theta);
}
#else
int descent_sgd_uses_fma(void) {
#if defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}

int descent_sgd_epoch(int cubic, const long *order, long count, const double *x, const double *y,
                      double eta, double *theta) {
    return descent_sgd_epoch_baseline(cubic, order, count, x, y, eta, theta);
}
#endif
