import Foundation
import Plotting
import Synchronization

/// The folder a command writes into, and the only way into it.
///
/// - **Links.** The root is the user's: it may itself be a link to a folder. Inside it Descent
///   follows no symbolic link: every path it writes is checked component by component with
///   `lstat` (``check(_:isFile:)``), folders are created one component at a time
///   (``makeFolder(_:)``), and a link, or a file where a folder belongs, is refused
///   (``OutputTreeError``, exit 73) before any work.
/// - **Lock.** ``lock()`` takes an exclusive `flock` on `.descent.lock` in the root, holding the
///   writer's pid; a second writer is refused with a message naming that pid. The file is removed
///   when the lock is released (or the process is interrupted).
/// - **Replacing whole outputs.** A build writes into a staging folder in the root
///   (``stage()``, `.descent-stage-PID-XXXXXX`), then ``commit(stage:sequences:extra:)`` moves
///   every finished file onto its place with `rename` and removes the frames of the previous
///   sequences beyond the new count. The commit first writes a journal into the staging folder
///   and runs under `OutputCleanup.duringCommit`, so SIGINT and SIGTERM wait for it; after a
///   SIGKILL during those milliseconds the next run finishes it (``recover()``). Until the commit
///   the previous output is untouched, so an interrupted build loses nothing.
/// - **Leftovers.** ``recover()`` removes staging folders of ended processes and ``sweep(_:ownNames:)``
///   removes their temporary files (`OutputCleanup`'s names, and older versions' `.NAME.tmp-XXXXXX`
///   for the names Descent writes there), never anything else.
public struct OutputTree: Sendable {
    /// The lock file's name in the root.
    public static let lockFileName = ".descent.lock"
    /// The commit journal's name in a staging folder.
    static let journalFileName = ".descent-commit.json"

    /// The root folder.
    public let root: URL
    /// The root as messages name it (as the user gave it).
    private let display: String

