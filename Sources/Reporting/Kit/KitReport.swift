import Foundation
import Plotting
import Training

/// The kit's reports: the Markdown walk-through, the self-contained HTML page and the PDF handout.
///
/// All three follow the lecture: the data, normalisation, the linear model's training, its
/// landscape and path, the cubic model, the comparison and the per-person table, the worked
/// gradient step and the learning-rate sweep.
struct KitReport {
    let configuration: KitConfiguration
    /// The kit's trained models, in configuration order.
    let models: [TrainedModel]
    /// The runs the figures were drawn from (the handout draws its pages again from them).
    let store: RunStore
    let figures: [KitRenderedFigure]

    private var language: Language { configuration.figures.languages.first ?? .english }
    private var text: LectureText { language.text }

    /// The most rows of the per-person table shown in the reports; `data/predictions.csv` has all.
    static let maximumTableRows = 40

    /// Sections in lecture order: a heading, an introduction, and the figure stems shown.
    struct Section {
        let heading: String
        let introduction: String
        let stems: [String]
    }

    /// The figure stems of each of ``LectureText/reportSections(count:xMean:xStd:yMean:yStd:line:)``.
    static let sectionStems: [[String]] = [
        ["fit-linear"],
        ["normalization-linear"],
        ["training-linear", "loss-linear", "parameters-linear"],
        ["landscape-linear", "slice-linear"],
        ["training-cubic", "loss-cubic", "fit-cubic", "parameters-cubic", "landscape-cubic", "slice-cubic"],
        ["fit-both", "loss-both", "compare-models", "residuals-both", "degree-sweep"],
        ["step-lecture", "chain-rule-linear", "chain-rule-cubic"],
        ["lr-sweep-linear", "lr-sweep-cubic", "schedules-linear", "schedules-cubic", "compare-optimizers"],
        dynamicsStems,
    ]

    var sections: [Section] {
        let words = text.reportSections(facts)
        return zip(words, Self.sectionStems).map { Section(heading: $0.heading, introduction: $0.introduction, stems: $1) }
    }

    /// What the introductions say, read from the data set and the runs.
    private var facts: LectureText.ReportFacts {
        let linear = models.first { $0.model == .linear }
        let cubic = models.first { $0.model == .cubic }
        guard let data = models.first?.data else {
            return .init(count: 0, people: false, xLabel: "", yLabel: "", xVariable: "", yVariable: "", xUnit: nil, yUnit: nil,
                         xMean: "", xStd: "", yMean: "", yStd: "", line: "", linearTraining: "", cubicStop: "")
        }
        let names = ColumnNames(data.original, text: text, labels: configuration.data.labels)
        let style = FigureStyle(language: language)
        let formatter = style.formatter
        let xSig = { (value: Double) in formatter.format(value, significantDigits: 4) }
        let ySig = xSig
        let linearLine = linear.map { model -> String in
            model.equation(EquationText(notation: .typographic, decimalSeparator: language.decimalSeparator), parameters: model.optimum,
                           xName: names.xVariable, yName: names.yVariable)
        } ?? ""
        let linearTraining = linear.map { model -> String in
            let configuration = model.history.configuration
            return text.trainingDescription(optimizer: configuration.optimizer, shuffled: configuration.shuffle, people: names.people,
                                            rate: formatter.format(configuration.learningRate, significantDigits: 3),
                                            epochs: model.history.epochsRun)
        } ?? ""
        let cubicStop = cubic.map { LossFigure.stopText($0, text: text, style: style) } ?? ""
        return .init(count: data.original.count, people: names.people, xLabel: names.xLabel, yLabel: names.yLabel,
                     xVariable: names.xVariable, yVariable: names.yVariable, xUnit: names.xUnit, yUnit: names.yUnit,
                     xMean: xSig(data.xScale.mean), xStd: xSig(data.xScale.standardDeviation),
                     yMean: ySig(data.yScale.mean), yStd: ySig(data.yScale.standardDeviation),
                     line: linearLine, linearTraining: linearTraining, cubicStop: cubicStop)
    }

    private var title: String { text.kitTitle }

    private func number(_ value: Double, _ decimals: Int) -> String {
        language.typeset(String(format: "%.\(decimals)f", value))
    }

    private func figure(_ stem: String) -> KitRenderedFigure? { figures.first { $0.job.stem == stem } }

    /// Figures in report order: those of the sections first, then any others.
    var orderedFigures: [KitRenderedFigure] { Self.lectureOrder(figures) { $0.job.stem } }

    /// `items` in report order by their figure stems: those of the sections first, then any others.
    static func lectureOrder<Item>(_ items: [Item], stem: (Item) -> String) -> [Item] {
        let listed = sectionStems.flatMap { $0 }.compactMap { name in items.first { stem($0) == name } }
        let rest = items.filter { item in !listed.contains { stem($0) == stem(item) } }
        return listed + rest
    }

