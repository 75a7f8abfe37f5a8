import Foundation
import Testing
@testable import Plotting

/// The linear SVG id normaliser gives exactly the bytes of the first (regular-expression)
/// version, `LegacySVGNormalizer`, on real Cairo output and on awkward synthetic input.
@Suite struct SVGNormalizerTests {
    /// Figures of every kind the tests build, as Cairo writes them (ids not yet renumbered).
    static func realFigures() throws -> [(name: String, svg: Data)] {
        var figures: [(String, Figure)] = [
            ("fit light slide", DemoFigures.fitAndLoss(size: .slide, theme: .light)),
            ("fit dark half finnish", DemoFigures.fitAndLoss(size: .half, theme: .dark, style: .finnish)),
            ("landscape light", DemoFigures.landscape(size: .slide, theme: .light).0),
            ("landscape transparent", DemoFigures.landscape(size: .half, theme: .transparent).0),
            ("bars dark", DemoFigures.bars(size: .slide, theme: .dark)),
        ]
        let scatter = Figure(size: .slide)
        var generator = SplitMix(seed: 11)
        scatter.axes.scatter((0..<1500).map { _ in DataPoint(x: generator.nextUnit(), y: generator.nextUnit()) }, label: "points")
        scatter.axes.text("#a ünïcödé id=\"x\" url(#b)", at: DataPoint(x: 0.5, y: 0.5))
        figures.append(("scatter with text", scatter))
        // The same figure again: Cairo's process-global counters now give other ids.
        figures.append(("landscape light, again", DemoFigures.landscape(size: .slide, theme: .light).0))
        return try figures.map { ($0.0, try $0.1.cairoSVGData()) }
    }

    @Test func realFiguresMatchTheRegularExpressionVersion() throws {
        for (name, svg) in try Self.realFigures() {
            let text = String(decoding: svg, as: UTF8.self)
            #expect(text.contains("id=\""), "\(name) has ids to rename")
            let normalized = SVGNormalizer.normalize(svg)
            #expect(normalized == LegacySVGNormalizer.normalize(svg), "\(name)")
            #expect(String(decoding: normalized, as: UTF8.self).contains("id=\"d1\""), "\(name)")
        }
    }

    @Test func renderingTwiceGivesTheSameNormalizedBytes() throws {
        let first = try DemoFigures.landscape(size: .half, theme: .dark).0.cairoSVGData()
        let second = try DemoFigures.landscape(size: .half, theme: .dark).0.cairoSVGData()
        #expect(first != second, "Cairo's counters differ between the two drawings")
        #expect(SVGNormalizer.normalize(first) == SVGNormalizer.normalize(second))
    }

    /// Expected outputs written out by hand.
    @Test(arguments: [
        // Prefixes: `a` and `ab` are different ids; `#a.b` is a longer name that is no id.
        ("<g id=\"ab\"/><g id=\"a\"/><use href=\"#a\"/><use href=\"#ab\"/><use href=\"#a.b\"/>",
         "<g id=\"d1\"/><g id=\"d2\"/><use href=\"#d2\"/><use href=\"#d1\"/><use href=\"#a.b\"/>"),
        // References before the definition, url(#…), xlink:href, a # in text that is an id.
        ("<use xlink:href=\"#glyph0-1\"/><path clip-path=\"url(#clip7)\"/><clipPath id=\"clip7\"/><symbol id=\"glyph0-1\"/><text>#clip7 and #other</text>",
         "<use xlink:href=\"#d2\"/><path clip-path=\"url(#d1)\"/><clipPath id=\"d1\"/><symbol id=\"d2\"/><text>#d1 and #other</text>"),
        // A repeated definition keeps its first number; non-ASCII text passes through.
        ("<g id=\"x\"/>äö ŷ #x 😀<g id=\"y\"/><g id=\"x\"/>#y", "<g id=\"d1\"/>äö ŷ #d1 😀<g id=\"d2\"/><g id=\"d1\"/>#d2"),
        // `grid="…"` contains `id="…"`; an empty id; an id that no name can spell keeps its text
        // but takes a number.
        ("<g grid=\"g1\" id=\"\" id=\"two words\" id=\"g2\"/>#g1 #two #g2", "<g grid=\"d1\" id=\"\" id=\"two words\" id=\"d3\"/>#d1 #two #d3"),
        // No ids at all: unchanged.
        ("<svg><path d=\"M 0 0\"/>#a</svg>", "<svg><path d=\"M 0 0\"/>#a</svg>"),
    ])
    func handWrittenCases(input: String, expected: String) {
        let output = SVGNormalizer.normalize(Data(input.utf8))
        #expect(String(decoding: output, as: UTF8.self) == expected)
        #expect(output == LegacySVGNormalizer.normalize(Data(input.utf8)))
    }

