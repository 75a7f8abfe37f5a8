import Foundation
import Training

/// The words of `landscape --surface`.
extension LectureText {
    /// The named surface as a title names it.
    func surfaceName(_ surface: NamedSurface) -> String {
        switch surface {
        case .rosenbrock: return "Rosenbrock"
        case .beale: return "Beale"
        case .himmelblau: return "Himmelblau"
        case .saddle: return pick("Saddle", "Satula")
        case .rastrigin: return "Rastrigin"
        case .styblinskiTang: return "Styblinski–Tang"
        }
    }

    /// "Rosenbrock: f(x, y) = (1 − x)² + 100·(y − x²)²", or "f(x, y) = …" for a formula.
    func surfaceTitle(name: String?, formula: String) -> String {
        let equation = "f(x, y) = \(formula)"
        return name.map { "\($0): \(equation)" } ?? equation
    }

    /// A formula in the figure's typography: superscript small powers, `·` for `*`, `−` for minus,
    /// `π` for `pi`, the language's decimal separator; cut to 80 characters with "…".
    func surfaceFormula(_ formula: String, language: Language) -> String {
        var text = ""
        let characters = Array(formula)
        var index = 0
        let superscripts: [Character: String] = ["2": "²", "3": "³", "4": "⁴"]
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let afterNext = index + 2 < characters.count ? characters[index + 2] : nil
            if character == "^", let next, let superscript = superscripts[next],
               afterNext.map({ !($0.isNumber || $0 == ".") }) ?? true {
                text += superscript
                index += 2
                continue
            }
            if character == "p", next == "i", !(text.last?.isLetter ?? false), afterNext.map({ !$0.isLetter }) ?? true {
                text += "π"
                index += 2
                continue
            }
            switch character {
            case "*": text += "·"
            case "-": text += "\u{2212}"
            case ".": text += language.decimalSeparator
            default: text.append(character)
            }
            index += 1
        }
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }

    /// The colourbar of a surface: the function and its scale.
    func surfaceColorbar(logScale: Bool) -> String {
        logScale ? pick("f(x, y), log scale", "f(x, y), logaritminen asteikko")
            : pick("f(x, y), linear scale", "f(x, y), lineaarinen asteikko")
    }

    /// The legend of the named surface's minima.
    func knownMinima(count: Int) -> String {
        count == 1 ? pick("known minimum", "tunnettu minimi") : pick("known minima", "tunnetut minimit")
    }

    /// The legend of the global minimum (or minima) beside local ones.
    func globalMinimum(count: Int) -> String {
        count == 1 ? pick("global minimum", "globaali minimi") : pick("global minima", "globaalit minimit")
    }

    /// The legend of local minima that are not global.
    func localMinima(count: Int) -> String {
        count == 1 ? pick("local minimum", "paikallinen minimi") : pick("local minima", "paikalliset minimit")
    }

    /// The legend of a saddle point.
    var saddlePoint: String { pick("saddle point", "satulapiste") }

    /// "final f = 0.0032 at (0.94, 0.89)".
    func surfaceFinal(value: String, point: String) -> String {
        pick("final f = \(value) at \(point)", "lopussa f = \(value) pisteessä \(point)")
    }

    /// "blank where f is not defined: 12.5 % of the grid".
    func surfaceBlank(percent: String) -> String {
        pick("blank where f is undefined: \(percent) % of the grid", "tyhjä, missä f ei ole määritelty: \(percent) % ruudukosta")
    }

    // The 3-D surface, the gradient field, the comparison and the frames of a surface.

    /// The 3-D surface's subtitle: the window, what the height shows, the markers and the camera.
    func surfaceMeshSubtitle(xRange: (String, String), yRange: (String, String), logScale: Bool, minima: Bool,
                             elevation: String, azimuth: String) -> String {
        let height = surfaceHeight(logScale: logScale)
        let markers = minima ? pick("■ start, ● end, ◆ global minimum", "■ alku, ● loppu, ◆ globaali minimi")
            : pick("■ start, ● end", "■ alku, ● loppu")
        return pick("x from \(xRange.0) to \(xRange.1), y from \(yRange.0) to \(yRange.1); \(height); contours on the floor; \(markers); camera: elevation \(elevation)°, azimuth \(azimuth)°",
                    "x välillä \(xRange.0) … \(xRange.1), y välillä \(yRange.0) … \(yRange.1); \(height); tasa-arvokäyrät lattialla; \(markers); kamera: korkeus \(elevation)°, atsimuutti \(azimuth)°")
    }

    /// What the 3-D surface's height and colour show.
    func surfaceHeight(logScale: Bool) -> String {
        logScale ? pick("height and colour: log₁₀ f (log scale)", "korkeus ja väri: log₁₀ f (logaritminen asteikko)")
            : pick("height and colour: f (linear scale)", "korkeus ja väri: f (lineaarinen asteikko)")
    }

    /// The gradient field's title over a surface's title.
    func surfaceGradientFieldTitle(_ surfaceTitle: String) -> String {
        pick("Which way −∇f pushes on \(surfaceTitle)", "Mihin −∇f työntää: \(surfaceTitle)")
    }

    /// The gradient field's subtitle: arrows of one length, colour for the size; the Hessian at the end.
    func surfaceGradientFieldSubtitle(end: String, saddle: Bool) -> String {
        let arrows = pick("Arrows: the direction of −∇f, all one length; colour: |∇f| on a log scale",
                          "Nuolet: −∇f:n suunta, kaikki yhtä pitkiä; väri: |∇f| logaritmisella asteikolla")
        let hessian = pick("v₁, v₂: eigenvectors of the exact Hessian at the end (x, y) = \(end)",
                           "v₁, v₂: tarkan Hessen matriisin ominaisvektorit lopussa (x, y) = \(end)")
        let kind = saddle ? pick(" (λ of mixed signs: a saddle)", " (λ:t erimerkkiset: satulapiste)") : ""
        return "\(arrows)  ·  \(hessian)\(kind)"
    }

    /// The colourbar of the arrows' colour.
    var gradientNormColorbar: String { pick("|∇f| at the arrow's tail, log scale", "|∇f| nuolen alussa, logaritminen asteikko") }

    /// "v₁: λ₁ = 1002 (curves up)" for an eigenvector of the Hessian.
    func surfaceEigenvectorLabel(index: Int, lambda: String, positive: Bool) -> String {
        let subscripted = LandscapePlane.displayName("\(index)")
        let shape = positive ? pick("curves up", "kaareutuu ylös") : pick("curves down", "kaareutuu alas")
        return "v\(subscripted): λ\(subscripted) = \(lambda) (\(shape))"
    }

    /// The comparison's title over a surface's title.
    func surfaceCompareTitle(_ surfaceTitle: String) -> String {
        pick("Optimizers on \(surfaceTitle)", "Optimointimenetelmät: \(surfaceTitle)")
    }

    /// The comparison's subtitle: the common start and epochs, the halving rule.
    func surfaceCompareSubtitle(start: String, epochs: Int) -> String {
        pick("same start \(start), every optimizer runs all \(epochs) epochs (one update each); a learning rate that diverged is halved until the run stays finite",
             "sama alku \(start), jokainen ajetaan kaikki \(epochs) epookkia (yksi päivitys kussakin); hajaantuva oppimisnopeus puolitetaan, kunnes ajo pysyy äärellisenä")
    }

    /// "adam (β₁ = 0.9, β₂ = 0.999), η = 0.01: final f 0.0032".
    func surfaceOptimizerEntry(optimizer: String, learningRate: String, value: String) -> String {
        pick("\(optimizer), η = \(learningRate): final f \(value)", "\(optimizer), η = \(learningRate): lopussa f \(value)")
    }

    /// "start: f 24.2".
    func startingValue(_ value: String) -> String { pick("start: f \(value)", "alku: f \(value)") }

    /// The x label of f by epoch.
    var epochLogScale: String { pick("epoch (log scale)", "epookki (log-asteikko)") }

    /// The comparison's second panel: f against epochs.
    var surfaceValueByEpoch: String { pick("f by epoch", "f epookeittain") }

    /// A surface frame's title: "Epoch 12 | f(0.93, 0.87) = 0.0048".
    func surfaceFrameTitle(epoch: Int, point: String, value: String) -> String {
        "\(epochCapitalized) \(epoch) | f\(point) = \(value)"
    }
}
