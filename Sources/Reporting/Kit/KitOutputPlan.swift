import Foundation
import Plotting

/// Every path a kit writes, with the configuration key that names it, known before any work: so
/// that two outputs never share a path and anything in the way (a link, a file where a folder
/// goes) is found before training rather than after drawing.
struct KitOutputPlan {
    /// One output: a file, or a frame sequence's folder (which the sequence owns whole).
    struct Output {
        /// The path relative to the output folder, normalized.
        let path: String
        /// The configuration key that names it (`report.html`, `data_folder`, …).
        let key: String
        /// Whether it is a frame sequence's folder.
        let isSequence: Bool
    }

    /// The outputs in the order the build writes them.
    let outputs: [Output]

    init(_ configuration: KitConfiguration) {
        var outputs: [Output] = []
        func add(_ path: String, _ key: String, sequence: Bool = false) {
            outputs.append(Output(path: OutputTree.normalized(path), key: key, isSequence: sequence))
        }
        let figures = configuration.figures
        let jobs = KitFigureStage.jobs(configuration)
        for variant in KitFigureStage.variants(configuration) {
            for job in jobs {
                for format in figures.formats { add("\(variant.folder)/\(job.stem).\(format.rawValue)", "figures.folder") }
            }
        }
        if let gallery = figures.galleryFolder {
            for job in KitFigureStage.galleryJobs(configuration) { add("\(gallery)/\(job.stem).png", "figures.gallery") }
        }
        if configuration.frames.enabled {
            for model in configuration.models {
                let folder = "\(configuration.frames.folder)/\(model.model.fileName)"
                add(folder, "frames.folder", sequence: true)
                if configuration.frames.video { add("\(folder).mp4", "frames.folder") }
            }
        }
        for path in KitDataStage.paths(configuration) { add(path, "data_folder") }
        if let name = configuration.report.markdown { add(name, "report.markdown") }
        if let name = configuration.report.html { add(name, "report.html") }
        if let name = configuration.report.handout { add(name, "report.handout") }
        if let name = configuration.report.slides { add(name, "report.slides") }
        self.outputs = outputs
    }

    /// Two outputs at the same path, or one inside the other (a file where the other needs a
    /// folder, anything inside a frame sequence's folder), as an error naming both keys; nil when
    /// every output has its own path.
    func sharedPath() -> OutputTreeError? {
        var owners: [String: Output] = [:]
        for output in outputs {
            if let other = owners[output.path] {
                return .sharedPath(path: output.path, first: other.key, second: output.key)
            }
            owners[output.path] = output
        }
        for output in outputs {
            let parts = OutputTree.components(output.path)
            for count in parts.indices.dropFirst() {
                if let other = owners[parts[0..<count].joined(separator: "/")] {
                    return .sharedPath(path: output.path, first: other.key, second: output.key)
                }
            }
        }
        return nil
    }

    /// Checks everything already in the tree where the kit writes: no links, folders where
    /// folders go, regular files where files go (in a sequence's folder too).
    func check(_ tree: OutputTree) throws {
        for output in outputs {
            try tree.check(output.path, isFile: !output.isSequence)
            if output.isSequence, FileManager.default.fileExists(atPath: tree.url(output.path).path) {
                _ = try FrameDirectory(url: tree.url(output.path))
            }
        }
    }

    /// Removes stale temporaries from every folder the kit writes into (see `OutputTree.sweep`).
    func sweep(_ tree: OutputTree) {
        var names: [String: Set<String>] = ["": []]
        for output in outputs where !output.isSequence {
            let parts = OutputTree.components(output.path)
            names[parts.dropLast().joined(separator: "/"), default: []].insert(parts.last ?? "")
        }
        for (folder, own) in names { tree.sweep(folder) { own.contains($0) } }
        for output in outputs where output.isSequence { tree.sweep(output.path, ownNames: FrameDirectory.isSequenceFile) }
    }
}
