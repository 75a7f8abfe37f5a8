#include "png_writer.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

// The output buffer and the first error message; libpng's io and error pointer.
typedef struct writer_state {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
    char *message;
    size_t message_capacity;
} writer_state;

static void record(writer_state *state, const char *message) {
    if (state->message_capacity == 0 || state->message[0] != 0) return;
    const char *text = message ? message : "unknown error";
    size_t count = strlen(text);
    if (count >= state->message_capacity) count = state->message_capacity - 1;
    memcpy(state->message, text, count);
    state->message[count] = 0;
}

// Records the message and returns to descent_png_write's setjmp (never into libpng).
static void on_error(png_structp png, png_const_charp message) {
    writer_state *state = png_get_error_ptr(png);
    if (state) record(state, message);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void on_write(png_structp png, png_bytep data, size_t count) {
    writer_state *state = png_get_io_ptr(png);
    if (count > state->capacity - state->length) {
        size_t capacity = state->capacity ? state->capacity : 1 << 16;
        while (count > capacity - state->length) {
            if (capacity > SIZE_MAX / 2) png_error(png, "the PNG is too large for memory");
            capacity *= 2;
        }
        uint8_t *grown = realloc(state->bytes, capacity);
        if (!grown) png_error(png, "out of memory for the PNG");
        state->bytes = grown;
        state->capacity = capacity;
    }
    memcpy(state->bytes + state->length, data, count);
    state->length += count;
}

static void on_flush(png_structp png) { (void)png; }

static const png_byte chunk_idat[5] = {'I', 'D', 'A', 'T', 0};
static const png_byte chunk_iend[5] = {'I', 'E', 'N', 'D', 0};

// The libpng calls after the structures exist; any png_error lands in the caller's setjmp.
static void write_png(png_structp png, png_infop info, const descent_png_image *image, png_textp texts,
                      uint8_t *row) {
    png_set_compression_level(png, image->compression_level);
    png_set_filter(png, 0, image->filter_mask);
    png_set_IHDR(png, info, image->width, image->height, 8, image->color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, image->pixels_per_metre, image->pixels_per_metre, PNG_RESOLUTION_METER);
    for (int i = 0; i < image->text_count; i++) {
        const descent_png_text *text = &image->texts[i];
        texts[i].compression = text->latin1 ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
        texts[i].key = (png_charp)text->key;
        texts[i].text = (png_charp)text->bytes;
        texts[i].text_length = text->latin1 ? text->length : 0;
        texts[i].itxt_length = text->latin1 ? 0 : text->length;
        texts[i].lang = NULL;
        texts[i].lang_key = NULL;
    }
    if (image->text_count > 0) png_set_text(png, info, texts, image->text_count);
    png_write_info(png, info);
    if (image->image_data) {
        png_write_chunk(png, chunk_idat, image->image_data, image->image_data_length);
        png_write_chunk(png, chunk_iend, NULL, 0);
        return;
    }
    for (uint32_t y = 0; y < image->height; y++) {
        image->row(image->row_context, y, row);
        png_write_row(png, row + 1);
    }
    png_write_end(png, info);
}

int descent_png_write(const descent_png_image *image, uint8_t **output, size_t *length,
                      char *message, size_t message_capacity) {
    if (message_capacity > 0) message[0] = 0;
    *output = NULL;
    *length = 0;
    // Made before setjmp and not changed in this function after it, so a longjmp leaves them
    // as they were; the state the callbacks change lives on the heap, not in this frame.
    writer_state *state = calloc(1, sizeof *state);
    if (!state) return 1;
    state->message = message;
    state->message_capacity = message_capacity;
    png_textp texts = image->text_count > 0 ? calloc((size_t)image->text_count, sizeof(png_text)) : NULL;
    size_t channels = image->color_type == PNG_COLOR_TYPE_RGB_ALPHA ? 4 : 3;
    uint8_t *row = image->image_data ? NULL : malloc(image->width * channels + 1);
    if ((image->text_count > 0 && !texts) || (!image->image_data && (!row || !image->row))) {
        free(texts);
        free(row);
        record(state, image->image_data || image->row ? "out of memory" : "no image data and no rows");
        free(state);
        return 1;
    }
    if (image->image_data) {
        // The whole file: the image data, the texts and a kilobyte for the other chunks.
        size_t capacity = image->image_data_length + 1024;
        for (int i = 0; i < image->text_count; i++) capacity += image->texts[i].length + 64;
        state->bytes = malloc(capacity);
        state->capacity = state->bytes ? capacity : 0;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, state, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    int status = 0;
    if (!png || !info) {
        record(state, png ? "could not create the info structure" : "could not create the write structure");
        status = 1;
    } else if (setjmp(png_jmpbuf(png)) == 0) {
        png_set_write_fn(png, state, on_write, on_flush);
        write_png(png, info, image, texts, row);
    } else {
        status = 1;
    }
    if (png) png_destroy_write_struct(&png, info ? &info : NULL);
    free(texts);
    free(row);
    if (status == 0) {
        *output = state->bytes;
        *length = state->length;
    } else {
        free(state->bytes);
    }
    free(state);
    return status;
}
