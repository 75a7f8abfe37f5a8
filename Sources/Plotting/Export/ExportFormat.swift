import Foundation

/// The file formats figures export to, chosen by file extension.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// PNG through libpng.
    case png
    /// SVG: text stays text (`SVGRenderer`), or Cairo's glyph outlines (`SVGTextMode.paths`).
    case svg
    /// PDF through Cairo.
    case pdf

    /// The format for `url`'s extension (case-insensitive).
    ///
    /// - Throws: `PlottingError.unsupportedFileExtension` listing png, svg and pdf.
    public init(url: URL) throws {
        let ext = url.pathExtension.lowercased()
        guard let format = ExportFormat(rawValue: ext) else {
            throw PlottingError.unsupportedFileExtension(path: url.path, extension: url.pathExtension)
        }
        self = format
    }
}
