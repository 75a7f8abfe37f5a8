#include "splice_kernels.h"

#include <string.h>

// Fixed literal/length codes, bit-reversed (deflate writes Huffman codes from their top bit
// into a stream read from each byte's low bit), symbols 0...287: code | length << 16.
static const uint32_t literal_codes[288] = {
    0x8000c, 0x8008c, 0x8004c, 0x800cc, 0x8002c, 0x800ac, 0x8006c, 0x800ec, 0x8001c, 0x8009c, 0x8005c, 0x800dc,
    0x8003c, 0x800bc, 0x8007c, 0x800fc, 0x80002, 0x80082, 0x80042, 0x800c2, 0x80022, 0x800a2, 0x80062, 0x800e2,
    0x80012, 0x80092, 0x80052, 0x800d2, 0x80032, 0x800b2, 0x80072, 0x800f2, 0x8000a, 0x8008a, 0x8004a, 0x800ca,
    0x8002a, 0x800aa, 0x8006a, 0x800ea, 0x8001a, 0x8009a, 0x8005a, 0x800da, 0x8003a, 0x800ba, 0x8007a, 0x800fa,
    0x80006, 0x80086, 0x80046, 0x800c6, 0x80026, 0x800a6, 0x80066, 0x800e6, 0x80016, 0x80096, 0x80056, 0x800d6,
    0x80036, 0x800b6, 0x80076, 0x800f6, 0x8000e, 0x8008e, 0x8004e, 0x800ce, 0x8002e, 0x800ae, 0x8006e, 0x800ee,
    0x8001e, 0x8009e, 0x8005e, 0x800de, 0x8003e, 0x800be, 0x8007e, 0x800fe, 0x80001, 0x80081, 0x80041, 0x800c1,
    0x80021, 0x800a1, 0x80061, 0x800e1, 0x80011, 0x80091, 0x80051, 0x800d1, 0x80031, 0x800b1, 0x80071, 0x800f1,
    0x80009, 0x80089, 0x80049, 0x800c9, 0x80029, 0x800a9, 0x80069, 0x800e9, 0x80019, 0x80099, 0x80059, 0x800d9,
    0x80039, 0x800b9, 0x80079, 0x800f9, 0x80005, 0x80085, 0x80045, 0x800c5, 0x80025, 0x800a5, 0x80065, 0x800e5,
    0x80015, 0x80095, 0x80055, 0x800d5, 0x80035, 0x800b5, 0x80075, 0x800f5, 0x8000d, 0x8008d, 0x8004d, 0x800cd,
    0x8002d, 0x800ad, 0x8006d, 0x800ed, 0x8001d, 0x8009d, 0x8005d, 0x800dd, 0x8003d, 0x800bd, 0x8007d, 0x800fd,
    0x90013, 0x90113, 0x90093, 0x90193, 0x90053, 0x90153, 0x900d3, 0x901d3, 0x90033, 0x90133, 0x900b3, 0x901b3,
    0x90073, 0x90173, 0x900f3, 0x901f3, 0x9000b, 0x9010b, 0x9008b, 0x9018b, 0x9004b, 0x9014b, 0x900cb, 0x901cb,
    0x9002b, 0x9012b, 0x900ab, 0x901ab, 0x9006b, 0x9016b, 0x900eb, 0x901eb, 0x9001b, 0x9011b, 0x9009b, 0x9019b,
    0x9005b, 0x9015b, 0x900db, 0x901db, 0x9003b, 0x9013b, 0x900bb, 0x901bb, 0x9007b, 0x9017b, 0x900fb, 0x901fb,
    0x90007, 0x90107, 0x90087, 0x90187, 0x90047, 0x90147, 0x900c7, 0x901c7, 0x90027, 0x90127, 0x900a7, 0x901a7,
    0x90067, 0x90167, 0x900e7, 0x901e7, 0x90017, 0x90117, 0x90097, 0x90197, 0x90057, 0x90157, 0x900d7, 0x901d7,
    0x90037, 0x90137, 0x900b7, 0x901b7, 0x90077, 0x90177, 0x900f7, 0x901f7, 0x9000f, 0x9010f, 0x9008f, 0x9018f,
    0x9004f, 0x9014f, 0x900cf, 0x901cf, 0x9002f, 0x9012f, 0x900af, 0x901af, 0x9006f, 0x9016f, 0x900ef, 0x901ef,
    0x9001f, 0x9011f, 0x9009f, 0x9019f, 0x9005f, 0x9015f, 0x900df, 0x901df, 0x9003f, 0x9013f, 0x900bf, 0x901bf,
    0x9007f, 0x9017f, 0x900ff, 0x901ff, 0x70000, 0x70040, 0x70020, 0x70060, 0x70010, 0x70050, 0x70030, 0x70070,
    0x70008, 0x70048, 0x70028, 0x70068, 0x70018, 0x70058, 0x70038, 0x70078, 0x70004, 0x70044, 0x70024, 0x70064,
    0x70014, 0x70054, 0x70034, 0x70074, 0x80003, 0x80083, 0x80043, 0x800c3, 0x80023, 0x800a3, 0x80063, 0x800e3,};

