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
}
