import CDeflate
import CKernels
import CPNG
import Foundation
import Testing
@testable import Plotting

/// CKernels' splicing pieces: the fixed-Huffman encoder against the Swift encoder it replaced,
/// byte for byte; stored pieces, the checksums and streams made pieces against zlib.
@Suite struct SpliceKernelTests {
    /// Inputs with what tiles hold: noise, runs of a byte, runs of a pixel, both at the edges.
    static func inputs() -> [[UInt8]] {
        var generator = SplitMix(seed: 7)
        var result: [[UInt8]] = []
        for length in Array(0...40) + [63, 64, 65, 191, 192, 193, 257, 258, 259, 260, 515, 517, 1000, 5761] {
            let noise = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            result.append(noise)
            result.append([UInt8](repeating: 0, count: length))
            result.append((0..<length).map { [200, 7, 13][$0 % 3] })
            // Runs of random lengths (1 to 300) of a byte or of a pixel, between noise.
            var mixed: [UInt8] = []
            while mixed.count < length {
                let run = Int(generator.next() % 300) + 1
                switch generator.next() % 3 {
                case 0: mixed += repeatElement(UInt8(truncatingIfNeeded: generator.next()), count: run)
                case 1:
                    let pixel = (0..<3).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                    mixed += (0..<run).map { pixel[$0 % 3] }
                default: mixed += (0..<min(run, 9)).map { _ in UInt8(truncatingIfNeeded: generator.next() % 4) }
                }
            }
            result.append(Array(mixed.prefix(length)))
        }
        return result
    }

