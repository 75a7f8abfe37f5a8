import Foundation
import Plotting
import Training

/// The colour themes, by name.
public enum FigureTheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// Black ink on white.
    case light
    /// Near-white ink on near-black.
    case dark
    /// The light theme's ink on a transparent background.
    case transparent

    /// The theme's colours.
    public var theme: Theme {
        switch self {
        case .light: return .light
        case .dark: return .dark
        case .transparent: return .transparent
        }
    }
}

extension Theme {
    /// The data's colour: the first series colour (blue in the light theme).
    var dataColor: Color { seriesColor(0) }

    /// The one colour of `model` in every figure: linear the second series colour (vermillion in
    /// the light theme), cubic the third (bluish green), other degrees the fourth to sixth.
    func modelColor(_ model: PolynomialModel) -> Color {
        if model == .linear { return seriesColor(1) }
        if model == .cubic { return seriesColor(2) }
        return seriesColor(3 + (model.degree + model.parameterCount) % 3)
    }
}

/// How a lecture figure looks: theme, language, pixel size and print resolution.
public struct FigureStyle: Sendable {
    /// Light, dark or transparent.
    public var theme: Theme
    /// English or Finnish words and number conventions.
    public var language: Language
    /// The figure's size in pixels.
    public var size: FigureSize
    /// Dots per inch: the PNG's pHYs, and pixels per inch of SVG and PDF pages.
    public var dpi: Double

    /// Creates a style; the defaults make a light, English, 1920x1080 slide at 144 dpi.
    public init(theme: FigureTheme = .light, language: Language = .english, size: FigureSize = .slide, dpi: Double = 144) {
        self.theme = theme.theme
        self.language = language
        self.size = size
        self.dpi = dpi
    }

    /// The words of this language.
    var text: LectureText { language.text }

    /// Tick and label number conventions of this language.
    var numberStyle: NumberStyle { language == .finnish ? .finnish : .english }

    /// Formats numbers for titles, legends and captions in this language.
    var formatter: TickFormatter { TickFormatter(style: numberStyle) }

    /// Typographic equations (`·`, `²`, `−`) with this language's decimal separator.
    var equations: EquationText { EquationText(notation: .typographic, decimalSeparator: language.decimalSeparator) }

    /// A new, empty figure in this style.
    func makeFigure() -> Figure {
        let figure = Figure(size: size, theme: theme, numberStyle: numberStyle)
        figure.vectorDPI = dpi
        return figure
    }

    /// PNG options for a slide figure in this style.
    public func pngOptions(title: String?, description: String?) -> PNGOptions {
        var options = PNGOptions()
        options.dpi = dpi
        options.title = title
        options.description = description
        return options
    }

    /// `value` with `decimals` decimals in this language's style (Unicode minus, decimal comma in Finnish).
    func number(_ value: Double, decimals: Int) -> String { formatter.format(value, decimals: decimals) }
}
