#include "raster_kernels.h"

#include <string.h>

#include "kernel_support.h"

// One output row. Channels are summed two at a time in 16-bit lanes of a 32-bit word (red and
// blue in one, alpha and green in the other). Called with k a constant (2, 3, 4), so the
// loops unroll and the division by k² becomes a multiplication.
static inline __attribute__((always_inline)) void block_mean_row(const uint8_t *top, long source_stride, uint32_t *out,
                                                                 long width, long k) {
    const uint32_t count = (uint32_t)(k * k);
    for (long x = 0; x < width; x++) {
        uint32_t red_blue = 0, alpha_green = 0;
        for (long dy = 0; dy < k; dy++) {
            const uint8_t *row = top + dy * source_stride + 4 * x * k;
            for (long dx = 0; dx < k; dx++) {
                uint32_t pixel;
                memcpy(&pixel, row + 4 * dx, 4);
                red_blue += pixel & 0x00FF00FFu;
                alpha_green += (pixel >> 8) & 0x00FF00FFu;
            }
        }
        const uint32_t half = count / 2;
        const uint32_t a = ((alpha_green >> 16) + half) / count, g = ((alpha_green & 0xFFFF) + half) / count;
        const uint32_t r = ((red_blue >> 16) + half) / count, b = ((red_blue & 0xFFFF) + half) / count;
        out[x] = a << 24 | r << 16 | g << 8 | b;
    }
}

void descent_block_mean(const uint8_t *source, long source_stride, uint8_t *target, long target_stride,
                        long width, long height, long k) {
    for (long y = 0; y < height; y++) {
        const uint8_t *top = source + y * k * source_stride;
        uint32_t *out = (uint32_t *)(void *)(target + y * target_stride);
        switch (k) {
        case 2: block_mean_row(top, source_stride, out, width, 2); break;
        case 3: block_mean_row(top, source_stride, out, width, 3); break;
        case 4: block_mean_row(top, source_stride, out, width, 4); break;
        default: block_mean_row(top, source_stride, out, width, k); break;
        }
    }
}

// Pixels [x, width) of one row: R G B each, alphas ANDed into the result.
static inline uint32_t rgb_tail(const uint32_t *row, long x, long width, uint8_t *out) {
    uint32_t alphas = 0xFF000000u;
    for (; x < width; x++) {
        const uint32_t pixel = row[x];
        alphas &= pixel;
        out[3 * x] = (uint8_t)(pixel >> 16);
        out[3 * x + 1] = (uint8_t)(pixel >> 8);
        out[3 * x + 2] = (uint8_t)pixel;
    }
    return alphas;
}

// One row's pixels as R G B each; returns the AND of their words (alpha 0xFF000000 when all opaque).
typedef uint32_t (*rgb_row_function)(const uint32_t *row, long width, uint8_t *out);

static uint32_t rgb_row_baseline(const uint32_t *row, long width, uint8_t *out) { return rgb_tail(row, 0, width, out); }

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

// Eight pixels an iteration: a byte shuffle in each 128-bit half gathers four pixels' R G B
// into its first 12 bytes; the halves are stored 12 bytes apart (each store writes 4 bytes past
// its pixels, which the next store or the scalar tail overwrites: the loop stops 2 pixels early).
__attribute__((target("avx2"))) static uint32_t rgb_row_avx2(const uint32_t *row, long width, uint8_t *out) {
    const __m256i shuffle = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                                             2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i opaque = _mm256_set1_epi32((int)0xFF000000u);
    __m256i alphas = opaque;
    long x = 0;
    for (; x + 10 <= width; x += 8) {
        const __m256i pixels = _mm256_loadu_si256((const __m256i *)(const void *)(row + x));
        alphas = _mm256_and_si256(alphas, pixels);
        const __m256i packed = _mm256_shuffle_epi8(pixels, shuffle);
        _mm_storeu_si128((__m128i *)(void *)(out + 3 * x), _mm256_castsi256_si128(packed));
        _mm_storeu_si128((__m128i *)(void *)(out + 3 * x + 12), _mm256_extracti128_si256(packed, 1));
    }
    const int all = _mm256_movemask_epi8(_mm256_cmpeq_epi32(_mm256_and_si256(alphas, opaque), opaque)) == -1;
    return rgb_tail(row, x, width, out) & (all ? 0xFFFFFFFFu : 0x00FFFFFFu);
}
#endif

// Every row through `convert`, each after its filter byte 0.
static int rgb_scanlines(rgb_row_function convert, const uint8_t *raster, long stride, long width, long first, long height,
                         uint8_t *output) {
    uint32_t alphas = 0xFF000000u;
    const long row_bytes = 1 + 3 * width;
    for (long y = first; y < height; y++) {
        uint8_t *out = output + (y - first) * row_bytes;
        out[0] = 0;
        alphas &= convert((const uint32_t *)(const void *)(raster + y * stride), width, out + 1);
    }
    return (alphas & 0xFF000000u) == 0xFF000000u;
}

int descent_rgb_scanlines(const uint8_t *raster, long stride, long width, long first, long height, uint8_t *output) {
#if defined(__x86_64__) && defined(__clang__)
    if (descent_cpu_has_avx2()) return rgb_scanlines(rgb_row_avx2, raster, stride, width, first, height, output);
#endif
    return rgb_scanlines(rgb_row_baseline, raster, stride, width, first, height, output);
}

// Test hook: the baseline path whatever the processor.
int descent_rgb_scanlines_baseline(const uint8_t *raster, long stride, long width, long first, long height, uint8_t *output) {
    return rgb_scanlines(rgb_row_baseline, raster, stride, width, first, height, output);
}
