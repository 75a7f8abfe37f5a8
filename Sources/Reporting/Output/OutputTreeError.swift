import Foundation

/// Why Descent will not write into an output folder: each a sentence naming the path and what to do.
public enum OutputTreeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A path inside the output folder is a symbolic link; Descent never writes through one.
    case symbolicLink(path: String)
    /// A folder is needed at `path`, and something else is there.
    case notAFolder(path: String)
    /// Descent would write or replace a file at `path`, and a folder, link or device is there.
    case notAFile(path: String)
    /// Another process holds the output folder's lock.
    case locked(folder: String, holder: Int32?)
    /// Two outputs of one build would be written to the same path (or one inside the other).
    case sharedPath(path: String, first: String, second: String)
    /// An output folder given as an empty text.
    case emptyPath(setting: String)

    /// The message as one sentence.
    public var description: String {
        switch self {
        case let .symbolicLink(path):
            return "'\(path)' is a symbolic link inside the output folder, and Descent never writes through links it did not make: "
                + "replace it with a real folder or file, or choose another output folder."
        case let .notAFolder(path):
            return "'\(path)' is in the way: Descent needs a folder there, and it is a file; move it away or choose another output folder."
        case let .notAFile(path):
            return "'\(path)' is a folder, link or device where Descent writes a file of its own; move it away or choose another output folder."
        case let .locked(folder, holder):
            let who = holder.map { "another descent process (pid \($0))" } ?? "another descent process"
            return "'\(folder)' is being written by \(who); wait for it to finish, or choose another output folder."
        case let .sharedPath(path, first, second):
            return "\(first) and \(second) would both write '\(path)': two outputs of one build must not share a path; give one of them another name."
        case let .emptyPath(setting):
            return "\(setting) is empty: give a folder name, e.g. kit."
        }
    }
}
