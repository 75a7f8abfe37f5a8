/// A one-input, one-output data set in original units: `x` (for example weight in kg) predicts `y`
/// (for example height in cm).
///
/// Invariants checked by ``init(x:y:labels:xName:yName:source:)``: at least one row,
/// `x.count == y.count` (and `labels?.count` equal to it), every value finite.
public struct Dataset: Sendable, Equatable {
    /// The inputs, one per data point, in original units.
    public var x: [Double]
    /// The targets, one per data point, in original units.
    public var y: [Double]
    /// An optional name per data point (the notebook's people), in the same order as `x`.
    public var labels: [String]?
    /// The name of the input column, such as `"weight_kg"`.
    public var xName: String
    /// The name of the target column, such as `"height_cm"`.
    public var yName: String
    /// The file the data came from, or `nil` for data built in code.
    public var source: String?

    /// The number of data points `N`.
    public var count: Int { x.count }

    /// Creates a data set after checking it.
    ///
    /// - Throws: ``TrainingError/tooFewRows(path:count:)`` for no rows,
    ///   ``TrainingError/lengthMismatch(name:expected:found:)`` when `y` or `labels` differ in length
    ///   from `x`, ``TrainingError/nonFiniteValue(name:index:value:path:)`` for NaN or infinity.
    public init(
        x: [Double], y: [Double], labels: [String]? = nil,
        xName: String, yName: String, source: String? = nil
    ) throws {
        guard !x.isEmpty else { throw TrainingError.tooFewRows(path: source, count: 0) }
        guard y.count == x.count else {
            throw TrainingError.lengthMismatch(name: yName, expected: x.count, found: y.count)
        }
        if let labels, labels.count != x.count {
            throw TrainingError.lengthMismatch(name: "labels", expected: x.count, found: labels.count)
        }
        for (name, values) in [(xName, x), (yName, y)] {
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw TrainingError.nonFiniteValue(name: name, index: index, value: values[index], path: source)
            }
        }
        self.init(unchecked: x, y: y, labels: labels, xName: xName, yName: yName, source: source)
    }

    /// Creates a data set whose invariants the caller has already established.
    init(unchecked x: [Double], y: [Double], labels: [String]?, xName: String, yName: String, source: String?) {
        self.x = x
        self.y = y
        self.labels = labels
        self.xName = xName
        self.yName = yName
        self.source = source
    }

    /// The lecture notebook's 10 people: `weight_kg` → `height_cm`, labelled by name.
    ///
    /// Its least-squares line in original units is `height_cm ≈ 107.73 + 0.8513 · weight_kg`.
    public static let notebook = Dataset(
        unchecked: [58, 59, 62, 78, 68, 70, 88, 89, 92, 91],
        y: [150, 157, 163, 168, 171, 175, 179, 182, 185, 190],
        labels: ["Oliver", "George", "Amelia", "Harry", "Isla", "Arthur", "Olivia", "Jack", "Michael", "Charlie"],
        xName: "weight_kg", yName: "height_cm", source: nil)

    /// Reads two numeric columns (and optionally a label column) from a CSV file with a header line.
    ///
    /// The path must name a regular file (a FIFO, device, socket or directory is refused before it is
    /// opened). The file is streamed through CSV.swift's `CSVReader` over an `InputStream`, so memory
    /// beyond the returned columns stays bounded. The format is RFC 4180: fields separated by the
    /// delimiter found in the header (comma, semicolon or tab; `format.delimiter` to choose one),
    /// fields may be quoted with `"` (and then contain delimiters, quotes as `""`, and line breaks),
    /// UTF-8 with optional BOM, line endings LF, CRLF or CR. Blank lines are skipped. Only the
    /// requested columns must be numeric; numbers are plain decimal notation (`58`, `1.5`, `-2e3`,
    /// or `58,5` with `format.decimalComma`), surrounding spaces allowed.
    ///
    /// Line numbers in errors are 1-based physical lines; the header is line 1, and a quoted field that
    /// spans lines advances the count. Column numbers are 1-based.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - x: The header name of the input column.
    ///   - y: The header name of the target column.
    ///   - label: The header name of an optional column of point names.
    ///   - format: The delimiter (found in the header unless given) and the decimal separator.
    /// - Throws: ``TrainingError`` describing the first problem found (missing file, not a regular
    ///   file, empty file, header only, missing or duplicate column, ragged row, non-numeric or
    ///   out-of-range value, invalid UTF-8).
    public static func load(csvAt path: String, x: String, y: String, label: String? = nil,
                            format: CSVFormat = CSVFormat()) throws -> Dataset {
        let columns = try CSVColumnReader(path: path, format: format).read(x: x, y: y, label: label)
        return try Dataset(x: columns.x, y: columns.y, labels: columns.labels, xName: x, yName: y, source: path)
    }
}
