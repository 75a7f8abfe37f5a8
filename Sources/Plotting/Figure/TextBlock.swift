/// A text fitted into a given width: one line, or two when one line would have to shrink too
/// much, at one font size no larger than the style's.
struct TextBlock: Equatable {
    /// The lines, top to bottom.
    var lines: [String]
    /// The font size every line is drawn with.
    var size: Double
    /// The distance from one line's top to the next line's top.
    var lineHeight: Double
    /// The height of one line's box (ascent + descent).
    var textHeight: Double

    /// The height of the block: from the first line's top to the last line's bottom.
    var height: Double { lineHeight * Double(max(0, lines.count - 1)) + textHeight }

    /// Lines are 1.1 text heights apart.
    static let lineSpacing = 1.1

    /// Relation signs that a two-line split keeps on one line with their neighbours when that
    /// costs little (`β = 0,9`, `v ← βv`): the signs standing between spaces.
    static let relations: Set<String> = ["=", "←", "≈", "≠", "≤", "≥"]

    /// How much wider (as a fraction) the wider line may get to avoid a break right after a
    /// relation sign (`β =` | `0,9`; TeX too breaks there only at a cost).
    static let breakAfterRelationPenalty = 0.08
    /// The same for a break right before one (`β` | `= 0,9`), which reads worst.
    static let breakBeforeRelationPenalty = 0.25

    /// `text` in `style` fitted into `width`: unchanged when it fits; else scaled down when the
    /// scale stays at or above `minimumScale` (or when `maximumLines` is 1 or the text has no
    /// space); else split at the space that makes the wider line narrowest, a split beside a
    /// relation sign counted wider by ``breakAfterRelationPenalty`` or
    /// ``breakBeforeRelationPenalty``, and scaled to fit, if that keeps it larger than one scaled
    /// line.
    static func fit(_ text: String, style: TextStyle, width: Double, maximumLines: Int = 2, minimumScale: Double = 0.8,
                    renderer: any Renderer) -> TextBlock {
        func block(_ lines: [String], _ size: Double) -> TextBlock {
            var sized = style
            sized.size = size
            let height = renderer.measureText("Ag", style: sized).height
            return TextBlock(lines: lines, size: size, lineHeight: height * lineSpacing, textHeight: height)
        }
        let full = renderer.measureText(text, style: style).width
        guard full > width, full > 0, width > 0 else { return block([text], style.size) }
        let oneLineScale = width / full * 0.98
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if oneLineScale >= minimumScale || maximumLines < 2 || words.count < 2 {
            return block([text], style.size * oneLineScale)
        }
        // The split whose wider line is narrowest, a split beside a relation sign counted wider
        // by its penalty (`β =` | `0,9` a little, `β` | `= 0,9` much more).
        var best: (first: String, second: String, width: Double, cost: Double)?
        for split in 1..<words.count {
            let first = words[..<split].joined(separator: " "), second = words[split...].joined(separator: " ")
            let wider = max(renderer.measureText(first, style: style).width, renderer.measureText(second, style: style).width)
            let penalty = Self.relations.contains(words[split]) ? Self.breakBeforeRelationPenalty
                : Self.relations.contains(words[split - 1]) ? Self.breakAfterRelationPenalty : 0
            let cost = wider * (1 + penalty)
            if best == nil || cost < best!.cost { best = (first, second, wider, cost) }
        }
        guard let best, best.width > 0 else { return block([text], style.size * oneLineScale) }
        let twoLineScale = min(1, width / best.width * 0.98)
        if twoLineScale <= oneLineScale { return block([text], style.size * oneLineScale) }
        return block([best.first, best.second], style.size * twoLineScale)
    }
}
