import Foundation

/// Checks a figure for what would mislead or break on a slide: text that leaves the canvas or
/// is cut off, texts that overlap, legends and notes that hide data, axes without two
/// labelled ticks.
///
/// ```swift
/// let problems = try LayoutAudit.audit(figure)
/// #expect(problems.isEmpty, "\(problems)")
/// // e.g. "x tick label '60' of panel 2 overlaps x axis label 'weight (kg)' of panel 2"
/// ```
///
/// The figure is laid out and drawn (both layers, as a still) through a `RecordingRenderer`, so
/// every text box is measured with Cairo's font metrics and sits exactly where the real output
/// puts it; each text carries the `DrawingRole` the painter announced. Rules, with a tolerance
/// of `tolerance` pixels (0.5 by default) on every comparison:
///
/// 1. **Inside the canvas.** Every text box (title and subtitle lines, caption lines, panel
///    titles, axis labels, tick labels, colorbar tick labels and label, texts and annotations,
///    point labels, contour labels, bar value labels) lies inside the figure. Texts of marks and
///    legends also lie inside their plot area, which clips them (else: "is cut off by the plot
///    area").
/// 2. **No overlaps.** No two text boxes overlap; a legend counts as one box (its entries are
///    inside it), and a boxed text or annotation as its background box (its own text is not a
///    collision). Rotated texts (axis labels, contour labels) are compared as turned boxes.
/// 3. **Data stays visible.** Legends, texts, notes, annotations, point labels, contour labels
///    and bar value labels do not cover data marks of their panel: scatter markers (or density
///    cells), lines, optimizer paths (stroke, halo and markers) and bars (`DataInk`). A mark
///    whose texts annotate data on purpose opts out with `mayCoverData` (`TextMark`,
///    `AnnotationMark`, `PointLabelsMark`); bar value labels do not count against their own
///    bars. Contour lines are not data marks here: their labels sit on them by design, but must
///    keep off paths, lines, markers and bars.
/// 4. **Readable axes.** Neighbouring tick labels of one axis are at least a space (0.3 em)
///    apart side by side, 0.15 em one above the other (closer ones read as one label); every
///    axis and colorbar with located (not custom) ticks has at least two labelled ticks.
///
/// Problems name both items in words, with 1-based panel numbers: "x tick label '60' of
/// panel 2", "legend of panel 1", "scatter 'data'", "contour label '0.3' of panel 1".
public enum LayoutAudit {
    /// Something the audit looked at.
    public struct Item: Sendable, Hashable, CustomStringConvertible {
        /// What kind of thing it is.
        public enum Kind: Sendable, Hashable {
            case title, subtitle, caption, panelTitle, xAxisLabel, yAxisLabel, xTickLabel, yTickLabel
            case colorbarTickLabel, colorbarLabel, legend
            /// A `TextMark` (a note, a label).
            case text
            /// An `AnnotationMark`'s text.
            case annotation
            /// One label of a `PointLabelsMark`.
            case pointLabel
            /// A contour line's label.
            case contourLabel
            /// A bar's value label.
            case barValueLabel
            /// Text drawn by another kind of mark.
            case markText
            /// A panel's x axis, y axis or colorbar (for tick problems).
            case xAxis, yAxis, colorbar
            /// A data mark: scatter, line, path or bars.
            case dataMark
        }

        /// The kind.
        public var kind: Kind
        /// The text drawn, if the item is a text.
        public var text: String?
        /// The panel's index in `Figure.panels` (0-based; messages count from 1), or nil.
        public var panel: Int?
        /// The mark's index in its panel's `Axes.marks`, for items of marks.
        public var mark: Int?
        /// The item in words, e.g. "x tick label '60' of panel 2".
        public var description: String
    }

    /// One thing wrong with the layout.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The rule that is broken.
        public enum Kind: Sendable, Hashable {
            /// A text leaves the canvas.
            case outsideCanvas
            /// A text of a mark or a legend is cut off by its plot area.
            case clippedByPlotArea
            /// Two texts (or a text and a legend) overlap.
            case overlap
            /// Two neighbouring tick labels of one axis nearly touch: less than a space (0.3 em)
            /// apart side by side, or 0.15 em one above the other.
            case tooClose
            /// A legend or a text covers a data mark (`other`).
            case coversData
            /// An axis or colorbar has fewer than two labelled ticks.
            case tooFewTicks
        }

