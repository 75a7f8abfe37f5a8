import Foundation
import Training

/// `|a − b| ≤ tolerance · max(1, |a|, |b|)`: relative for large values, absolute near zero.
func isClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// `|a − b| ≤ tolerance · max(|a|, |b|)`: purely relative.
func isRelativelyClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
}

/// Element-wise ``isClose(_:_:tolerance:)`` with equal lengths.
func isClose(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// Uniform random values in `range`.
func randomValues(_ count: Int, in range: ClosedRange<Double>, using generator: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in Double.random(in: range, using: &generator) }
}

/// The notebook data, normalized.
func notebookData() throws -> NormalizedDataset {
    try NormalizedDataset(Dataset.notebook)
}

/// A fresh temporary directory for CSV fixtures.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("descent-training-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `bytes` to `name` in `directory` and returns the path.
func writeFixture(_ name: String, bytes: [UInt8], in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// Writes UTF-8 `text` to `name` in `directory` and returns the path.
func writeFixture(_ name: String, text: String, in directory: URL) throws -> String {
    try writeFixture(name, bytes: Array(text.utf8), in: directory)
}
