import Foundation

/// Runs another program and waits for it, reporting its exit status, standard output, wall time
/// and peak resident memory (`ru_maxrss` of `wait4`, KiB, that child only).
///
/// Standard output goes through a temporary file (no pipe to drain), standard error is kept
/// in another for the message of a failure; standard input is `/dev/null`.
struct ChildProcess {
    /// What a finished child left.
    struct Outcome {
        /// The exit status (128 + signal when killed by a signal).
        var status: Int32
        /// Standard output as UTF-8.
        var output: String
        /// Standard error as UTF-8.
        var errors: String
        /// Wall-clock seconds from spawn to exit.
        var seconds: Double
        /// Peak resident set size in KiB.
        var peakKiB: Int
    }

    /// The program (absolute path).
    var executable: String
    /// The arguments after the program name.
    var arguments: [String]
    /// Names of environment variables removed for the child (the rest is inherited).
    var removedVariables: [String] = []

    /// Spawns the child and waits.
    ///
    /// - Throws: `BenchError.spawnFailed` when it cannot be started.
    func run() throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outPath = folder.appendingPathComponent("descent-bench-\(token).out").path
        let errPath = folder.appendingPathComponent("descent-bench-\(token).err").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let environment = ProcessInfo.processInfo.environment
            .filter { !removedVariables.contains($0.key) }
            .map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let start = BenchClock.now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError.spawnFailed(program: executable, reason: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = BenchClock.now() - start
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Outcome(status: code, output: output, errors: errors, seconds: seconds, peakKiB: Int(usage.ru_maxrss))
    }

    /// The absolute path of `name` on `PATH`, or nil.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