    @Test func fixedHuffmanPiecesAreTheReferenceEncodersBytes() {
        var checked = 0
        for input in Self.inputs() {
            var expected: [UInt8] = []
            var actual: [UInt8] = []
            input.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                ReferenceFixedHuffman.append(base, count: input.count, to: &expected)
                DeflatePiece.append(base, count: input.count, level: 6, to: &actual)
            }
            #expect(actual == expected, "length \(input.count)")
            #expect(actual.count <= descent_fixed_huffman_bound(input.count))
            checked += 1
        }
        #expect(checked > 200)
    }

    @Test func storedPiecesInflateToTheirInput() {
        var generator = SplitMix(seed: 11)
        for length in [0, 1, 2, 65_534, 65_535, 65_536, 140_000] {
            let input = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var stream: [UInt8] = [0x78, 0x01]
            input.withUnsafeBufferPointer { buffer in
                _ = DeflatePiece.append(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: length, level: 0, to: &stream)
            }
            // Blocks of at most 65,535 bytes, each a 5-byte header.
            #expect(stream.count == 2 + length + 5 * max(1, (length + 65_534) / 65_535), "length \(length)")
            stream += [0x03, 0x00]
            let sum = UInt32(input.withUnsafeBufferPointer { adler32(1, $0.baseAddress, UInt32(length)) })
            stream += [UInt8(sum >> 24), UInt8(truncatingIfNeeded: sum >> 16), UInt8(truncatingIfNeeded: sum >> 8), UInt8(truncatingIfNeeded: sum)]
            var size = uLong(max(length, 1))
            var output = [UInt8](repeating: 0, count: max(length, 1))
            let status = uncompress(&output, &size, stream, uLong(stream.count))
            #expect(status == Z_OK && Int(size) == length && Array(output.prefix(length)) == input, "length \(length)")
        }
    }

    /// Raw deflate of `input` by libdeflate at `level`, or by zlib with `strategy` when given.
    static func deflate(_ input: [UInt8], level: Int, zlibStrategy strategy: Int32? = nil) -> [UInt8] {
        if let strategy {
            var stream = z_stream()
            deflateInit2_(&stream, Int32(level), Z_DEFLATED, -15, 8, strategy, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            defer { deflateEnd(&stream) }
            var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
            var source = input
            let produced = source.withUnsafeMutableBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target -> Int in
                    stream.next_in = source.baseAddress
                    stream.avail_in = UInt32(source.count)
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    _ = CPNG.deflate(&stream, Z_FINISH)
                    return target.count - Int(stream.avail_out)
                }
            }
            return Array(output.prefix(produced))
        }
        let compressor = libdeflate_alloc_compressor(Int32(level))
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            count = input.withUnsafeBufferPointer { libdeflate_deflate_compress(compressor, $0.baseAddress, input.count, output.baseAddress, bound) }
        }
    }

    /// zlib's inflate of raw deflate data, or nil when it is not one valid final stream.
    static func inflate(_ data: [UInt8], size: Int) -> [UInt8]? {
        var stream = z_stream()
        inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: size + 1)
        var input = data
        let (status, produced) = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(input.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                let status = CPNG.inflate(&stream, Z_FINISH)
                return (status, target.count - Int(stream.avail_out))
            }
        }
        return status == Z_STREAM_END && stream.avail_in == 0 ? Array(output.prefix(produced)) : nil
    }

    @Test func aStreamMadeAPieceIsFollowedByAnother() {
        var generator = SplitMix(seed: 5)
        // Figure-like rows (runs of a pixel with noise between), noise, one byte; lengths that
        // give one block and many.
        let inputs = Self.inputs().filter { $0.count >= 1 } + [200_000, 700_000].map { length in
            (0..<length).map { index in index % 5761 < 4000 ? 0xFF : UInt8(truncatingIfNeeded: generator.next() % 7) }
        }
        let tail: [UInt8] = (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) }
        let tailStream = Self.deflate(tail, level: 6)
        var checked = 0, multiBlock = 0
        for input in inputs {
            var streams = [0, 1, 6, 12].map { Self.deflate(input, level: $0) }
            streams += [Z_FIXED, Z_DEFAULT_STRATEGY, Z_HUFFMAN_ONLY].map { Self.deflate(input, level: 6, zlibStrategy: $0) }
            streams.append(Self.deflate(input, level: 0, zlibStrategy: Z_DEFAULT_STRATEGY))
            for stream in streams {
                var piece = stream + [UInt8](repeating: 0xAA, count: 5)
                let length = piece.withUnsafeMutableBufferPointer { descent_deflate_unfinal($0.baseAddress, stream.count) }
                #expect(length > 0 && length <= stream.count + 5, "length \(input.count)")
                guard length > 0 else { continue }
                piece = Array(piece.prefix(length))
                #expect(Array(piece.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF])
                // The piece alone is not final; followed by another stream it inflates to both.
                #expect(Self.inflate(piece, size: input.count) == nil)
                #expect(Self.inflate(piece + tailStream, size: input.count + tail.count) == input + tail, "length \(input.count)")
                checked += 1
                if input.count > 100_000 { multiBlock += 1 }
            }
        }
        #expect(checked > 1000 && multiBlock >= 16)
    }

    @Test func whatIsNotOneCompleteStreamIsRefused() {
        let input: [UInt8] = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 % 97 == 0 ? $0 : 32) }
        let stream = Self.deflate(input, level: 6)
        func unfinal(_ bytes: [UInt8], size: Int? = nil) -> Int {
            var buffer = bytes + [UInt8](repeating: 0, count: 5)
            return buffer.withUnsafeMutableBufferPointer { descent_deflate_unfinal($0.baseAddress, size ?? bytes.count) }
        }
        #expect(unfinal(stream) > 0)
        for cut in [1, 2, stream.count / 2, stream.count - 1] { #expect(unfinal(Array(stream.prefix(cut))) == -1, "cut \(cut)") }
        #expect(unfinal(stream + [0x00]) == -1)  // a byte after the final block
        #expect(unfinal([0x07]) == -1)  // block type 3
        #expect(unfinal([0x01, 0x05, 0x00, 0xFA, 0xFF]) == -1)  // a stored block longer than the data
        #expect(unfinal([0x01, 0x00, 0x00, 0x00, 0x00]) == -1)  // LEN and NLEN not complements
        #expect(unfinal([]) == -1)
    }

    @Test func checksumsAreZlibs() {
        var generator = SplitMix(seed: 3)
        // 0xFF bytes push the sums to their largest before each reduction.
        let lengths = [0, 1, 7, 8, 9, 5551, 5552, 5553, 11_104, 65_521, 65_522, 200_003]
        for length in lengths {
            for fill in [nil, UInt8(0xFF)] as [UInt8?] {
                let input = (0..<length).map { _ in fill ?? UInt8(truncatingIfNeeded: generator.next()) }
                input.withUnsafeBufferPointer { buffer in
                    let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    let zlib = UInt32(adler32(1, base, UInt32(length)))
                    #expect(descent_adler32(1, base, length) == zlib, "length \(length)")
                    // Split anywhere: the combined sum of the halves is the whole's.
                    for cut in [0, length / 3, length] {
                        let first = UInt32(adler32(1, base, UInt32(cut)))
                        let second = UInt32(adler32(1, base + cut, UInt32(length - cut)))
                        #expect(descent_adler32_combine(first, second, length - cut) == zlib, "length \(length), cut \(cut)")
                        #expect(UInt32(adler32_combine(uLong(first), uLong(second), off_t(length - cut))) == zlib)
                    }
                }
            }
        }
    }
}

/// The fixed-Huffman encoder as it was written in Swift before the kernel: the specification
/// `descent_fixed_huffman_piece` must match byte for byte.
private struct ReferenceFixedHuffman {
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