    /// Opens the tree at `root`, creating it and its missing parents; messages name paths under
    /// it starting with `display` (default: the root's path).
    ///
    /// - Throws: `OutputTreeError.notAFolder` when `root` is a file, `PlottingError` when it
    ///   cannot be created.
    public init(root: URL, display: String? = nil) throws {
        self.root = root.standardizedFileURL
        self.display = display.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 } ?? self.root.path
        try makeFolders(self.root.path)
    }

    /// `path` (under the root) as messages name it.
    func shown(_ path: String) -> String {
        path == root.path ? display : path.hasPrefix(root.path + "/") ? display + path.dropFirst(root.path.count) : path
    }

    /// Creates `path` and its missing parents (the root: the user's path, links followed).
    private func makeFolders(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw OutputTreeError.notAFolder(path: shown(path)) }
            return
        }
        guard errno == ENOENT else { throw PlottingError.forErrno(errno, path: shown(path)) }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolders(parent) }
        if mkdir(path, 0o755) != 0 {
            let code = errno
            guard code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw PlottingError.forErrno(code, path: shown(path))
            }
        }
    }

    /// `relative` as components, without empty and `.` parts.
    static func components(_ relative: String) -> [String] {
        relative.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    /// `relative` written canonically (`a/b`, `""` for the root).
    static func normalized(_ relative: String) -> String {
        components(relative).joined(separator: "/")
    }

    /// The URL of `relative` under the root.
    public func url(_ relative: String) -> URL {
        Self.components(relative).reduce(root) { $0.appendingPathComponent($1) }
    }

    // MARK: Checks

    /// Checks the part of `relative` that exists: no component is a symbolic link, every one is
    /// a folder except the last when `isFile`, which must then be a regular file.
    public func check(_ relative: String, isFile: Bool) throws {
        var path = root.path
        let parts = Self.components(relative)
        for (index, part) in parts.enumerated() {
            path += "/" + part
            var info = stat()
            guard lstat(path, &info) == 0 else {
                guard errno == ENOENT else { throw PlottingError.forErrno(errno, path: shown(path)) }
                return
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK { throw OutputTreeError.symbolicLink(path: shown(path)) }
            if isFile, index == parts.count - 1 {
                guard type == S_IFREG else { throw OutputTreeError.notAFile(path: shown(path)) }
            } else {
                guard type == S_IFDIR else { throw OutputTreeError.notAFolder(path: shown(path)) }
            }
        }
    }

    /// Creates the folder `relative` and its missing parents inside the tree, one component at a
    /// time, refusing links and files in the way.
    @discardableResult
    public func makeFolder(_ relative: String) throws -> URL {
        var path = root.path
        for part in Self.components(relative) {
            path += "/" + part
            if mkdir(path, 0o755) != 0, errno != EEXIST { throw PlottingError.forErrno(errno, path: shown(path)) }
            var info = stat()
            guard lstat(path, &info) == 0 else { throw PlottingError.forErrno(errno, path: shown(path)) }
            if (info.st_mode & S_IFMT) == S_IFLNK { throw OutputTreeError.symbolicLink(path: shown(path)) }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw OutputTreeError.notAFolder(path: shown(path)) }
        }
        return URL(fileURLWithPath: path)
    }

    // MARK: Lock

    /// Takes the tree's lock, or fails naming the process that holds it.
    ///
    /// - Throws: `OutputTreeError.locked` with the holder's pid.
    public func lock() throws -> OutputLock {
        let path = root.appendingPathComponent(Self.lockFileName).path
        for _ in 0..<100 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644)
            guard descriptor >= 0 else {
                if errno == ELOOP { throw OutputTreeError.symbolicLink(path: shown(path)) }
                throw PlottingError.forErrno(errno, path: shown(path))
            }
            var held = stat()
            guard fstat(descriptor, &held) == 0, (held.st_mode & S_IFMT) == S_IFREG else {
                close(descriptor)
                throw OutputTreeError.notAFile(path: shown(path))
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                var buffer = [UInt8](repeating: 0, count: 32)
                let count = pread(descriptor, &buffer, buffer.count, 0)
                close(descriptor)
                let text = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                throw OutputTreeError.locked(folder: display, holder: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            // The holder before us removes the file as it lets go: make sure ours is still the one at `path`.
            var current = stat()
            if lstat(path, &current) == 0, current.st_dev == held.st_dev, current.st_ino == held.st_ino {
                _ = ftruncate(descriptor, 0)
                let text = Array("\(getpid())\n".utf8)
                _ = pwrite(descriptor, text, text.count, 0)
                OutputCleanup.register(file: path)
                return OutputLock(path: path, descriptor: descriptor)
            }
            close(descriptor)
        }
        throw OutputTreeError.locked(folder: display, holder: nil)
    }

    // MARK: Leftovers

    /// Removes stale temporary files from the folder `relative` (when it is a real folder in the
    /// tree): ours (`OutputCleanup.isStale`) and older versions' `.NAME.tmp-XXXXXX` (and a
    /// video's `.NAME.tmp-PID.mp4`) for names `ownNames` accepts.
    public func sweep(_ relative: String, ownNames: (String) -> Bool) {
        guard (try? check(relative, isFile: false)) != nil else { return }
        let folder = url(relative).path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard !name.hasPrefix(OutputCleanup.stagePrefix), Self.isLeftover(name, ownNames: ownNames) else { continue }
            var info = stat()
            if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { unlink(folder + "/" + name) }
        }
    }

    /// Whether `name` is a temporary left by a run that ended.
    static func isLeftover(_ name: String, ownNames: (String) -> Bool) -> Bool {
        if OutputCleanup.isStale(name) { return true }
        // Both older forms start with "." and hold ".tmp-"; the check spares the regexes (slow to
        // build) for every other name, such as each of a sequence's frames.
        guard name.hasPrefix("."), name.contains(".tmp-") else { return false }
        if let match = name.wholeMatch(of: /\.(.+)\.tmp-[A-Za-z0-9]{6}/) { return ownNames(String(match.1)) }
        if let match = name.wholeMatch(of: /\.(.+)\.tmp-[0-9]+\.(mp4|gif)/) { return ownNames("\(match.1).\(match.2)") }
        return false
    }

    /// Finishes or removes what killed runs left in the root: a staging folder whose commit had
    /// begun (its journal is there) is committed, any other staging folder of an ended process
    /// is removed.
    public func recover() throws {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        where name.hasPrefix(OutputCleanup.stagePrefix) && OutputCleanup.isStale(name) {
            let stage = root.appendingPathComponent(name)
            var info = stat()
            guard lstat(stage.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            if let data = try? Data(contentsOf: stage.appendingPathComponent(Self.journalFileName)),
               let journal = try? JSONDecoder().decode(Journal.self, from: data) {
                try prepare(journal)
                try apply(journal)
            }
            OutputCleanup.removeTree(stage.path)
        }
    }

    // MARK: Staging and commit

    /// A new staging folder in the root (registered, so an interruption removes it).
    public func stage() throws -> URL {
        try OutputCleanup.makeStagingFolder(in: root)
    }

    /// Removes a staging folder that will not be committed.
    public func discard(stage: URL) {
        OutputCleanup.removeStagingFolder(stage)
    }

    /// What a commit does, written before it starts so that a later run can finish it.
    struct Journal: Codable {
        /// Renames, each `[from, to]`: root-relative paths, or absolute ones (starting with `/`).
        var moves: [[String]]
        /// Frame folders (root-relative) and their new frame counts: frames numbered above go.
        var sequences: [Sequence]

        struct Sequence: Codable {
            var folder: String
            var frames: Int
        }
    }

    /// Moves every file in `stage` to the same place under the root, then the `extra` moves (a
    /// video encoded beside its target), and removes the frames of each of `sequences` (a
    /// root-relative folder and its new frame count) numbered above the count; then removes the
    /// staging folder. Everything in the way is checked first, so a refusal changes nothing.
    ///
    /// - Returns: the files moved, relative to the root, sorted.
    @discardableResult
    public func commit(stage: URL, sequences: [String: Int], extra: [(from: URL, to: URL)] = []) throws -> [String] {
        let stageName = stage.lastPathComponent
        let files = Self.files(in: stage.path).filter { $0 != Self.journalFileName }
        var journal = Journal(moves: files.map { ["\(stageName)/\($0)", $0] }, sequences: [])
        journal.moves += extra.map { [$0.from.standardizedFileURL.path, $0.to.standardizedFileURL.path] }
        journal.sequences = sequences.keys.sorted().map { Journal.Sequence(folder: Self.normalized($0), frames: sequences[$0] ?? 0) }
        try prepare(journal)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(journal)
        try OutputCleanup.duringCommit {
            try AtomicFile.write(data: data, to: stage.appendingPathComponent(Self.journalFileName), durable: false)
            try apply(journal)
            OutputCleanup.removeStagingFolder(stage)
        }
        return files
    }

    /// The absolute path of a journal path.
    private func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : url(path).path
    }

    /// Checks every target of `journal` and creates the folders they go into.
    private func prepare(_ journal: Journal) throws {
        var folders = Set<String>()
        for move in journal.moves where move.count == 2 {
            let target = move[1]
            if target.hasPrefix("/") {
                var info = stat()
                if lstat(target, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG { throw OutputTreeError.notAFile(path: target) }
                continue
            }
            let parent = Self.components(target).dropLast().joined(separator: "/")
            if folders.insert(parent).inserted { try makeFolder(parent) }
            try check(target, isFile: true)
        }
        for sequence in journal.sequences { try makeFolder(sequence.folder) }
    }

    /// Makes the renames of `journal` whose source is still there, then trims the sequences.
    private func apply(_ journal: Journal) throws {
        for move in journal.moves where move.count == 2 {
            let source = resolve(move[0]), target = resolve(move[1])
            var info = stat()
            guard lstat(source, &info) == 0 else { continue }  // moved before an interruption
            let code = OutputCleanup.rename(source, to: target)
            guard code == 0 else { throw PlottingError.forErrno(code, path: shown(target)) }
        }
        for sequence in journal.sequences {
            let folder = url(sequence.folder).path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let number = FrameState.number(ofFileName: name), number > sequence.frames else { continue }
                var info = stat()
                if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { unlink(folder + "/" + name) }
            }
        }
    }

    /// The regular files under `path`, relative to it, sorted (links and other types are skipped).
    static func files(in path: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? path : path + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(path + "/" + child, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(child)
                case S_IFREG: result.append(child)
                default: break
                }
            }
        }
        walk("")
        return result.sorted()
    }
}

/// The lock of an output tree, held until ``release()``.
public final class OutputLock: Sendable {
    private let path: String
    private let descriptor: Int32
    private let released = Mutex(false)

    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Removes the lock file and lets go of the lock (once; later calls do nothing).
    public func release() {
        let first = released.withLock { released -> Bool in
            defer { released = true }
            return !released
        }
        guard first else { return }
        OutputCleanup.remove(file: path)
        close(descriptor)
    }

    deinit { release() }
}
