import Foundation

/// Runs the Python peers (scripts/bench/*.py) with `python3`, when it has numpy and matplotlib.
///
/// The peers run with `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` removed from their
/// environment: set on some machines, they pin OpenBLAS to a slow generic kernel, which would
/// make numpy look slower than it is.
struct PeerRunner {
    /// The environment variables removed for the peers.
    static let removedVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]

    /// The Python interpreter.
    let python: String
    /// The folder holding the scripts.
    let scripts: URL
    /// numpy's version.
    let numpyVersion: String
    /// matplotlib's version.
    let matplotlibVersion: String

    /// Finds `python` and checks that numpy and matplotlib import; nil (with the reason in
    /// `unavailableReason`) when they do not.
    static func find(python: String, scripts: URL, unavailableReason: inout String) -> PeerRunner? {
        guard let executable = ChildProcess.find(python) else {
            unavailableReason = "\(python) was not found on PATH; install Python 3 and then: pip install numpy matplotlib"
            return nil
        }
        let probe = ChildProcess(executable: executable,
                                 arguments: ["-c", "import numpy, matplotlib; print(numpy.__version__, matplotlib.__version__)"],
                                 removedVariables: removedVariables)
        guard let outcome = try? probe.run(), outcome.status == 0 else {
            unavailableReason = "\(executable) cannot import numpy and matplotlib; install them with: pip install numpy matplotlib"
            return nil
        }
        let versions = outcome.output.split(whereSeparator: \.isWhitespace).map(String.init)
        guard versions.count == 2 else {
            unavailableReason = "\(executable) printed no numpy/matplotlib versions; install them with: pip install numpy matplotlib"
            return nil
        }
        return PeerRunner(python: executable, scripts: scripts, numpyVersion: versions[0], matplotlibVersion: versions[1])
    }

    /// Runs `script` with `arguments` and returns its standard output.
    func run(script: String, _ arguments: [String]) throws -> String {
        let child = ChildProcess(executable: python, arguments: [scripts.appendingPathComponent(script).path] + arguments,
                                 removedVariables: PeerRunner.removedVariables)
        let outcome = try child.run()
        guard outcome.status == 0 else {
            throw BenchError.peerFailed(script: script, status: outcome.status, detail: String(outcome.errors.suffix(600)))
        }
        return outcome.output
    }

    /// Runs a `numpy_peers.py` subcommand and decodes its JSON line into numbers.
    func numbers(_ arguments: [String]) throws -> [String: Double] {
        let output = try run(script: "numpy_peers.py", arguments)
        guard let line = output.split(separator: "\n").last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw BenchError.peerFailed(script: "numpy_peers.py", status: 0, detail: "no JSON line in its output: \(output.prefix(300))")
        }
        var result: [String: Double] = [:]
        for (key, value) in object {
            if let number = value as? NSNumber { result[key] = number.doubleValue }
        }
        return result
    }

    /// Runs the matplotlib frames peer into `folder` and returns its own timing of `frames`
    /// frames in seconds (drawing and saving, after its imports).
    func matplotlibFrames(folder: URL, frames: Int) throws -> Double {
        let output = try run(script: "frames_matplotlib.py", [folder.path, String(frames)])
        // "matplotlib 3.x: 60 frames in 9.81 s (6.1 frames/s)"
        guard let range = output.range(of: " frames in "),
              let seconds = Double(output[range.upperBound...].prefix { $0 != " " }) else {
            throw BenchError.peerFailed(script: "frames_matplotlib.py", status: 0, detail: "unexpected output: \(output.prefix(300))")
        }
        return seconds
    }
}