        /// The rule.
        public var kind: Kind
        /// The item at fault.
        public var item: Item
        /// The other item involved (the text overlapped, the data mark covered), if any.
        public var other: Item?
        /// The problem in words, naming both items.
        public var description: String
    }

    /// A text or legend box as the audit sees it.
    private struct Box {
        var item: Item
        var shape: OrientedRect
        var bounds: DeviceRect
        /// The plot area that clips it (texts of marks, legends).
        var clip: DeviceRect?
        /// Whether it must keep clear of data marks, and which mark of its panel it may cover.
        var checksData: Bool
        var ownMark: Int?
        /// The font size (for the gap between tick labels).
        var fontSize = 0.0
    }

    /// The problems of `figure`'s layout, in rule order (canvas, plot area, overlaps, crowded
    /// tick labels, data, tick counts), each rule in drawing order; empty when the figure is clean.
    ///
    /// - Throws: `PlottingError.cairo` when Cairo cannot measure text.
    public static func audit(_ figure: Figure, tolerance: Double = 0.5) throws -> [Problem] {
        let recorder = RecordingRenderer()
        guard recorder.measuresWithCairo else {
            throw PlottingError.cairo(operation: "measure text for the layout audit", message: "no measuring surface could be created")
        }
        let layout = FigureLayout(figure: figure, measuringWith: recorder)
        FigurePainter(figure: figure, layout: layout, renderer: recorder).draw(layers: .all)
        let boxes = collectBoxes(figure: figure, layout: layout, texts: recorder.recordedTexts)
        let tol = max(0, tolerance)
        var problems: [Problem] = []

        // 1. Inside the canvas, and inside the plot area for what the plot area clips.
        let canvas = DeviceRect(x: 0, y: 0, width: layout.width, height: layout.height)
        for box in boxes {
            if let overflow = overflow(of: box.bounds, beyond: canvas, tolerance: tol) {
                problems.append(Problem(kind: .outsideCanvas, item: box.item, other: nil,
                                        description: "\(box.item) leaves the canvas by \(pixels(overflow.amount)) on the \(overflow.side)"))
            }
        }
        for box in boxes {
            guard let clip = box.clip, let overflow = overflow(of: box.bounds, beyond: clip, tolerance: tol) else { continue }
            problems.append(Problem(kind: .clippedByPlotArea, item: box.item, other: nil,
                                    description: "\(box.item) is cut off by the plot area (\(pixels(overflow.amount)) on the \(overflow.side))"))
        }

        // 2. Overlapping texts.
        let shrunk = boxes.map { $0.shape.grown(by: -tol) }
        let shrunkBounds = shrunk.map(\.bounds)
        for i in boxes.indices {
            for j in boxes.indices where j > i && shrunkBounds[i].intersects(shrunkBounds[j]) && shrunk[i].overlaps(shrunk[j]) {
                problems.append(Problem(kind: .overlap, item: boxes[i].item, other: boxes[j].item,
                                        description: "\(boxes[i].item) overlaps \(boxes[j].item)"))
            }
        }

        // 2b. Neighbouring tick labels of one axis at least a space apart.
        for kind in [Item.Kind.xTickLabel, .yTickLabel, .colorbarTickLabel] {
            let horizontal = kind == .xTickLabel
            let groups = Dictionary(grouping: boxes.filter { $0.item.kind == kind }, by: { $0.item.panel ?? -1 })
            for panel in groups.keys.sorted() {
                let labels = (groups[panel] ?? []).sorted { horizontal ? $0.bounds.midX < $1.bounds.midX : $0.bounds.midY < $1.bounds.midY }
                for (i, a) in labels.enumerated() {
                    // The next label along the axis in the same row (staggered labels have two rows).
                    guard let b = labels[(i + 1)...].first(where: { horizontal ? ($0.bounds.minY < a.bounds.maxY && a.bounds.minY < $0.bounds.maxY) : true }) else { continue }
                    let distance = horizontal ? b.bounds.minX - a.bounds.maxX : b.bounds.minY - a.bounds.maxY
                    let needed = (horizontal ? 0.3 : 0.15) * max(a.fontSize, b.fontSize)
                    guard distance > -tol, distance < needed - tol else { continue }
                    let name = kind == .xTickLabel ? "x tick labels" : kind == .yTickLabel ? "y tick labels" : "colorbar tick labels"
                    problems.append(Problem(kind: .tooClose, item: a.item, other: b.item,
                                            description: "\(name) '\(a.item.text ?? "")' and '\(b.item.text ?? "")' of panel \(panel + 1) are \(pixels(max(0, distance))) apart (at least \(pixels(needed)) needed)"))
                }
            }
        }

        // 3. Legends and texts over data marks.
        let dataMarks = figure.panels.indices.map { panel -> [(index: Int, item: Item, ink: DataInk)] in
            guard panel < layout.panels.count else { return [] }
            let axes = figure.panels[panel], transform = layout.panels[panel].transform
            return axes.marks.enumerated().compactMap { index, mark in
                guard let ink = DataInk.of(mark, transform: transform, metrics: layout.metrics) else { return nil }
                return (index, Item(kind: .dataMark, text: nil, panel: panel, mark: index, description: "\(markName(mark, index: index)) of panel \(panel + 1)"), ink)
            }
        }
        for (boxIndex, box) in boxes.enumerated() where box.checksData {
            guard let panel = box.item.panel, panel < dataMarks.count else { continue }
            for data in dataMarks[panel] where data.index != box.ownMark {
                let coverage = data.ink.coverage(of: shrunk[boxIndex])
                guard !coverage.isEmpty else { continue }
                let name = figure.panels[panel].marks.indices.contains(data.index) ? markName(figure.panels[panel].marks[data.index], index: data.index) : "mark"
                problems.append(Problem(kind: .coversData, item: box.item, other: data.item,
                                        description: "\(box.item) covers \(amount(coverage, kind: data.ink.kind)) of \(name)"))
            }
        }

        // 4. At least two labelled ticks per located axis.
        for (index, panel) in layout.panels.enumerated() where index < figure.panels.count {
            let axes: [(Item.Kind, String, [Tick], Bool)] = [
                (.xAxis, "x axis", panel.xTicks, panel.xTicksLocated),
                (.yAxis, "y axis", panel.yTicks, panel.yTicksLocated),
            ] + (panel.colorbarRect == nil ? [] : [(.colorbar, "colorbar", panel.colorbarTicks, true)])
            for (kind, name, ticks, located) in axes where located {
                let labels = ticks.map(\.label).filter { !$0.isEmpty }
                guard labels.count < 2 else { continue }
                let item = Item(kind: kind, text: nil, panel: index, mark: nil, description: "\(name) of panel \(index + 1)")
                let shown = labels.isEmpty ? "no labelled tick" : "1 labelled tick ('\(labels[0])')"
                problems.append(Problem(kind: .tooFewTicks, item: item, other: nil, description: "\(item) has \(shown); at least 2 are needed"))
            }
        }
        return problems
    }

    /// The boxes of every recorded text (legend entries folded into one box per legend).
    private static func collectBoxes(figure: Figure, layout: FigureLayout, texts: [RecordingRenderer.RecordedText]) -> [Box] {
        var boxes: [Box] = []
        var legendsAdded: Set<Int> = []
        for text in texts {
            guard let role = text.role else {
                let item = Item(kind: .markText, text: text.text, panel: nil, mark: nil, description: "text '\(text.text)'")
                let shape = OrientedRect(corners: text.corners)
                boxes.append(Box(item: item, shape: shape, bounds: shape.bounds, clip: nil, checksData: false, ownMark: nil))
                continue
            }
            let panel = role.panel
            let panelName = panel.map { " of panel \($0 + 1)" } ?? ""
            let quoted = "'\(text.text)'"
            var shape = OrientedRect(corners: text.corners)
            var clip: DeviceRect?
            var checksData = false
            var ownMark: Int?
            let item: Item
            switch role.kind {
            case .title: item = Item(kind: .title, text: text.text, panel: nil, mark: nil, description: "figure title \(quoted)")
            case .subtitle: item = Item(kind: .subtitle, text: text.text, panel: nil, mark: nil, description: "subtitle \(quoted)")
            case .caption: item = Item(kind: .caption, text: text.text, panel: nil, mark: nil, description: "caption line \(quoted)")
            case .panelTitle: item = Item(kind: .panelTitle, text: text.text, panel: panel, mark: nil, description: "title \(quoted)\(panelName)")
            case .xAxisLabel: item = Item(kind: .xAxisLabel, text: text.text, panel: panel, mark: nil, description: "x axis label \(quoted)\(panelName)")
            case .yAxisLabel: item = Item(kind: .yAxisLabel, text: text.text, panel: panel, mark: nil, description: "y axis label \(quoted)\(panelName)")
            case .xTickLabel: item = Item(kind: .xTickLabel, text: text.text, panel: panel, mark: nil, description: "x tick label \(quoted)\(panelName)")
            case .yTickLabel: item = Item(kind: .yTickLabel, text: text.text, panel: panel, mark: nil, description: "y tick label \(quoted)\(panelName)")
            case .colorbarTickLabel:
                item = Item(kind: .colorbarTickLabel, text: text.text, panel: panel, mark: nil, description: "colorbar tick label \(quoted)\(panelName)")
            case .colorbarLabel: item = Item(kind: .colorbarLabel, text: text.text, panel: panel, mark: nil, description: "colorbar label \(quoted)\(panelName)")
            case .legend:
                // One box per legend, from the layout.
                guard let panel, panel < layout.panels.count, !legendsAdded.contains(panel), let rect = layout.panels[panel].legendRect else { continue }
                legendsAdded.insert(panel)
                boxes.append(Box(item: Item(kind: .legend, text: nil, panel: panel, mark: nil, description: "legend of panel \(panel + 1)"),
                                 shape: OrientedRect(rect), bounds: rect,
                                 clip: layout.panels[panel].legendOutside ? nil : layout.panels[panel].transform.plotRect,
                                 checksData: !layout.panels[panel].legendOutside, ownMark: nil))
                continue
            case .mark:
                guard let panel, let markIndex = role.mark, panel < figure.panels.count, figure.panels[panel].marks.indices.contains(markIndex),
                      panel < layout.panels.count else { continue }
                let mark = figure.panels[panel].marks[markIndex]
                clip = layout.panels[panel].transform.plotRect
                checksData = true
                ownMark = markIndex
                let kind: Item.Kind
                let name: String
                switch mark {
                case let note as TextMark:
                    kind = .text
                    name = "text"
                    checksData = !note.mayCoverData
                    if note.boxed { shape = OrientedRect(TextMark.backgroundRect(around: text.box, fontSize: text.style.size)) }
                case let annotation as AnnotationMark:
                    kind = .annotation
                    name = "annotation"
                    checksData = !annotation.mayCoverData
                    if annotation.boxed { shape = OrientedRect(TextMark.backgroundRect(around: text.box, fontSize: text.style.size)) }
                case let labels as PointLabelsMark:
                    kind = .pointLabel
                    name = "point label"
                    checksData = !labels.mayCoverData
                case is ContourMark:
                    kind = .contourLabel
                    name = "contour label"
                case is BarMark:
                    kind = .barValueLabel
                    name = "bar value label"
                default:
                    kind = .markText
                    name = "text of mark \(markIndex + 1)"
                }
                item = Item(kind: kind, text: text.text, panel: panel, mark: markIndex, description: "\(name) \(quoted)\(panelName)")
            }
            boxes.append(Box(item: item, shape: shape, bounds: shape.bounds, clip: clip, checksData: checksData, ownMark: ownMark,
                             fontSize: text.style.size))
        }
        return boxes
    }

    /// The side and amount by which `box` sticks out of `area`, beyond `tolerance`.
    private static func overflow(of box: DeviceRect, beyond area: DeviceRect, tolerance: Double) -> (side: String, amount: Double)? {
        let sides = [("left", area.minX - box.minX), ("right", box.maxX - area.maxX), ("top", area.minY - box.minY), ("bottom", box.maxY - area.maxY)]
        guard let worst = sides.max(by: { $0.1 < $1.1 }), worst.1 > tolerance else { return nil }
        return (worst.0, worst.1)
    }

    private static func pixels(_ value: Double) -> String {
        String(format: "%.1f px", value)
    }

    /// "scatter 'data'", "line (mark 2)", "path 'Gradient descent'", "bars 'errors'".
    static func markName(_ mark: any Mark, index: Int) -> String {
        let kind: String
        let label: String?
        switch mark {
        case let scatter as ScatterMark:
            kind = scatter.drawsDensity ? "density scatter" : "scatter"
            label = scatter.label
        case let line as LineMark:
            kind = "line"
            label = line.label
        case let path as PathMark:
            kind = "path"
            label = path.label
        case let bars as BarMark:
            kind = "bars"
            label = bars.label
        default:
            kind = "mark"
            label = nil
        }
        if let label, !label.isEmpty { return "\(kind) '\(label)'" }
        return "\(kind) (mark \(index + 1))"
    }

    /// "3 points", "85 px", "2 points and 40 px", "2 bars", "14 cells".
    private static func amount(_ coverage: DataInk.Coverage, kind: DataInk.Kind) -> String {
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        let length = coverage.length.isFinite && coverage.length < 1e15 ? "\(Int(coverage.length.rounded(.up))) px" : "\(coverage.length) px"
        switch kind {
        case .scatter: return count(coverage.discs, "point", "points")
        case .densityScatter: return count(coverage.rects, "cell", "cells")
        case .line: return length
        case .bars: return count(coverage.rects, "bar", "bars")
        case .path:
            if coverage.discs == 0 { return length }
            if coverage.touchedSegments == 0 { return count(coverage.discs, "point", "points") }
            return "\(count(coverage.discs, "point", "points")) and \(length)"
        }
    }
}
