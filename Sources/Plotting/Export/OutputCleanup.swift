import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What the process must undo when it is interrupted, and the names that say a file is ours.
///
/// Every temporary file (`AtomicFile`, a video being encoded), staging folder, lock file and
/// child process (ffmpeg) of the process is registered here while it exists.
/// ``terminate(signal:beforeExit:)``, called by `descent`'s SIGINT and SIGTERM handlers, waits
/// for a commit in progress (``duringCommit(_:)``) to finish, forwards the signal to the
/// children and waits for them, removes the temporaries, staging folders and lock files, and
/// exits with 128 + the signal. Creating a temporary and renaming it into place happen under the
/// lock that `terminate` takes and never gives back, so nothing new appears once cleaning began.
///
/// **Names.** Temporary files are `.descent-tmp-PID-XXXXXX`, staging folders
/// `.descent-stage-PID-XXXXXX` (PID of the process that made them, XXXXXX random): at most 32
/// bytes whatever the target's name, so every legal file name can be written. A name of ours
/// whose process is gone is stale (``isStale(_:)``): SIGKILL or a crash left it, and later runs
/// remove it. Nothing else is ever removed as a temporary.
public enum OutputCleanup {
    /// The start of every temporary file's name.
    public static let temporaryPrefix = ".descent-tmp-"
    /// The start of every staging folder's name.
    public static let stagePrefix = ".descent-stage-"

    private struct State {
        var files: Set<String> = []
        var folders: Set<String> = []
        var children: Set<pid_t> = []
    }

    private static let state = Mutex(State())
    /// Held while outputs are being moved into place; `terminate` waits for it.
    private static let commitGate = Mutex(0)

    // MARK: Temporaries

    /// Creates an empty file with a temporary name of ours in `directory` and registers it.
    ///
    /// - Returns: the open descriptor (the caller closes it) and the file's path.
    /// - Throws: the `PlottingError` for `errno`, naming `target`.
    static func createTemporaryFile(in directory: String, for target: String) throws -> (descriptor: Int32, path: String) {
        try state.withLock { state in
            var template = Array("\(directory)/\(temporaryPrefix)\(getpid())-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let base = buffer.baseAddress else { return -1 }
                return mkstemp(base)
            }
            if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            guard descriptor >= 0 else { throw PlottingError.forErrno(errno, path: target) }
            let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            state.files.insert(path)
            return (descriptor, path)
        }
    }

    /// A new, empty, registered temporary file beside `target` (for a program that writes it, like ffmpeg).
    public static func temporaryFile(beside target: URL) throws -> URL {
        let path = target.standardizedFileURL.path
        let (descriptor, temporary) = try createTemporaryFile(in: (path as NSString).deletingLastPathComponent, for: path)
        fchmod(descriptor, 0o644)
        close(descriptor)
        return URL(fileURLWithPath: temporary)
    }

    /// Renames `path` onto `target` and forgets it as a temporary.
    ///
    /// - Returns: 0, or the `errno` of the failed rename.
    @discardableResult
    public static func rename(_ path: String, to target: String) -> Int32 {
        state.withLock { state in
            guard Glibc.rename(path, target) == 0 else { return errno }
            state.files.remove(path)
            state.folders.remove(path)
            return 0
        }
    }

    /// Removes the temporary file `path` and forgets it.
    public static func discard(_ path: String) {
        state.withLock { state in
            unlink(path)
            state.files.remove(path)
        }
    }

    /// Registers a file to remove on interruption (a lock file).
    public static func register(file path: String) {
        state.withLock { _ = $0.files.insert(path) }
    }

    /// Removes a registered file (a lock file being released) and forgets it.
    public static func remove(file path: String) {
        discard(path)
    }

    /// Creates a staging folder of ours in `directory` and registers it.
    ///
    /// - Throws: the `PlottingError` for `errno`, naming `directory`.
    public static func makeStagingFolder(in directory: URL) throws -> URL {
        let parent = directory.standardizedFileURL.path
        return try state.withLock { state in
            var template = Array("\(parent)/\(stagePrefix)\(getpid())-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                return mkdtemp(base) != nil
            }
            guard made else { throw PlottingError.forErrno(errno, path: parent) }
            let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            state.folders.insert(path)
            return URL(fileURLWithPath: path)
        }
    }

    /// Removes a staging folder and everything in it, and forgets it.
    public static func removeStagingFolder(_ url: URL) {
        let path = url.standardizedFileURL.path
        state.withLock { state in
            removeTree(path)
            state.folders.remove(path)
        }
    }

    // MARK: Children

    /// Starts a child through `spawn` (which returns its pid, or throws) and registers it, so an
    /// interruption forwards the signal to it and waits for it.
    public static func spawn(_ spawn: () throws -> pid_t) throws -> pid_t {
        try state.withLock { state in
            let pid = try spawn()
            state.children.insert(pid)
            return pid
        }
    }

    /// Forgets a child that has been waited for.
    public static func forget(child pid: pid_t) {
        state.withLock { _ = $0.children.remove(pid) }
    }

    // MARK: Interruption

    /// Runs `body` (moving finished outputs into place) so that an interruption waits for it to end.
    public static func duringCommit(_ body: () throws -> Void) throws {
        try commitGate.withLock { _ in try body() }
    }

    /// Waits for a commit in progress, forwards `signal` to the children and waits for them
    /// (at most 10 s, then SIGKILL), removes every registered temporary, staging folder and lock
    /// file, calls `beforeExit` and exits with 128 + `signal`. Never returns; other threads that
    /// try to create or rename a temporary meanwhile wait until the process is gone.
    public static func terminate(signal: Int32, beforeExit: () -> Void) -> Never {
        commitGate.withLock { _ -> Never in
            state.withLock { state -> Never in
                for child in state.children { kill(child, signal) }
                for child in state.children { waitForChild(child) }
                for file in state.files { unlink(file) }
                for folder in state.folders { removeTree(folder) }
                beforeExit()
                _exit(128 + signal)
            }
        }
    }

    /// Waits for `pid` to end, asking it again with SIGKILL after 10 s.
    private static func waitForChild(_ pid: pid_t) {
        var status: Int32 = 0
        for attempt in 0..<2000 {
            let result = waitpid(pid, &status, WNOHANG)
            // 0: still running; -1 with ECHILD: already reaped by the thread that started it.
            if result == pid || (result == -1 && errno != EINTR) { return }
            if attempt == 1000 { kill(pid, SIGKILL) }
            usleep(10_000)
        }
    }

    // MARK: Names

    /// The pid in a name of ours (`.descent-tmp-PID-XXXXXX`, `.descent-stage-PID-XXXXXX`), or nil.
    public static func ownerPID(of name: String) -> pid_t? {
        for prefix in [temporaryPrefix, stagePrefix] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count == 6, parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                  !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(parts[0]) else { return nil }
            return pid
        }
        return nil
    }

    /// Whether `name` is a temporary file or staging folder of ours whose process has ended.
    public static func isStale(_ name: String) -> Bool {
        guard let pid = ownerPID(of: name), pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes `path` and, when it is a folder, everything in it, never following a symbolic link
    /// (a link is removed as a link).
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                removeTree(path + "/" + name)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
