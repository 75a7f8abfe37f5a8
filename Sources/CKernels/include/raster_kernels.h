#ifndef DESCENT_RASTER_KERNELS_H
#define DESCENT_RASTER_KERNELS_H

#include <stdint.h>

// The k x k block mean of an ARGB32 raster (premultiplied, 8 bits a channel): target pixel
// (x, y) is, channel by channel, (sum + k²/2) / k² over source pixels (k·x + i, k·y + j),
// i, j in 0..<k. `width` and `height` are the target's; 1 <= k <= 16 (so a channel's sum fits
// 16 bits). Rows are `source_stride` and `target_stride` bytes apart.
void descent_block_mean(const uint8_t *source, long source_stride, uint8_t *target, long target_stride,
                        long width, long height, long k);

// Rows [first, height) of an opaque ARGB32 raster (`stride` bytes a row, `width` pixels) as
// PNG scanlines without a filter: per row the filter byte 0, then R G B per pixel, into
// `output` ((height − first) · (1 + 3 · width) bytes). Returns whether every pixel read had
// alpha 255; when one did not, the bytes are not the image's (its PNG needs an alpha channel).
int descent_rgb_scanlines(const uint8_t *raster, long stride, long width, long first, long height, uint8_t *output);
// The same without vector instructions, whatever the processor (for tests).
int descent_rgb_scanlines_baseline(const uint8_t *raster, long stride, long width, long first, long height, uint8_t *output);

#endif
