import Foundation
import Testing
@testable import Plotting

/// Point labels are drawn in priority order where they fit and do not collide.
@Suite struct PointLabelsTests {
    /// A plot area of 600x400 pixels at (50, 50) showing x 0...60 and y 0...40: 10 pixels per unit.
    static let plot = DeviceRect(x: 50, y: 50, width: 600, height: 400)
    static let transform = AxesTransform(plotRect: plot, xLimits: AxisLimits(0, 60), yLimits: AxisLimits(0, 40))

    static func context(_ renderer: any Renderer, reserved: [DeviceRect] = []) -> MarkContext {
        MarkContext(renderer: renderer, transform: transform, theme: .light, metrics: FigureMetrics(scale: 1),
                    formatter: TickFormatter(style: .english), reserved: reserved)
    }

    static func drawn(_ mark: PointLabelsMark, reserved: [DeviceRect] = []) -> RecordingRenderer {
        let recorder = RecordingRenderer()
        mark.draw(in: context(recorder, reserved: reserved))
        return recorder
    }

    static func labels(_ pairs: [(String, Double, Double)]) -> [PointLabelsMark.Label] {
        pairs.map { PointLabelsMark.Label($0.0, at: DataPoint(x: $0.1, y: $0.2)) }
    }

    @Test func overlappingLabelsLeaveOnlyTheEarlierOnes() {
        // 20-pixel text: "Label" is about 50 pixels wide and 23 high. Pairs 5 pixels apart overlap;
        // labels 100 pixels or more apart do not.
        let pairs: [(String, Double, Double)] = [
            ("First", 10, 20), ("Hidden by First", 10.5, 20.5), ("Second", 30, 20), ("Hidden by Second", 29.5, 19.6),
            ("Third", 10, 30), ("Hidden by Third", 9.8, 30.3), ("Fourth", 45, 5),
        ]
        let mark = PointLabelsMark(labels: Self.labels(pairs), fontSize: 20)
        let texts = Self.drawn(mark).texts
        #expect(texts.map(\.text) == ["First", "Second", "Third", "Fourth"])
        // The other priority: the second of each pair wins.
        let swapped = PointLabelsMark(labels: Self.labels([pairs[1], pairs[0], pairs[3], pairs[2]]), fontSize: 20)
        #expect(Self.drawn(swapped).texts.map(\.text) == ["Hidden by First", "Hidden by Second"])
    }

    @Test func labelsThatWouldCrossThePlotEdgeAreDropped() {
        // Left-bottom anchored: the box runs right of and above the point.
        let pairs: [(String, Double, Double)] = [
            ("Right edge", 57, 20),  // starts 30 px before the right edge, needs about 100
            ("Top edge", 20, 39.5),  // its bottom 5 px below the top edge
            ("Inside", 20, 20),
            ("Left edge", -0.5, 10),  // starts 5 px left of the plot area
            ("Bottom", 40, 0.2),  // bottom 2 px above the bottom edge: inside
        ]
        let mark = PointLabelsMark(labels: Self.labels(pairs), fontSize: 20)
        let recorder = Self.drawn(mark)
        #expect(recorder.texts.map(\.text) == ["Inside", "Bottom"])
        for (_, box) in recorder.texts {
            #expect(box.minX >= Self.plot.minX && box.maxX <= Self.plot.maxX && box.minY >= Self.plot.minY && box.maxY <= Self.plot.maxY)
        }
        // Right-anchored near the right edge fits.
        let right = PointLabelsMark(labels: Self.labels([("Right edge", 59, 20)]), anchor: TextAnchor(.right, .middle), fontSize: 20)
        #expect(Self.drawn(right).texts.map(\.text) == ["Right edge"])
    }

