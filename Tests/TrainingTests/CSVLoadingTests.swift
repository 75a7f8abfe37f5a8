import Foundation
import Testing
import Training

@Suite("Loading CSV files")
struct CSVLoadingTests {
    let directory: URL

    init() throws {
        directory = try makeTemporaryDirectory()
    }

    /// Loads `text` written to `name` with columns `weight_kg` → `height_cm`.
    func load(_ name: String, _ text: String, label: String? = nil) throws -> Dataset {
        let path = try writeFixture(name, text: text, in: directory)
        return try Dataset.load(csvAt: path, x: "weight_kg", y: "height_cm", label: label)
    }

    /// The error thrown for `text`, or `nil`.
    func loadingError(_ name: String, _ text: String) -> TrainingError? {
        do {
            _ = try load(name, text)
            return nil
        } catch let error as TrainingError {
            return error
        } catch {
            return nil
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test("A well-formed file loads, with labels, quoted fields, CRLF, spaces and blank lines")
    func wellFormed() throws {
        let text = "name,weight_kg,height_cm\r\n\"Oliver\",58,150\r\n\r\n\"Smith, George\", 59 ,\"157\"\r\nAmelia,6.2e1,163\r\n"
        let dataset = try load("good.csv", text, label: "name")
        #expect(dataset.x == [58, 59, 62])
        #expect(dataset.y == [150, 157, 163])
        #expect(dataset.labels == ["Oliver", "Smith, George", "Amelia"])
        #expect(dataset.xName == "weight_kg" && dataset.yName == "height_cm")
        #expect(dataset.source == path("good.csv"))
    }

    @Test("The notebook table written as CSV loads back as the built-in data set")
    func notebookRoundTrip() throws {
        let notebook = Dataset.notebook
        var text = "name,weight_kg,height_cm\n"
        for index in 0..<notebook.count {
            text += "\(notebook.labels?[index] ?? ""),\(Int(notebook.x[index])),\(Int(notebook.y[index]))\n"
        }
        var loaded = try load("notebook.csv", text, label: "name")
        loaded.source = nil
        #expect(loaded == notebook)
    }

    @Test("UTF-8 byte order mark and a missing final newline are accepted")
    func byteOrderMark() throws {
        let path = try writeFixture("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("weight_kg,height_cm\n58,150\n59,157".utf8), in: directory)
        let dataset = try Dataset.load(csvAt: path, x: "weight_kg", y: "height_cm")
        #expect(dataset.x == [58, 59] && dataset.y == [150, 157])
    }

    @Test("Missing file")
    func missingFile() {
        let missing = path("does-not-exist.csv")
        #expect(throws: TrainingError.fileNotFound(path: missing)) {
            try Dataset.load(csvAt: missing, x: "weight_kg", y: "height_cm")
        }
        #expect(TrainingError.fileNotFound(path: missing).description.contains("does-not-exist.csv"))
    }

    @Test("Empty file, and a file of blank lines")
    func emptyFile() {
        let error = loadingError("empty.csv", "")
        #expect(error == .emptyFile(path: path("empty.csv")))
        #expect(error?.description.contains("empty.csv") == true)
        #expect(loadingError("blank.csv", "\n\n") == .emptyFile(path: path("blank.csv")))
    }

    @Test("Header only")
    func headerOnly() {
        let error = loadingError("header.csv", "weight_kg,height_cm\n")
        #expect(error == .headerOnly(path: path("header.csv")))
        #expect(error?.description.contains("header.csv") == true)
    }

    @Test("Missing column lists the available columns")
    func missingColumn() throws {
        let error = try #require(loadingError("missing.csv", "weight,height_cm\n58,150\n"))
        #expect(error == .missingColumn(path: path("missing.csv"), column: "weight_kg", available: ["weight", "height_cm"]))
        let text = error.description
        #expect(text.contains("missing.csv") && text.contains("'weight_kg'") && text.contains("'weight'") && text.contains("'height_cm'"))
    }

    @Test("Duplicate column")
    func duplicateColumn() throws {
        let error = try #require(loadingError("duplicate.csv", "weight_kg,height_cm,weight_kg\n58,150,60\n"))
        #expect(error == .duplicateColumn(path: path("duplicate.csv"), column: "weight_kg", columnNumbers: [1, 3]))
        #expect(error.description.contains("duplicate.csv") && error.description.contains("1 and 3"))
    }

    @Test("Ragged row names its line, also after a quoted field spanning lines")
    func raggedRow() throws {
        let text = "name,weight_kg,height_cm\n\"two\nlines\",58,150\nGeorge,59,157\nAmelia,62\n"
        let error = try #require(loadingError("ragged.csv", text))
        #expect(error == .raggedRow(path: path("ragged.csv"), line: 5, expected: 3, found: 2))
        #expect(error.description.contains("ragged.csv") && error.description.contains("Line 5"))
    }

    @Test("Non-numeric quoted value names line, column name and column number")
    func nonNumeric() throws {
        let error = try #require(loadingError("text.csv", "name,weight_kg,height_cm\nOliver,58,150\nGeorge,\"abc\",157\n"))
        #expect(error == .nonNumeric(path: path("text.csv"), line: 3, column: "weight_kg", columnNumber: 2, value: "abc"))
        let text = error.description
        #expect(text.contains("text.csv") && text.contains("line 3") && text.contains("column 2") && text.contains("weight_kg") && text.contains("'abc'"))
    }

    @Test("NaN and infinity are rejected as not finite", arguments: ["NaN", "nan", "inf", "-Infinity"])
    func nonFinite(value: String) throws {
        let error = try #require(loadingError("nan.csv", "weight_kg,height_cm\n58,150\n\(value),157\n"))
        #expect(error == .nonNumeric(path: path("nan.csv"), line: 3, column: "weight_kg", columnNumber: 1, value: value))
        #expect(error.description.contains("not a finite number") && error.description.contains("nan.csv"))
    }

    @Test("A decimal comma gets a hint to use a dot, quoted or not")
    func decimalComma() throws {
        let quoted = try #require(loadingError("comma.csv", "weight_kg,height_cm\n58,\"150,5\"\n"))
        #expect(quoted == .nonNumeric(path: path("comma.csv"), line: 2, column: "height_cm", columnNumber: 2, value: "150,5"))
        #expect(quoted.description.contains("decimal comma") && quoted.description.contains("150.5"))
        let unquoted = try #require(loadingError("comma2.csv", "weight_kg,height_cm\n58,150,5\n"))
        #expect(unquoted == .raggedRow(path: path("comma2.csv"), line: 2, expected: 2, found: 3))
        #expect(unquoted.description.contains("decimal comma"))
    }

    @Test("An empty field and a value out of Double range")
    func emptyAndOverflow() throws {
        let empty = try #require(loadingError("gap.csv", "weight_kg,height_cm\n58,\n"))
        #expect(empty == .nonNumeric(path: path("gap.csv"), line: 2, column: "height_cm", columnNumber: 2, value: ""))
        #expect(empty.description.contains("empty"))
        let huge = try #require(loadingError("huge.csv", "weight_kg,height_cm\n1e400,150\n"))
        #expect(huge == .overflow(path: path("huge.csv"), line: 2, column: "weight_kg", columnNumber: 1, value: "1e400"))
        #expect(huge.description.contains("huge.csv") && huge.description.contains("line 2"))
    }

    @Test("One row loads but cannot be normalized")
    func oneRow() throws {
        let dataset = try load("one.csv", "weight_kg,height_cm\n58,150\n")
        #expect(dataset.count == 1)
        #expect(throws: TrainingError.tooFewRows(path: path("one.csv"), count: 1)) {
            try NormalizedDataset(dataset)
        }
        #expect(TrainingError.tooFewRows(path: path("one.csv"), count: 1).description.contains("one.csv"))
        // Raw training of one point (the slides' example) is allowed.
        #expect(try NormalizedDataset(dataset, normalize: false).count == 1)
    }

    @Test("A constant column cannot be normalized")
    func constantColumn() throws {
        let dataset = try load("constant.csv", "weight_kg,height_cm\n58,150\n58,157\n58,163\n")
        #expect(throws: TrainingError.zeroVariance(name: "weight_kg", value: 58, path: path("constant.csv"))) {
            try NormalizedDataset(dataset)
        }
        let text = TrainingError.zeroVariance(name: "weight_kg", value: 58, path: path("constant.csv")).description
        #expect(text.contains("column 'weight_kg'") && text.contains("is constant (every value is 58)") && text.contains("constant.csv"))
    }

