import Foundation
import Plotting
import Training

/// `chain-rule`: one sample through the model as a computational graph, with the forward value
/// of every node, the backward value (the chain rule's factor) under it, and the update of every
/// parameter with numbers (``ChainRule``).
///
/// The graph flows left to right: the powers `xᵖ`, the products `wₖ·xᵖ` and the bias, their sum
/// `ŷ`, `e = ŷ − y` (with `y` feeding in from above) and `ℓ = e²`; each box holds its forward
/// value, the accent-coloured line under it `∂ℓ/∂(node)`. Under the graph the update
/// `θ ← θ − η·∇ℓ` line by line. The diagram is one mark (``ChainRuleGraphMark``) that measures
/// its texts when drawn and scales its font so that the whole diagram fits the panel.
enum ChainRuleFigure {
    /// Builds the figure from the run's history at the spec's epoch.
    static func make(_ spec: ChainRuleSpec, style: FigureStyle, model: TrainedModel) throws -> FigureProduct {
        if let network = model.network { return try NetworkChainRuleFigure.make(spec, style: style, model: model, network: network) }
        let (index, record, rate) = try sample(spec, model: model)
        let pass = ChainRule(model: model, index: index, parameters: record.parameters, learningRate: rate)
        let text = style.text
        let (figure, number, header) = canvas(style: style, model: model, name: pass.name, original: (pass.originalX, pass.originalY),
                                              z: (pass.x, pass.y))
        figure.title = text.chainRuleTitle(sample: pass.name, epoch: spec.epoch, model: text.modelName(model.model.name))
        figure.subtitle = text.chainRuleSubtitle
        let axes = figure.axes
        let names = model.model.parameterNames.map(LandscapePlane.displayName)
        var nodes: [ChainRuleGraphMark.Node] = []
        for (k, power) in pass.powers.enumerated() where power > 0 {
            nodes.append(.init(column: 0, row: k, forward: "\(power == 1 ? "x" : "x" + superscript(power)) = \(number(pass.features[k]))", backward: nil))
        }
        for (k, power) in pass.powers.enumerated() {
            let feature = power == 0 ? "" : "·" + (power == 1 ? "x" : "x" + superscript(power))
            let factor = power == 0 ? "2e" : "2e" + feature
            let forward = power == 0 ? "\(names[k]) = \(number(pass.products[k]))" : "\(names[k])\(feature) = \(number(pass.products[k]))"
            nodes.append(.init(column: 1, row: k, forward: forward, backward: "∂ℓ/∂\(names[k]) = \(factor) = \(number(pass.gradient[k]))"))
        }
        let twoE = number(2 * pass.error)
        nodes.append(.init(column: 2, row: -1, forward: "ŷ = Σ = \(number(pass.prediction))", backward: "∂ℓ/∂ŷ = 2e = \(twoE)"))
        nodes.append(.init(column: 3, row: -1, forward: "e = ŷ − y = \(number(pass.error))", backward: "∂ℓ/∂e = 2e = \(twoE)"))
        nodes.append(.init(column: 3, row: -2, forward: "y = \(number(pass.y))", backward: nil))
        nodes.append(.init(column: 4, row: -1, forward: "ℓ = e² = \(number(pass.loss))", backward: nil))
        let rateText = number(pass.learningRate)
        let updates = pass.parameters.indices.map { k in
            "\(names[k]): \(number(pass.parameters[k])) − \(rateText)·(\(number(pass.gradient[k]))) = \(number(pass.updated[k]))"
        }
        let mark = ChainRuleGraphMark(header: header, nodes: nodes, rows: pass.powers.count,
                                      updateTitle: text.chainRuleUpdate(rate: rateText), updates: updates,
                                      baseFontSize: figure.metrics.annotationFontSize)
        axes.add(mark)
        let summary = "\(pass.name), epoch \(spec.epoch): ŷ = \(pass.prediction), e = \(pass.error), ℓ = \(pass.loss), ∇ℓ = \(pass.gradient)"
        return FigureProduct(figure: figure, summary: summary)
    }