    @Test func tenThousandRandomLabelsNeverOverlap() {
        var generator = SplitMix(seed: 77)
        let words = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Niklaus", "Ken", "Margaret"]
        var pairs: [(String, Double, Double)] = []
        for index in 0..<10_000 {
            let x = generator.nextUnit() * 64 - 2
            let y = generator.nextUnit() * 44 - 2
            pairs.append(("\(words[index % words.count]) \(index)", x, y))
        }
        let padding = 2.0
        let mark = PointLabelsMark(labels: Self.labels(pairs), fontSize: 16, padding: padding, candidateLimit: 10_000)
        let recorder = Self.drawn(mark)
        let drawn = recorder.texts
        #expect(drawn.count > 50)
        // Pairwise: no two boxes come closer than the padding.
        var overlaps = 0
        for i in drawn.indices {
            for j in drawn.indices where j > i && drawn[i].box.insetBy(dx: -padding, dy: -padding).intersects(drawn[j].box) { overlaps += 1 }
        }
        #expect(overlaps == 0)
        #expect(drawn.allSatisfy { $0.box.minX >= Self.plot.minX && $0.box.maxX <= Self.plot.maxX && $0.box.minY >= Self.plot.minY && $0.box.maxY <= Self.plot.maxY })
        // In priority order, and greedy: every label left out collides with an earlier drawn one or does not fit.
        let order = drawn.map { text in pairs.firstIndex { $0.0 == text.text } ?? -1 }
        #expect(order == order.sorted() && !order.contains(-1))
        let style = TextStyle(size: 16, color: Theme.light.ink)
        var next = 0
        var unexplained = 0
        for (index, pair) in pairs.enumerated() {
            if next < order.count && order[next] == index { next += 1; continue }
            let box = recorder.textBox(pair.0, at: Self.transform.device(DataPoint(x: pair.1, y: pair.2)), style: style, anchor: TextAnchor(.left, .bottom))
            let fits = box.minX >= Self.plot.minX && box.maxX <= Self.plot.maxX && box.minY >= Self.plot.minY && box.maxY <= Self.plot.maxY
            let collides = drawn.prefix(next).contains { $0.box.intersects(box.insetBy(dx: -padding, dy: -padding)) }
            if fits && !collides { unexplained += 1 }
        }
        #expect(unexplained == 0)
    }

    @Test func onlyTheFirstCandidatesAreConsidered() {
        var pairs: [(String, Double, Double)] = []
        for index in 0..<50 {
            let x = Double(index % 10) * 6 + 0.5, y = Double(index / 10) * 8 + 1
            pairs.append(("L\(index)", x, y))
        }
        let mark = PointLabelsMark(labels: Self.labels(pairs), fontSize: 12, candidateLimit: 20)
        #expect(Self.drawn(mark).texts.map(\.text) == (0..<20).map { "L\($0)" })
        #expect(mark.samplePoints(in: Self.transform).count == 20)
    }

    @Test func labelsAvoidTheLegendAndOptionallyMarkers() {
        let pairs: [(String, Double, Double)] = [("Under the legend", 2, 35), ("On a marker", 30, 20), ("Free", 30, 5)]
        let legend = DeviceRect(x: 60, y: 60, width: 200, height: 60)  // covers data x 1...21, y 33...39
        let plain = PointLabelsMark(labels: Self.labels(pairs), fontSize: 20)
        #expect(Self.drawn(plain, reserved: [legend]).texts.map(\.text) == ["On a marker", "Free"])
        let markers = ScatterMark(points: [DataPoint(x: 33, y: 21)], color: .black, size: 20)
        let avoiding = PointLabelsMark(labels: Self.labels(pairs), fontSize: 20, avoidedMarks: [markers])
        #expect(Self.drawn(avoiding, reserved: [legend]).texts.map(\.text) == ["Free"])
    }