    /// The per-person table: rows of label, x, y, and each model's prediction and error; at most
    /// ``maximumTableRows`` rows, and the line that says so when there are more.
    private var tableRows: (header: [String], rows: [[String]], note: String?) {
        guard let first = models.first else { return ([], [], nil) }
        let data = first.data.original
        let names = ColumnNames(data, text: text, labels: configuration.data.labels)
        var header = [data.labels == nil ? text.rowColumn : text.nameColumn, names.xLabel, names.yLabel]
        for model in models {
            let name = text.modelName(model.model.name)
            header += ["\(name): \(text.prediction)", "\(name): \(text.error)"]
        }
        let shown = Array(data.x.indices.prefix(Self.maximumTableRows))
        // The data as written (as many decimals as the shown values need); predictions and errors
        // to about a thousandth of y's spread (0.1 cm for the notebook's heights).
        let xDecimals = TableDecimals.data(shown.map { data.x[$0] }), yDecimals = TableDecimals.data(shown.map { data.y[$0] })
        let predictionDecimals = TableDecimals.prediction(spread: first.data.yScale.standardDeviation)
        let rows = shown.map { index -> [String] in
            var row = [data.labels?[index] ?? "\(index + 1)", number(data.x[index], xDecimals), number(data.y[index], yDecimals)]
            for model in models {
                let prediction = model.predictOriginal(at: data.x[index])
                row += [number(prediction, predictionDecimals), number(data.y[index] - prediction, predictionDecimals)]
            }
            return row
        }
        let note = data.count > shown.count
            ? text.tableRowsShown(shown: shown.count, total: data.count, file: "\(configuration.dataFolder)/predictions.csv") : nil
        return (header, rows, note)
    }

    // MARK: Markdown

    /// The Markdown walk-through with relative figure links.
    func markdown() -> String {
        var lines = ["# \(title)", ""]
        for section in sections {
            let shown = section.stems.compactMap(figure)
            guard !shown.isEmpty else { continue }
            lines += ["## \(section.heading)", "", section.introduction, ""]
            for rendered in shown {
                lines += ["![\(rendered.title ?? rendered.job.stem)](\(rendered.pngPath))", "", rendered.caption, ""]
            }
            if section.stems.contains("compare-models") {
                lines += markdownTable() + [""]
            }
        }
        return lines.joined(separator: "\n")
    }

    private func markdownTable() -> [String] {
        let (header, rows, note) = tableRows
        guard !header.isEmpty else { return [] }
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        if let note { lines += ["", note] }
        return lines
    }

    // MARK: HTML

    /// The self-contained HTML page: figures embedded as data URIs, no external resources.
    func html(explorer: String? = nil) throws -> String {
        var body = "<h1>\(escape(title))</h1>\n"
        body += try explorer ?? explorerHTML()
        for section in sections {
            let shown = section.stems.compactMap(figure)
            guard !shown.isEmpty else { continue }
            body += "<section>\n<h2>\(escape(section.heading))</h2>\n<p>\(escape(section.introduction))</p>\n"
            for rendered in shown {
                body += "<figure><img src=\"data:image/png;base64,\(rendered.png.base64EncodedString())\" alt=\"\(escape(rendered.title ?? rendered.job.stem))\">"
                body += "<figcaption>\(escape(rendered.caption))</figcaption></figure>\n"
            }
            if section.stems.contains("compare-models") { body += htmlTable() }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.45; }
            figure { margin: 1.5em 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { color: #333; font-size: 0.95em; margin-top: 0.4em; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.95em; } th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .explorer { border: 1px solid #ccc; padding: 1em; border-radius: 6px; } .explorer input { width: 100%; }
            .explorer .stage { position: relative; } .explorer .stage img, .explorer .stage svg { width: 100%; height: auto; display: block; }
            .explorer .stage svg { position: absolute; left: 0; top: 0; }
            .numbers { font-family: "DejaVu Sans Mono", monospace; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The report's explorer (its pictures and slider), which needs only the trained models:
    /// the kit makes it while the figures are drawn and passes it to `html(explorer:)`.
    func explorerHTML() throws -> String {
        try KitExplorer(models: models, language: language, labels: configuration.data.labels).html()
    }

    private func htmlTable() -> String {
        let (header, rows, note) = tableRows
        guard !header.isEmpty else { return "" }
        var html = "<table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        html += "</table>\n"
        if let note { html += "<p>\(escape(note))</p>\n" }
        return html
    }

    // MARK: Handout

    /// Writes the handout: a title page, then one figure per page with its caption, each drawn
    /// again from the store in its kit style. `pages` are the figures' jobs in lecture order with
    /// their styles (the kit's first theme and language). Needs no drawn figure, so the kit writes
    /// it while it draws the others. Returns the page count.
    func handout(pages: [(job: KitFigureJob, style: FigureStyle)], to url: URL) throws -> Int {
        let document = try PDFDocument(title: title)
        let style = FigureStyle(theme: .light, language: language, size: configuration.figures.size, dpi: configuration.figures.dpi)
        let cover = style.makeFigure()
        cover.removePanels()
        cover.title = title
        cover.subtitle = text.handoutSubtitle
        let stems = Set(pages.map(\.job.stem))
        cover.caption = sections.filter { !Set($0.stems).isDisjoint(with: stems) }
            .map { "\($0.heading): \($0.introduction)" }.joined(separator: "\n")
        try document.addPage(cover)
        for (job, style) in pages {
            let product = try LectureFigures.make(job.spec, style: style, store: store)
            product.figure.caption = try KitCaptions(models: models, store: store, language: style.language, labels: style.labels)
                .caption(for: job, summary: product.summary)
            try document.addPage(product.figure)
        }
        try KitFileSystem.makeFolder(url.deletingLastPathComponent())
        try document.write(to: url)
        return document.pageCount
    }
}

/// Escapes text for HTML.
func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
