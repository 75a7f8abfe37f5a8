import Foundation
import Testing
@testable import Plotting

/// The sizes every figure must survive: the presets, a small and a 4K slide, and 21:9.
enum AuditSizes {
    static let all: [FigureSize] = [
        .slide, .slide4x3, .half, .square,
        (try? FigureSize(width: 640, height: 360)) ?? .slide,
        (try? FigureSize(width: 3840, height: 2160)) ?? .slide,
        (try? FigureSize(width: 2520, height: 1080)) ?? .slide,
    ]
}

/// `LayoutAudit` reports what it should, naming both items, and nothing on clean figures.
@Suite("Layout audit") struct LayoutAuditTests {
    /// Plotting's demo figures at every size, with short and Finnish-length words.
    @Test(arguments: AuditSizes.all)
    func demoFiguresAreClean(size: FigureSize) throws {
        for (name, labels) in DemoLabels.all {
            let figures: [(String, Figure)] = [
                ("fit", DemoFigures.fitAndLoss(size: size, theme: .light, style: .finnish, labels: labels)),
                ("landscape", DemoFigures.landscape(size: size, theme: .dark, labels: labels).0),
                ("landscape with a dynamic path", DemoFigures.landscape(size: size, theme: .transparentDark, pathLayer: .dynamic, labels: labels).0),
                ("bars", DemoFigures.bars(size: size, theme: .transparent, style: .finnish, labels: labels)),
                ("density", DemoFigures.densityScatter(size: size, theme: .light, count: 5_000, labels: labels)),
                ("point labels", DemoFigures.labelledCloud(size: size, theme: .light, labels: labels)),
            ]
            for (figureName, figure) in figures {
                let problems = try LayoutAudit.audit(figure)
                #expect(problems.isEmpty, "\(figureName) at \(size), \(name) words: \(problems)")
            }
        }
    }

    /// A panel over x, y in 0...100 with no grid, title or labels at 1920x1080.
    static func plain(_ size: FigureSize = .slide) -> Figure {
        let figure = Figure(size: size)
        figure.axes.xLimits = AxisLimits(0, 100)
        figure.axes.yLimits = AxisLimits(0, 100)
        return figure
    }

