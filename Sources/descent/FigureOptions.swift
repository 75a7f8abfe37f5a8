import ArgumentParser
import Foundation
import Plotting
import Reporting

extension FigureTheme: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension LandscapeOptions.Aspect: ExpressibleByArgument {}
extension SVGTextMode: ExpressibleByArgument {}

/// What `compare` compares.
enum CompareChoice: String, ExpressibleByArgument, CaseIterable {
    /// Linear vs cubic fits and per-person errors.
    case models
    /// sgd, gd, momentum and adam paths on one landscape.
    case optimizers
}

/// The plane of a network's landscape.
enum NetworkDirections: String, ExpressibleByArgument, CaseIterable {
    /// Two filter-normalised random directions.
    case random
    /// The path's first two principal directions.
    case pca
}

/// The look of a figure: theme, language, size, dpi and the data's column labels, shared by
/// `figure`, `frames` and `slides`.
struct LookOptions: ParsableArguments {
    @Option(help: "Colour theme: light, dark, transparent (transparent background, dark ink: for light slides) or transparent-dark (transparent background, light ink: for dark slides).")
    var theme: FigureTheme = .light

    @Option(name: .customLong("lang"), help: "Language of every title, label and legend: en or fi (Finnish also writes decimal commas).")
    var language: Language = .english

    @Option(parsing: .unconditional, help: "Figure size: slide (1920x1080), slide-4x3 (1440x1080), half (960x1080), square (1080x1080), or WxH in pixels (each side 1...16384).")
    var size: String = "slide"

    @Option(parsing: .unconditional, help: "Resolution in dots per inch: the PNG's pHYs, and the page size of SVG and PDF (pixels / dpi).")
    var dpi: Double = 144

    @Option(name: .customLong("x-label"), help: ArgumentHelp("The x column's label, e.g. \"hours studied (h)\": axes, equations (\"hours studied\") and units (h) use it.", valueName: "text"))
    var xLabel: String?

    @Option(name: .customLong("y-label"), help: ArgumentHelp("The y column's label, e.g. \"exam score (points)\".", valueName: "text"))
    var yLabel: String?

    func validate() throws {
        do {
            _ = try FigureSize(parsing: size)
        } catch {
            throw ValidationError("--size: \(error)")
        }
        guard dpi.isFinite, dpi >= 10, dpi <= 4800 else {
            throw ValidationError("--dpi must be between 10 and 4800, got \(OptionWording.number(dpi)).")
        }
        try Self.requireText([("--x-label", xLabel), ("--y-label", yLabel)])
    }

    /// Refuses a flag given as blank text.
    static func requireText(_ values: [(flag: String, value: String?)]) throws {
        for (flag, value) in values {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(flag) is empty: give the text to show, or leave the option out for the figure's own.")
            }
        }
    }

    /// The figure style these options name, with `title` and `subtitle` instead of the figure's own.
    func style(title: String? = nil, subtitle: String? = nil) throws -> FigureStyle {
        var style = FigureStyle(theme: theme, language: language, size: try FigureSize(parsing: size), dpi: dpi)
        style.labels = FigureLabels(title: title, subtitle: subtitle, x: xLabel, y: yLabel)
        return style
    }
}

/// The look of one figure: ``LookOptions`` plus its own title and subtitle, shared by `figure` and `frames`.
struct StyleOptions: ParsableArguments {
    @OptionGroup var look: LookOptions

    @Option(help: "A title instead of the figure's own.")
    var title: String?

    @Option(help: "A subtitle instead of the figure's own.")
    var subtitle: String?

    func validate() throws {
        try LookOptions.requireText([("--title", title), ("--subtitle", subtitle)])
    }

    /// The figure style these options name.
    func style() throws -> FigureStyle {
        try look.style(title: title, subtitle: subtitle)
    }
}
