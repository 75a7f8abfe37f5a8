import Foundation
import Plotting
import Training

/// `chain-rule --model mlp`: one sample through the network as a computational graph
/// (``NetworkChainRule``): `x → zⱼ = wⱼ·x + cⱼ → hⱼ = tanh zⱼ → vⱼ·hⱼ → ŷ = Σ + b → e → ℓ`,
/// the forward value in every box and the backward value `∂ℓ/∂(node)` under it, each column
/// headed by its formulas; under the graph the update `θ ← θ − η·∇ℓ` as one row per unit
/// (`wⱼ`, `cⱼ`, `vⱼ` with numbers) and a row for `b`.
///
/// Every unit is drawn while the diagram stays legible (``NetworkChainRuleMark`` decides at draw
/// time from the room it has, up to 8); otherwise the units with the largest `|∂ℓ/∂zⱼ|`, and a
/// line on the figure says how many of how many are shown (`ŷ` always sums them all).
enum NetworkChainRuleFigure {
    /// Builds the figure from the network run's history at the spec's epoch.
    static func make(_ spec: ChainRuleSpec, style: FigureStyle, model: TrainedModel, network: NetworkModel) throws -> FigureProduct {
        let (index, record, rate) = try ChainRuleFigure.sample(spec, model: model)
        let pass = NetworkChainRule(model: model, network: network, index: index, parameters: record.parameters, learningRate: rate)
        let text = style.text
        let (figure, number, header) = ChainRuleFigure.canvas(style: style, model: model, name: pass.name,
                                                              original: (pass.originalX, pass.originalY), z: (pass.x, pass.y))
        figure.title = text.networkChainRuleTitle(sample: pass.name, epoch: spec.epoch, network: text.networkName(units: network.hiddenUnits))
        figure.subtitle = text.networkChainRuleSubtitle
        let axes = figure.axes
        let rateText = number(pass.learningRate)
        let count = network.hiddenUnits
        func step(_ k: Int) -> String { "\(number(pass.parameters[k])) − \(rateText)·(\(number(pass.gradient[k]))) = \(number(pass.updated[k]))" }
        let units = pass.units.enumerated().map { j, unit in
            let n = LandscapePlane.displayName("\(j + 1)")
            return NetworkChainRuleMark.UnitText(
                z: "z\(n) = \(number(unit.z))", dz: "∂ℓ/∂z\(n) = \(number(unit.dz))",
                h: "h\(n) = \(number(unit.h))", dh: "∂ℓ/∂h\(n) = \(number(unit.dh))",
                output: "v\(n)·h\(n) = \(number(unit.output))", dv: "∂ℓ/∂v\(n) = \(number(unit.dv))",
                label: "\(j + 1)", updates: [step(j), step(count + j), step(2 * count + j)])
        }
        let twoE = number(2 * pass.error)
        let mark = NetworkChainRuleMark(
            header: header, input: "x = \(number(pass.x))", units: units, ranking: pass.ranking,
            columnHeads: [("zⱼ = wⱼ·x + cⱼ", "∂ℓ/∂zⱼ = ∂ℓ/∂hⱼ·(1 − hⱼ²)"), ("hⱼ = tanh zⱼ", "∂ℓ/∂hⱼ = 2e·vⱼ"), ("vⱼ·hⱼ", "∂ℓ/∂vⱼ = 2e·hⱼ"),
                          ("ŷ = Σⱼ vⱼ·hⱼ + b", "∂ℓ/∂ŷ = 2e")],
            bias: ("b = \(number(pass.bias))", "∂ℓ/∂b = 2e = \(twoE)"),
            prediction: ("ŷ = \(number(pass.prediction))", "∂ℓ/∂ŷ = \(twoE)"),
            error: ("e = ŷ − y = \(number(pass.error))", "∂ℓ/∂e = 2e = \(twoE)"),
            target: "y = \(number(pass.y))", loss: "ℓ = e² = \(number(pass.loss))",
            updateTitle: text.chainRuleUpdate(rate: rateText),
            updateHeads: [("wⱼ ← wⱼ − η·∂ℓ/∂wⱼ", "∂ℓ/∂wⱼ = ∂ℓ/∂zⱼ·x"), ("cⱼ ← cⱼ − η·∂ℓ/∂cⱼ", "∂ℓ/∂cⱼ = ∂ℓ/∂zⱼ"), ("vⱼ ← vⱼ − η·∂ℓ/∂vⱼ", "∂ℓ/∂vⱼ = 2e·hⱼ")],
            biasUpdate: "b ← b − η·∂ℓ/∂b: \(step(3 * count))",
            shownNote: { shown in text.networkChainRuleShown(shown: shown, of: count) },
            baseFontSize: figure.metrics.annotationFontSize)
        axes.add(mark)
        // The whole gradient is 3H + 1 numbers; the line gives its norm (the figure shows the units).
        let norm = pass.gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let summary = "\(pass.name), epoch \(spec.epoch), \(network.name): ŷ = \(pass.prediction), e = \(pass.error), ℓ = \(pass.loss), ‖∇ℓ‖ = \(norm) over \(pass.gradient.count) parameters"
        return FigureProduct(figure: figure, summary: summary)
    }
}

