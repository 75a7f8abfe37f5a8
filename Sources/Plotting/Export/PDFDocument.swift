import Foundation

/// A multi-page PDF built from figures, one page per figure (e.g. lecture handouts).
///
/// ```swift
/// let document = try PDFDocument(title: "Lecture 3")
/// try document.addPage(lossFigure)
/// try document.addPage(landscapeFigure)
/// try document.write(to: URL(fileURLWithPath: "handout.pdf"))
/// ```
///
/// Each page has its figure's size (pixels / `vectorDPI` · 72 points). Creation and
/// modification dates are fixed, so the same pages give the same bytes.
public final class PDFDocument {
    private let surface: CairoSurface
    private var finishedData: Data?
    /// The number of pages added so far.
    public private(set) var pageCount = 0

    /// Starts an empty document with an optional title in its metadata.
    public init(title: String? = nil) throws {
        surface = try CairoSurface(pdfWidth: 960, height: 540, title: title)
    }

    /// Adds `figure` as the next page.
    ///
    /// - Precondition: `finish()` has not been called.
    public func addPage(_ figure: Figure) throws {
        precondition(finishedData == nil, "Pages cannot be added to a finished PDFDocument")
        let (width, height) = figure.pageSize
        surface.setPDFPageSize(width: width, height: height)
        try figure.drawVector(on: surface)
        pageCount += 1
    }

    /// Completes the document and returns its bytes (repeated calls return the same bytes).
    public func finish() throws -> Data {
        if let finishedData { return finishedData }
        try surface.finish()
        let data = surface.sink?.data ?? Data()
        finishedData = data
        return data
    }

    /// Completes the document and writes it to `url` atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(data: finish(), to: url)
    }
}
