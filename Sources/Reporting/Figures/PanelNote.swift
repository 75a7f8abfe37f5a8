import Foundation
import Plotting

/// A few boxed lines of text in a corner of a panel (the numbers a figure states), placed in the
/// corner that the figure's points leave free.
enum PanelNote {
    /// The four plot corners ranked by how many of `points` fall in a box of 55 % of the width and
    /// 45 % of the height at that corner (fewest first; ties keep the order upper left, upper
    /// right, lower left, lower right).
    static func rankedCorners(for points: [DataPoint], x: ClosedRange<Double>, y: ClosedRange<Double>) -> [LegendCorner] {
        let corners: [LegendCorner] = [.upperLeft, .upperRight, .lowerLeft, .lowerRight]
        let width = x.upperBound - x.lowerBound, height = y.upperBound - y.lowerBound
        func count(_ corner: LegendCorner) -> Int {
            points.filter { point in
                let u = (point.x - x.lowerBound) / width, v = (point.y - y.lowerBound) / height
                let left = corner == .upperLeft || corner == .lowerLeft
                let top = corner == .upperLeft || corner == .upperRight
                return (left ? u <= 0.55 : u >= 0.45) && (top ? v >= 0.55 : v <= 0.45)
            }.count
        }
        return corners.enumerated().sorted { (count($0.element), $0.offset) < (count($1.element), $1.offset) }.map(\.element)
    }

    /// The font size at which `lines` (boxed, stacked 1.6 line heights apart) fit in `width` ×
    /// `height` pixels, at most `preferred` and at least 0.55 of it: DejaVu Sans averages about
    /// 0.6 em a character, and a box adds about 1.7 em of padding and inset.
    static func fittingFontSize(_ lines: [String], width: Double, height: Double, preferred: Double) -> Double {
        let longest = Double(lines.map(\.count).max() ?? 0)
        let byWidth = width / (0.6 * longest + 1.7)
        let byHeight = height / (1.6 * Double(max(1, lines.count)) + 1)
        return max(0.55 * preferred, min(preferred, byWidth, byHeight))
    }

    /// Adds `lines` as boxed texts stacked in `corner` of a panel whose limits are `x` × `y`,
    /// `fontSize` pixels high, 1.6 line heights apart, inset by one line height.
    static func add(_ lines: [String], to axes: Axes, corner: LegendCorner, x: ClosedRange<Double>, y: ClosedRange<Double>,
                           fontSize: Double, color: Color) {
        let left = corner == .upperLeft || corner == .lowerLeft
        let top = corner == .upperLeft || corner == .upperRight || corner == .upperCenter
        let anchorPoint = DataPoint(x: left ? x.lowerBound : x.upperBound, y: top ? y.upperBound : y.lowerBound)
        let step = 1.6 * fontSize
        let ordered = top ? lines : lines.reversed()
        for (row, line) in ordered.enumerated() {
            let mark = axes.text(line, at: anchorPoint, anchor: TextAnchor(left ? .left : .right, top ? .top : .bottom),
                                 color: color, fontSize: fontSize, boxed: true)
            let dx = left ? fontSize : -fontSize
            let dy = top ? fontSize + Double(row) * step : -fontSize - Double(row) * step
            mark.offset = DevicePoint(x: dx, y: dy)
        }
    }
}
