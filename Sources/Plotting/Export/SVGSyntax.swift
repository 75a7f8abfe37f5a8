import Foundation

/// The small pieces of SVG syntax `SVGRenderer` writes: numbers, colours, escaped text and
/// path data, each printed compactly and the same way on every machine (no locale, no
/// `String(format:)`).
enum SVGSyntax {
    /// `value` rounded to `decimals` places (half away from zero), without trailing zeros or a
    /// trailing point, and `0` rather than `-0`; non-finite values print as `0`.
    static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        let factor = powerOfTen(decimals)
        let scaled = (value * Double(factor)).rounded()
        guard abs(scaled) < 1e15 else { return String(Int(value.rounded())) }
        return fixed(Int(scaled), decimals: decimals)
    }

    /// The integer `scaled` / 10^`decimals` in decimal notation (`1250`, 2 → `12.5`).
    ///
    /// Written right to left into a small buffer and made a `String` once (SVG files print
    /// thousands of these; building the parts as strings cost several allocations each).
    static func fixed(_ scaled: Int, decimals: Int) -> String {
        if scaled == 0 { return "0" }
        var magnitude = scaled.magnitude
        var places = max(0, decimals)
        // Trailing zeros of the fraction are not printed.
        while places > 0 && magnitude % 10 == 0 {
            magnitude /= 10
            places -= 1
        }
        // At most 20 digits, a point, a sign and leading zeros of the fraction.
        let capacity = 22 + places
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var position = capacity
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            for _ in 0..<places {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            }
            if places > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            if scaled < 0 { put(UInt8(ascii: "-")) }
            let length = capacity - position
            for index in 0..<length { buffer[index] = buffer[position + index] }
            return length
        }
    }

    private static func powerOfTen(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// A colour's red, green and blue as `#rrggbb`, each component clamped to `0...1` (NaN as 0)
    /// like the Cairo renderer does.
    static func hex(_ color: Color) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 7) { buffer in
            buffer[0] = UInt8(ascii: "#")
            for (index, component) in [color.red, color.green, color.blue].enumerated() {
                let byte = Int((clamp(component) * 255).rounded())
                buffer[1 + 2 * index] = digits[byte >> 4]
                buffer[2 + 2 * index] = digits[byte & 15]
            }
            return 7
        }
    }

    /// A colour's opacity clamped to `0...1`, NaN as 0.
    static func opacity(_ color: Color) -> Double { clamp(color.alpha) }

    static func clamp(_ value: Double) -> Double { value.isNaN ? 0 : min(1, max(0, value)) }

    /// Whether SVG's default white-space handling would change `text` (leading, trailing or
    /// repeated spaces, tabs or line breaks), so it needs `xml:space="preserve"`.
    static func needsPreservedSpace(_ text: String) -> Bool {
        if text.first == " " || text.last == " " { return true }
        return text.contains("  ") || text.contains { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    /// The path data of `path` in hundredths of a device unit: every point is rounded once, and
    /// each segment is written in the shorter of its absolute and relative forms (`L`/`l`,
    /// `H`/`h`, `V`/`v`, `C`/`c`) computed from the rounded points, so relative steps never
    /// drift. Elements with a non-finite coordinate lift the pen (the next point starts a new
    /// subpath). Empty when nothing is left.
    static func pathData(_ path: DevicePath, offset: DevicePoint = DevicePoint(x: 0, y: 0)) -> String {
        var writer = PathDataWriter()
        for element in path.elements {
            switch element {
            case let .move(p): writer.move(p, offset: offset)
            case let .line(p): writer.line(p, offset: offset)
            case let .curve(a, b, end): writer.curve(a, b, end, offset: offset)
            case .close: writer.close()
            }
        }
        return writer.text
    }

    /// `path` with the straight runs of every subpath thinned: a point is left out when the
    /// run without it stays within `tolerance` device units of it (Douglas–Peucker, in pieces
    /// of at most `pieceLength` points so the cost stays linear). Ends of runs, curves and
    /// closes are kept; non-finite points end a run.
    static func simplified(_ path: DevicePath, tolerance: Double, pieceLength: Int = 256) -> DevicePath {
        func isFinite(_ p: DevicePoint) -> Bool { p.x.isFinite && p.y.isFinite }
        var result = DevicePath()
        // The current straight run; its first point is already in `result`.
        var run: [DevicePoint] = []
        var subpathStart: DevicePoint?
        func finishRun() {
            if run.count > 1 {
                for point in thinned(run, tolerance: tolerance, pieceLength: pieceLength).dropFirst() { result.line(to: point) }
            }
            run = []
        }
        for element in path.elements {
            switch element {
            case let .move(p):
                finishRun()
                result.move(to: p)
                run = isFinite(p) ? [p] : []
                subpathStart = p
            case let .line(p):
                if isFinite(p) && !run.isEmpty {
                    run.append(p)
                } else {
                    // A non-finite point lifts the pen; the next finite one starts afresh.
                    finishRun()
                    result.line(to: p)
                    run = isFinite(p) ? [p] : []
                    if subpathStart == nil { subpathStart = p }
                }
            case let .curve(a, b, end):
                finishRun()
                result.curve(to: end, control1: a, control2: b)
                run = isFinite(end) ? [end] : []
            case .close:
                finishRun()
                result.close()
                run = subpathStart.map { isFinite($0) ? [$0] : [] } ?? []
            }
        }
        finishRun()
        return result
    }

    /// The points of one straight run that Douglas–Peucker keeps at `tolerance`, piece by piece.
    static func thinned(_ points: [DevicePoint], tolerance: Double, pieceLength: Int) -> [DevicePoint] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        var start = 0
        while start < points.count - 1 {
            let end = min(points.count - 1, start + pieceLength)
            keep[start] = true
            keep[end] = true
            var stack = [(start, end)]
            while let (a, b) = stack.popLast() {
                guard b - a > 1 else { continue }
                var farthest = -1.0, index = a
                for i in (a + 1)..<b {
                    let d = distance(points[i], toSegment: points[a], points[b])
                    if d > farthest { farthest = d; index = i }
                }
                if farthest > tolerance {
                    keep[index] = true
                    stack.append((a, index))
                    stack.append((index, b))
                }
            }
            start = end
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// The distance from `p` to the segment `a`–`b`.
    static func distance(_ p: DevicePoint, toSegment a: DevicePoint, _ b: DevicePoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        var t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0
        t = min(1, max(0, t))
        let x = a.x + t * dx - p.x, y = a.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }

    /// A point in integer hundredths.
    struct Scaled: Equatable {
        var x: Int
        var y: Int

        init?(_ point: DevicePoint, offset: DevicePoint) {
            let x = ((point.x - offset.x) * 100).rounded(), y = ((point.y - offset.y) * 100).rounded()
            guard x.isFinite, y.isFinite, abs(x) < 1e15, abs(y) < 1e15 else { return nil }
            self.x = Int(x)
            self.y = Int(y)
        }
    }

    /// Builds path data command by command (see `pathData`).
    struct PathDataWriter {
        private(set) var text = ""
        /// The current point, nil before the first move or after a non-finite point.
        private var current: Scaled?
        /// The start of the current subpath (where `close` returns to).
        private var start: Scaled?

        private func n(_ value: Int) -> String { SVGSyntax.fixed(value, decimals: 2) }

        /// Appends `command` and its arguments, separated by a space unless the next one starts
        /// with its minus sign.
        private mutating func append(_ command: Character, _ arguments: [Int]) {
            text.append(command)
            for (index, argument) in arguments.enumerated() {
                let number = n(argument)
                if index > 0 && !number.hasPrefix("-") { text.append(" ") }
                text += number
            }
        }

        mutating func move(_ point: DevicePoint, offset: DevicePoint) {
            guard let p = Scaled(point, offset: offset) else { current = nil; return }
            append("M", [p.x, p.y])
            current = p
            start = p
        }

        mutating func line(_ point: DevicePoint, offset: DevicePoint) {
            guard let p = Scaled(point, offset: offset) else { current = nil; return }
            guard let c = current else { move(point, offset: offset); return }
            let dx = p.x - c.x, dy = p.y - c.y
            let candidates: [(Character, [Int])]
            if dy == 0 {
                candidates = [("h", [dx]), ("H", [p.x])]
            } else if dx == 0 {
                candidates = [("v", [dy]), ("V", [p.y])]
            } else {
                candidates = [("l", [dx, dy]), ("L", [p.x, p.y])]
            }
            appendShorter(candidates)
            current = p
        }

        mutating func curve(_ a: DevicePoint, _ b: DevicePoint, _ end: DevicePoint, offset: DevicePoint) {
            guard let pa = Scaled(a, offset: offset), let pb = Scaled(b, offset: offset), let pe = Scaled(end, offset: offset) else {
                current = nil
                return
            }
            guard let c = current else { move(end, offset: offset); return }
            appendShorter([("c", [pa.x - c.x, pa.y - c.y, pb.x - c.x, pb.y - c.y, pe.x - c.x, pe.y - c.y]),
                           ("C", [pa.x, pa.y, pb.x, pb.y, pe.x, pe.y])])
            current = pe
        }

        mutating func close() {
            guard current != nil else { return }
            text.append("Z")
            current = start
        }

        /// Appends the candidate that prints shortest (the first on a tie).
        private mutating func appendShorter(_ candidates: [(Character, [Int])]) {
            var best: (Character, [Int])?
            var bestLength = Int.max
            for candidate in candidates {
                let length = candidate.1.enumerated().reduce(1) { sum, item in
                    let number = n(item.element)
                    return sum + number.utf8.count + (item.offset > 0 && !number.hasPrefix("-") ? 1 : 0)
                }
                if length < bestLength { best = candidate; bestLength = length }
            }
            if let best { append(best.0, best.1) }
        }
    }
}
