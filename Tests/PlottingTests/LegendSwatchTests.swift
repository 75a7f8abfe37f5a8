import Testing
@testable import Plotting

/// A legend's line swatch must be visible on the legend box: a line too close to the box's colour
/// (gd's white path in the optimizer comparison, on the light theme's white box) is outlined in
/// the ink colour; a line that stands out is drawn alone.
@Suite("Legend swatches") struct LegendSwatchTests {
    @Test(arguments: [Theme.light, .dark])
    func faintLinesAreOutlined(theme: Theme) throws {
        let faint = theme.boxBackground.withAlpha(1), strong = theme.seriesColors[0]
        #expect(faint.contrastRatio(with: theme.boxBackground) < LegendBox.minimumSwatchContrast)
        #expect(strong.contrastRatio(with: theme.boxBackground) >= LegendBox.minimumSwatchContrast)
        let figure = Figure(size: try FigureSize(width: 640, height: 360), theme: theme)
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], color: faint, label: "faint")
        figure.axes.line([DataPoint(x: 0, y: 1), DataPoint(x: 1, y: 0)], color: strong, label: "strong")
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let strokes = recorder.operations.compactMap { operation -> (DevicePath, StrokeStyle)? in
            if case let .stroke(path, style) = operation { return (path, style) }
            return nil
        }
        // The swatches: two-point horizontal strokes in the line colours.
        func swatch(_ color: Color) throws -> DevicePath {
            try #require(strokes.first { $0.1.color == color && $0.0.elements.count == 2 && Self.isHorizontal($0.0) }?.0)
        }
        let faintSwatch = try swatch(faint), strongSwatch = try swatch(strong)
        let underFaint = strokes.filter { $0.0 == faintSwatch && $0.1.color != faint }
        #expect(underFaint.count == 1 && underFaint.first?.1.color == theme.ink)
        if let outline = underFaint.first, let line = strokes.first(where: { $0.0 == faintSwatch && $0.1.color == faint }) {
            #expect(outline.1.width > line.1.width)
        }
        #expect(strokes.filter { $0.0 == strongSwatch }.count == 1)
        // Ink against the relative-luminance formula: white on white is 1, black on white 21.
        #expect(abs(Color.white.contrastRatio(with: .white) - 1) < 1e-12)
        #expect(abs(Color.black.contrastRatio(with: .white) - 21) < 1e-12)
    }

    /// A dotted line's dots are dashes of no length drawn by round caps: its swatch must not
    /// use the butt caps of the other swatches, which would leave nothing to see.
    @Test func dottedSwatchKeepsItsDots() throws {
        let figure = Figure(size: try FigureSize(width: 640, height: 360))
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], color: .black, dash: .dotted, label: "dotted")
        figure.axes.line([DataPoint(x: 0, y: 1), DataPoint(x: 1, y: 0)], color: .black, dash: .dashed, label: "dashed")
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let swatches = recorder.operations.compactMap { operation -> StrokeStyle? in
            if case let .stroke(path, style) = operation, path.elements.count == 2, Self.isHorizontal(path), !style.dash.isEmpty { return style }
            return nil
        }
        let dotted = try #require(swatches.first { $0.dash == figure.metrics.dot })
        let dashed = try #require(swatches.first { $0.dash == figure.metrics.dash })
        #expect(dotted.cap == .round)
        #expect(dashed.cap == .butt)
    }

    static func isHorizontal(_ path: DevicePath) -> Bool {
        let ys = path.elements.compactMap { element -> Double? in
            switch element {
            case let .move(p), let .line(p): return p.y
            default: return nil
            }
        }
        return ys.count == 2 && ys[0] == ys[1]
    }
}
