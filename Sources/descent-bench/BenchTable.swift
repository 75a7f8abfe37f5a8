import Foundation

/// Writes a `BenchReport` as Markdown: the machine, the main table (Descent | peer | speed-up |
/// target), the notes and the scaling tables.
enum BenchTable {
    /// The whole report as Markdown text.
    static func markdown(_ report: BenchReport) -> String {
        var lines: [String] = []
        let machine = report.machine
        var software = "Swift \(machine.swift)"
        if let numpy = machine.numpy { software += ", numpy \(numpy)" }
        if let matplotlib = machine.matplotlib { software += ", matplotlib \(matplotlib)" }
        lines.append("Machine: \(machine.cpu), \(machine.cores) cores, \(machine.system); \(software).")
        lines.append("Release build, medians of \(report.runs) run\(report.runs == 1 ? "" : "s")\(report.quick ? " (--quick: smaller sizes)" : ""), \(report.date).")
        lines.append("")
        lines.append("| section | measurement | Descent | peer | peer's time | speed-up | target | met |")
        lines.append("|---|---|---:|---|---:|---:|---|:---:|")
        for row in report.rows {
            let peerValue = row.peerValue.map { BenchFormat.value($0, unit: row.unit) } ?? "–"
            let met = row.met.map { $0 ? "yes" : "**no**" } ?? "–"
            lines.append("| \(row.section) | \(row.name) | \(BenchFormat.value(row.descent, unit: row.unit)) | \(row.peer ?? "–") | "
                + "\(peerValue) | \(row.peer == nil ? "–" : BenchFormat.ratio(row.ratio)) | \(row.target ?? "–") | \(met) |")
        }
        let notes = report.rows.compactMap(\.note) + report.notes
        if !notes.isEmpty {
            lines.append("")
            for note in notes { lines.append("- \(note)") }
        }
        lines += scalingTables(report.scaling)
        return lines.joined(separator: "\n")
    }

    private static func scalingTables(_ points: [BenchReport.ScalingPoint]) -> [String] {
        guard !points.isEmpty else { return [] }
        var lines: [String] = [""]
        let rowCounts = Array(Set(points.filter { $0.series != "grid size" }.map(\.rows))).sorted()
        if !rowCounts.isEmpty {
            lines.append("Scaling with N (rows):")
            lines.append("")
            lines.append("| series | " + rowCounts.map { "N = \(BenchFormat.count($0))" }.joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: rowCounts.count))
            for series in ["landscape pass", "landscape grid", "gd epoch linear"] {
                let values = rowCounts.map { rows in points.first { $0.series == series && $0.rows == rows } }
                guard let first = values.compactMap({ $0 }).first else { continue }
                let label = series == "landscape grid" ? "landscape grid \(first.grid)x\(first.grid) (after the pass)" : series
                lines.append("| \(label) | " + values.map { $0.map { BenchFormat.value($0.seconds, unit: "s") } ?? "–" }.joined(separator: " | ") + " |")
            }
        }
        let grids = points.filter { $0.series == "grid size" }.sorted { $0.grid < $1.grid }
        if let first = grids.first {
            lines.append("")
            lines.append("Scaling with the grid (N = \(BenchFormat.count(first.rows)), after the pass):")
            lines.append("")
            lines.append("| series | " + grids.map { "\($0.grid)x\($0.grid)" }.joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: grids.count))
            lines.append("| landscape grid | " + grids.map { BenchFormat.value($0.seconds, unit: "s") }.joined(separator: " | ") + " |")
            lines.append("| per grid point | " + grids.map { BenchFormat.value($0.seconds / Double($0.grid * $0.grid), unit: "s") }.joined(separator: " | ") + " |")
        }
        return lines
    }
}
