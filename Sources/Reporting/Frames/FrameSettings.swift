import Foundation
import Training

/// The settings fingerprint of a frame sequence: every input that changes a frame's bytes, one
/// `key: value` per line, stored as `frames.settings` in the output folder.
///
/// `--resume` continues a sequence only when the stored lines equal the new ones, so frames of
/// different runs never mix. The number of rendering threads is not part of it (frames are the
/// same bytes whatever `--jobs` is).
struct FrameSettings: Sendable, Equatable {
    /// The entries, in order.
    let entries: [(key: String, value: String)]

    /// Creates settings from key/value pairs.
    init(_ entries: [(key: String, value: String)]) {
        self.entries = entries
    }

    /// Parses the text written by `text` (lines without `: ` are ignored).
    init(text: String) {
        entries = text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: ": ") else { return nil }
            return (String(line[..<range.lowerBound]), String(line[range.upperBound...]))
        }
    }

    /// One `key: value` line per entry, `\n`-terminated.
    var text: String { entries.map { "\($0.key): \($0.value)\n" }.joined() }

    /// The keys whose values differ, each as "key was A, now B" (values cut to 60 characters).
    func differences(from stored: FrameSettings) -> [String] {
        let old = Dictionary(stored.entries, uniquingKeysWith: { first, _ in first })
        var result: [String] = []
        for (key, value) in entries where old[key] != value {
            result.append("\(key) was \(FrameSettings.short(old[key] ?? "missing")), now \(FrameSettings.short(value))")
        }
        let keys = Set(entries.map(\.key))
        for (key, _) in stored.entries where !keys.contains(key) { result.append("\(key) is no longer set") }
        return result
    }

    /// Equal when the lines are equal.
    static func == (lhs: FrameSettings, rhs: FrameSettings) -> Bool { lhs.text == rhs.text }

    private static func short(_ value: String) -> String {
        value.count > 60 ? String(value.prefix(57)) + "..." : value
    }

    /// FNV-1a 64-bit hash of `text`, as 16 hex digits (a stable fingerprint of data values).
    static func fingerprint(_ text: String) -> String {
        var hash = FNV1a()
        hash.add(text)
        return hash.hex
    }

    /// The fingerprint of a data set's values: ``fingerprint(_:)`` of the text
    /// `x1,y1;x2,y2;…|label1;label2;…` (numbers in Swift's shortest round-trip form), computed in
    /// one pass without building the text, so it costs O(N) time and O(1) memory.
    static func fingerprint(of dataset: Dataset) -> String {
        var hash = FNV1a()
        for index in dataset.x.indices {
            if index > 0 { hash.add(";") }
            hash.add("\(dataset.x[index]),\(dataset.y[index])")
        }
        hash.add("|")
        for (index, label) in (dataset.labels ?? []).enumerated() {
            if index > 0 { hash.add(";") }
            hash.add(label)
        }
        return hash.hex
    }

    /// The FNV-1a 64-bit hash, fed piece by piece.
    private struct FNV1a {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ text: String) {
            for byte in text.utf8 {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
        }

        var hex: String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