// Match lengths 3...258: the bit-reversed length symbol with its extra bits above it,
// bits | total bit count << 24 (entries 0...2 unused).
static const uint32_t length_codes[259] = {
    0x00000000, 0x00000000, 0x00000000, 0x07000040, 0x07000020, 0x07000060, 0x07000010, 0x07000050,
    0x07000030, 0x07000070, 0x07000008, 0x08000048, 0x080000c8, 0x08000028, 0x080000a8, 0x08000068,
    0x080000e8, 0x08000018, 0x08000098, 0x09000058, 0x090000d8, 0x09000158, 0x090001d8, 0x09000038,
    0x090000b8, 0x09000138, 0x090001b8, 0x09000078, 0x090000f8, 0x09000178, 0x090001f8, 0x09000004,
    0x09000084, 0x09000104, 0x09000184, 0x0a000044, 0x0a0000c4, 0x0a000144, 0x0a0001c4, 0x0a000244,
    0x0a0002c4, 0x0a000344, 0x0a0003c4, 0x0a000024, 0x0a0000a4, 0x0a000124, 0x0a0001a4, 0x0a000224,
    0x0a0002a4, 0x0a000324, 0x0a0003a4, 0x0a000064, 0x0a0000e4, 0x0a000164, 0x0a0001e4, 0x0a000264,
    0x0a0002e4, 0x0a000364, 0x0a0003e4, 0x0a000014, 0x0a000094, 0x0a000114, 0x0a000194, 0x0a000214,
    0x0a000294, 0x0a000314, 0x0a000394, 0x0b000054, 0x0b0000d4, 0x0b000154, 0x0b0001d4, 0x0b000254,
    0x0b0002d4, 0x0b000354, 0x0b0003d4, 0x0b000454, 0x0b0004d4, 0x0b000554, 0x0b0005d4, 0x0b000654,
    0x0b0006d4, 0x0b000754, 0x0b0007d4, 0x0b000034, 0x0b0000b4, 0x0b000134, 0x0b0001b4, 0x0b000234,
    0x0b0002b4, 0x0b000334, 0x0b0003b4, 0x0b000434, 0x0b0004b4, 0x0b000534, 0x0b0005b4, 0x0b000634,
    0x0b0006b4, 0x0b000734, 0x0b0007b4, 0x0b000074, 0x0b0000f4, 0x0b000174, 0x0b0001f4, 0x0b000274,
    0x0b0002f4, 0x0b000374, 0x0b0003f4, 0x0b000474, 0x0b0004f4, 0x0b000574, 0x0b0005f4, 0x0b000674,
    0x0b0006f4, 0x0b000774, 0x0b0007f4, 0x0c000003, 0x0c000103, 0x0c000203, 0x0c000303, 0x0c000403,
    0x0c000503, 0x0c000603, 0x0c000703, 0x0c000803, 0x0c000903, 0x0c000a03, 0x0c000b03, 0x0c000c03,
    0x0c000d03, 0x0c000e03, 0x0c000f03, 0x0d000083, 0x0d000183, 0x0d000283, 0x0d000383, 0x0d000483,
    0x0d000583, 0x0d000683, 0x0d000783, 0x0d000883, 0x0d000983, 0x0d000a83, 0x0d000b83, 0x0d000c83,
    0x0d000d83, 0x0d000e83, 0x0d000f83, 0x0d001083, 0x0d001183, 0x0d001283, 0x0d001383, 0x0d001483,
    0x0d001583, 0x0d001683, 0x0d001783, 0x0d001883, 0x0d001983, 0x0d001a83, 0x0d001b83, 0x0d001c83,
    0x0d001d83, 0x0d001e83, 0x0d001f83, 0x0d000043, 0x0d000143, 0x0d000243, 0x0d000343, 0x0d000443,
    0x0d000543, 0x0d000643, 0x0d000743, 0x0d000843, 0x0d000943, 0x0d000a43, 0x0d000b43, 0x0d000c43,
    0x0d000d43, 0x0d000e43, 0x0d000f43, 0x0d001043, 0x0d001143, 0x0d001243, 0x0d001343, 0x0d001443,
    0x0d001543, 0x0d001643, 0x0d001743, 0x0d001843, 0x0d001943, 0x0d001a43, 0x0d001b43, 0x0d001c43,
    0x0d001d43, 0x0d001e43, 0x0d001f43, 0x0d0000c3, 0x0d0001c3, 0x0d0002c3, 0x0d0003c3, 0x0d0004c3,
    0x0d0005c3, 0x0d0006c3, 0x0d0007c3, 0x0d0008c3, 0x0d0009c3, 0x0d000ac3, 0x0d000bc3, 0x0d000cc3,
    0x0d000dc3, 0x0d000ec3, 0x0d000fc3, 0x0d0010c3, 0x0d0011c3, 0x0d0012c3, 0x0d0013c3, 0x0d0014c3,
    0x0d0015c3, 0x0d0016c3, 0x0d0017c3, 0x0d0018c3, 0x0d0019c3, 0x0d001ac3, 0x0d001bc3, 0x0d001cc3,
    0x0d001dc3, 0x0d001ec3, 0x0d001fc3, 0x0d000023, 0x0d000123, 0x0d000223, 0x0d000323, 0x0d000423,
    0x0d000523, 0x0d000623, 0x0d000723, 0x0d000823, 0x0d000923, 0x0d000a23, 0x0d000b23, 0x0d000c23,
    0x0d000d23, 0x0d000e23, 0x0d000f23, 0x0d001023, 0x0d001123, 0x0d001223, 0x0d001323, 0x0d001423,
    0x0d001523, 0x0d001623, 0x0d001723, 0x0d001823, 0x0d001923, 0x0d001a23, 0x0d001b23, 0x0d001c23,
    0x0d001d23, 0x0d001e23, 0x080000a3,};

