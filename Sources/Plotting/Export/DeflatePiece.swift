import Foundation

/// A small, fast deflate encoder for the tiles a frame changed: one fixed-Huffman block of
/// literals and run-length matches, then an empty stored block, so the piece ends on a byte
/// boundary and can be spliced like a `DeflateStream` piece (RFC 1951, §3.2.3 to §3.2.6).
///
/// **Matches.** Greedy, at distance 1 (a byte repeated: the zeros of `.up`-filtered flat areas)
/// or 3 (a pixel repeated: flat areas without a filter), at least 3 and at most 258 bytes,
/// never reaching before the piece's first byte, so the piece is self-contained.
///
/// **Why not zlib.** zlib spends about 4 µs per call on setting up and choosing trees, which
/// dominates pieces of a few hundred bytes; this encoder has no setup and a frame's changed
/// tiles are a small part of it, so the lower ratio of fixed codes costs little.
struct FixedHuffmanDeflate {
    /// Bit-reversed fixed literal/length codes and their lengths, symbols 0...287.
    private static let literalCodes: [(code: UInt32, length: UInt32)] = (0..<288).map { symbol in
        let (code, length): (UInt32, UInt32)
        switch symbol {
        case 0...143: (code, length) = (UInt32(0x30 + symbol), 8)
        case 144...255: (code, length) = (UInt32(0x190 + symbol - 144), 9)
        case 256...279: (code, length) = (UInt32(symbol - 256), 7)
        default: (code, length) = (UInt32(0xC0 + symbol - 280), 8)
        }
        return (reversed(code, length), length)
    }

    /// For each match length 3...258: the bit-reversed length code with its extra bits appended
    /// (value, total bit count).
    private static let lengthCodes: [(bits: UInt32, count: UInt32)] = {
        let bases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        var table = [(bits: UInt32, count: UInt32)](repeating: (0, 0), count: 259)
        for length in 3...258 {
            var index = bases.count - 1
            while bases[index] > length { index -= 1 }
            let symbol = literalCodes[257 + index]
            let extraValue = UInt32(length - bases[index])
            table[length] = (symbol.code | extraValue << symbol.length, symbol.length + UInt32(extra[index]))
        }
        return table
    }()

    private static func reversed(_ code: UInt32, _ length: UInt32) -> UInt32 {
        var result: UInt32 = 0
        for bit in 0..<length where code & (1 << bit) != 0 { result |= 1 << (length - 1 - bit) }
        return result
    }

    /// Appends the piece for `count` bytes at `input` to `output`.
    static func append(_ input: UnsafePointer<UInt8>, count: Int, to output: inout [UInt8]) {
        // At most 9 bits per byte, plus the block header, end-of-block, padding, the stored
        // block and 8 bytes of slack for the 64-bit stores.
        let bound = (count * 9 + 7) / 8 + 24
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return encode(input, count: count, into: UnsafeMutableRawPointer(base + start))
        }
        output.removeLast(bound - written)
    }

    /// Writes the piece to `out` (room for `(9·count + 7)/8 + 24` bytes) and returns its length.
    private static func encode(_ input: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutableRawPointer) -> Int {
        var accumulator: UInt64 = 0
        var filled: UInt64 = 0
        var position = 0
        @inline(__always) func put(_ bits: UInt32, _ length: UInt32) {
            accumulator |= UInt64(bits) << filled
            filled += UInt64(length)
            if filled >= 32 {
                out.storeBytes(of: UInt32(truncatingIfNeeded: accumulator).littleEndian, toByteOffset: position, as: UInt32.self)
                position += 4
                accumulator >>= 32
                filled -= 32
            }
        }
        put(0b010, 3)  // BFINAL 0, BTYPE 01 (fixed codes)
        literalCodes.withUnsafeBufferPointer { literals in
            lengthCodes.withUnsafeBufferPointer { lengths in
                var index = 0
                while index < count {
                    var best = 0, distance: UInt32 = 0
                    let limit = min(258, count - index)
                    if index >= 1 {
                        var length = 0
                        let previous = input[index - 1]
                        while length < limit && input[index + length] == previous { length += 1 }
                        if length >= 3 { (best, distance) = (length, 1) }
                    }
                    if index >= 3 && best < limit {
                        var length = 0
                        while length < limit && input[index + length] == input[index + length - 3] { length += 1 }
                        if length >= 3 && length > best { (best, distance) = (length, 3) }
                    }
                    if best >= 3 {
                        let code = lengths[best]
                        put(code.bits, code.count)
                        put(distance == 1 ? 0b00000 : 0b01000, 5)  // distance codes 0 (1) and 2 (3), reversed
                        index += best
                    } else {
                        let code = literals[Int(input[index])]
                        put(code.code, code.length)
                        index += 1
                    }
                }
                put(literals[256].code, literals[256].length)  // end of block
            }
        }
        put(0b000, 3)  // BFINAL 0, BTYPE 00 (stored), then pad to a byte
        while filled > 0 {
            out.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), toByteOffset: position, as: UInt8.self)
            position += 1
            accumulator >>= 8
            filled = filled >= 8 ? filled - 8 : 0
        }
        for byte: UInt8 in [0x00, 0x00, 0xFF, 0xFF] {  // LEN 0, NLEN 0xFFFF
            out.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
            position += 1
        }
        return position
    }
}