    @Test("Tiny distinct values normalise; a spread below what doubles can divide by says so, with its size")
    func tinySpread() throws {
        let scale = try Normalizer(fitting: [1e-300, 2e-300, 3e-300], name: "x")
        #expect(isRelativelyClose(scale.standardDeviation, (2.0 / 3).squareRoot() * 1e-300, tolerance: 1e-14))
        #expect(isClose(scale.normalize(3e-300), 1.5.squareRoot(), tolerance: 1e-13))
        let unit = Double.leastNormalMagnitude / 1024  // about 2e-311, subnormal
        let subnormal = [unit, 2 * unit, 3 * unit]
        do {
            _ = try Normalizer(fitting: subnormal, name: "x", source: "tiny.csv")
            Issue.record("a subnormal standard deviation cannot be divided by")
        } catch let error as TrainingError {
            guard case .spreadTooSmall(let name, let deviation, let source) = error else {
                Issue.record("not a spread error: \(error)")
                return
            }
            #expect(name == "x" && source == "tiny.csv" && deviation > 0 && deviation < 1e-308)
            #expect(error.description.contains("too small") && !error.description.contains("constant"), "\(error)")
            #expect(error.description.contains(String(format: "%.2g", deviation)))
        }
    }

    @Test("Commas in numbers: a decimal comma, thousands separators, and 1,000 which could be either")
    func commasInNumbers() throws {
        func message(_ value: String, decimalComma: Bool = false) -> String {
            TrainingError.nonNumeric(path: "f.csv", line: 2, column: "x", columnNumber: 1, value: value, decimalComma: decimalComma).description
        }
        let ambiguous = message("1,000")
        #expect(ambiguous.contains("ambiguous") && ambiguous.contains("1000") && ambiguous.contains("1.000"), "\(ambiguous)")
        #expect(!ambiguous.contains("write it with a dot, as 1.000"))
        let grouped = message("1,000,000")
        #expect(grouped.contains("thousands separators") && grouped.contains("as 1000000"), "\(grouped)")
        #expect(message("1,234.5").contains("as 1234.5"))
        let decimal = message("58,5")
        #expect(decimal.contains("decimal comma") && decimal.contains("58.5") && decimal.contains("--decimal-comma"))
        #expect(message("1.234,5", decimalComma: true).contains("as 1234,5"))
        #expect(message("58.5", decimalComma: true).contains("58,5"))
        // An unquoted comma splits the number: the row is ragged, and the hint names both readings.
        let ragged = try #require(loadingError("thousands.csv", "weight_kg,height_cm\n1,000,150\n"))
        #expect(ragged.description.contains("1,000") && ragged.description.contains("1000"), "\(ragged)")
    }

