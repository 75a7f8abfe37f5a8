#ifndef DESCENT_PNG_WRITER_H
#define DESCENT_PNG_WRITER_H

#include <stddef.h>
#include <stdint.h>

// libpng's write calls with its errors caught by setjmp here, in C, so that its longjmp never
// crosses a Swift frame: the caller gets a status and the message, on its own thread.

/// One text chunk: `tEXt` when `latin1` (the bytes are Latin-1), else `iTXt` (UTF-8).
typedef struct descent_png_text {
    const char *key;
    const uint8_t *bytes;
    size_t length;
    int latin1;
} descent_png_text;

/// Fills row `y` of the image into `row`: its pixels from `row + 1` on (`row[0]`, the place of a
/// scanline's filter byte, is the function's to use; libpng adds its own).
typedef void (*descent_png_row_function)(void *context, uint32_t y, uint8_t *row);

/// What to write.
typedef struct descent_png_image {
    uint32_t width;
    uint32_t height;
    /// 2 (RGB) or 6 (RGBA), eight bits a channel.
    int color_type;
    int compression_level;
    /// libpng's PNG_FILTER_* mask, for the row path.
    int filter_mask;
    uint32_t pixels_per_metre;
    const descent_png_text *texts;
    int text_count;
    /// A complete zlib stream of the filtered scanlines, written as the one `IDAT` chunk; when
    /// NULL the rows come from `row`, filtered and deflated by libpng.
    const uint8_t *image_data;
    size_t image_data_length;
    descent_png_row_function row;
    void *row_context;
} descent_png_image;

/// The PNG of `image` in a buffer from malloc (`*output`, `*length`; the caller frees it), 0 on
/// success; nonzero when libpng reported an error, whose message is then in `message` (cut to
/// `message_capacity` bytes, NUL-terminated) and nothing is left allocated.
int descent_png_write(const descent_png_image *image, uint8_t **output, size_t *length,
                      char *message, size_t message_capacity);

#endif
