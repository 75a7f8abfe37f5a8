#ifndef DESCENT_RASTER_KERNELS_H
#define DESCENT_RASTER_KERNELS_H

#include <stdint.h>

// The k x k block mean of an ARGB32 raster (premultiplied, 8 bits a channel): target pixel
// (x, y) is, channel by channel, (sum + k²/2) / k² over source pixels (k·x + i, k·y + j),
// i, j in 0..<k. `width` and `height` are the target's; 1 <= k <= 16 (so a channel's sum fits
// 16 bits). Rows are `source_stride` and `target_stride` bytes apart.
void descent_block_mean(const uint8_t *source, long source_stride, uint8_t *target, long target_stride,
                        long width, long height, long k);

#endif
