import Foundation
import Testing
@testable import descent
import Plotting
import Reporting
import Training

/// Feeds mutated CSVs, build configurations and option values through the parsers and a short
/// training in-process. Any input may be rejected, but only with an error: a crash (trap,
/// signal) fails the whole test run. `FUZZ_CASES` sets the number of cases per family
/// (default 300; `scripts/fuzz.sh` runs 100,000 in all).
@Suite("Fuzzing")
struct FuzzTests {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["FUZZ_CASES"] ?? "") ?? 300 }

    /// A small deterministic generator (SplitMix64) so every run tries the same cases.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let csvSeed = "name,weight_kg,height_cm\nOliver,58,150\nGeorge,59,157\n\"Amelia, Jr\",62,163\nHarry,78,168\nIsla,68,171\n"
    static let yamlSeed = """
        output: out
        models:
          linear:
            optimizer: gd
            learning_rate: 0.1
            epochs: 5
            init: [0.1, 0.1]
        figures:
          kinds: [fit, loss]
          themes: [dark]
          languages: [fi]
          size: 320x240
        frames:
          every: 2
        report:
          html: report.html
        """
    static let tokens: [String] = [
        ",", "\"", "\n", "\r\n", "\u{FEFF}", "NaN", "inf", "-inf", "1e400", "-0", "0", "1,5", "\"1,5\"", " ", "\t", "abc",
        "1e-320", "99999999999999999999", "ä", "\u{0}", ":", "- ", "[", "]", "{", "}", "&a", "*a", "!!int", "---", "#",
        "true", "null", "~", "..", "/", "-1", "1e308", "weight_kg", "height_cm", "name",
        ";", "1,000", "1.000,5", "\u{1B}", "1e-300", "false",
    ]

    static func mutate(_ text: String, using generator: inout Generator) -> [UInt8] {
        var bytes = Array(text.utf8)
        let count = Int.random(in: 1...6, using: &generator)
        for _ in 0..<count {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes.remove(at: min(position, bytes.count - 1))
            case 1:
                bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            case 2:
                let token = tokens.randomElement(using: &generator) ?? ","
                bytes.insert(contentsOf: Array(token.utf8), at: position)
            case 3 where bytes.count > 2:
                let start = Int.random(in: 0..<(bytes.count - 1), using: &generator)
                let end = min(bytes.count, start + Int.random(in: 1...20, using: &generator))
                bytes.insert(contentsOf: bytes[start..<end], at: position)
            case 4 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            default:
                bytes = Array(bytes.prefix(position))
            }
        }
        return bytes
    }

    @Test("mutated CSV files load, normalise and train, or fail with an error")
    func csv() throws {
        var generator = Generator(state: 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.csv")
        var accepted = 0
        for index in 0..<Self.cases {
            try Data(Self.mutate(Self.csvSeed, using: &generator)).write(to: file)
            // Every third file is also read as a spreadsheet export: semicolons, decimal commas.
            let format = index % 3 == 2 ? CSVFormat(delimiter: .semicolon, decimalComma: true) : CSVFormat()
            do {
                let dataset = try Dataset.load(csvAt: file.path, x: "weight_kg", y: "height_cm", label: "name", format: format)
                let data = try NormalizedDataset(dataset)
                var configuration = TrainingConfiguration.notebook(for: .cubic)
                configuration.maxEpochs = 3
                _ = try Trainer(data: data, configuration: configuration).run()
                accepted += 1
            } catch let error as TrainingError {
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
            }
        }
        #expect(accepted > 0, "some mutations keep the file valid")
    }

    @Test("mutated build configurations parse, or fail with an error naming the file")
    func configuration() {
        var generator = Generator(state: 2)
        let loader = KitConfigurationLoader(fileName: "fuzz.yaml")
        for _ in 0..<Self.cases {
            let text = String(decoding: Self.mutate(Self.yamlSeed, using: &generator), as: UTF8.self)
            do {
                _ = try loader.parse(text)
            } catch let error as ReportingError {
                #expect(error.description.contains("fuzz.yaml"))
                #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 }, "one line, no control characters: \(error)")
            } catch {
                Issue.record("unexpected error type \(type(of: error)): \(error)")
            }
        }
    }

    @Test("mutated command lines parse and validate, or fail with a usage error")
    func options() {
        var generator = Generator(state: 3)
        let seeds: [[String]] = [
            ["train", "--model", "cubic", "--optimizer", "gd", "--lr", "0.1", "--epochs", "5", "--init", "-1,0,0,1"],
            ["figure", "landscape", "--grid", "11", "--range-w", "-2:2", "--range-b", "-2:2", "--size", "320x240", "--out", "l.png"],
            ["figure", "lr-sweep", "--lrs", "0.1,0.5", "--theme", "dark", "--lang", "fi", "--out", "s.svg"],
            ["figure", "step", "--w0", "1", "--lr", "0.05", "--steps", "3", "--out", "s.pdf"],
        ]
        // Parsing builds usage text for every rejected line, which is slow in debug builds: a fifth as many cases.
        for _ in 0..<max(1, Self.cases / 5) {
            var arguments = seeds.randomElement(using: &generator) ?? []
            for _ in 0..<Int.random(in: 1...3, using: &generator) where !arguments.isEmpty {
                let index = Int.random(in: 0..<arguments.count, using: &generator)
                let mutated = String(decoding: Self.mutate(arguments[index], using: &generator), as: UTF8.self)
                arguments[index] = mutated
            }
            do {
                let command = try DescentCommand.parseAsRoot(arguments)
                if let train = command as? TrainCommand {
                    let model = try train.training.singleModel(for: "train")
                    var configuration = try train.training.configuration(for: model)
                    configuration.maxEpochs = min(configuration.maxEpochs, 5)
                    _ = try Trainer(data: try NormalizedDataset(.notebook), configuration: configuration).run()
                }
            } catch {
                #expect(!DescentCommand.message(for: error).isEmpty)
            }
        }
    }

    @Test("arbitrary size strings parse or fail with an error")
    func sizes() {
        var generator = Generator(state: 4)
        for _ in 0..<Self.cases {
            let text = String(decoding: Self.mutate("1920x1080", using: &generator), as: UTF8.self)
            if let size = try? FigureSize(parsing: text) {
                #expect(size.width >= 1 && size.width <= 16384 && size.height >= 1 && size.height <= 16384)
            }
        }
    }
}