/// The network's chain-rule diagram, laid out in device space when drawn: the sample line (and,
/// when units are left out, a line saying so), the column heads, the graph in seven columns
/// (`x`; `zⱼ`; `hⱼ`; `vⱼ·hⱼ` and `b`; `ŷ`; `e` with `y` above it; `ℓ`) joined by arrows, each box's
/// backward value under it, then the update table (one row per drawn unit, then `b`).
///
/// The number of units drawn starts at `min(H, 8)` and drops (to no fewer than `min(H, 3)`) while
/// the diagram fits at under 80 % of `baseFontSize` and one unit fewer would make the text larger;
/// the `S` units are the first `S` of `ranking` (largest `|∂ℓ/∂zⱼ|` first) drawn in unit order.
/// On tall canvases (`half`, `square`) the graph folds: `y`, `e` and `ℓ` go on a row under it, so
/// five columns instead of seven, when that makes the text at least 10 % larger. The font then
/// scales as ``ChainRuleGraphMark``'s.
final class NetworkChainRuleMark: Mark {
    /// One unit's texts.
    struct UnitText {
        let z: String, dz: String, h: String, dh: String, output: String, dv: String
        /// The unit's number in the table.
        let label: String
        /// The `w`, `c` and `v` update arithmetic.
        let updates: [String]
    }

    let header: String
    let input: String
    let units: [UnitText]
    /// Unit indices, most important first.
    let ranking: [Int]
    let columnHeads: [(String, String)]
    let bias: (String, String)
    let prediction: (String, String)
    let error: (String, String)
    let target: String, loss: String
    let updateTitle: String
    let updateHeads: [(String, String)]
    let biasUpdate: String
    let shownNote: (Int) -> String
    let baseFontSize: Double
    var layer: Layer = .static

    init(header: String, input: String, units: [UnitText], ranking: [Int], columnHeads: [(String, String)],
         bias: (String, String), prediction: (String, String), error: (String, String), target: String, loss: String,
         updateTitle: String, updateHeads: [(String, String)], biasUpdate: String, shownNote: @escaping (Int) -> String,
         baseFontSize: Double) {
        self.header = header
        self.input = input
        self.units = units
        self.ranking = ranking
        self.columnHeads = columnHeads
        self.bias = bias
        self.prediction = prediction
        self.error = error
        self.target = target
        self.loss = loss
        self.updateTitle = updateTitle
        self.updateHeads = updateHeads
        self.biasUpdate = biasUpdate
        self.shownNote = shownNote
        self.baseFontSize = baseFontSize
    }

