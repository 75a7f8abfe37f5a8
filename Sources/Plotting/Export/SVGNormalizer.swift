import Foundation

/// Makes Cairo's SVG output independent of process history.
///
/// Cairo numbers some SVG ids (surfaces, images, patterns) with counters that are global to
/// the process, so the same figure drawn twice can get `image7` and later `image12`. This
/// renames every `id` in order of first appearance (`d1`, `d2`, …) and rewrites the `#id`
/// references to match, so the same figure always gives the same bytes.
///
/// **The rules** (those of the first, regular-expression version, kept byte for byte):
/// - an *id definition* is `id="V"` with `V` a non-empty run of anything but `"`; definitions
///   are found left to right without overlapping (the next one starts after the closing quote);
///   each distinct `V` (Swift string equality) gets `d1`, `d2`, … by first appearance;
/// - a *token* is `id="X"`'s `X` or `#X`, with `X` the longest run matching
///   `[A-Za-z_][A-Za-z0-9_.:-]*`; tokens are found left to right without overlapping (the next
///   one starts right after `X`), and a token whose `X` is a defined id is replaced by its new
///   name (`#ab.c` is left alone when only `ab` is an id);
/// - input that is not UTF-8, or has no id, comes back unchanged.
///
/// Two quirks of the first version's Foundation string calls (swift-corelibs-foundation, which
/// works in whole `Character`s) are reproduced too, so the output is identical for every input:
/// a definition whose value does not start and end on a grapheme-cluster boundary (it starts
/// with a combining mark, or ends with a prepended concatenation mark such as U+0600) gets no
/// number, and when a renamed token is directly followed by a combining mark the replaced
/// range ends before the token's last character (`#ab\u{301}` → `#d1b\u{301}`). Neither can
/// happen in Cairo's output, whose ids and references are ASCII and whose text is glyphs.
///
/// **Linear time.** One forward pass over the UTF-8 bytes runs both scanners side by side
/// (each keeps the position where its next match may start, which is how non-overlapping
/// regular-expression matches advance), collecting the ids in order and the token positions;
/// the output is then assembled by copying the bytes between renamed tokens. All delimiters
/// are ASCII, and UTF-8 continuation and lead bytes are never ASCII, so scanning bytes finds
/// exactly the matches a scan over characters would.
enum SVGNormalizer {
    static func normalize(_ data: Data) -> Data {
        // The same validation (and the same treatment of a byte order mark) as before.
        guard let text = String(data: data, encoding: .utf8) else { return data }
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { bytes -> Data in
            let (ids, tokens) = scan(bytes)
            guard !ids.isEmpty else { return data }
            return Data(rewrite(bytes, tokens: tokens, renames: ids))
        }
    }

    /// The position of `X` of one token in the input.
    private struct Token {
        /// The first byte of `X`.
        var start: Int
        /// The byte after `X`.
        var end: Int
        /// Where a replacement ends: `end`, or `end − 1` when a combining mark follows `X`.
        var replacedEnd: Int
    }

    private static let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")

    /// Whether `byte` may start an `X` (`[A-Za-z_]`).
    @inline(__always) private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    /// Whether `byte` may continue an `X` (`[A-Za-z0-9_.:-]`).
    @inline(__always) private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x3A) || byte == 0x2E || byte == 0x2D  // 0-9 and ':', '.', '-'
    }

    /// Whether `id="` starts at `p`.
    @inline(__always) private static func isIDOpening(_ bytes: UnsafeBufferPointer<UInt8>, at p: Int) -> Bool {
        p + 3 < bytes.count && bytes[p] == 0x69 && bytes[p + 1] == 0x64 && bytes[p + 2] == 0x3D && bytes[p + 3] == quote  // i d = "
    }

    /// One pass: the ids in order of first appearance with their numbers, and every token.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (ids: [String: Int], tokens: [Token]) {
        var ids: [String: Int] = [:]
        var tokens: [Token] = []
        let count = bytes.count
        var nextDefinition = 0  // where the next id definition may start
        var nextToken = 0  // where the next token may start
        var p = 0
        while p < count {
            let byte = bytes[p]
            guard byte == 0x69 || byte == hash else {  // 'i' or '#'
                p += 1
                continue
            }
            let opening = byte == 0x69 && isIDOpening(bytes, at: p)
            if opening && p >= nextDefinition {
                // The closing quote of the value; the value must not be empty.
                var q = p + 4
                while q < count && bytes[q] != quote { q += 1 }
                if q == count {
                    nextDefinition = count  // no closing quote anywhere: no further definitions
                } else if q > p + 4 {
                    if onClusterBoundaries(bytes, value: (p + 4)..<q) {
                        let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[(p + 4)..<q]), as: UTF8.self)
                        if ids[id] == nil { ids[id] = ids.count + 1 }
                    }
                    nextDefinition = q + 1
                }
            }
            if p >= nextToken {
                let nameStart = opening ? p + 4 : (byte == hash ? p + 1 : count)
                if nameStart < count && isNameStart(bytes[nameStart]) {
                    var end = nameStart + 1
                    while end < count && isNameByte(bytes[end]) { end += 1 }
                    var replacedEnd = end
                    if end < count && bytes[end] >= 0x80 && joins(Unicode.Scalar(bytes[end - 1]), scalar(in: bytes, startingAt: end)) {
                        replacedEnd = end - 1
                    }
                    tokens.append(Token(start: nameStart, end: end, replacedEnd: replacedEnd))
                    nextToken = end
                }
            }
            p += 1
        }
        return (ids, tokens)
    }

    /// Whether an id value has grapheme-cluster boundaries at both ends inside its quotes
    /// (only non-ASCII characters at its ends can join a quote).
    private static func onClusterBoundaries(_ bytes: UnsafeBufferPointer<UInt8>, value: Range<Int>) -> Bool {
        let quote = Unicode.Scalar(self.quote)
        if bytes[value.lowerBound] >= 0x80 && joins(quote, scalar(in: bytes, startingAt: value.lowerBound)) { return false }
        if bytes[value.upperBound - 1] >= 0x80 {
            var start = value.upperBound - 1
            while start > value.lowerBound && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if joins(scalar(in: bytes, startingAt: start), quote) { return false }
        }
        return true
    }

    /// Whether `left` followed by `right` is one extended grapheme cluster (Swift's own rules,
    /// which the Foundation calls of the first version followed).
    private static func joins(_ left: Unicode.Scalar, _ right: Unicode.Scalar) -> Bool {
        var pair = String.UnicodeScalarView()
        pair.append(left)
        pair.append(right)
        return String(pair).count == 1
    }

    /// The scalar whose UTF-8 encoding starts at `index` (valid UTF-8 assumed).
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, startingAt index: Int) -> Unicode.Scalar {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        let decoded = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(bytes.count, index + length)]), as: UTF8.self)
        return decoded.unicodeScalars.first ?? Unicode.Scalar(0xFFFD)!
    }

    /// The input with every token whose name is a renamed id replaced by `d<number>`.
    private static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], renames: [String: Int]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for token in tokens {
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
            guard let number = renames[name] else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<token.start]))
            output.append(UInt8(ascii: "d"))
            output.append(contentsOf: String(number).utf8)
            copied = token.replacedEnd
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
        return output
    }
}
