import Foundation

/// Every error the plotting module throws, each case carrying the context for its message.
///
/// `description` (and `errorDescription`) turn a case into one or two sentences that quote the
/// offending value and say what to do; this is the only place such messages are written.
public enum PlottingError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// A figure size string or value could not be used; `reason` says why.
    case invalidFigureSize(value: String, reason: String)
    /// An output path has an extension that no exporter handles.
    case unsupportedFileExtension(path: String, extension: String)
    /// The directory that should contain an output file does not exist.
    case parentDirectoryMissing(path: String)
    /// The path that should be the containing directory of an output file is not a directory.
    case parentIsNotDirectory(path: String)
    /// The output path exists but is not a regular file (a directory, a device, …).
    case targetIsNotRegularFile(path: String)
    /// The output directory does not accept new files.
    case notWritable(path: String, reason: String)
    /// The output file or folder cannot be created there (a name too long, a loop of links, …).
    case cannotCreate(path: String, reason: String)
    /// The disk (or device) ran out of space while writing.
    case diskFull(path: String)
    /// Writing, syncing or renaming a file failed for another reason.
    case writeFailed(path: String, reason: String)
    /// A Cairo object reported an error status.
    case cairo(operation: String, message: String)
    /// PNG export options were out of range.
    case invalidPNGOptions(reason: String)
    /// libpng reported an error while encoding or decoding.
    case png(message: String)
    /// A raster's size does not match what an operation expected.
    case rasterSizeMismatch(expected: String, actual: String)

    /// The message as one or more sentences.
    public var description: String {
        switch self {
        case let .invalidFigureSize(value, reason):
            return "Invalid figure size \"\(value)\": \(reason). Use a preset (\(FigureSize.presetNames.joined(separator: ", "))) or WIDTHxHEIGHT in pixels, each side 1...\(FigureSize.maximumSide)."
        case let .unsupportedFileExtension(path, ext):
            let shown = ext.isEmpty ? "no extension" : "extension \".\(ext)\""
            return "Cannot export \"\(path)\": \(shown) is not supported. Use one of png, svg or pdf."
        case let .parentDirectoryMissing(path):
            return "Cannot write \"\(path)\": its directory does not exist. Create the directory first."
        case let .parentIsNotDirectory(path):
            return "Cannot write \"\(path)\": the containing path is a file, not a directory."
        case let .targetIsNotRegularFile(path):
            return "Cannot write \"\(path)\": it exists and is not a regular file (a directory, link or device). Choose another path."
        case let .notWritable(path, reason):
            return "Cannot write \"\(path)\": the directory is not writable (\(reason)). Check its permissions."
        case let .cannotCreate(path, reason):
            return "Cannot create \"\(path)\": \(reason). Choose a shorter or other path."
        case let .diskFull(path):
            return "Cannot write \"\(path)\": the disk is full. Free some space and try again."
        case let .writeFailed(path, reason):
            return "Writing \"\(path)\" failed: \(reason)."
        case let .cairo(operation, message):
            return "Cairo failed to \(operation): \(message)."
        case let .invalidPNGOptions(reason):
            return "Invalid PNG export options: \(reason)."
        case let .png(message):
            return "libpng failed: \(message)."
        case let .rasterSizeMismatch(expected, actual):
            return "The raster is \(actual) but \(expected) was expected; render the background from the same figure."
        }
    }

    /// The same text as `description`, for `LocalizedError`.
    public var errorDescription: String? { description }

    /// The error for a failed system call on the output `path`: an output that cannot be created
    /// (missing or non-folder parent, permissions, a name too long, a loop of links) is told
    /// apart from a write that failed (disk full, I/O error).
    public static func forErrno(_ code: Int32, path: String) -> PlottingError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EACCES, EPERM, EROFS: return .notWritable(path: path, reason: String(cString: strerror(code)))
        case ENOENT: return .parentDirectoryMissing(path: path)
        case ENOTDIR: return .parentIsNotDirectory(path: path)
        case EISDIR: return .targetIsNotRegularFile(path: path)
        case ENAMETOOLONG, ELOOP, EEXIST, EMLINK, ENOTEMPTY: return .cannotCreate(path: path, reason: String(cString: strerror(code)))
        default: return .writeFailed(path: path, reason: String(cString: strerror(code)))
        }
    }
}
