import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at a path given as an input file, found with `stat(2)` before anything opens it.
///
/// Opening a FIFO without a writer blocks forever and reading `/dev/zero` never ends, so readers
/// ask this first and accept regular files only (symbolic links are followed).
public enum InputFile: Equatable, Sendable {
    /// A regular file of `size` bytes.
    case regular(size: Int64)
    /// Nothing exists at the path (also a dangling symbolic link).
    case missing
    /// A directory.
    case directory
    /// Something that is not a regular file, in words: "a named pipe (FIFO)", "a character device", ...
    case special(String)
    /// `stat` failed for another reason, in words (a parent folder without permission, a loop of links).
    case inaccessible(String)

    /// What is at `path`.
    public init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                self = .missing
            } else {
                self = .inaccessible(String(cString: strerror(code)).lowercased())
            }
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular(size: Int64(info.st_size))
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .special("a named pipe (FIFO)")
        case S_IFCHR: self = .special("a character device")
        case S_IFBLK: self = .special("a block device")
        case S_IFSOCK: self = .special("a socket")
        default: self = .special("not a regular file")
        }
    }

    /// Why the path cannot be read as a file, in words, or nil for a regular file.
    public var problem: String? {
        switch self {
        case .regular: return nil
        case .missing: return "it does not exist"
        case .directory: return "it is a directory"
        case .special(let what): return "it is \(what), not a regular file"
        case .inaccessible(let reason): return reason
        }
    }
}