    @Test func textCutOffByThePlotAreaIsReportedWithTheAmount() throws {
        let figure = Self.plain()
        // Its anchor (the right end) lies beyond x = 100, so it is not moved inside.
        figure.axes.text("Edge", at: DataPoint(x: 102, y: 50), anchor: TextAnchor(.right, .middle))
        let problems = try LayoutAudit.audit(figure)
        let transform = try figure.panelTransforms()[0]
        let overflow = 0.02 * transform.plotRect.width  // 2 of 100 data units
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.kind == .clippedByPlotArea && problem.item.kind == .text && problem.item.panel == 0 && problem.item.mark == 0)
        #expect(problem.description == "text 'Edge' of panel 1 is cut off by the plot area (\(String(format: "%.1f", overflow)) px on the right)")
    }

    @Test func textLeavingTheCanvasIsReported() throws {
        // A caption word wider than the figure stands on its own line and sticks out on the right.
        let size = try FigureSize(width: 400, height: 300)
        let figure = Figure(size: size)
        let word = String(repeating: "Pneumonoultramicroscopicsilicovolcanoconiosis", count: 3)
        figure.caption = word
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        let problems = try LayoutAudit.audit(figure).filter { $0.kind == .outsideCanvas }
        // Guide sizes: padding 24 px and caption 30 px, times min(400, 300) / 1080.
        let scale = 300.0 / 1080
        let width = RecordingRenderer().measureText(word, style: TextStyle(size: 30 * scale, color: .black)).width
        let overflow = 24 * scale + width - 400
        #expect(overflow > 1)
        #expect(problems.map(\.description) == ["caption line '\(word)' leaves the canvas by \(String(format: "%.1f", overflow)) px on the right"])
    }

    @Test func overlappingTextsAreNamedBoth() throws {
        let figure = Self.plain()
        figure.axes.text("Alpha", at: DataPoint(x: 50, y: 50))
        figure.axes.text("Beta", at: DataPoint(x: 50.5, y: 50.5))
        // Far enough apart: the two words are about 80 px wide, 10 data units are 170 px.
        figure.axes.text("Gamma", at: DataPoint(x: 20, y: 20))
        figure.axes.text("Delta", at: DataPoint(x: 30, y: 20))
        let problems = try LayoutAudit.audit(figure)
        #expect(problems.map(\.description) == ["text 'Alpha' of panel 1 overlaps text 'Beta' of panel 1"])
        #expect(problems.first?.kind == .overlap && problems.first?.other?.kind == .text && problems.first?.other?.mark == 1)
    }

    @Test func aBoxedNoteIsOneItemWithItsBackground() throws {
        // Alone, a boxed note's background is not a collision with its own text.
        let alone = Self.plain()
        alone.axes.text("Note", at: DataPoint(x: 50, y: 50), boxed: true)
        #expect(try LayoutAudit.audit(alone).isEmpty)
        // Two boxed lines whose texts are 2 px apart: the backgrounds (0.21 em above and below
        // each text) overlap, so the second background hides part of the first note.
        let stacked = Self.plain()
        let size = stacked.metrics.annotationFontSize
        let height = RecordingRenderer().measureText("Ag", style: TextStyle(size: size, color: .black)).height
        stacked.axes.text("First line", at: DataPoint(x: 50, y: 50), anchor: TextAnchor(.left, .top), boxed: true)
        let second = stacked.axes.text("Second line", at: DataPoint(x: 50, y: 50), anchor: TextAnchor(.left, .top), boxed: true)
        second.offset = DevicePoint(x: 0, y: height + 2)
        let problems = try LayoutAudit.audit(stacked)
        #expect(problems.map(\.description) == ["text 'First line' of panel 1 overlaps text 'Second line' of panel 1"])
        // The texts alone do not overlap.
        let recorder = RecordingRenderer()
        stacked.draw(on: recorder)
        let boxes = recorder.recordedTexts.filter { $0.role?.kind == .mark }.map(\.box)
        #expect(boxes.count == 2 && !boxes[0].intersects(boxes[1]))
    }

    @Test func legendOverDataNamesTheMarkAndCountsThePoints() throws {
        let figure = Self.plain()
        figure.axes.legendPlacement = .corner(.upperLeft)
        // Three points just inside the upper left corner (2 % of the plot from its edges), twenty far away.
        let covered = [DataPoint(x: 2, y: 98), DataPoint(x: 4, y: 97), DataPoint(x: 3, y: 96)]
        let far = (0..<20).map { DataPoint(x: 80 + Double($0 % 5) * 3, y: 5 + Double($0 / 5) * 3) }
        figure.axes.scatter(covered + far, label: "data")
        let problems = try LayoutAudit.audit(figure)
        #expect(problems.map(\.description) == ["legend of panel 1 covers 3 points of scatter 'data'"])
        #expect(problems.first?.kind == .coversData && problems.first?.item.kind == .legend && problems.first?.other?.kind == .dataMark)
        // Independently: the drawn legend box (its background fill) contains exactly those three centres.
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let transform = try figure.panelTransforms()[0]
        let box = try #require(recorder.fills.first { $0.color == figure.theme.boxBackground }?.path.bounds)
        #expect((covered + far).filter { box.contains(transform.device($0)) }.count == 3)
    }

    @Test func legendOverALineGivesTheCoveredLength() throws {
        let figure = Self.plain()
        figure.axes.legendPlacement = .corner(.upperLeft)
        // A horizontal line through the middle of the legend box, across the whole plot.
        let line = figure.axes.line([], label: "level")
        let first = RecordingRenderer()
        figure.draw(on: first)
        let box = try #require(first.fills.first { $0.color == figure.theme.boxBackground }?.path.bounds)
        let transform = try figure.panelTransforms()[0]
        let y = transform.data(DevicePoint(x: 0, y: box.midY)).y
        line.points = [DataPoint(x: 0, y: y), DataPoint(x: 100, y: y)]
        let problems = try LayoutAudit.audit(figure)
        #expect(problems.count == 1)
        // The 4-pixel line touches the box over its width plus its half width on either side,
        // less the audit's 0.5 px tolerance on either side (rounded up in the message).
        let expected = box.width + 4 - 1
        let description = try #require(problems.first?.description)
        #expect(description.hasPrefix("legend of panel 1 covers ") && description.hasSuffix(" px of line 'level'"))
        let number = Double(description.dropFirst("legend of panel 1 covers ".count).prefix { $0.isNumber }) ?? 0
        #expect(abs(number - expected) <= 1.5, "\(number) vs \(expected)")
    }

    @Test func aTextMayCoverDataOnPurpose() throws {
        let figure = Self.plain()
        figure.axes.scatter([DataPoint(x: 50, y: 50)], label: "point")
        let label = figure.axes.text("w₁", at: DataPoint(x: 50, y: 50))
        #expect(try LayoutAudit.audit(figure).map(\.description) == ["text 'w₁' of panel 1 covers 1 point of scatter 'point'"])
        label.mayCoverData = true
        #expect(try LayoutAudit.audit(figure).isEmpty)
    }

    @Test func contourLabelsOnADynamicPathAreReportedUnlessTheTrajectoryIsAvoided() throws {
        // Dynamic marks are not avoided automatically (the background must not change per frame).
        let (figure, _) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        let contours = try #require(figure.axes.marks.compactMap { $0 as? ContourMark }.first)
        contours.avoiding = []
        let problems = try LayoutAudit.audit(figure)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.kind == .coversData && $0.item.kind == .contourLabel && $0.other?.description == "path 'Gradient descent' of panel 1" },
                "\(problems)")
        contours.avoiding = [DemoFigures.landscapePath]
        #expect(try LayoutAudit.audit(figure).isEmpty)
    }

    @Test func anAxisWithOneLabelledTickIsReported() throws {
        // Eight stacked panels on a 400x240 figure: plots only a few pixels high.
        let figure = Figure(size: try FigureSize(width: 400, height: 240))
        for axes in figure.makePanels(rows: 8, columns: 1) {
            axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        }
        let problems = try LayoutAudit.audit(figure).filter { $0.kind == .tooFewTicks }
        #expect(!problems.isEmpty)
        for problem in problems {
            #expect(problem.item.kind == .yAxis)
            #expect(problem.description.hasPrefix("y axis of panel \((problem.item.panel ?? -1) + 1) has "))
            #expect(problem.description.hasSuffix("; at least 2 are needed"))
        }
    }

    @Test func crowdedCategoryLabelsAreReported() throws {
        // Two hundred category names under a 640-pixel-wide bar chart: even turned they collide.
        let figure = Figure(size: try FigureSize(width: 640, height: 360))
        figure.axes.bars((0..<200).map { Double($0 % 7) - 3 }, categories: (0..<200).map { "Category \($0)" })
        let problems = try LayoutAudit.audit(figure)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { ($0.kind == .tooClose || $0.kind == .overlap) && $0.item.kind == .xTickLabel && $0.other?.kind == .xTickLabel },
                "\(problems)")
        #expect(problems.contains { $0.description.contains("'Category 0'") && $0.description.contains("'Category 1'") })
    }

    @Test func dataMarksAreNamedByKindAndLabel() {
        #expect(LayoutAudit.markName(LineMark(points: [], color: .black, label: "Training"), index: 0) == "line 'Training'")
        #expect(LayoutAudit.markName(LineMark(points: [], color: .black), index: 2) == "line (mark 3)")
        #expect(LayoutAudit.markName(ScatterMark(points: [], color: .black, label: "data"), index: 0) == "scatter 'data'")
        #expect(LayoutAudit.markName(ScatterMark(points: [], color: .black, label: "data", rendering: .density), index: 0) == "density scatter 'data'")
        #expect(LayoutAudit.markName(PathMark(points: [], label: "GD"), index: 0) == "path 'GD'")
        #expect(LayoutAudit.markName(BarMark(values: [], positiveColor: .black, negativeColor: .black), index: 0) == "bars (mark 1)")
    }
}

