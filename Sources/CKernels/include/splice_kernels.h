#ifndef DESCENT_SPLICE_KERNELS_H
#define DESCENT_SPLICE_KERNELS_H

#include <stdint.h>

// PNG frames spliced over a compressed background (Plotting's `PNGBackground` and
// `SplicedPNGEncoder` describe the format): the background's row and tile pieces are reused
// where the frame equals it, and only changed tiles are compressed, by the fixed-Huffman
// encoder below (levels 1...9) or as stored blocks (level 0).

// The most bytes `descent_fixed_huffman_piece` writes for `count` input bytes (it may also
// store up to 8 bytes past its result, within this bound).
static inline long descent_fixed_huffman_bound(long count) { return (count * 9 + 7) / 8 + 24; }

// Writes one self-contained deflate piece for `count` bytes at `input` to `output` (room for
// `descent_fixed_huffman_bound(count)` bytes) and returns its length: a fixed-Huffman block
// (BFINAL 0) of literals and greedy matches at distance 1 or 3, 3...258 bytes long, never
// reaching before `input`, then an empty stored block, so the piece ends on a byte boundary.
long descent_fixed_huffman_piece(const uint8_t *input, long count, uint8_t *output);

// The most bytes `descent_stored_piece` writes for `count` input bytes.
static inline long descent_stored_bound(long count) { return count + 5 * (count / 65535 + 1); }

// Writes `count` bytes at `input` as stored blocks (BFINAL 0, at most 65535 bytes each; one
// empty block when `count` is 0) and returns the length written.
long descent_stored_piece(const uint8_t *input, long count, uint8_t *output);

// Adler-32 of `count` bytes at `input`, continuing from `adler` (1 to start), as zlib's adler32.
uint32_t descent_adler32(uint32_t adler, const uint8_t *input, long count);

// Adler-32 of A‖B from adler(A), adler(B) and |B|, as zlib's adler32_combine.
uint32_t descent_adler32_combine(uint32_t first, uint32_t second, long second_length);

// The filtered bytes [start, end) of row `y` of an ARGB32 raster (`stride` bytes a row) into
// `output[start, end)`: byte 0 is the filter type (2 with `filter_up`, else 0), then R G B per
// pixel; with the up filter each minus the same byte of the row above, none above row 0.
// Returns whether every pixel it read is opaque.
int descent_filter_row(const uint8_t *raster, long stride, long y, int filter_up, long start, long end, uint8_t *output);

// The background a frame is spliced over: its ARGB32 raster (opaque) and its pieces, all row
// pieces and then all tile pieces (row-major) back to back in `pieces`; piece i of the rows is
// `pieces[row_offsets[i] ..< row_offsets[i + 1]]` (height + 1 offsets), tile piece i is
// `pieces[tile_offsets[i] ..< tile_offsets[i + 1]]` (height · tiles + 1 offsets), each with its
// filtered bytes' Adler-32.
typedef struct {
    const uint8_t *raster;
    long stride;
    long width;
    long height;
    long tile_width;
    long tiles;
    // 1: the up filter (a byte minus the same byte of the row above); 0: no filter.
    int32_t filter_up;
    // 0: changed tiles as stored blocks; 1...9: fixed-Huffman pieces.
    int32_t level;
    const uint8_t *pieces;
    const long *row_offsets;
    const long *tile_offsets;
    const uint32_t *row_sums;
    const uint32_t *tile_sums;
} descent_splice_background;

// What a splice wrote besides the image data.
typedef struct {
    // Rows whose background row piece was reused whole.
    long reused_rows;
    // Tiles compressed for this frame.
    long compressed_tiles;
    // Runs of differing tiles, as (row, first pixel, end pixel) triples, in row order.
    long span_count;
} descent_splice_result;

// The most bytes of image data `descent_splice_frame` writes over `background`: its pieces'
// worst cases (each row its row piece or every tile's bigger case) plus the zlib header, the
// final empty block, the Adler-32 and 8 bytes of slack.
long descent_splice_bound(const descent_splice_background *background);

// Writes the zlib stream of `frame` (ARGB32, the background's size, `frame_stride` bytes a row)
// to `output` (room for `descent_splice_bound(background)` bytes): `78 01`, per row the
// background's row piece when the row equals it (and, with the up filter, the row above did
// too), else per tile its background piece or, when its pixels differ (or, with the up filter,
// those of the same tile in the row above did), its filtered bytes compressed now; then
// `03 00` and the Adler-32, combined from the pieces'. `spans` receives the runs of differing
// tiles (room for `height · (tiles / 2 + 1)` triples); `filtered` is scratch of `1 + 3 · width`
// bytes, `above` and `here` of `tiles` bytes. Returns the stream's length, or -1 when a changed
// tile holds a translucent pixel (the frame cannot be spliced).
long descent_splice_frame(const descent_splice_background *background, const uint8_t *frame, long frame_stride,
                             uint8_t *output, long *spans, uint8_t *filtered, uint8_t *above, uint8_t *here,
                             descent_splice_result *result);

// Makes a complete raw deflate stream (`size` bytes at `stream`, e.g. libdeflate's) a piece
// that other deflate data can follow: finds its final block by decoding the block structure,
// clears that block's BFINAL bit and ends the stream with an empty stored block (BFINAL 0), so
// it stops on a byte boundary. Needs room for `size + 5` bytes. Returns the new length, or -1
// when the data is not one complete deflate stream.
long descent_deflate_unfinal(uint8_t *stream, long size);

#endif