// A little-endian bit writer: bits go in from the low end, four bytes at a time go out.
typedef struct {
    uint64_t accumulator;
    uint32_t filled;
    uint8_t *output;
    long position;
} bit_writer;

static inline void put_bits(bit_writer *writer, uint32_t bits, uint32_t length) {
    writer->accumulator |= (uint64_t)bits << writer->filled;
    writer->filled += length;
    if (writer->filled >= 32) {
        uint32_t word = (uint32_t)writer->accumulator;
        memcpy(writer->output + writer->position, &word, 4);  // little-endian hosts (x86-64, arm64)
        writer->position += 4;
        writer->accumulator >>= 32;
        writer->filled -= 32;
    }
}

// How many of the `limit` bytes from `p` equal `value`, eight at a time.
static inline long run_of_byte(const uint8_t *p, uint8_t value, long limit) {
    const uint64_t pattern = 0x0101010101010101ULL * value;
    long n = 0;
    while (n + 8 <= limit) {
        uint64_t word;
        memcpy(&word, p + n, 8);
        uint64_t difference = word ^ pattern;
        if (difference) return n + (__builtin_ctzll(difference) >> 3);
        n += 8;
    }
    while (n < limit && p[n] == value) n++;
    return n;
}

// How many of the `limit` bytes from `p` equal the byte three before them, eight at a time.
static inline long run_of_pixel(const uint8_t *p, long limit) {
    long n = 0;
    while (n + 8 <= limit) {
        uint64_t word, earlier;
        memcpy(&word, p + n, 8);
        memcpy(&earlier, p + n - 3, 8);
        uint64_t difference = word ^ earlier;
        if (difference) return n + (__builtin_ctzll(difference) >> 3);
        n += 8;
    }
    while (n < limit && p[n] == p[n - 3]) n++;
    return n;
}

