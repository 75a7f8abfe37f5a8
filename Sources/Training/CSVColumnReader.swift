import CSV
import Foundation

/// Streams selected columns out of a CSV file with a header line, tracking physical line numbers.
///
/// Built on CSV.swift's `CSVReader(stream:)`. The reader is created with `hasHeaderRow: false` and the
/// header is read as the first row, so that the decoding-error handler is already installed when the
/// header is parsed (CSV.swift installs it only after its initializer returns). After every row the
/// reader's `error` is checked: CSV.swift reports invalid UTF-8 there and otherwise ends the row early.
struct CSVColumnReader {
    /// The columns read from the file.
    struct Columns {
        var x: [Double] = []
        var y: [Double] = []
        var labels: [String]?
    }

    /// The file to read.
    let path: String
    /// How the file separates fields and writes decimals.
    var format = CSVFormat()

    /// The most of the file read to find the header's delimiter.
    static let headerScanLimit = 1 << 20

    /// Reads the named columns.
    ///
    /// The path must name a regular file: `stat` is asked first, so a FIFO, a device or a socket is
    /// refused before anything opens it (opening a FIFO without a writer would block forever, and
    /// `/dev/zero` never ends).
    func read(x xName: String, y yName: String, label labelName: String?) throws -> Columns {
        let file = InputFile(path: path)
        switch file {
        case .regular: break
        case .missing: throw TrainingError.fileNotFound(path: path)
        default: throw TrainingError.unreadableFile(path: path, reason: file.problem ?? "not a regular file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw TrainingError.unreadableFile(path: path, reason: "permission denied")
        }
        let delimiter = try format.delimiter ?? detectDelimiter()
        guard let stream = InputStream(fileAtPath: path) else {
            throw TrainingError.unreadableFile(path: path, reason: "it cannot be opened")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false,
                                   delimiter: Unicode.Scalar(delimiter.rawValue) ?? ",")
        } catch {
            throw TrainingError.unreadableFile(path: path, reason: "\(error)")
        }

        // Header: the first non-blank row. Blank lines before it still count as lines.
        var line = 1
        var header: [String]?
        while let row = reader.next() {
            try checkError(of: reader, line: line + Self.lineBreaks(in: row))
            if Self.isBlank(row) {
                line += 1
                continue
            }
            header = row.map { $0.trimmingSpacesAndTabs() }
            break
        }
        try checkError(of: reader, line: line)
        guard let header else { throw TrainingError.emptyFile(path: path) }
        let headerLine = line
        if header.contains(where: { $0.unicodeScalars.contains("\u{0}") }) {
            throw TrainingError.invalidEncoding(path: path, line: headerLine)
        }
        let xIndex = try columnIndex(of: xName, in: header, delimiter: delimiter)
        let yIndex = try columnIndex(of: yName, in: header, delimiter: delimiter)
        let labelIndex = try labelName.map { try columnIndex(of: $0, in: header, delimiter: delimiter) }
        line += Self.lineBreaks(in: header) + 1

        var columns = Columns()
        var labels: [String] = []
        while let row = reader.next() {
            let rowLine = line
            line += Self.lineBreaks(in: row) + 1
            try checkError(of: reader, line: line - 1)
            if Self.isBlank(row) { continue }
            guard row.count == header.count else {
                throw TrainingError.raggedRow(path: path, line: rowLine, expected: header.count, found: row.count,
                                              delimiter: delimiter)
            }
            columns.x.append(try number(row[xIndex], line: rowLine, column: xName, index: xIndex))
            columns.y.append(try number(row[yIndex], line: rowLine, column: yName, index: yIndex))
            if let labelIndex { labels.append(row[labelIndex]) }
        }
        try checkError(of: reader, line: line)
        guard !columns.x.isEmpty else { throw TrainingError.headerOnly(path: path) }
        if labelIndex != nil { columns.labels = labels }
        return columns
    }

    /// Throws for a decoding or stream error recorded by the reader.
    ///
    /// CSV.swift reports invalid UTF-8 as `CSVError.unicodeDecoding`. It also records
    /// `CSVError.cannotReadFile` when it tries to read past the end of a file stream (Foundation's
    /// `hasBytesAvailable` stays `true` until a read returns 0 bytes); that one means end of input.
    private func checkError(of reader: CSVReader, line: Int) throws {
        guard let error = reader.error else { return }
        switch error {
        case CSVError.unicodeDecoding:
            throw TrainingError.invalidEncoding(path: path, line: line)
        case CSVError.cannotReadFile:
            return
        default:
            throw TrainingError.unreadableFile(path: path, reason: "\(error)")
        }
    }

    /// The delimiter of the file's header: its first line that is not blank, read up to
    /// ``headerScanLimit`` bytes (a quoted field may span lines).
    private func detectDelimiter() throws -> CSVFormat.Delimiter {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TrainingError.unreadableFile(path: path, reason: "it cannot be opened")
        }
        defer { try? handle.close() }
        var line: [UInt8] = []
        var quoted = false
        var scanned = 0
        while scanned < Self.headerScanLimit {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 16) ?? Data()
            } catch {
                throw TrainingError.unreadableFile(path: path, reason: error.localizedDescription)
            }
            if chunk.isEmpty { break }
            scanned += chunk.count
            for byte in chunk {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if !quoted, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) {
                        return CSVFormat.detectDelimiter(inHeader: line)
                    }
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                }
            }
        }
        return CSVFormat.detectDelimiter(inHeader: line)
    }

    /// The 0-based index of `name` in `header`; throws when it is missing or repeated.
    private func columnIndex(of name: String, in header: [String], delimiter: CSVFormat.Delimiter) throws -> Int {
        let matches = header.indices.filter { header[$0] == name }
        guard let first = matches.first else {
            throw TrainingError.missingColumn(path: path, column: name, available: header, delimiter: delimiter)
        }
        guard matches.count == 1 else {
            throw TrainingError.duplicateColumn(path: path, column: name, columnNumbers: matches.map { $0 + 1 })
        }
        return first
    }

    /// Parses one numeric field, throwing a located error.
    private func number(_ field: String, line: Int, column: String, index: Int) throws -> Double {
        guard let value = NumberParsing.parseDecimal(field, decimalComma: format.decimalComma) else {
            if field.unicodeScalars.contains("\u{0}") {
                throw TrainingError.invalidEncoding(path: path, line: line)
            }
            throw TrainingError.nonNumeric(path: path, line: line, column: column, columnNumber: index + 1, value: field,
                                           decimalComma: format.decimalComma)
        }
        guard value.isFinite else {
            throw TrainingError.overflow(path: path, line: line, column: column, columnNumber: index + 1, value: field)
        }
        return value
    }

    /// `true` for the row CSV.swift returns for an empty line.
    private static func isBlank(_ row: [String]) -> Bool {
        row.count == 1 && row[0].trimmingSpacesAndTabs().isEmpty
    }

    /// The number of line breaks inside the fields of a row (CRLF, LF and lone CR each count once);
    /// only quoted fields can contain them.
    static func lineBreaks(in row: [String]) -> Int {
        var count = 0
        for field in row {
            var previousWasCarriageReturn = false
            for scalar in field.unicodeScalars {
                if scalar == "\n" {
                    if !previousWasCarriageReturn { count += 1 }
                    previousWasCarriageReturn = false
                } else if scalar == "\r" {
                    count += 1
                    previousWasCarriageReturn = true
                } else {
                    previousWasCarriageReturn = false
                }
            }
        }
        return count
    }
}
