import Foundation
import Testing

/// Every kind of bad CSV in the fixture corpus gets one clear sentence naming the file, the
/// line and the column where they apply, quoting the bad value, with exit status 65.
@Suite("Bad data files")
struct BadDataTests {
    /// The fixture folder next to this file.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv")

    /// Fixture name and what the message must contain besides the file name.
    static let cases: [(String, [String])] = [
        ("empty.csv", ["empty"]),
        ("header-only.csv", ["line 1", "no data rows"]),
        ("missing-column.csv", ["weight_kg", "'name', 'mass', 'height_cm'"]),
        ("duplicate-column.csv", ["weight_kg", "columns 2 and 3"]),
        ("ragged-row.csv", ["Line 3", "2 fields", "3"]),
        ("non-numeric.csv", ["line 3", "column 2", "weight_kg", "'abc'"]),
        ("nan.csv", ["line 3", "column 2", "'NaN'", "finite"]),
        ("infinity.csv", ["line 3", "column 3", "height_cm", "'inf'"]),
        ("decimal-comma.csv", ["line 2", "column 2", "'58,5'", "58.5"]),
        ("single-row.csv", ["only 1 row"]),
        ("constant-x.csv", ["weight_kg", "constant", "70"]),
        ("constant-y.csv", ["height_cm", "constant", "170"]),
        ("overflow.csv", ["weight_kg", "overflows"]),
        ("binary.csv", ["UTF-8"]),
        ("invalid-utf8.csv", ["line 3", "UTF-8"]),
    ]

    @Test("each bad file is a data error that says where and what", arguments: cases.map(\.0))
    func badFile(name: String) throws {
        let expected = try #require(Self.cases.first { $0.0 == name }).1
        let path = Self.fixtures.appendingPathComponent(name).path
        let outcome = try ToolRunner.run(["train", "--data", path, "--x", "weight_kg", "--y", "height_cm", "--label", "name"])
        #expect(outcome.status == 65, "\(name): \(outcome.standardError)")
        #expect(!outcome.signalled)
        #expect(outcome.standardError.hasPrefix("Error: "))
        #expect(outcome.standardError.contains(name), "the message names the file: \(outcome.standardError)")
        for fragment in expected {
            #expect(outcome.standardError.contains(fragment), "\(name): missing '\(fragment)' in \(outcome.standardError)")
        }
        #expect(outcome.standardError.split(separator: "\n").count == 1, "one sentence, no stack trace")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a file that does not exist is named")
    func missingFile() throws {
        let outcome = try ToolRunner.run(["train", "--data", "/nonexistent/people.csv", "--x", "a", "--y", "b"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("/nonexistent/people.csv"))
    }

    @Test("--data without --x and --y is a usage error")
    func missingColumnsOption() throws {
        let outcome = try ToolRunner.run(["train", "--data", "people.csv"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--x"))
    }

    @Test("only regular files are read: a FIFO or a device is refused at once, naming it (data 65, build file 64)")
    func specialFiles() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("people.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, "/dev/zero"] {
            for (arguments, status) in [(["train", "--data", path, "--x", "a", "--y", "b"], Int32(65)), (["build", path], 64)] {
                let outcome = try ToolRunner.run(arguments, in: folder)
                #expect(outcome.status == status, "\(arguments): \(outcome.standardError)")
                #expect(outcome.standardError.contains(path) && outcome.standardError.contains("not a regular file"), "\(outcome.standardError)")
                #expect(outcome.standardError.split(separator: "\n").count == 1)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["people.csv"], "nothing written")
    }

    @Test("a spreadsheet's semicolon-separated export with decimal commas trains with --decimal-comma; without it the error says so")
    func spreadsheetExport() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "nimi;paino_kg;pituus_cm\nOliver;58,5;150\nGeorge;59;157\nAmelia;62,25;163\n"
            .write(to: folder.appendingPathComponent("paino.csv"), atomically: true, encoding: .utf8)
        let arguments = ["train", "--data", "paino.csv", "--x", "paino_kg", "--y", "pituus_cm", "--label", "nimi", "--epochs", "3"]
        let refused = try ToolRunner.run(arguments, in: folder)
        #expect(refused.status == 65 && refused.standardError.contains("'58,5'") && refused.standardError.contains("--decimal-comma"),
                "\(refused.standardError)")
        let trained = try ToolRunner.run(arguments + ["--decimal-comma"], in: folder)
        #expect(trained.status == 0, "\(trained.standardError)")
        #expect(trained.standardOutput.contains("58.5") && trained.standardOutput.contains("Amelia"), "\(trained.standardOutput)")
    }
}
