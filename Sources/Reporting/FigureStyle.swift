import Foundation
import Plotting
import Training

/// The colour themes, by name.
public enum FigureTheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// Black ink on white.
    case light
    /// Near-white ink on near-black.
    case dark
    /// The light theme's ink on a transparent background, for light slides.
    case transparent
    /// The dark theme's light ink on a transparent background, for dark slides.
    case transparentDark = "transparent-dark"

    /// The theme's colours.
    public var theme: Theme {
        switch self {
        case .light: return .light
        case .dark: return .dark
        case .transparent: return .transparent
        case .transparentDark: return .transparentDark
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

/// Words a user gives for one figure or for their data: a title, a subtitle, and the labels of
/// the data's two columns (`"hours studied (h)"`: the variable is the text before the
/// parentheses, the unit the text inside them).
public struct FigureLabels: Sendable, Hashable {
    /// Replaces the figure's title.
    public var title: String?
    /// Replaces the figure's subtitle.
    public var subtitle: String?
    /// The x column's label, instead of one made from its name.
    public var x: String?
    /// The y column's label, instead of one made from its name.
    public var y: String?

    /// Creates labels; nil keeps the figure's own.
    public init(title: String? = nil, subtitle: String? = nil, x: String? = nil, y: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.x = x
        self.y = y
    }
}

/// How a data set's two columns are named in a figure: axis labels, the variables of equations
/// and the y unit, from the user's labels or else from the column names.
struct ColumnNames: Sendable {
    /// Axis labels: "weight (kg)".
    let xLabel: String, yLabel: String
    /// Equation variables: "weight".
    let xVariable: String, yVariable: String
    /// The units ("kg", "cm"), if known.
    let xUnit: String?, yUnit: String?
    /// The notebook's kind of data, weight in kg predicting height in cm: its rows are people.
    let people: Bool

    init(_ dataset: Dataset, text: LectureText, labels: FigureLabels) {
        func parts(_ label: String) -> (variable: String, unit: String?) {
            guard label.hasSuffix(")"), let open = label.lastIndex(of: "("), open != label.startIndex else { return (label, nil) }
            let unit = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
            return (label[..<open].trimmingCharacters(in: .whitespaces), unit.isEmpty ? nil : unit)
        }
        xLabel = labels.x ?? text.columnLabel(dataset.xName)
        yLabel = labels.y ?? text.columnLabel(dataset.yName)
        xVariable = labels.x.map { parts($0).variable } ?? text.variableName(dataset.xName)
        yVariable = labels.y.map { parts($0).variable } ?? text.variableName(dataset.yName)
        xUnit = labels.x.map { parts($0).unit } ?? text.unit(of: dataset.xName)
        yUnit = labels.y.map { parts($0).unit } ?? text.unit(of: dataset.yName)
        people = dataset.xName == "weight_kg" && dataset.yName == "height_cm"
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
    /// The user's title, subtitle and column labels, where given.
    public var labels = FigureLabels()
    /// Text and marks at this scale instead of the size's (`min(width, height) / 1080`): for a
    /// small picture shown smaller still, such as `descent live`'s loss panel.
    public var metricsScale: Double?

    /// Creates a style; the defaults make a light, English, 1920x1080 slide at 144 dpi.
    public init(theme: FigureTheme = .light, language: Language = .english, size: FigureSize = .slide, dpi: Double = 144) {
        self.theme = theme.theme
        self.language = language
        self.size = size
        self.dpi = dpi
    }

    /// The names of `dataset`'s columns in this style.
    func columns(_ dataset: Dataset) -> ColumnNames { ColumnNames(dataset, text: text, labels: labels) }

    /// The words of this language.
    var text: LectureText { language.text }

    /// Tick and label number conventions of this language.
    var numberStyle: NumberStyle { language == .finnish ? .finnish : .english }

    /// Formats numbers for titles, legends and captions in this language.
    var formatter: TickFormatter { TickFormatter(style: numberStyle) }

    /// Typographic equations (`·`, `²`, `−`) with this language's decimal separator.
    var equations: EquationText { EquationText(notation: .typographic, decimalSeparator: language.decimalSeparator) }

    /// The canvas's width over its height (16:9 = 1.78, 4:3 = 1.33, square 1, "half" 0.89).
    var aspectRatio: Double { Double(size.width) / Double(max(1, size.height)) }

    /// `count` panels side by side when the canvas is at least `wideAspect` times as wide as
    /// each panel needs (`wideAspect` ≈ count × the narrowest readable panel's width/height),
    /// else stacked; `weights` are the panels' relative widths (or heights when stacked).
    func arrangePanels(_ figure: Figure, count: Int, weights: [Double] = [], wideAspect: Double) -> [Axes] {
        if count <= 1 { return figure.makePanels(rows: 1, columns: 1) }
        return aspectRatio >= wideAspect ? figure.makePanels(rows: 1, columns: count, columnWidths: weights)
            : figure.makePanels(rows: count, columns: 1, rowHeights: weights)
    }

    /// A new, empty figure in this style.
    func makeFigure() -> Figure {
        let figure = Figure(size: size, theme: theme, numberStyle: numberStyle)
        figure.vectorDPI = dpi
        if let metricsScale { figure.metrics = FigureMetrics(scale: metricsScale) }
        return figure
    }

    /// PNG options for a slide figure in this style: zlib level 6 on unfiltered rows.
    ///
    /// Slide figures are flat fills, lines and text, where the row filters mostly turn long runs
    /// of one colour into noise: over the default kit's 36 figures, unfiltered rows at level 6
    /// deflated about 2 % smaller than libpng's adaptive choice at the same level, and without
    /// its five trial filters per row (libpng spent about a sixth of the kit's time in them).
    public func pngOptions(title: String?, description: String?) -> PNGOptions {
        var options = PNGOptions(filter: .none)
        options.dpi = dpi
        options.title = title
        options.description = description
        return options
    }

    /// `value` with `decimals` decimals in this language's style (Unicode minus, decimal comma in
    /// Finnish); from 10⁶ on (a diverged run's MSE) four significant digits, `2.732×10⁴⁰`, instead
    /// of forty digits.
    func number(_ value: Double, decimals: Int) -> String {
        abs(value) < 1e6 || !value.isFinite ? formatter.format(value, decimals: decimals) : formatter.format(value, significantDigits: 4)
    }
}