long descent_fixed_huffman_piece(const uint8_t *input, long count, uint8_t *output) {
    bit_writer writer = {0, 0, output, 0};
    put_bits(&writer, 0x2, 3);  // BFINAL 0, BTYPE 01 (fixed codes)
    long index = 0;
    while (index < count) {
        long best = 0;
        int far = 0;
        const long limit = count - index < 258 ? count - index : 258;
        // A run starts only where its first byte matches (the cheap test first: most bytes of a
        // busy tile start none).
        if (index >= 1 && input[index] == input[index - 1]) {
            long length = run_of_byte(input + index, input[index - 1], limit);
            if (length >= 3) best = length;
        }
        if (index >= 3 && best < limit && input[index] == input[index - 3]) {
            long length = run_of_pixel(input + index, limit);
            if (length >= 3 && length > best) {
                best = length;
                far = 1;
            }
        }
        if (best >= 3) {
            uint32_t code = length_codes[best];
            put_bits(&writer, code & 0xFFFFFF, code >> 24);
            put_bits(&writer, far ? 0x08 : 0x00, 5);  // distance codes 0 (1) and 2 (3), reversed
            index += best;
        } else {
            uint32_t code = literal_codes[input[index]];
            put_bits(&writer, code & 0xFFFF, code >> 16);
            index += 1;
        }
    }
    put_bits(&writer, literal_codes[256] & 0xFFFF, literal_codes[256] >> 16);  // end of block
    put_bits(&writer, 0, 3);  // BFINAL 0, BTYPE 00 (stored), then padding to a byte
    while (writer.filled > 0) {
        output[writer.position++] = (uint8_t)writer.accumulator;
        writer.accumulator >>= 8;
        writer.filled = writer.filled >= 8 ? writer.filled - 8 : 0;
    }
    static const uint8_t empty_stored[4] = {0x00, 0x00, 0xFF, 0xFF};  // LEN 0, NLEN 0xFFFF
    memcpy(output + writer.position, empty_stored, 4);
    return writer.position + 4;
}

long descent_stored_piece(const uint8_t *input, long count, uint8_t *output) {
    long position = 0;
    do {
        long length = count < 65535 ? count : 65535;
        output[position] = 0x00;  // BFINAL 0, BTYPE 00, then padding
        output[position + 1] = (uint8_t)length;
        output[position + 2] = (uint8_t)(length >> 8);
        output[position + 3] = (uint8_t)~length;
        output[position + 4] = (uint8_t)(~length >> 8);
        memcpy(output + position + 5, input, (size_t)length);
        position += 5 + length;
        input += length;
        count -= length;
    } while (count > 0);
    return position;
}

enum { adler_base = 65521, adler_block = 5552 };

uint32_t descent_adler32(uint32_t adler, const uint8_t *input, long count) {
    uint32_t a = adler & 0xFFFF, b = adler >> 16;
    while (count > 0) {
        long n = count < adler_block ? count : adler_block;
        count -= n;
        for (; n >= 8; n -= 8, input += 8) {
            a += input[0]; b += a; a += input[1]; b += a; a += input[2]; b += a; a += input[3]; b += a;
            a += input[4]; b += a; a += input[5]; b += a; a += input[6]; b += a; a += input[7]; b += a;
        }
        for (; n > 0; n--) {
            a += *input++;
            b += a;
        }
        a %= adler_base;
        b %= adler_base;
    }
    return a | b << 16;
}

