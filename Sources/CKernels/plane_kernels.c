#include "plane_kernels.h"

#include <math.h>

#include "kernel_support.h"

// Every operation below is one IEEE double operation, as Swift computes it: no contraction into
// fused multiply-adds, no reassociation.
#pragma clang fp contract(off)

// The row's loop, written once and compiled for each target below. Branch-free selects so the
// compiler vectorizes it; the comparisons keep `value(a:b:)`'s NaN and infinity cases: a bound
// that is NaN or infinite never wins, and `best >= 0` is false for NaN.
#define DESCENT_PLANE_ROW_BODY                                                                  \
    const double *restrict value0 = columns, *restrict bound0 = columns + width,                \
                 *restrict mixed0 = columns + 2 * width;                                        \
    const double db0 = rows[0].db, row0 = rows[0].value, rowBound0 = rows[0].bound;             \
    if (expansions < 2) {                                                                       \
        for (long c = 0; c < width; c++) {                                                      \
            double mixed = mixed0[c] * db0;                                                     \
            double value = (value0[c] + row0) + mixed;                                          \
            double bound = (bound0[c] + rowBound0) + fabs(mixed);                               \
            double best = bound < INFINITY ? value : 0.0;                                       \
            output[c] = best >= 0.0 ? best : 0.0;                                               \
        }                                                                                       \
        return;                                                                                 \
    }                                                                                           \
    const double *restrict value1 = columns + 3 * width, *restrict bound1 = columns + 4 * width, \
                 *restrict mixed1 = columns + 5 * width;                                        \
    const double db1 = rows[1].db, row1 = rows[1].value, rowBound1 = rows[1].bound;             \
    for (long c = 0; c < width; c++) {                                                          \
        double mixedA = mixed0[c] * db0;                                                        \
        double valueA = (value0[c] + row0) + mixedA;                                            \
        double boundA = (bound0[c] + rowBound0) + fabs(mixedA);                                 \
        double mixedB = mixed1[c] * db1;                                                        \
        double valueB = (value1[c] + row1) + mixedB;                                            \
        double boundB = (bound1[c] + rowBound1) + fabs(mixedB);                                 \
        int firstWins = boundA < INFINITY;                                                      \
        double best = firstWins ? valueA : 0.0;                                                 \
        double threshold = firstWins ? boundA : INFINITY;                                       \
        best = boundB < threshold ? valueB : best;                                              \
        output[c] = best >= 0.0 ? best : 0.0;                                                   \
    }

void descent_plane_row_baseline(const double *restrict columns, long width, int expansions,
                                const descent_plane_row_terms *rows, double *restrict output) {
    DESCENT_PLANE_ROW_BODY
}

#if defined(__x86_64__) && defined(__clang__)
__attribute__((target("avx2")))
static void descent_plane_row_avx2(const double *restrict columns, long width, int expansions,
                                   const descent_plane_row_terms *rows, double *restrict output) {
    DESCENT_PLANE_ROW_BODY
}

int descent_plane_row_uses_avx2(void) {
    return descent_cpu_has_avx2();
}

void descent_plane_row(const double *columns, long width, int expansions,
                       const descent_plane_row_terms *rows, double *output) {
    if (descent_cpu_has_avx2()) {
        descent_plane_row_avx2(columns, width, expansions, rows, output);
    } else {
        descent_plane_row_baseline(columns, width, expansions, rows, output);
    }
}
#else
int descent_plane_row_uses_avx2(void) { return 0; }

void descent_plane_row(const double *columns, long width, int expansions,
                       const descent_plane_row_terms *rows, double *output) {
    descent_plane_row_baseline(columns, width, expansions, rows, output);
}
#endif