    /// The spec's sample (its row), the record at its epoch and the learning rate of the next
    /// update (the record's own after the last epoch).
    ///
    /// - Throws: ``ReportingError/outOfRange(setting:value:allowed:)`` for a sample the data does
    ///   not have, ``ReportingError/epochOutOfRange(epoch:last:)`` past the last epoch.
    static func sample(_ spec: ChainRuleSpec, model: TrainedModel) throws -> (index: Int, record: EpochRecord, rate: Double) {
        let dataset = model.data.original
        guard let index = ChainRule.sampleIndex(spec.sample, in: dataset) else {
            let names = dataset.labels.map { Array($0.prefix(3)).joined(separator: ", ") + ", …" } ?? ""
            throw ReportingError.outOfRange(setting: .sample, value: spec.sample ?? "", allowed: (names.isEmpty ? "" : "a name (\(names)) or ")
                                            + "a row number from 1 to \(dataset.count)")
        }
        guard let record = model.record(atEpoch: spec.epoch) else {
            throw ReportingError.epochOutOfRange(epoch: spec.epoch, last: model.history.epochsRun)
        }
        return (index, record, model.record(atEpoch: spec.epoch + 1)?.learningRate ?? record.learningRate)
    }

    /// What both chain-rule figures start from: a figure in `style` whose panel is a blank unit
    /// square for the diagram mark (no grid, spines or ticks), numbers to four significant
    /// digits, and the sample line (its values with their units, then as z-scores).
    static func canvas(style: FigureStyle, model: TrainedModel, name: String, original: (x: Double, y: Double),
                       z: (x: Double, y: Double)) -> (figure: Figure, number: (Double) -> String, header: String) {
        let figure = style.makeFigure()
        let number = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        let axes = figure.axes
        axes.showGrid = false
        axes.showSpines = false
        axes.customXTicks = []
        axes.customYTicks = []
        axes.xLimits = AxisLimits(0, 1)
        axes.yLimits = AxisLimits(0, 1)
        let columns = style.columns(model.data.original)
        let unitX = columns.xUnit.map { " \($0)" } ?? "", unitY = columns.yUnit.map { " \($0)" } ?? ""
        let header = style.text.chainRuleSample(name: name, x: number(original.x) + unitX, y: number(original.y) + unitY,
                                                zx: number(z.x), zy: number(z.y))
        return (figure, number, header)
    }

    /// `p` as superscript digits.
    static func superscript(_ power: Int) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return String(String(power).map { digits[$0] ?? $0 })
    }
}

/// The chain-rule diagram, laid out in device space when drawn: a header line, the graph's boxes
/// in five columns (powers, products and bias, ŷ, e with y above it, ℓ) joined by arrows, each
/// box's backward value under it, and the update lines below. The font starts at
/// `baseFontSize`, grows by up to 30 % where there is room and shrinks (to at most half) until
/// everything fits the plot area.
final class ChainRuleGraphMark: Mark {
    /// One box of the graph.
    struct Node {
        /// 0 powers, 1 products, 2 ŷ, 3 e (and y), 4 ℓ.
        let column: Int
        /// The parameter's row in columns 0 and 1; −1 the centre row, −2 the row above it (y).
        let row: Int
        /// The forward value, in the box.
        let forward: String
        /// The backward value, under the box in the accent colour.
        let backward: String?
    }

    let header: String
    let nodes: [Node]
    /// Parameter rows (products and bias).
    let rows: Int
    let updateTitle: String
    let updates: [String]
    let baseFontSize: Double
    var layer: Layer = .static

    init(header: String, nodes: [Node], rows: Int, updateTitle: String, updates: [String], baseFontSize: Double) {
        self.header = header
        self.nodes = nodes
        self.rows = rows
        self.updateTitle = updateTitle
        self.updates = updates
        self.baseFontSize = baseFontSize
    }