uint32_t descent_adler32_combine(uint32_t first, uint32_t second, long second_length) {
    const uint64_t remainder = (uint64_t)(second_length % adler_base);
    uint64_t a = first & 0xFFFF;
    uint64_t b = remainder * a % adler_base;
    a += (second & 0xFFFF) + adler_base - 1;
    b += (first >> 16) + (second >> 16) + adler_base - remainder;
    if (a >= adler_base) a -= adler_base;
    if (a >= adler_base) a -= adler_base;
    if (b >= 2 * adler_base) b -= 2 * adler_base;
    if (b >= adler_base) b -= adler_base;
    return (uint32_t)(a | b << 16);
}

int descent_filter_row(const uint8_t *raster, long stride, long y, int filter_up, long start, long end, uint8_t *output) {
    if (start == 0) {
        output[0] = filter_up ? 2 : 0;
        start = 1;
    }
    const long first = (start - 1) / 3, last = (end - 1) / 3;
    const uint32_t *row = (const uint32_t *)(const void *)(raster + y * stride);
    uint32_t opaque = 0xFF000000u;
    if (filter_up && y > 0) {
        const uint32_t *upper = (const uint32_t *)(const void *)(raster + (y - 1) * stride);
        for (long x = first; x < last; x++) {
            const uint32_t pixel = row[x], above = upper[x];
            opaque &= pixel;
            uint8_t *o = output + 1 + 3 * x;
            o[0] = (uint8_t)((pixel >> 16) - (above >> 16));
            o[1] = (uint8_t)((pixel >> 8) - (above >> 8));
            o[2] = (uint8_t)(pixel - above);
        }
    } else {
        for (long x = first; x < last; x++) {
            const uint32_t pixel = row[x];
            opaque &= pixel;
            uint8_t *o = output + 1 + 3 * x;
            o[0] = (uint8_t)(pixel >> 16);
            o[1] = (uint8_t)(pixel >> 8);
            o[2] = (uint8_t)pixel;
        }
    }
    return opaque == 0xFF000000u;
}

// Tile t's pixels [t·w, min((t+1)·w, width)) and its bytes in the filtered row (tile 0 also
// holds the filter byte).
static inline long tile_first_pixel(const descent_splice_background *b, long t) { return t * b->tile_width; }
static inline long tile_end_pixel(const descent_splice_background *b, long t) {
    long end = (t + 1) * b->tile_width;
    return end < b->width ? end : b->width;
}
static inline long tile_first_byte(const descent_splice_background *b, long t) {
    return t == 0 ? 0 : 1 + 3 * tile_first_pixel(b, t);
}
static inline long tile_end_byte(const descent_splice_background *b, long t) { return 1 + 3 * tile_end_pixel(b, t); }

static inline long piece_bound(const descent_splice_background *b, long count) {
    return b->level == 0 ? descent_stored_bound(count) : descent_fixed_huffman_bound(count);
}

long descent_splice_bound(const descent_splice_background *b) {
    long total = 2 + 2 + 4 + 8;
    for (long y = 0; y < b->height; y++) {
        long tiles = 0;
        for (long t = 0; t < b->tiles; t++) {
            const long i = y * b->tiles + t;
            const long cached = b->tile_offsets[i + 1] - b->tile_offsets[i];
            const long fresh = piece_bound(b, tile_end_byte(b, t) - tile_first_byte(b, t));
            tiles += cached > fresh ? cached : fresh;
        }
        const long row = b->row_offsets[y + 1] - b->row_offsets[y];
        total += row > tiles ? row : tiles;
    }
    return total;
}

