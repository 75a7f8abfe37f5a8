import CPNG
import Foundation

/// Checks that a PNG file is whole and unchanged, without decoding it.
public enum PNGIntegrity {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether `data` is a whole PNG: the signature, then chunks that fill the data exactly, each
    /// with the CRC-32 of its type and contents, `IHDR` first and `IEND` last. A flipped byte
    /// anywhere in a chunk (the image data included) fails its CRC; a cut file misses `IEND`.
    public static func isIntact(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress, bytes.count >= 8 + 12 * 2,
                  Array(bytes.prefix(8)) == signature else { return false }
            func word(_ offset: Int) -> Int {
                (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
            }
            var offset = 8
            var first = true
            while offset + 12 <= bytes.count {
                let length = word(offset)
                guard length <= bytes.count - offset - 12 else { return false }
                let type = Array(bytes[(offset + 4)..<(offset + 8)])
                let computed = crc32(0, base + offset + 4, uInt(4 + length))
                guard UInt(computed) == UInt(word(offset + 8 + length)) else { return false }
                if first, type != Array("IHDR".utf8) { return false }
                first = false
                offset += 12 + length
                if type == Array("IEND".utf8) { return offset == bytes.count }
            }
            return false
        }
    }

    /// Whether the file at `url` is a whole PNG (see ``isIntact(_:)``); false when it cannot be read.
    public static func isIntact(fileAt url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url) else { return false }
        return isIntact(data)
    }
}