    func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? { nil }
    func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [] }

    /// Where everything goes at font size `size` inside `rect`, and the size it needs.
    private struct Layout {
        var boxes: [(rect: DeviceRect, node: Node)] = []
        var width = 0.0, height = 0.0
        var columnX: [Double] = [], columnWidth: [Double] = []
        var rowY: [Int: Double] = [:]
        var graphTop = 0.0, graphHeight = 0.0, updateColumns = 1
    }

    private func layout(size: Double, rect: DeviceRect, renderer: any Renderer) -> Layout {
        var layout = Layout()
        let style = TextStyle(size: size, color: .black)
        func width(_ text: String) -> Double { renderer.measureText(text, style: style).width }
        let pad = 0.5 * size, lineHeight = 1.25 * size
        let boxHeight = lineHeight + 2 * 0.3 * size
        let cell = boxHeight + (lineHeight + 0.5 * size) + 0.8 * size
        var columnWidth = [Double](repeating: 0, count: 5)
        for node in nodes {
            columnWidth[node.column] = max(columnWidth[node.column], width(node.forward) + 2 * pad, node.backward.map(width) ?? 0)
        }
        let gap = 3.2 * size
        let graphWidth = columnWidth.reduce(0, +) + 4 * gap
        let graphRows = max(rows, 3)
        let graphHeight = Double(graphRows) * cell
        let headerHeight = 1.8 * size
        let updateWidths = ([updateTitle] + updates).map(width)
        // Update lines in as many columns as fit the graph's width (at most two).
        let twoColumns = updates.count > 2 && 2 * (updateWidths.dropFirst().max() ?? 0) + 3 * size <= max(graphWidth, rect.width)
        layout.updateColumns = twoColumns ? 2 : 1
        let updateRows = (updates.count + layout.updateColumns - 1) / layout.updateColumns
        let updatesHeight = Double(updateRows + 1) * 1.45 * size + 0.8 * size
        let updatesWidth = max(updateWidths[0], (updateWidths.dropFirst().max() ?? 0) * Double(layout.updateColumns) + 3 * size)
        layout.width = max(graphWidth, updatesWidth, width(header))
        layout.height = headerHeight + graphHeight + updatesHeight
        // Positions, centred in the rect.
        let left = rect.minX + (rect.width - graphWidth) / 2
        var x = left
        for column in 0..<5 {
            layout.columnX.append(x)
            x += columnWidth[column] + gap
        }
        layout.columnWidth = columnWidth
        let top = rect.minY + max(0, (rect.height - layout.height) / 2)
        layout.graphTop = top + headerHeight
        layout.graphHeight = graphHeight
        let offset = Double(graphRows - rows) / 2
        for row in 0..<rows { layout.rowY[row] = layout.graphTop + (offset + Double(row)) * cell + 0.5 * boxHeight + 0.4 * size }
        let centre = layout.graphTop + graphHeight / 2 - 0.5 * (lineHeight + 0.5 * size)
        layout.rowY[-1] = centre
        layout.rowY[-2] = centre - cell
        for node in nodes {
            guard let y = layout.rowY[node.row] else { continue }
            let w = width(node.forward) + 2 * pad
            let cx = layout.columnX[node.column] + columnWidth[node.column] / 2
            layout.boxes.append((DeviceRect(center: DevicePoint(x: cx, y: y), width: w, height: boxHeight), node))
        }
        return layout
    }

    func draw(in context: MarkContext) {
        let rect = context.transform.plotRect
        let renderer = context.renderer
        var size = baseFontSize
        var layout = self.layout(size: size, rect: rect, renderer: renderer)
        let fit = min(1.3, rect.width / max(1, layout.width), rect.height / max(1, layout.height))
        if fit < 1 || fit > 1.05 {
            size = max(0.45 * baseFontSize, size * fit * 0.98)
            layout = self.layout(size: size, rect: rect, renderer: renderer)
        }
        let ink = TextStyle(size: size, color: context.theme.ink)
        let accent = TextStyle(size: size, color: context.theme.accent)
        let muted = TextStyle(size: size, color: context.theme.mutedInk)
        let lineWidth = max(1, 0.1 * size)
        let top = rect.minY + max(0, (rect.height - layout.height) / 2)
        renderer.drawText(header, at: DevicePoint(x: rect.midX, y: top), style: muted, anchor: TextAnchor(.center, .top), angle: 0)

        func box(_ column: Int, _ row: Int) -> DeviceRect? { layout.boxes.first { $0.node.column == column && $0.node.row == row }?.rect }
        func arrow(_ from: DevicePoint, _ to: DevicePoint) { Self.drawArrow(from: from, to: to, size: size, lineWidth: lineWidth, in: context) }
        let gapStart = { (column: Int) in layout.columnX[column] + layout.columnWidth[column] }
        // Arrows first, boxes over them.
        for row in 0..<rows {
            if let feature = box(0, row), let product = box(1, row) {
                arrow(DevicePoint(x: feature.maxX, y: feature.midY), DevicePoint(x: product.minX, y: product.midY))
            }
            if let product = box(1, row), let sum = box(2, -1) {
                // Out of the product's column, across the gap, and into ŷ's box from the left,
                // level with it (never through the backward line under ŷ, which may be wider
                // than the box); arrivals spread over the box's left edge in row order.
                let exit = DevicePoint(x: gapStart(1), y: product.midY)
                let spread = rows > 1 ? (Double(row) / Double(rows - 1) - 0.5) * 0.6 * sum.height : 0
                let entry = DevicePoint(x: layout.columnX[2] - 0.8 * size, y: sum.midY + spread)
                var route = DevicePath()
                route.move(to: DevicePoint(x: product.maxX, y: product.midY))
                route.line(to: exit)
                route.line(to: entry)
                renderer.stroke(route, style: StrokeStyle(color: context.theme.mutedInk, width: lineWidth, cap: .butt, join: .round))
                arrow(entry, DevicePoint(x: sum.minX, y: entry.y))
            }
        }
        if let sum = box(2, -1), let error = box(3, -1) { arrow(DevicePoint(x: sum.maxX, y: sum.midY), DevicePoint(x: error.minX, y: error.midY)) }
        if let error = box(3, -1), let loss = box(4, -1) { arrow(DevicePoint(x: error.maxX, y: error.midY), DevicePoint(x: loss.minX, y: loss.midY)) }
        if let target = box(3, -2), let error = box(3, -1) {
            arrow(DevicePoint(x: target.midX, y: target.maxY), DevicePoint(x: error.midX, y: error.minY))
        }
        for (frame, node) in layout.boxes {
            Self.drawBox(frame, forward: node.forward, backward: node.backward, size: size, lineWidth: lineWidth, in: context)
        }
        // The update lines.
        var y = layout.graphTop + layout.graphHeight + 0.4 * size
        let updateLeft = rect.minX + max(0, (rect.width - layout.width) / 2)
        renderer.drawText(updateTitle, at: DevicePoint(x: updateLeft, y: y), style: ink, anchor: TextAnchor(.left, .top), angle: 0)
        y += 1.45 * size
        let columnWidth = layout.updateColumns == 2 ? layout.width / 2 : layout.width
        let perColumn = (updates.count + layout.updateColumns - 1) / layout.updateColumns
        for (index, line) in updates.enumerated() {
            let column = index / perColumn, row = index % perColumn
            renderer.drawText(line, at: DevicePoint(x: updateLeft + Double(column) * columnWidth + 1.5 * size, y: y + Double(row) * 1.45 * size),
                              style: accent, anchor: TextAnchor(.left, .top), angle: 0)
        }
    }

    /// An arrow from `from` to `to` in the muted ink: a shaft and a filled head (shared with
    /// ``NetworkChainRuleMark``).
    static func drawArrow(from: DevicePoint, to: DevicePoint, size: Double, lineWidth: Double, in context: MarkContext) {
        let renderer = context.renderer
        var shaft = DevicePath()
        let dx = to.x - from.x, dy = to.y - from.y, length = (dx * dx + dy * dy).squareRoot()
        guard length > 1 else { return }
        let ux = dx / length, uy = dy / length, head = min(0.7 * size, 0.5 * length)
        shaft.move(to: from)
        shaft.line(to: DevicePoint(x: to.x - ux * head * 0.8, y: to.y - uy * head * 0.8))
        renderer.stroke(shaft, style: StrokeStyle(color: context.theme.mutedInk, width: lineWidth, cap: .butt))
        let base = DevicePoint(x: to.x - ux * head, y: to.y - uy * head)
        renderer.fill(.polygon([to, DevicePoint(x: base.x - uy * 0.45 * head, y: base.y + ux * 0.45 * head),
                                DevicePoint(x: base.x + uy * 0.45 * head, y: base.y - ux * 0.45 * head)]),
                      color: context.theme.mutedInk)
    }

    /// A graph box: the forward value in a rounded box, the backward value (if any) under it in
    /// the accent colour (shared with ``NetworkChainRuleMark``).
    static func drawBox(_ frame: DeviceRect, forward: String, backward: String?, size: Double, lineWidth: Double, in context: MarkContext) {
        let renderer = context.renderer
        let path = DevicePath.roundedRectangle(frame, radius: 0.3 * size)
        renderer.fill(path, color: context.theme.boxBackground)
        renderer.stroke(path, style: StrokeStyle(color: context.theme.ink, width: lineWidth))
        renderer.drawText(forward, at: DevicePoint(x: frame.midX, y: frame.midY), style: TextStyle(size: size, color: context.theme.ink),
                          anchor: TextAnchor(.center, .middle), angle: 0)
        if let backward {
            renderer.drawText(backward, at: DevicePoint(x: frame.midX, y: frame.maxY + 0.35 * size), style: TextStyle(size: size, color: context.theme.accent),
                              anchor: TextAnchor(.center, .top), angle: 0)
        }
    }
}