    /// Inputs where the regular expressions' exact rules matter.
    @Test func trickyInputsMatchTheRegularExpressionVersion() {
        let cases: [String] = [
            "", "id=\"", "id=\"\"", "id=\"a", "#", "##a", "#a#b id=\"a\" id=\"b\"",
            "id=\"x id=\"y\" #x #y #x id=",  // a definition's value runs to the next quote
            "id=\"id=\"id\" #id",  // tokens do not overlap: `id="id` is one token
            "id=\"#a\" #a id=\"a\"",  // the value `#a` is an id; the token inside it is `a`
            "id=\"K\" id=\"\u{212A}\" #K",  // the Kelvin sign equals K as a Swift string
            "id=\"\u{212A}\" #K id=\"K\"",
            "id=\"e\u{301}\" id=\"é\" #e",  // canonically equal definitions share a number
            "id=\"abc\" #abc\u{301} #abc",  // a combining mark ends the name
            "id=\"a\" #a\u{301} #a\u{903}x #a\u{200D}x #a\u{1F3FB} #a\u{FE0F} #a\u{1100} #a\r\n",  // marks that join the name's last letter
            "id=\"\u{301}a\" id=\"b\" #b id=\"a\u{600}\" id=\"\u{600}\" id=\"c\" #c",  // values that do not start or end a cluster
            "id=\"\u{1F1EB}\u{1F1EE}\" id=\"x\u{1F3FB}\" id=\"é\" #x",
            "id=\"a:b.c-d_e\" #a:b.c-d_e #a:b.c-d_ef url(#a:b.c-d_e)",
            "id=\"_1\" #_1 #1 id=\"1\" #1",
            "<text>id=\"α\"</text> #α id=\"β\" #β",
            "\u{FEFF}<g id=\"bom\"/>#bom",
            "id=\"a\"\0#a\0id=\"b\"",
            String(repeating: "id=\"n\" #n ", count: 50),
        ]
        for input in cases {
            let data = Data(input.utf8)
            #expect(SVGNormalizer.normalize(data) == LegacySVGNormalizer.normalize(data), "\(input.debugDescription)")
        }
        // Not UTF-8: unchanged by both.
        let invalid = Data([0x69, 0x64, 0x3D, 0x22, 0xFF, 0x22, 0x23, 0x61]) + Data("id=\"a\" #a".utf8)
        #expect(SVGNormalizer.normalize(invalid) == invalid)
        #expect(LegacySVGNormalizer.normalize(invalid) == invalid)
        // A byte order mark in front.
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("<g id=\"q\"/>#q".utf8)
        #expect(SVGNormalizer.normalize(bom) == LegacySVGNormalizer.normalize(bom))
    }

    /// Random strings built from the pieces the rules care about.
    @Test func randomInputsMatchTheRegularExpressionVersion() {
        let pieces = ["id=\"", "\"", "#", "a", "ab", "a.b", "b:c", "-", "_", "1", "K", "\u{212A}", "é", "e\u{301}", "\u{301}",
                      "url(#", ")", "xlink:href=\"#", " ", "grid=\"", "id=\"\"", "ä", "😀", "\n", "<text>", "i", "d", "=",
                      "\u{600}", "\u{903}", "\u{200D}", "\u{1F1EB}", "\u{1F3FB}", "\r", "\u{1100}"]
        var generator = SplitMix(seed: 2024)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 40)
            let input = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let data = Data(input.utf8)
            #expect(SVGNormalizer.normalize(data) == LegacySVGNormalizer.normalize(data), "\(input.debugDescription)")
        }
    }
}