    /// The lecture's fit figure with names beside the points, once with one `TextMark` per
    /// point (as the figure does today) and once with `pointLabels`.
    static func fitFigure(pointLabels: Bool, size: FigureSize, theme: Theme) -> Figure {
        let people: [(String, Double, Double)] = [
            ("Oliver", 58, 150), ("George", 59, 157), ("Amelia", 62, 163), ("Isla", 68, 171), ("Arthur", 70, 175),
            ("Harry", 78, 168), ("Olivia", 88, 179), ("Jack", 89, 182), ("Charlie", 91, 190), ("Michael", 92, 185),
        ]
        let figure = Figure(size: size, theme: theme)
        figure.title = "Predicting height from weight"
        let axes = figure.axes
        axes.xLabel = "weight (kg)"
        axes.yLabel = "height (cm)"
        let points = people.map { DataPoint(x: $0.1, y: $0.2) }
        axes.line([DataPoint(x: 56.6, y: 156), DataPoint(x: 93.4, y: 187.2)], color: theme.seriesColor(1), label: "height = 107.87 + 0.8495·weight")
        axes.scatter(points, color: theme.seriesColor(0), label: "data")
        axes.yLimits = AxisLimits(148, 198)
        let dx = 0.008 * (93.4 - 56.6)
        let shifted = points.map { DataPoint(x: $0.x + dx, y: $0.y) }
        if pointLabels {
            axes.pointLabels(people.map(\.0), at: shifted, anchor: TextAnchor(.left, .bottom), color: theme.ink,
                             fontSize: figure.metrics.tickFontSize * 0.85)
        } else {
            for (person, point) in zip(people, shifted) {
                axes.text(person.0, at: point, anchor: TextAnchor(.left, .bottom), color: theme.ink, fontSize: figure.metrics.tickFontSize * 0.85)
            }
        }
        return figure
    }

    @Test(arguments: [(FigureSize.slide, Theme.light), (FigureSize.slide, Theme.dark)])
    func withoutCollisionsTheCallsAreThoseOfTextMarks(size: FigureSize, theme: Theme) throws {
        let texts = RecordingRenderer(), labels = RecordingRenderer()
        Self.fitFigure(pointLabels: false, size: size, theme: theme).draw(on: texts)
        Self.fitFigure(pointLabels: true, size: size, theme: theme).draw(on: labels)
        #expect(labels.texts.filter { ["Oliver", "Isla", "Michael"].contains($0.text) }.count == 3, "every name is drawn")
        #expect(labels.operations.count == texts.operations.count)
        let same = labels.operations == texts.operations
        #expect(same)
        // And the pixels.
        let a = try Self.fitFigure(pointLabels: false, size: size, theme: theme).renderRaster()
        let b = try Self.fitFigure(pointLabels: true, size: size, theme: theme).renderRaster()
        #expect(a.hasSamePixels(as: b))
    }

    /// At 960x1080 "Michael", beside the rightmost point, would cross the plot area's right edge:
    /// a `TextMark` there is moved left into the plot area (away from its point), the point
    /// label is left out, and nothing else changes.
    @Test func onAHalfSlideTheLabelAtTheEdgeIsLeftOut() {
        let texts = RecordingRenderer(), labels = RecordingRenderer()
        Self.fitFigure(pointLabels: false, size: .half, theme: .dark).draw(on: texts)
        Self.fitFigure(pointLabels: true, size: .half, theme: .dark).draw(on: labels)
        let michael = texts.operations.filter { if case .text("Michael", _, _, _) = $0 { return true } else { return false } }
        #expect(michael.count == 1)
        let figure = Self.fitFigure(pointLabels: true, size: .half, theme: .dark)
        let transform = FigureLayout(figure: figure, measuringWith: RecordingRenderer()).panels[0].transform
        let plot = transform.plotRect
        // Where the label would go beside its point: across the right edge.
        let point = transform.device(DataPoint(x: 92 + 0.008 * (93.4 - 56.6), y: 185))
        let width = texts.measureText("Michael", style: TextStyle(size: figure.metrics.tickFontSize * 0.85, color: .black)).width
        #expect(point.x + width > plot.maxX, "beside its point the label crosses the right edge")
        if case let .text(_, at, _, box) = michael.first {
            #expect(box.maxX <= plot.maxX + 1e-9 && abs(box.maxX - plot.maxX) < 1e-6, "the TextMark is moved left to the edge")
            #expect(at.x < point.x && at.y == point.y)
        }
        let withoutMichael = texts.operations.filter { if case .text("Michael", _, _, _) = $0 { return false } else { return true } }
        let same = labels.operations == withoutMichael
        #expect(same)
    }
}
