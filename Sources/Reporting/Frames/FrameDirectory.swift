import Foundation
import Plotting

/// The output folder of a frame sequence: what it holds, whether it may be written or resumed,
/// and which frames are already complete.
///
/// **Files.** `frame_00001.png`, … (each written to a temporary name and renamed, so a visible
/// frame is always complete), `frames.settings` (the settings fingerprint, written before the
/// first frame) and `frames.csv` (the manifest, written after the last frame, so its presence
/// means the sequence was finished). Temporary files (`.frame_00001.png.tmp-XXXXXX`,
/// `.frames.csv.tmp-…`, `.frames.settings.tmp-…`) left by a killed run are stale and removed.
///
/// **Policy.** Without `resume`, a folder holding any frame, manifest or settings file is
/// refused (never silently mixed or deleted); other files in it are left alone. With `resume`,
/// the stored settings must equal the new ones line for line; then every existing frame whose
/// PNG is whole (signature first, `IEND` chunk last) is kept, anything else is rendered again.
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
    ///   (missing parent, not writable) when it cannot be created.
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
        for name in names where FrameDirectory.isStaleTemporary(name) {
            try? manager.removeItem(at: self.url.appendingPathComponent(name))
        }
        frameNumbers = names.compactMap(FrameState.number(ofFileName:)).sorted()
        hasSettings = names.contains(FrameDirectory.settingsFileName)
        hasManifest = names.contains(FrameDirectory.manifestFileName)
    }

    /// Whether `frames.settings` exists.
    private(set) var hasSettings = false
    /// Whether `frames.csv` exists.
    private(set) var hasManifest = false

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
            if number <= frameCount, FrameDirectory.isWholePNG(at: frameURL) {
                complete.insert(number)
            } else {
                try? FileManager.default.removeItem(at: frameURL)
            }
        }
        return complete
    }

    /// Whether `name` is a temporary file of `AtomicFile` for one of the sequence's files.
    static func isStaleTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-") else { return false }
        let target = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
        return FrameState.number(ofFileName: target) != nil || target == manifestFileName || target == settingsFileName
    }

    /// Removes a sequence from `url` (frames, manifest, settings, temporaries) so it can be written
    /// anew; other files stay. Used by the kit, which owns its frame folders.
    static func removeSequence(in url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        for name in try contents(of: url)
        where FrameState.number(ofFileName: name) != nil || name == manifestFileName || name == settingsFileName || isStaleTemporary(name) {
            try FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
    }

    /// Whether the file starts with the PNG signature and ends with an `IEND` chunk.
    static func isWholePNG(at url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let end: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        guard let head = try? handle.read(upToCount: 8), [UInt8](head) == signature,
              let size = try? handle.seekToEnd(), size >= 8 + 12 else { return false }
        guard (try? handle.seek(toOffset: size - 12)) != nil, let tail = try? handle.read(upToCount: 12) else { return false }
        return [UInt8](tail) == end
    }

    private static func contents(of url: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw PlottingError.notWritable(path: url.path, reason: "the folder could not be read (\((error as NSError).localizedDescription))")
        }
    }
}
