import Foundation
import Testing
@testable import Plotting

/// A title, subtitle or legend label split onto two lines keeps a relation (`β = 0,9`, `v ← βv`)
/// on one line when that costs little: a split right after a relation sign counts
/// `TextBlock.breakAfterRelationPenalty` wider, one right before it
/// `TextBlock.breakBeforeRelationPenalty` wider.
@Suite("Line breaks beside relations") struct LineBreakTests {
    static let subtitle = "η = 0,001, kumpikin 300 päivitystä (30 epookkia); momentti β = 0,9: v ← βv + g, θ ← θ − ηv; Adam β₁ = 0,9, β₂ = 0,999, ε = 10⁻⁸"

    /// Where the two lines meet: after a relation sign, before one, or elsewhere.
    enum Break { case afterRelation, beforeRelation, elsewhere }

    static func kind(_ lines: [String]) -> Break {
        guard lines.count == 2, let last = lines[0].split(separator: " ").last, let first = lines[1].split(separator: " ").first else { return .elsewhere }
        if TextBlock.relations.contains(String(first)) { return .beforeRelation }
        return TextBlock.relations.contains(String(last)) ? .afterRelation : .elsewhere
    }

    /// Every two-line split of `text` with its wider line's width.
    static func splits(_ text: String, style: TextStyle, renderer: any Renderer) -> [(lines: [String], width: Double)] {
        let words = text.split(separator: " ").map(String.init)
        return (1..<words.count).map { split in
            let lines = [words[..<split].joined(separator: " "), words[split...].joined(separator: " ")]
            return (lines, lines.map { renderer.measureText($0, style: style).width }.max()!)
        }
    }

    /// The narrowest split that is not beside a relation, and the narrowest of all.
    static func narrowest(_ text: String, style: TextStyle, renderer: any Renderer) -> (whole: Double, any: (lines: [String], width: Double)) {
        let all = splits(text, style: style, renderer: renderer)
        let whole = all.filter { kind($0.lines) == .elsewhere }.map(\.width).min() ?? .infinity
        return (whole, all.min { $0.width < $1.width }!)
    }

    @Test("The Finnish optimizer-state subtitle at every width that splits it: never beside a relation while a split elsewhere is within the penalty, never wider than the narrowest split plus the penalty")
    func subtitleKeepsRelations() throws {
        let renderer = try CairoRenderer(raster: Raster(width: 16, height: 16))
        let style = TextStyle(size: 20, color: .black)
        let full = renderer.measureText(Self.subtitle, style: style).width
        var relationSplitsAvoided = 0
        for width in stride(from: full * 0.5, to: full * 0.95, by: full * 0.01) {
            let block = TextBlock.fit(Self.subtitle, style: style, width: width, minimumScale: 0.99, renderer: renderer)
            try #require(block.lines.count == 2)
            #expect(block.lines.joined(separator: " ") == Self.subtitle)
            let (whole, narrowest) = Self.narrowest(Self.subtitle, style: style, renderer: renderer)
            let chosen = block.lines.map { renderer.measureText($0, style: style).width }.max()!
            #expect(chosen <= narrowest.width * (1 + TextBlock.breakBeforeRelationPenalty) + 1e-9)
            if whole <= narrowest.width * (1 + TextBlock.breakAfterRelationPenalty) {
                #expect(Self.kind(block.lines) == .elsewhere, "width \(width): \(block.lines)")
            }
            if Self.kind(narrowest.lines) != .elsewhere && Self.kind(block.lines) == .elsewhere { relationSplitsAvoided += 1 }
        }
        // The plain narrowest-split rule would have split beside a relation at some of these widths.
        #expect(relationSplitsAvoided > 0)
    }

    @Test("A legend label whose narrowest split is right before = breaks elsewhere or right after it (never σ | = (3.53, 6.35))")
    func breaksAfterRatherThanBefore() throws {
        let renderer = try CairoRenderer(raster: Raster(width: 16, height: 16))
        let style = TextStyle(size: 20, color: .black)
        let label = "batch of 1: σ = (3.53, 6.35)"
        let narrowest = Self.narrowest(label, style: style, renderer: renderer).any
        try #require(Self.kind(narrowest.lines) == .beforeRelation, "the case this test is about: \(narrowest.lines)")
        let block = TextBlock.fit(label, style: style, width: renderer.measureText(label, style: style).width * 0.6,
                                  minimumScale: 1, renderer: renderer)
        #expect(Self.kind(block.lines) != .beforeRelation)
        #expect(block.lines == ["batch of 1:", "σ = (3.53, 6.35)"] || block.lines == ["batch of 1: σ =", "(3.53, 6.35)"], "\(block.lines)")
    }

    @Test("A relation is split when every other split is much wider, and text without relations splits as before")
    func fallsBackToTheNarrowest() throws {
        let renderer = try CairoRenderer(raster: Raster(width: 16, height: 16))
        let style = TextStyle(size: 20, color: .black)
        let text = "a_rather_long_left_hand_side = a_rather_long_right_hand_side"
        let block = TextBlock.fit(text, style: style, width: renderer.measureText(text, style: style).width * 0.6,
                                  minimumScale: 0.99, renderer: renderer)
        #expect(block.lines == ["a_rather_long_left_hand_side =", "a_rather_long_right_hand_side"])
        let plain = "the quick brown fox jumps over the lazy dog and keeps running far away"
        let plainBlock = TextBlock.fit(plain, style: style, width: renderer.measureText(plain, style: style).width * 0.6,
                                       minimumScale: 0.99, renderer: renderer)
        #expect(plainBlock.lines == Self.narrowest(plain, style: style, renderer: renderer).any.lines)
    }
}
