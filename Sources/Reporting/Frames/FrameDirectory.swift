import Foundation
import Plotting

/// The output folder of a frame sequence: what it holds, whether it may be written or resumed,
/// and which frames are already complete.
///
/// **Files.** `frame_00001.png`, … (each written to a temporary name and renamed, so a visible
/// frame is always complete), `frames.settings` (the settings fingerprint, written before the
/// first frame) and `frames.csv` (the manifest, written after the last frame, so its presence
/// means the sequence was finished). Temporary files of runs that ended
/// (`.descent-tmp-PID-XXXXXX`, see `OutputCleanup`, and older versions' `.frame_00001.png.tmp-XXXXXX`,
/// `.frames.csv.tmp-…`, `.frames.settings.tmp-…`) are stale and removed.
///
/// **Policy.** An entry named like one of the sequence's files that is not a regular file (a
/// folder, a symbolic link) is refused: Descent neither follows nor deletes what it did not
/// write. Without `resume`, a folder holding any frame, manifest or settings file is refused
/// (never silently mixed or deleted; `descent frames --overwrite` replaces it whole through
/// `OutputTree`); other files in it are left alone. With `resume`, the stored settings must equal
/// the new ones line for line; then every existing frame whose PNG is intact (every chunk's
/// CRC-32 matches, `IHDR` first, `IEND` last, see `PNGIntegrity`) is kept, anything else is
/// rendered again.
struct FrameDirectory {
    /// The settings fingerprint's file name.
    static let settingsFileName = "frames.settings"
    /// The manifest's file name.
    static let manifestFileName = "frames.csv"

    /// The folder.
    let url: URL

    /// The frame numbers found, by file name.
    private(set) var frameNumbers: [Int] = []

    /// Creates the folder if needed and removes stale temporary files.
    ///
    /// - Throws: `FrameSequenceError.notADirectory` when the path is a file; `PlottingError`
    ///   (missing parent, not writable) when it cannot be created; `OutputTreeError` when an
    ///   entry named like a frame, the manifest or the settings is not a regular file.
    init(url: URL) throws {
        self.url = url.standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: self.url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw FrameSequenceError.notADirectory(path: url.path) }
        } else {
            do {
                try manager.createDirectory(at: self.url, withIntermediateDirectories: true)
            } catch {
                throw PlottingError.notWritable(path: self.url.path, reason: "the folder could not be created (\((error as NSError).localizedDescription))")
            }
        }
        let names = try FrameDirectory.contents(of: self.url)
        for name in names where OutputTree.isLeftover(name, ownNames: FrameDirectory.isSequenceFile) {
            var info = stat()
            let path = self.url.appendingPathComponent(name).path
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { unlink(path) }
        }
        for name in names where FrameDirectory.isSequenceFile(name) {
            var info = stat()
            let path = self.url.appendingPathComponent(name).path
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK { throw OutputTreeError.symbolicLink(path: path) }
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw OutputTreeError.notAFile(path: path) }
        }
        frameNumbers = names.compactMap(FrameState.number(ofFileName:)).sorted()
        hasSettings = names.contains(FrameDirectory.settingsFileName)
        hasManifest = names.contains(FrameDirectory.manifestFileName)
    }

    /// Whether `frames.settings` exists.
    private(set) var hasSettings = false
    /// Whether `frames.csv` exists.
    private(set) var hasManifest = false

    /// Whether the folder holds (part of) a sequence: a frame, the manifest or the settings.
    var holdsSequence: Bool { !frameNumbers.isEmpty || hasSettings || hasManifest }

    /// The URL of `name` in the folder.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Checks the folder against `settings` and returns the numbers of the frames already
    /// complete (empty for a fresh sequence); writes the settings file for a fresh sequence.
    ///
    /// Frames numbered above `frameCount` or not whole are deleted when resuming.
    func prepare(settings: FrameSettings, resume: Bool, frameCount: Int) throws -> Set<Int> {
        let displayPath = url.path
        if !resume {
            guard frameNumbers.isEmpty, !hasSettings, !hasManifest else {
                throw FrameSequenceError.directoryHoldsFrames(path: displayPath, frameCount: frameNumbers.count)
            }
            try AtomicFile.write(data: Data(settings.text.utf8), to: file(FrameDirectory.settingsFileName))
            return []
        }
        guard hasSettings else {
            guard frameNumbers.isEmpty, !hasManifest else {
                throw FrameSequenceError.settingsMissing(path: displayPath, frameCount: frameNumbers.count)
            }
            try AtomicFile.write(data: Data(settings.text.utf8), to: file(FrameDirectory.settingsFileName))
            return []
        }
        let stored = (try? String(contentsOf: file(FrameDirectory.settingsFileName), encoding: .utf8)) ?? ""
        let differences = settings.differences(from: FrameSettings(text: stored))
        guard differences.isEmpty else { throw FrameSequenceError.settingsDiffer(path: displayPath, differences: differences) }
        var complete = Set<Int>()
        for number in frameNumbers {
            let frameURL = file(FrameState.fileName(number: number))
            if number <= frameCount, PNGIntegrity.isIntact(fileAt: frameURL) {
                complete.insert(number)
            } else {
                unlink(frameURL.path)  // a regular file (checked when the folder was opened)
            }
        }
        return complete
    }

    /// Whether `name` is one of a sequence's files: a frame, the manifest or the settings.
    static func isSequenceFile(_ name: String) -> Bool {
        FrameState.number(ofFileName: name) != nil || name == manifestFileName || name == settingsFileName
    }

    private static func contents(of url: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw PlottingError.notWritable(path: url.path, reason: "the folder could not be read (\((error as NSError).localizedDescription))")
        }
    }
}
