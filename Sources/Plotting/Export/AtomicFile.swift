import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes files atomically: into a temporary file in the target's directory, synced, then
/// renamed over the target. A failure at any point removes the temporary file, so readers
/// see either the old file or the complete new one, never a partial file.
///
/// Errors are `PlottingError` cases whose messages name the target path: missing parent,
/// parent is a file, target is a directory, link or device, directory not writable, a name that
/// cannot be created, disk full.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    ///
    /// - Parameter durable: `fsync` the data before the rename (default), so the new file also
    ///   survives a power loss. Without it the write is still atomic for every reader and a
    ///   killed process never leaves a partial file under `url` (the rename happens only after
    ///   the last byte is written), but after a crash of the whole machine the file may be empty
    ///   or truncated; use it for many small files that are checked on reuse (animation frames).
    ///   Inside ``SyncBatch/collecting(_:)`` the `fsync` is left to the batch's own thread,
    ///   after the rename, and ``SyncBatch/finish()`` waits for it (a kit writes into a staging
    ///   folder that only its commit makes visible, so the commit is what waits).
    public static func write(data: Data, to url: URL, durable: Bool = true) throws {
        let batch = durable ? SyncBatch.current : nil
        try write(to: url) { temporary in
            let path = temporary.path
            let fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw failure(errno, path: url.path) }
            defer { close(fd) }
            try writeAll(data, to: fd, reportingAs: url.path)
            if durable && batch == nil {
                guard fsync(fd) == 0 else { throw failure(errno, path: url.path) }
            }
        }
        batch?.sync(url.standardizedFileURL.path)
    }

    /// Creates an empty temporary file next to `url`, lets `body` fill it through its path,
    /// then renames it onto `url`. If `body` throws, the temporary file is removed and the
    /// error is rethrown unchanged.
    ///
    /// The temporary's name is `.descent-tmp-PID-XXXXXX` (see `OutputCleanup`), whatever the
    /// length of `url`'s name; it is registered so an interruption removes it. A target that
    /// exists and is not a regular file (a folder, a symbolic link, a device) is refused; the
    /// rename replaces the target itself and never writes through a link.
    public static func write(to url: URL, using body: (URL) throws -> Void) throws {
        let target = url.standardizedFileURL
        let path = target.path
        let directory = target.deletingLastPathComponent().path
        try checkDirectory(directory, for: path)
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw PlottingError.targetIsNotRegularFile(path: path)
        }
        guard access(directory, W_OK) == 0 else {
            throw PlottingError.notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        let (fd, temporaryPath) = try OutputCleanup.createTemporaryFile(in: directory, for: path)
        fchmod(fd, 0o644)
        close(fd)
        var renamed = false
        defer { if !renamed { OutputCleanup.discard(temporaryPath) } }
        try body(URL(fileURLWithPath: temporaryPath))
        let code = OutputCleanup.rename(temporaryPath, to: path)
        guard code == 0 else { throw failure(code, path: path) }
        renamed = true
    }

    /// Writes all of `data` to the open descriptor `fd`, retrying short writes.
    ///
    /// - Throws: `diskFull` on `ENOSPC`, `writeFailed` otherwise, naming `path`.
    static func writeAll(_ data: Data, to fd: Int32, reportingAs path: String) throws {
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno, path: path)
                }
                offset += written
            }
        }
    }

    private static func checkDirectory(_ directory: String, for path: String) throws {
        var info = stat()
        guard stat(directory, &info) == 0 else {
            if errno == ENOENT { throw PlottingError.parentDirectoryMissing(path: path) }
            if errno == ENOTDIR { throw PlottingError.parentIsNotDirectory(path: path) }
            throw failure(errno, path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw PlottingError.parentIsNotDirectory(path: path) }
    }

    /// Maps an `errno` value to the module's error for `path`.
    static func failure(_ code: Int32, path: String) -> PlottingError {
        PlottingError.forErrno(code, path: path)
    }
}

/// `fsync`s of files written through ``AtomicFile/write(data:to:durable:)`` inside
/// ``collecting(_:)``, made one after another on a thread of the batch's own instead of by the
/// writers.
///
/// **Why.** An `fsync` waits for the disk without using the processor; made by the threads that
/// draw the kit's figures it left a core idle (about 0.1 s of the kit's two cores for its ~160
/// files). On the batch's thread the drawing goes on meanwhile, and the kit's commit first waits
/// in ``finish()`` until every file is synced, so the kit is as durable as before once visible.
public final class SyncBatch: Sendable {
    @TaskLocal static var current: SyncBatch?

    private let queue = DispatchQueue(label: "descent.file-sync")
    private let group = DispatchGroup()
    /// The first failure, naming its file.
    private let failure = Mutex<PlottingError?>(nil)

    /// A batch with nothing to sync yet.
    public init() {}

    /// Runs `body` with this batch syncing the durable writes of this task and its child tasks.
    public func collecting<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        try await Self.$current.withValue(self) { try await body() }
    }

    /// Syncs the file at `path` on the batch's thread.
    func sync(_ path: String) {
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            let code: Int32 = fd < 0 ? errno : (fsync(fd) == 0 ? 0 : errno)
            if fd >= 0 { close(fd) }
            if code != 0 { failure.withLock { $0 = $0 ?? AtomicFile.failure(code, path: path) } }
        }
    }

    /// Waits for every sync so far; throws the first failure (naming its file).
    public func finish() async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { continuation.resume() }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