    @Test("Semicolon- and tab-separated files with decimal commas, as spreadsheets export them, with quoting intact")
    func delimitersAndDecimalCommas() throws {
        let finnish = try writeFixture("paino.csv", text: "nimi;paino_kg;pituus_cm\nOliver;58,5;150\n\"Smith; George\";59;157,25\n", in: directory)
        let dataset = try Dataset.load(csvAt: finnish, x: "paino_kg", y: "pituus_cm", label: "nimi", format: CSVFormat(decimalComma: true))
        #expect(dataset.x == [58.5, 59] && dataset.y == [150, 157.25] && dataset.labels == ["Oliver", "Smith; George"])
        // Without --decimal-comma the delimiter is still found; the decimal comma is named, with the option.
        #expect(throws: TrainingError.nonNumeric(path: finnish, line: 2, column: "paino_kg", columnNumber: 2, value: "58,5")) {
            try Dataset.load(csvAt: finnish, x: "paino_kg", y: "pituus_cm")
        }
        let tabs = try writeFixture("tabs.tsv", text: "name\tweight_kg\theight_cm\n\"A, B\"\t58\t150\nC\t59\t157\n", in: directory)
        let tabbed = try Dataset.load(csvAt: tabs, x: "weight_kg", y: "height_cm", label: "name")
        #expect(tabbed.x == [58, 59] && tabbed.labels == ["A, B", "C"])
        // A delimiter given that the header does not use: the header is one column, and the hint says which it uses.
        let wrong = TrainingError.missingColumn(path: finnish, column: "paino_kg", available: ["nimi;paino_kg;pituus_cm"], delimiter: .comma)
        #expect(throws: wrong) { try Dataset.load(csvAt: finnish, x: "paino_kg", y: "pituus_cm", format: CSVFormat(delimiter: .comma)) }
        #expect(wrong.description.contains("semicolon") && wrong.description.contains("--delimiter ';'"), "\(wrong)")
        // A semicolon file's ragged row counts semicolon-separated fields.
        let ragged = try #require(loadingError("ragged.csv", "weight_kg;height_cm\n58;150;3\n"))
        #expect(ragged.description.contains("semicolon-separated"), "\(ragged)")
    }

    @Test("Only regular files are read: a FIFO, a device and a directory are refused before anything opens them")
    func specialFiles() throws {
        let fifo = directory.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, words) in [(fifo, "named pipe"), ("/dev/zero", "character device"), (directory.path, "directory")] {
            #expect(throws: TrainingError.unreadableFile(path: path, reason: InputFile(path: path).problem ?? "")) {
                try Dataset.load(csvAt: path, x: "weight_kg", y: "height_cm")
            }
            #expect(InputFile(path: path).problem?.contains(words) == true)
        }
    }

    @Test("Invalid UTF-8 in a data row names the line")
    func invalidUTF8() throws {
        let bytes = Array("name,weight_kg,height_cm\nOliver,58,150\nJos".utf8) + [0xE9] + Array(",59,157\n".utf8)
        let path = try writeFixture("latin1.csv", bytes: bytes, in: directory)
        #expect(throws: TrainingError.invalidEncoding(path: path, line: 3)) {
            try Dataset.load(csvAt: path, x: "weight_kg", y: "height_cm")
        }
        let text = TrainingError.invalidEncoding(path: path, line: 3).description
        #expect(text.contains("latin1.csv") && text.contains("line 3") && text.contains("UTF-8"))
    }

    @Test("Binary garbage is reported as invalid encoding", arguments: [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xD8],
        [0x00, 0x01, 0x02, 0x03, 0x2C, 0x00, 0x0A, 0x00, 0x2C, 0x01],
        [0xFF, 0xFE, 0x77, 0x00, 0x2C, 0x00, 0x68, 0x00, 0x0A, 0x00],
    ] as [[UInt8]])
    func binaryGarbage(bytes: [UInt8]) throws {
        let path = try writeFixture("garbage.bin", bytes: bytes, in: directory)
        do {
            _ = try Dataset.load(csvAt: path, x: "weight_kg", y: "height_cm")
            Issue.record("binary data loaded")
        } catch let error as TrainingError {
            guard case .invalidEncoding(let errorPath, _) = error else {
                Issue.record("expected invalidEncoding, got \(error)")
                return
            }
            #expect(errorPath == path && error.description.contains("garbage.bin"))
        }
    }

    @Test("Ten thousand rows stream in")
    func manyRows() throws {
        var text = "id,weight_kg,height_cm,note\n"
        for index in 0..<10_000 {
            text += "\(index),\(50 + Double(index % 50)),\(150 + Double(index % 40) / 2),\"n\(index)\"\n"
        }
        let dataset = try load("many.csv", text)
        #expect(dataset.count == 10_000)
        #expect(dataset.x[9_999] == 99 && dataset.y[9_999] == 169.5)
    }

    @Test("Dataset initializer validates lengths and finiteness")
    func datasetValidation() {
        #expect(throws: TrainingError.lengthMismatch(name: "y", expected: 2, found: 1)) {
            try Dataset(x: [1, 2], y: [1], xName: "x", yName: "y")
        }
        #expect(throws: TrainingError.tooFewRows(path: nil, count: 0)) {
            try Dataset(x: [], y: [], xName: "x", yName: "y")
        }
        #expect(throws: TrainingError.self) {
            try Dataset(x: [1, .nan], y: [1, 2], xName: "x", yName: "y")
        }
        #expect(throws: TrainingError.lengthMismatch(name: "labels", expected: 2, found: 1)) {
            try Dataset(x: [1, 2], y: [1, 2], labels: ["a"], xName: "x", yName: "y")
        }
    }
}