long descent_splice_frame(const descent_splice_background *b, const uint8_t *frame, long frame_stride,
                             uint8_t *output, long *spans, uint8_t *filtered, uint8_t *above, uint8_t *here,
                             descent_splice_result *result) {
    const long row_bytes = 1 + 3 * b->width, tiles = b->tiles;
    const int up = b->filter_up != 0;
    long position = 0, span_count = 0, reused = 0, compressed = 0;
    output[position++] = 0x78;
    output[position++] = 0x01;
    uint32_t checksum = 1;
    memset(above, 0, (size_t)tiles);
    int above_changed = 0;
    for (long y = 0; y < b->height; y++) {
        const uint8_t *frame_row = frame + y * frame_stride;
        const uint8_t *background_row = b->raster + y * b->stride;
        const int row_differs = memcmp(frame_row, background_row, (size_t)(4 * b->width)) != 0;
        if (!row_differs && !(up && above_changed)) {
            const long start = b->row_offsets[y], length = b->row_offsets[y + 1] - start;
            memcpy(output + position, b->pieces + start, (size_t)length);
            position += length;
            checksum = descent_adler32_combine(checksum, b->row_sums[y], row_bytes);
            reused += 1;
            if (above_changed) {
                memset(above, 0, (size_t)tiles);
                above_changed = 0;
            }
            continue;
        }
        long run_start = -1;
        for (long t = 0; t < tiles; t++) {
            const long first_pixel = tile_first_pixel(b, t), end_pixel = tile_end_pixel(b, t);
            const int differs = row_differs && memcmp(frame_row + 4 * first_pixel, background_row + 4 * first_pixel,
                                                      (size_t)(4 * (end_pixel - first_pixel))) != 0;
            here[t] = (uint8_t)differs;
            if (differs && run_start < 0) run_start = first_pixel;
            if (!differs && run_start >= 0) {
                spans[3 * span_count] = y;
                spans[3 * span_count + 1] = run_start;
                spans[3 * span_count + 2] = first_pixel;
                span_count += 1;
                run_start = -1;
            }
            const long first_byte = tile_first_byte(b, t), end_byte = tile_end_byte(b, t);
            if (differs || (up && above[t])) {
                if (!descent_filter_row(frame, frame_stride, y, up, first_byte, end_byte, filtered)) return -1;
                const uint8_t *bytes = filtered + first_byte;
                const long count = end_byte - first_byte;
                position += b->level == 0 ? descent_stored_piece(bytes, count, output + position)
                                          : descent_fixed_huffman_piece(bytes, count, output + position);
                checksum = descent_adler32_combine(checksum, descent_adler32(1, bytes, count), count);
                compressed += 1;
            } else {
                const long i = y * tiles + t;
                const long start = b->tile_offsets[i], length = b->tile_offsets[i + 1] - start;
                memcpy(output + position, b->pieces + start, (size_t)length);
                position += length;
                checksum = descent_adler32_combine(checksum, b->tile_sums[i], end_byte - first_byte);
            }
        }
        if (run_start >= 0) {
            spans[3 * span_count] = y;
            spans[3 * span_count + 1] = run_start;
            spans[3 * span_count + 2] = b->width;
            span_count += 1;
        }
        uint8_t *swap = above;
        above = here;
        here = swap;
        above_changed = row_differs;
    }
    output[position++] = 0x03;  // an empty final fixed-Huffman block
    output[position++] = 0x00;
    output[position++] = (uint8_t)(checksum >> 24);
    output[position++] = (uint8_t)(checksum >> 16);
    output[position++] = (uint8_t)(checksum >> 8);
    output[position++] = (uint8_t)checksum;
    result->reused_rows = reused;
    result->compressed_tiles = compressed;
    result->span_count = span_count;
    return position;
}

// MARK: - Finding a deflate stream's final block (RFC 1951, §3.2.3 to §3.2.7)

typedef struct {
    const uint8_t *data;
    long size;
    long next;         // the next byte to load (past `size`, zeros are loaded)
    uint64_t buffer;   // loaded bits not yet read, the next one lowest
    int available;     // how many
    int failed;        // a read went past the data
} bit_reader;

// The bits read so far.
static inline long bits_read(const bit_reader *reader) { return 8 * reader->next - reader->available; }

