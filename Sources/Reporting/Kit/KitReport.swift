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
    let models: [TrainedModel]
    let figures: [KitRenderedFigure]

    private var language: Language { configuration.figures.languages.first ?? .english }
    private var english: Bool { language == .english }

    /// Sections in lecture order: a heading, an introduction, and the figure stems shown.
    struct Section {
        let heading: String
        let introduction: String
        let stems: [String]
    }

    var sections: [Section] {
        let linear = models.first { $0.model == .linear }
        let data = models.first?.data
        let count = data?.original.count ?? 0
        let mx = data.map { number($0.xScale.mean, 2) } ?? "", sx = data.map { number($0.xScale.standardDeviation, 2) } ?? ""
        let my = data.map { number($0.yScale.mean, 2) } ?? "", sy = data.map { number($0.yScale.standardDeviation, 2) } ?? ""
        let linearLine = linear.map { model -> String in
            let text = language.text
            return EquationText(notation: .typographic, decimalSeparator: language.decimalSeparator).originalUnits(
                model: model.model, parameters: model.optimum, xScale: model.data.xScale, yScale: model.data.yScale,
                xName: text.variableName(model.data.original.xName), yName: text.variableName(model.data.original.yName))
        } ?? ""
        if english {
            return [
                Section(heading: "1. The data", introduction: "\(count) people, weight in kg and height in cm. Both are z-scored with the population standard deviation: weight mean \(mx), std \(sx); height mean \(my), std \(sy). The least-squares line in centimetres is \(linearLine).", stems: ["fit-linear"]),
                Section(heading: "2. Why normalisation matters", introduction: "Gradient descent on raw kilograms and on z-scores, with the Hessian's eigenvalues and the stable step limit.", stems: ["normalization-linear"]),
                Section(heading: "3. Training the linear model", introduction: "Stochastic gradient descent as in the notebook: one update per person, shuffled every epoch.", stems: ["training-linear", "loss-linear"]),
                Section(heading: "4. The loss landscape and the path", introduction: "The exact MSE over the parameters and the way the optimizer walked; one slice with its tangent.", stems: ["landscape-linear", "slice-linear"]),
                Section(heading: "5. The cubic model", introduction: "The cubic model stops at the first epoch whose MSE does not decrease.", stems: ["training-cubic", "loss-cubic", "fit-cubic", "landscape-cubic", "slice-cubic"]),
                Section(heading: "6. Linear vs cubic", introduction: "Both models over the data, and the per-person errors in centimetres.", stems: ["fit-both", "loss-both", "compare-models"]),
                Section(heading: "7. A gradient step by hand", introduction: "The slides' worked example, every number computed.", stems: ["step-lecture"]),
                Section(heading: "8. Learning rates and optimizers", introduction: "What the step size does, and how other optimizers walk the same surface.", stems: ["lr-sweep-linear", "lr-sweep-cubic", "compare-optimizers"]),
            ]
        }
        return [
            Section(heading: "1. Data", introduction: "\(count) henkilöä, paino kilogrammoina ja pituus senttimetreinä. Molemmat z-normalisoidaan populaation keskihajonnalla: painon keskiarvo \(mx), keskihajonta \(sx); pituuden keskiarvo \(my), keskihajonta \(sy). Pienimmän neliösumman suora senttimetreinä on \(linearLine).", stems: ["fit-linear"]),
            Section(heading: "2. Miksi normalisointi auttaa", introduction: "Gradienttimenetelmä kilogrammoilla ja z-arvoilla, Hessen matriisin ominaisarvot ja vakaan askeleen raja.", stems: ["normalization-linear"]),
            Section(heading: "3. Lineaarisen mallin opetus", introduction: "Stokastinen gradienttimenetelmä kuten muistiossa: yksi päivitys henkilöä kohden, järjestys sekoitetaan joka epookilla.", stems: ["training-linear", "loss-linear"]),
            Section(heading: "4. Häviöpinta ja polku", introduction: "Tarkka MSE parametrien funktiona ja optimoijan kulkema polku; yksi leikkaus tangentteineen.", stems: ["landscape-linear", "slice-linear"]),
            Section(heading: "5. Kuutiollinen malli", introduction: "Kuutiollinen malli pysähtyy ensimmäiseen epookkiin, jolla MSE ei pienene.", stems: ["training-cubic", "loss-cubic", "fit-cubic", "landscape-cubic", "slice-cubic"]),
            Section(heading: "6. Lineaarinen vai kuutiollinen", introduction: "Molemmat mallit datan päällä ja henkilökohtaiset virheet senttimetreinä.", stems: ["fit-both", "loss-both", "compare-models"]),
            Section(heading: "7. Gradienttiaskel käsin", introduction: "Kalvojen laskuesimerkki, jokainen luku laskettuna.", stems: ["step-lecture"]),
            Section(heading: "8. Oppimisnopeus ja optimoijat", introduction: "Mitä askeleen pituus tekee ja miten muut optimoijat kulkevat saman pinnan.", stems: ["lr-sweep-linear", "lr-sweep-cubic", "compare-optimizers"]),
        ]
    }

    private var title: String { english ? "Gradient descent: the lecture kit" : "Gradienttimenetelmä: luentopaketti" }

    private func number(_ value: Double, _ decimals: Int) -> String {
        language.typeset(String(format: "%.\(decimals)f", value))
    }

    private func figure(_ stem: String) -> KitRenderedFigure? { figures.first { $0.job.stem == stem } }

    /// Figures in report order: those of the sections first, then any others.
    var orderedFigures: [KitRenderedFigure] {
        let listed = sections.flatMap(\.stems).compactMap(figure)
        let rest = figures.filter { rendered in !listed.contains { $0.job.stem == rendered.job.stem } }
        return listed + rest
    }

    /// The per-person table: rows of label, x, y, and each model's prediction and error.
    private var tableRows: (header: [String], rows: [[String]]) {
        guard let first = models.first else { return ([], []) }
        let data = first.data.original
        let text = language.text
        var header = [english ? "name" : "nimi", text.columnLabel(data.xName), text.columnLabel(data.yName)]
        for model in models {
            let name = text.modelName(model.model.name)
            header += ["\(name): \(text.prediction)", "\(name): \(text.error)"]
        }
        let predictions = models.map(\.predictions)
        let rows = data.x.indices.map { index -> [String] in
            var row = [data.labels?[index] ?? "\(index + 1)", number(data.x[index], 0), number(data.y[index], 0)]
            for modelPredictions in predictions {
                row += [number(modelPredictions[index], 1), number(data.y[index] - modelPredictions[index], 1)]
            }
            return row
        }
        return (header, rows)
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
                lines += ["![\(rendered.figure.title ?? rendered.job.stem)](\(rendered.pngPath))", "", rendered.caption, ""]
            }
            if section.stems.contains("compare-models") {
                lines += markdownTable() + [""]
            }
        }
        return lines.joined(separator: "\n")
    }

    private func markdownTable() -> [String] {
        let (header, rows) = tableRows
        guard !header.isEmpty else { return [] }
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines
    }

    // MARK: HTML

    /// The self-contained HTML page: figures embedded as data URIs, no external resources.
    func html() throws -> String {
        var body = "<h1>\(escape(title))</h1>\n"
        body += try KitExplorer(models: models, language: language, configuration: configuration).html()
        for section in sections {
            let shown = section.stems.compactMap(figure)
            guard !shown.isEmpty else { continue }
            body += "<section>\n<h2>\(escape(section.heading))</h2>\n<p>\(escape(section.introduction))</p>\n"
            for rendered in shown {
                body += "<figure><img src=\"data:image/png;base64,\(rendered.png.base64EncodedString())\" alt=\"\(escape(rendered.figure.title ?? rendered.job.stem))\">"
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

    private func htmlTable() -> String {
        let (header, rows) = tableRows
        guard !header.isEmpty else { return "" }
        var html = "<table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        return html + "</table>\n"
    }

    // MARK: Handout

    /// Writes the handout: a title page, then one figure per page with its caption. Returns the page count.
    func handout(to url: URL) throws -> Int {
        let document = try PDFDocument(title: title)
        let style = FigureStyle(theme: .light, language: language, size: configuration.figures.size, dpi: configuration.figures.dpi)
        let cover = style.makeFigure()
        cover.removePanels()
        cover.title = title
        cover.subtitle = english ? "Figures, numbers and captions for the lecture" : "Luennon kuvat, luvut ja kuvatekstit"
        cover.caption = sections.map { "\($0.heading): \($0.introduction)" }.joined(separator: "\n")
        try document.addPage(cover)
        for rendered in orderedFigures {
            let previous = rendered.figure.caption
            rendered.figure.caption = rendered.caption
            try document.addPage(rendered.figure)
            rendered.figure.caption = previous
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
