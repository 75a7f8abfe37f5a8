import ArgumentParser
import Foundation

/// `descent-bench [run]`: measures every section, prints the table, and with `--json` writes the results file.
struct BenchCommand: AsyncParsableCommand {
    /// The default subcommand.
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure every section and print Descent beside matplotlib and numpy.",
        discussion: """
            Sections: frames (60 three-panel 1920x1080 frames vs matplotlib and the zlib floor), \
            landscape (1000x1000 grid over 10^6 rows vs numpy: the statistics pass in GB/s, the grid \
            per point; the Rosenbrock grid vs numpy; the MLP landscape 101x101 over 10^3 rows), \
            training (GD epoch on 10^6 rows vs numpy, SGD per sample vs the notebook's Python loop, \
            both with the same per-epoch record), default (the default kit, memory \
            of 1,000 frames), live (descent live's /api/run p99 for the default runs, one request \
            at a time), scaling (N = 10^3 ... 10^7, grid 100 ... 2000).
            The peers are scripts/bench/*.py, run with python3 when numpy and matplotlib import \
            (install them with: pip install numpy matplotlib).
            """
    )

    /// The sections that exist, in order.
    static let allSections = ["frames", "landscape", "training", "default", "live", "scaling"]

    @Flag(help: "Smoke run: 1 run per median, smaller sizes (12 frames, 10^5 rows, grid 300).")
    var quick = false

    @Option(help: "Runs per median (at least 5 unless --quick; default 5, --quick 1).")
    var runs: Int?

    @Option(help: "Also write the results as JSON to this file (nothing is written without it).")
    var json: String?

    @Option(help: "Also write the Markdown table to this file.")
    var markdown: String?

    @Option(parsing: .upToNextOption, help: "Sections to run: frames landscape training default live scaling (default: all).")
    var sections: [String] = BenchCommand.allSections

    @Option(help: "The Python interpreter for the peers.")
    var python: String = "python3"

    @Option(help: "The folder of the peer scripts.")
    var scripts: String = "scripts/bench"

    @Flag(name: .customLong("no-peers"), help: "Do not run the Python peers.")
    var noPeers = false

    /// Checks the options.
    func validate() throws {
        if let runs, runs < 1 || (!quick && runs < 5) {
            throw ValidationError("--runs \(runs) is too few: medians need at least 5 runs (or use --quick for a smoke run).")
        }
        for section in sections where !BenchCommand.allSections.contains(section) {
            throw ValidationError("--sections: '\(section)' is not a section; use some of \(BenchCommand.allSections.joined(separator: ", ")).")
        }
        // The result files are written after minutes of measuring: their folders must exist now.
        for case let (flag, path?) in [("--json", json), ("--markdown", markdown)] {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(flag) '\(path)': the folder '\(folder)' does not exist; create it or choose another path.")
            }
        }
    }

    /// Measures and reports.
    func run() async throws {
        let runs = self.runs ?? (quick ? 1 : 5)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("descent-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        var peers: PeerRunner?
        var notes: [String] = []
        if !noPeers {
            let folder = URL(fileURLWithPath: scripts)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("numpy_peers.py").path),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent("frames_matplotlib.py").path) else {
                throw BenchError.scriptsMissing(path: scripts)
            }
            var reason = ""
            peers = PeerRunner.find(python: python, scripts: folder, unavailableReason: &reason)
            if peers == nil {
                notes.append("The Python peers did not run: \(reason).")
                print("descent-bench: \(reason). Measuring Descent alone.")
            } else {
                notes.append("The peers ran with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (set on some machines, they slow numpy down).")
            }
        }
        let executable = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        let settings = BenchSettings(runs: runs, quick: quick, work: work, peers: peers, executable: executable)
        var report = BenchReport(date: ISO8601DateFormatter().string(from: Date()), quick: quick, runs: runs,
                                 machine: BenchCommand.machine(peers: peers), notes: notes)
        for section in BenchCommand.allSections where sections.contains(section) {
            print("descent-bench: measuring \(section) ...")
            let started = BenchClock.now()
            switch section {
            case "frames": try await FramesBench(settings: settings).measure(into: &report)
            case "landscape": try LandscapeBench(settings: settings).measure(into: &report)
            case "training": try TrainingBench(settings: settings).measure(into: &report)
            case "default": try KitBench(settings: settings).measure(into: &report)
            case "live": try LiveBench(settings: settings).measure(into: &report)
            default: try ScalingBench(settings: settings).measure(into: &report)
            }
            print("descent-bench: \(section) took \(BenchFormat.value(BenchClock.now() - started, unit: "s"))")
        }
        let text = BenchTable.markdown(report)
        print("")
        print(text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var written: [String] = []
        for case let (flag, path?, contents) in [("--json", json, { try encoder.encode(report) }),
                                                  ("--markdown", markdown, { Data((text + "\n").utf8) })] as [(String, String?, () throws -> Data)] {
            do {
                try contents().write(to: URL(fileURLWithPath: path))
            } catch {
                throw BenchError.invalidOption("\(flag) '\(path)' could not be written (\((error as NSError).localizedDescription)); choose a writable path.")
            }
            written.append(path)
        }
        if !written.isEmpty {
            print("")
            print("Results written to \(written.joined(separator: " and ")).")
        }
    }

    /// The CPU, cores, Swift and peer versions.
    static func machine(peers: PeerRunner?) -> BenchReport.Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        var swift = "unknown"
        if let path = ChildProcess.find("swift"),
           let outcome = try? ChildProcess(executable: path, arguments: ["--version"]).run(),
           let line = (outcome.output + outcome.errors).split(separator: "\n").first(where: { $0.contains("Swift version") }),
           let range = line.range(of: "Swift version ") {
            swift = String(line[range.upperBound...].prefix { $0 != " " })
        }
        var system = "Linux"
        var names = utsname()
        if uname(&names) == 0 {
            let release = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            system = "Linux \(release)"
        }
        return BenchReport.Machine(cpu: cpu, cores: ProcessInfo.processInfo.activeProcessorCount, swift: swift,
                                   numpy: peers?.numpyVersion, matplotlib: peers?.matplotlibVersion, system: system)
    }
}