static inline uint32_t read_bits(bit_reader *reader, int count) {
    if (reader->available < (count > 0 ? count : 9)) {
        while (reader->available <= 56) {
            const uint64_t byte = reader->next < reader->size ? reader->data[reader->next] : 0;
            reader->buffer |= byte << reader->available;
            reader->next += 1;
            reader->available += 8;
        }
    }
    const uint32_t value = (uint32_t)(reader->buffer & ((1ULL << count) - 1));
    reader->buffer >>= count;
    reader->available -= count;
    if (bits_read(reader) > 8 * reader->size) reader->failed = 1;
    return value;
}

// Moves to `bit` (at or after the bits read, on a byte boundary).
static inline void seek_to(bit_reader *reader, long bit) {
    reader->next = bit >> 3;
    reader->buffer = 0;
    reader->available = 0;
}

// A canonical Huffman code: how many codes of each length, the symbols in code order, and for
// the next 9 bits of the stream (the first read lowest) the symbol << 4 | length of a code of at
// most 9 bits they start with, or 0.
typedef struct {
    short count[16];
    short symbol[288];
    uint16_t fast[512];
} huffman_code;

// Builds `code` from the code lengths of `n` symbols; 0 when a length set is over-subscribed
// (an incomplete set, which deflate allows for a code of one symbol, is accepted).
static int build_code(huffman_code *code, const uint8_t *lengths, int n) {
    memset(code->count, 0, sizeof code->count);
    for (int symbol = 0; symbol < n; symbol++) code->count[lengths[symbol]] += 1;
    int left = 1;
    for (int length = 1; length < 16; length++) {
        left <<= 1;
        left -= code->count[length];
        if (left < 0) return 0;
    }
    short offsets[16];
    offsets[1] = 0;
    for (int length = 1; length < 15; length++) offsets[length + 1] = (short)(offsets[length] + code->count[length]);
    for (int symbol = 0; symbol < n; symbol++) {
        if (lengths[symbol] != 0) code->symbol[offsets[lengths[symbol]]++] = (short)symbol;
    }
    // Canonical codes in order of length, then symbol; deflate sends a code's top bit first.
    memset(code->fast, 0, sizeof code->fast);
    int value = 0, index = 0;
    for (int length = 1; length <= 9; length++) {
        for (int i = 0; i < code->count[length]; i++, value++, index++) {
            int reversed = 0;
            for (int bit = 0; bit < length; bit++) reversed |= ((value >> bit) & 1) << (length - 1 - bit);
            const uint16_t entry = (uint16_t)(code->symbol[index] << 4 | length);
            for (int rest = reversed; rest < 512; rest += 1 << length) code->fast[rest] = entry;
        }
        value <<= 1;
    }
    return 1;
}

// The next symbol of `code`, or -1 (no code matches, or the data ended).
static int decode_symbol(bit_reader *reader, const huffman_code *code) {
    if (reader->available < 9) read_bits(reader, 0);  // loads bits (zeros past the data)
    const uint16_t entry = code->fast[reader->buffer & 511];
    if (entry) {
        read_bits(reader, entry & 15);
        return reader->failed ? -1 : entry >> 4;
    }
    int value = 0, first = 0, index = 0;
    for (int length = 1; length < 16; length++) {
        value |= (int)read_bits(reader, 1);
        if (reader->failed) return -1;
        const int count = code->count[length];
        if (value - count < first) return code->symbol[index + (value - first)];
        index += count;
        first += count;
        first <<= 1;
        value <<= 1;
    }
    return -1;
}

static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint8_t distance_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

// Reads the symbols of a compressed block up to its end-of-block code; 0 on bad data.
static int skip_codes(bit_reader *reader, const huffman_code *lengths, const huffman_code *distances) {
    for (;;) {
        int symbol = decode_symbol(reader, lengths);
        if (symbol < 0) return 0;
        if (symbol < 256) continue;
        if (symbol == 256) return 1;
        symbol -= 257;
        if (symbol >= 29) return 0;
        read_bits(reader, length_extra[symbol]);
        const int distance = decode_symbol(reader, distances);
        if (distance < 0 || distance >= 30) return 0;
        read_bits(reader, distance_extra[distance]);
        if (reader->failed) return 0;
    }
}