    func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? { nil }
    func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [] }

    /// The most units drawn, and the fewest when there are more than that.
    static let mostShown = 8, fewestShown = 3

    /// A box: its column, its centre row (a unit's row from 0, `b`'s row after them, or a
    /// fractional centre row), its forward and backward text.
    private struct Box {
        let column: Int
        let row: Double
        let forward: String
        let backward: String?
    }

    /// Everything's place at one font size.
    private struct Layout {
        var size = 0.0
        var shown: [Int] = []
        var boxes: [(rect: DeviceRect, box: Box)] = []
        var columnX: [Double] = [], columnWidth: [Double] = []
        var width = 0.0, height = 0.0
        var top = 0.0, headTop = 0.0, graphTop = 0.0, graphHeight = 0.0, tableTop = 0.0
        var tableColumnX: [Double] = []
        var note: String?
        /// `e`, `y` and `ℓ` on a row under the graph (columns 3, 2, 4) instead of in columns 5
        /// and 6: five columns instead of seven, for tall canvases.
        var folded = false
    }

    private func boxes(shown: [Int]) -> [Box] {
        let rows = shown.count + 1
        let centre = Double(rows - 1) / 2
        var boxes = [Box(column: 0, row: centre, forward: input, backward: nil)]
        for (row, j) in shown.enumerated() {
            let unit = units[j], r = Double(row)
            boxes += [Box(column: 1, row: r, forward: unit.z, backward: unit.dz), Box(column: 2, row: r, forward: unit.h, backward: unit.dh),
                      Box(column: 3, row: r, forward: unit.output, backward: unit.dv)]
        }
        boxes.append(Box(column: 3, row: Double(shown.count), forward: bias.0, backward: bias.1))
        boxes.append(Box(column: 4, row: centre, forward: prediction.0, backward: prediction.1))
        boxes.append(Box(column: 5, row: centre, forward: error.0, backward: error.1))
        boxes.append(Box(column: 5, row: centre - 1, forward: target, backward: nil))
        boxes.append(Box(column: 6, row: centre, forward: loss, backward: nil))
        return boxes
    }

    /// Where a box is drawn: its own column and row, or, folded, `e`, `y` and `ℓ` on a row
    /// `0.3` of a cell under the units and `b` (columns 3, 2 and 4).
    private func place(_ box: Box, folded: Bool, rows: Int) -> (column: Int, row: Double) {
        guard folded, box.column >= 5 else { return (box.column, box.row) }
        let row = Double(rows) + 0.3
        return box.column == 6 ? (4, row) : (box.backward == nil ? 2 : 3, row)
    }

    private func layout(shownCount: Int, size: Double, rect: DeviceRect, renderer: any Renderer, folded: Bool) -> Layout {
        var layout = Layout()
        layout.size = size
        layout.folded = folded
        layout.shown = ranking.prefix(shownCount).sorted()
        layout.note = shownCount < units.count ? shownNote(shownCount) : nil
        let style = TextStyle(size: size, color: .black)
        func width(_ text: String) -> Double { renderer.measureText(text, style: style).width }
        let pad = 0.5 * size, lineHeight = 1.25 * size, line = 1.45 * size
        let boxHeight = lineHeight + 2 * 0.3 * size
        let cell = boxHeight + (lineHeight + 0.5 * size) + 0.8 * size
        let boxes = self.boxes(shown: layout.shown)
        let rows = layout.shown.count + 1
        let columns = folded ? 5 : 7
        var columnWidth = [Double](repeating: 0, count: columns)
        for box in boxes {
            let column = place(box, folded: folded, rows: rows).column
            columnWidth[column] = max(columnWidth[column], width(box.forward) + 2 * pad, box.backward.map(width) ?? 0)
        }
        for (index, head) in columnHeads.enumerated() { columnWidth[index + 1] = max(columnWidth[index + 1], width(head.0), width(head.1)) }
        let gap = 3.2 * size
        let graphWidth = columnWidth.reduce(0, +) + Double(columns - 1) * gap
        // Wide: at least three rows (y sits a row above e). Folded: the units and b, then e's row.
        let graphRows = folded ? Double(rows) + 1.3 : Double(max(rows, 3))
        layout.graphHeight = graphRows * cell
        let headerHeight = (layout.note == nil ? 1 : 2) * line + 0.4 * size
        let headsHeight = 2 * line + 0.2 * size
        // The table: a label column, then w, c, v.
        let labelWidth = ([units.isEmpty ? "" : "j"] + layout.shown.map { units[$0].label }).map(width).max() ?? 0
        var tableWidths = [labelWidth]
        for column in 0..<3 {
            tableWidths.append(([updateHeads[column].0, updateHeads[column].1] + layout.shown.map { units[$0].updates[column] }).map(width).max() ?? 0)
        }
        let tableGap = 2 * size
        let tableWidth = tableWidths.reduce(0, +) + 3 * tableGap + 1.5 * size
        let tableHeight = Double(rows + 3) * line + 0.6 * size
        layout.width = max(graphWidth, tableWidth, width(updateTitle), width(biasUpdate) + 1.5 * size, width(header), layout.note.map(width) ?? 0)
        layout.height = headerHeight + headsHeight + layout.graphHeight + tableHeight
        layout.top = rect.minY + max(0, (rect.height - layout.height) / 2)
        layout.headTop = layout.top + headerHeight
        layout.graphTop = layout.headTop + headsHeight
        layout.tableTop = layout.graphTop + layout.graphHeight + 0.4 * size
        var x = rect.minX + (rect.width - graphWidth) / 2
        for column in 0..<columns {
            layout.columnX.append(x)
            x += columnWidth[column] + gap
        }
        layout.columnWidth = columnWidth
        let tableLeft = rect.minX + max(0, (rect.width - layout.width) / 2) + 1.5 * size
        var tx = tableLeft
        for width in tableWidths {
            layout.tableColumnX.append(tx)
            tx += width + tableGap
        }
        let offset = folded ? 0 : (graphRows - Double(rows)) / 2
        for box in boxes {
            let (column, row) = place(box, folded: folded, rows: rows)
            let y = layout.graphTop + (offset + row) * cell + 0.5 * boxHeight + 0.4 * size
            let cx = layout.columnX[column] + columnWidth[column] / 2
            layout.boxes.append((DeviceRect(center: DevicePoint(x: cx, y: y), width: width(box.forward) + 2 * pad, height: boxHeight), box))
        }
        return layout
    }

    /// The layout for the chosen number of units, its font fitted to `rect`: wide or folded,
    /// whichever lets the text be larger (folded wins on tall canvases such as `half`).
    private func fittedLayout(rect: DeviceRect, renderer: any Renderer) -> Layout {
        func fitted(_ count: Int) -> (layout: Layout, fit: Double) {
            let trials = [false, true].map { folded in
                let trial = layout(shownCount: count, size: baseFontSize, rect: rect, renderer: renderer, folded: folded)
                return (trial, min(1.3, rect.width / max(1, trial.width), rect.height / max(1, trial.height)))
            }
            // Folded only when it is clearly larger, so the slide keeps the plain left-to-right graph.
            return trials[1].1 > 1.1 * trials[0].1 ? trials[1] : trials[0]
        }
        let fewest = min(units.count, Self.fewestShown)
        var count = min(units.count, Self.mostShown)
        var choice = fitted(count)
        // Fewer units only while that makes the text larger (not when the width, set by the
        // update table, is what limits it).
        while count > fewest && choice.fit < 0.8 {
            let fewer = fitted(count - 1)
            guard fewer.fit > 1.01 * choice.fit else { break }
            count -= 1
            choice = fewer
        }
        guard choice.fit < 1 || choice.fit > 1.05 else { return choice.layout }
        let size = max(0.45 * baseFontSize, baseFontSize * choice.fit * 0.98)
        return layout(shownCount: count, size: size, rect: rect, renderer: renderer, folded: choice.layout.folded)
    }

    func draw(in context: MarkContext) {
        let rect = context.transform.plotRect
        let renderer = context.renderer
        let layout = fittedLayout(rect: rect, renderer: renderer)
        let size = layout.size, line = 1.45 * size
        let ink = TextStyle(size: size, color: context.theme.ink)
        let accent = TextStyle(size: size, color: context.theme.accent)
        let muted = TextStyle(size: size, color: context.theme.mutedInk)
        let lineWidth = max(1, 0.1 * size)
        renderer.drawText(header, at: DevicePoint(x: rect.midX, y: layout.top), style: muted, anchor: TextAnchor(.center, .top), angle: 0)
        if let note = layout.note {
            renderer.drawText(note, at: DevicePoint(x: rect.midX, y: layout.top + line), style: ink, anchor: TextAnchor(.center, .top), angle: 0)
        }
        for (index, head) in columnHeads.enumerated() {
            let cx = layout.columnX[index + 1] + layout.columnWidth[index + 1] / 2
            renderer.drawText(head.0, at: DevicePoint(x: cx, y: layout.headTop), style: ink, anchor: TextAnchor(.center, .top), angle: 0)
            renderer.drawText(head.1, at: DevicePoint(x: cx, y: layout.headTop + line), style: accent, anchor: TextAnchor(.center, .top), angle: 0)
        }

        func box(_ column: Int, _ row: Double? = nil) -> DeviceRect? {
            layout.boxes.first { $0.box.column == column && (row == nil || $0.box.row == row) }?.rect
        }
        func arrow(_ from: DevicePoint, _ to: DevicePoint) {
            ChainRuleGraphMark.drawArrow(from: from, to: to, size: size, lineWidth: lineWidth, in: context)
        }
        /// From `from` across the gap before `column`, then level into `to` from the left.
        func route(_ from: DevicePoint, into to: DeviceRect, column: Int, level: Double) {
            let entry = DevicePoint(x: layout.columnX[column] - 0.8 * size, y: level)
            var path = DevicePath()
            path.move(to: from)
            if column == 4 { path.line(to: DevicePoint(x: layout.columnX[3] + layout.columnWidth[3], y: from.y)) }
            path.line(to: entry)
            renderer.stroke(path, style: StrokeStyle(color: context.theme.mutedInk, width: lineWidth, cap: .butt, join: .round))
            arrow(entry, DevicePoint(x: to.minX, y: level))
        }
        // Arrows first, boxes over them.
        let rows = layout.shown.count + 1
        if let input = box(0) {
            for row in 0..<layout.shown.count {
                guard let z = box(1, Double(row)) else { continue }
                route(DevicePoint(x: input.maxX, y: input.midY), into: z, column: 1, level: z.midY)
            }
        }
        for row in 0..<layout.shown.count {
            if let z = box(1, Double(row)), let h = box(2, Double(row)) { arrow(DevicePoint(x: z.maxX, y: z.midY), DevicePoint(x: h.minX, y: h.midY)) }
            if let h = box(2, Double(row)), let product = box(3, Double(row)) {
                arrow(DevicePoint(x: h.maxX, y: h.midY), DevicePoint(x: product.minX, y: product.midY))
            }
        }
        if let sum = box(4) {
            for row in 0..<rows {
                guard let term = box(3, Double(row)) else { continue }
                let spread = rows > 1 ? (Double(row) / Double(rows - 1) - 0.5) * 0.6 * sum.height : 0
                route(DevicePoint(x: term.maxX, y: term.midY), into: sum, column: 4, level: sum.midY + spread)
            }
        }
        let centre = Double(rows - 1) / 2
        if let sum = box(4), let error = box(5, centre) {
            if layout.folded {
                // Right of ŷ, down past b's row, left along a line above e's row, down into e.
                let right = sum.maxX + 1.2 * size, level = error.minY - 0.9 * size
                var path = DevicePath()
                path.move(to: DevicePoint(x: sum.maxX, y: sum.midY))
                path.line(to: DevicePoint(x: right, y: sum.midY))
                path.line(to: DevicePoint(x: right, y: level))
                path.line(to: DevicePoint(x: error.midX, y: level))
                renderer.stroke(path, style: StrokeStyle(color: context.theme.mutedInk, width: lineWidth, cap: .butt, join: .round))
                arrow(DevicePoint(x: error.midX, y: level), DevicePoint(x: error.midX, y: error.minY))
            } else {
                arrow(DevicePoint(x: sum.maxX, y: sum.midY), DevicePoint(x: error.minX, y: error.midY))
            }
        }
        if let error = box(5, centre), let loss = box(6) { arrow(DevicePoint(x: error.maxX, y: error.midY), DevicePoint(x: loss.minX, y: loss.midY)) }
        if let target = box(5, centre - 1), let error = box(5, centre) {
            if layout.folded {
                arrow(DevicePoint(x: target.maxX, y: target.midY), DevicePoint(x: error.minX, y: error.midY))
            } else {
                arrow(DevicePoint(x: target.midX, y: target.maxY), DevicePoint(x: error.midX, y: error.minY))
            }
        }
        for (frame, item) in layout.boxes {
            ChainRuleGraphMark.drawBox(frame, forward: item.forward, backward: item.backward, size: size, lineWidth: lineWidth, in: context)
        }
        // The update table.
        let left = rect.minX + max(0, (rect.width - layout.width) / 2)
        var y = layout.tableTop
        renderer.drawText(updateTitle, at: DevicePoint(x: left, y: y), style: ink, anchor: TextAnchor(.left, .top), angle: 0)
        y += line
        renderer.drawText(units.isEmpty ? "" : "j", at: DevicePoint(x: layout.tableColumnX[0], y: y), style: ink, anchor: TextAnchor(.left, .top), angle: 0)
        for (column, head) in updateHeads.enumerated() {
            renderer.drawText(head.0, at: DevicePoint(x: layout.tableColumnX[column + 1], y: y), style: ink, anchor: TextAnchor(.left, .top), angle: 0)
            renderer.drawText(head.1, at: DevicePoint(x: layout.tableColumnX[column + 1], y: y + line), style: muted, anchor: TextAnchor(.left, .top), angle: 0)
        }
        y += 2 * line
        for j in layout.shown {
            renderer.drawText(units[j].label, at: DevicePoint(x: layout.tableColumnX[0], y: y), style: ink, anchor: TextAnchor(.left, .top), angle: 0)
            for (column, text) in units[j].updates.enumerated() {
                renderer.drawText(text, at: DevicePoint(x: layout.tableColumnX[column + 1], y: y), style: accent, anchor: TextAnchor(.left, .top), angle: 0)
            }
            y += line
        }
        renderer.drawText(biasUpdate, at: DevicePoint(x: layout.tableColumnX[0], y: y), style: accent, anchor: TextAnchor(.left, .top), angle: 0)
    }
}