/// The painter announces what it draws; the recording renderer files it with each text.
@Suite("Drawing roles") struct DrawingRoleTests {
    @Test func everyTextCarriesItsRole() throws {
        let figure = DemoFigures.landscape(size: .slide, theme: .light).0
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let texts = recorder.recordedTexts
        #expect(texts.count == recorder.texts.count)
        #expect(texts.allSatisfy { $0.role != nil })
        func role(_ text: String) -> DrawingRole? { texts.first { $0.text == text }?.role }
        #expect(role("Loss landscape L(w, b)") == DrawingRole(.title))
        #expect(role("Weight w") == DrawingRole(.xAxisLabel, panel: 0))
        #expect(role("Bias b") == DrawingRole(.yAxisLabel, panel: 0))
        #expect(role("Loss (log scale)") == DrawingRole(.colorbarLabel, panel: 0))
        #expect(role("Gradient descent") == DrawingRole(.legend, panel: 0))
        #expect(texts.filter { $0.role == DrawingRole(.colorbarTickLabel, panel: 0) }.map(\.text).contains("10"))
        #expect(texts.filter { $0.role == DrawingRole(.xTickLabel, panel: 0) }.map(\.text) == ["−2.0", "−1.5", "−1.0", "−0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
        // Contour labels are texts of mark 1 (heatmap 0, contours 1, path 2).
        let contourLabels = texts.filter { $0.role == DrawingRole(.mark, panel: 0, mark: 1) }
        #expect(!contourLabels.isEmpty && contourLabels.allSatisfy { ["0.1", "0.3", "1", "3", "10", "30"].contains($0.text) })
        // Rotated texts keep their turned corners: the y label's box is tall and narrow.
        let yLabel = try #require(texts.first { $0.text == "Bias b" })
        #expect(abs(yLabel.corners[0].y - yLabel.corners[1].y) > 20 && abs(yLabel.corners[0].x - yLabel.corners[1].x) < 1e-9)
    }

