#include "raster_kernels.h"

#include <string.h>

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
