import Foundation

// The first SVGNormalizer (regular expressions, NSMutableString edits; quadratic in the file
// size), kept unchanged as the reference the linear one must equal byte for byte.

/// Makes Cairo's SVG output independent of process history.
///
/// Cairo numbers some SVG ids (surfaces, images, patterns) with counters that are global to
/// the process, so the same figure drawn twice can get `image7` and later `image12`. This
/// renames every `id` in order of first appearance (`d1`, `d2`, …) and rewrites the `#id`
/// references to match, so the same figure always gives the same bytes.
enum LegacySVGNormalizer {
    static func normalize(_ data: Data) -> Data {
        guard var text = String(data: data, encoding: .utf8) else { return data }
        let idPattern = try? NSRegularExpression(pattern: "id=\"([^\"]+)\"")
        guard let idPattern else { return data }
        let range = NSRange(text.startIndex..., in: text)
        var renames: [String: String] = [:]
        var order: [String] = []
        for match in idPattern.matches(in: text, range: range) {
            guard let r = Range(match.range(at: 1), in: text) else { continue }
            let id = String(text[r])
            if renames[id] == nil {
                order.append(id)
                renames[id] = "d\(order.count)"
            }
        }
        guard !renames.isEmpty else { return data }
        // Replace ids and references in one pass over tokens `id="…"`, `#…` and `url(#…)`.
        let tokenPattern = try? NSRegularExpression(pattern: "(id=\"|#)([A-Za-z_][A-Za-z0-9_.:-]*)")
        guard let tokenPattern else { return data }
        let mutable = NSMutableString(string: text)
        let matches = tokenPattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        for match in matches.reversed() {
            let idRange = match.range(at: 2)
            let id = mutable.substring(with: idRange)
            if let replacement = renames[id] { mutable.replaceCharacters(in: idRange, with: replacement) }
        }
        text = mutable as String
        return Data(text.utf8)
    }
}
