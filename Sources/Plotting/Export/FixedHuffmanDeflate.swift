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
        var accumulator: UInt64 = 0
        var filled: UInt64 = 0
        @inline(__always) func put(_ bits: UInt32, _ length: UInt32) {
            accumulator |= UInt64(bits) << filled
            filled += UInt64(length)
            if filled >= 32 {
                output.append(UInt8(truncatingIfNeeded: accumulator))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 24))
                accumulator >>= 32
                filled -= 32
            }
        }
        put(0b010, 3)  // BFINAL 0, BTYPE 01 (fixed codes)
        let literals = literalCodes, lengths = lengthCodes
        var position = 0
        while position < count {
            var best = 0, distance: UInt32 = 0
            if position >= 1 {
                let limit = min(258, count - position)
                var length = 0
                let previous = input[position - 1]
                while length < limit && input[position + length] == previous { length += 1 }
                if length >= 3 { (best, distance) = (length, 1) }
            }
            if position >= 3 && best < 258 {
                let limit = min(258, count - position)
                var length = 0
                while length < limit && input[position + length] == input[position + length - 3] { length += 1 }
                if length >= 3 && length > best { (best, distance) = (length, 3) }
            }
            if best >= 3 {
                let code = lengths[best]
                put(code.bits, code.count)
                put(distance == 1 ? 0b00000 : 0b01000, 5)  // distance codes 0 (1) and 2 (3), reversed
                position += best
            } else {
                let code = literals[Int(input[position])]
                put(code.code, code.length)
                position += 1
            }
        }
        let endOfBlock = literals[256]
        put(endOfBlock.code, endOfBlock.length)
        put(0b000, 3)  // BFINAL 0, BTYPE 00 (stored), then pad to a byte
        while filled > 0 {
            output.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            filled = filled >= 8 ? filled - 8 : 0
        }
        output.append(contentsOf: [0x00, 0x00, 0xFF, 0xFF])  // LEN 0, NLEN 0xFFFF
    }
}