    @Test func rolesDoNotChangeWhatCairoDraws() throws {
        // The same figure drawn by Cairo with the painter's role calls and by a renderer that
        // forwards every call except the roles gives the same pixels.
        let figure = DemoFigures.fitAndLoss(size: .half, theme: .dark)
        let direct = try figure.renderRaster()
        let raster = Raster(width: figure.size.width, height: figure.size.height)
        let cairo = try CairoRenderer(raster: raster)
        figure.draw(on: RoleDroppingRenderer(cairo))
        cairo.context.surface.flush()
        #expect(direct.hasSamePixels(as: raster))
    }
}

/// Forwards every drawing call to another renderer but not the roles.
private final class RoleDroppingRenderer: Renderer {
    let inner: any Renderer
    init(_ inner: any Renderer) { self.inner = inner }
    func save() { inner.save() }
    func restore() { inner.restore() }
    func clip(to path: DevicePath) { inner.clip(to: path) }
    func stroke(_ path: DevicePath, style: StrokeStyle) { inner.stroke(path, style: style) }
    func fill(_ path: DevicePath, color: Color, rule: FillRule) { inner.fill(path, color: color, rule: rule) }
    func measureText(_ text: String, style: TextStyle) -> TextMetrics { inner.measureText(text, style: style) }
    func drawText(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor, angle: Double) {
        inner.drawText(text, at: point, style: style, anchor: anchor, angle: angle)
    }
    func drawImage(_ image: Raster, in rect: DeviceRect, interpolation: ImageInterpolation) { inner.drawImage(image, in: rect, interpolation: interpolation) }
}
