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