static int skip_fixed_block(bit_reader *reader) {
    // Built per block (a few hundred steps; encoders rarely choose fixed codes for long data).
    huffman_code lengths, distances;
    uint8_t code_lengths[288];
    for (int symbol = 0; symbol < 288; symbol++) code_lengths[symbol] = symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8;
    build_code(&lengths, code_lengths, 288);
    for (int symbol = 0; symbol < 30; symbol++) code_lengths[symbol] = 5;
    build_code(&distances, code_lengths, 30);
    return skip_codes(reader, &lengths, &distances);
}

static int skip_dynamic_block(bit_reader *reader) {
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    const int literal_count = (int)read_bits(reader, 5) + 257;
    const int distance_count = (int)read_bits(reader, 5) + 1;
    const int code_count = (int)read_bits(reader, 4) + 4;
    if (reader->failed || literal_count > 286 || distance_count > 30) return 0;
    uint8_t lengths[320] = {0};
    for (int i = 0; i < code_count; i++) lengths[order[i]] = (uint8_t)read_bits(reader, 3);
    huffman_code length_code, literal_code, distance_code;
    if (reader->failed || !build_code(&length_code, lengths, 19)) return 0;
    int index = 0;
    while (index < literal_count + distance_count) {
        const int symbol = decode_symbol(reader, &length_code);
        if (symbol < 0) return 0;
        if (symbol < 16) {
            lengths[index++] = (uint8_t)symbol;
            continue;
        }
        uint8_t value = 0;
        int repeat;
        if (symbol == 16) {
            if (index == 0) return 0;
            value = lengths[index - 1];
            repeat = 3 + (int)read_bits(reader, 2);
        } else if (symbol == 17) {
            repeat = 3 + (int)read_bits(reader, 3);
        } else {
            repeat = 11 + (int)read_bits(reader, 7);
        }
        if (reader->failed || index + repeat > literal_count + distance_count) return 0;
        while (repeat--) lengths[index++] = value;
    }
    if (lengths[256] == 0) return 0;
    if (!build_code(&literal_code, lengths, literal_count) || !build_code(&distance_code, lengths + literal_count, distance_count)) {
        return 0;
    }
    return skip_codes(reader, &literal_code, &distance_code);
}

long descent_deflate_unfinal(uint8_t *stream, long size) {
    bit_reader reader = {stream, size, 0, 0, 0, 0};
    long header;
    uint32_t final;
    do {
        header = bits_read(&reader);
        final = read_bits(&reader, 1);
        const uint32_t type = read_bits(&reader, 2);
        if (reader.failed) return -1;
        if (type == 0) {
            const long byte = (bits_read(&reader) + 7) >> 3;
            if (byte + 4 > size) return -1;
            const uint32_t length = stream[byte] | (uint32_t)stream[byte + 1] << 8;
            const uint32_t complement = stream[byte + 2] | (uint32_t)stream[byte + 3] << 8;
            if ((length ^ 0xFFFF) != complement || byte + 4 + (long)length > size) return -1;
            seek_to(&reader, 8 * (byte + 4 + (long)length));
        } else if (type == 1) {
            if (!skip_fixed_block(&reader)) return -1;
        } else if (type == 2) {
            if (!skip_dynamic_block(&reader)) return -1;
        } else {
            return -1;
        }
    } while (!final);
    const long end = bits_read(&reader);
    if ((end + 7) >> 3 != size) return -1;  // data after the final block
    stream[header >> 3] &= (uint8_t)~(1u << (header & 7));
    // The empty stored block: three zero bits (BFINAL 0, BTYPE 00) from `end`, zeros to the
    // byte boundary, then LEN 0 and NLEN 0xFFFF.
    if (end & 7) stream[end >> 3] &= (uint8_t)((1u << (end & 7)) - 1);
    long length = (end + 7) >> 3;
    const long aligned = (end + 3 + 7) >> 3;
    while (length < aligned) stream[length++] = 0;
    stream[length++] = 0x00;
    stream[length++] = 0x00;
    stream[length++] = 0xFF;
    stream[length++] = 0xFF;
    return length;
}
