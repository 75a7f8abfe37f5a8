#ifndef DESCENT_PLANE_KERNELS_H
#define DESCENT_PLANE_KERNELS_H

/// The terms of one expansion of a plane quadratic that depend only on the grid row `b`:
/// `db = b - b0`, `value = c + (db*lb + Gvv*db*db)` and its rounding bound.
typedef struct {
    double db;
    double value;
    double bound;
} descent_plane_row_terms;

/// One row of a plane quadratic's grid (Training's `PlaneQuadratic.value(a:b:)`, column by column,
/// with the same IEEE operations in the same order, so the same bits):
///
///     for each expansion e < expansions (1 or 2):
///         mixed = columns[e][2][c] * rows[e].db
///         value = (columns[e][0][c] + rows[e].value) + mixed
///         bound = (columns[e][1][c] + rows[e].bound) + |mixed|
///         the expansion with the smallest bound below infinity wins (the first on a tie)
///     output[c] = winner >= 0 ? winner : 0   (0 when no bound is below infinity, or for NaN)
///
/// `columns` holds `expansions * 3 * width` doubles: term `k` of expansion `e` for column `c` at
/// `(e * 3 + k) * width + c`. On x86-64 processors with AVX2 the row runs four columns an
/// instruction, elsewhere two (SSE2) or the compiler's baseline width; the results are identical.
void descent_plane_row(const double *columns, long width, int expansions,
                       const descent_plane_row_terms *rows, double *output);

/// Whether `descent_plane_row` takes its AVX2 path on this processor (for tests and benchmarks).
int descent_plane_row_uses_avx2(void);

/// `descent_plane_row` on the baseline path whatever the processor (for tests).
void descent_plane_row_baseline(const double *columns, long width, int expansions,
                                const descent_plane_row_terms *rows, double *output);

#endif
