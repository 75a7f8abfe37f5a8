import Foundation

/// A function the surface language knows: `sin cos tan exp log sqrt abs tanh`.
public enum SurfaceFunction: String, Sendable, CaseIterable, Hashable {
    case sin, cos, tan, exp, log, sqrt, abs, tanh

    /// `f(u)` in plain doubles (the same calls as ``SecondOrderDual/applying(_:)``).
    @inline(__always)
    func apply(_ u: Double) -> Double {
        switch self {
        case .sin: return Foundation.sin(u)
        case .cos: return Foundation.cos(u)
        case .tan: return Foundation.tan(u)
        case .exp: return Foundation.exp(u)
        case .log: return Foundation.log(u)
        case .sqrt: return u.squareRoot()
        case .abs: return Swift.abs(u)
        case .tanh: return Foundation.tanh(u)
        }
    }
}

/// The syntax tree of a surface formula, before it is compiled to a ``SurfaceProgram``.
indirect enum SurfaceNode: Equatable {
    case number(Double)
    case x
    case y
    case negate(SurfaceNode)
    case add(SurfaceNode, SurfaceNode)
    case subtract(SurfaceNode, SurfaceNode)
    case multiply(SurfaceNode, SurfaceNode)
    case divide(SurfaceNode, SurfaceNode)
    case power(SurfaceNode, SurfaceNode)
    case call(SurfaceFunction, SurfaceNode)

    /// The node's value when it depends on neither `x` nor `y` (so it can be folded to a number).
    var constantValue: Double? {
        switch self {
        case .number(let value): return value
        case .x, .y: return nil
        case .negate(let a): return a.constantValue.map { -$0 }
        case let .add(a, b): return Self.both(a, b) { $0 + $1 }
        case let .subtract(a, b): return Self.both(a, b) { $0 - $1 }
        case let .multiply(a, b): return Self.both(a, b) { $0 * $1 }
        case let .divide(a, b): return Self.both(a, b) { $0 / $1 }
        case let .power(a, b): return Self.both(a, b) { $1 == 2 ? $0 * $0 : Foundation.pow($0, $1) }
        case let .call(function, a): return a.constantValue.map(function.apply)
        }
    }

    private static func both(_ a: SurfaceNode, _ b: SurfaceNode, _ combine: (Double, Double) -> Double) -> Double? {
        guard let left = a.constantValue, let right = b.constantValue else { return nil }
        return combine(left, right)
    }
}

/// Reads a formula in `x` and `y` into a ``SurfaceNode`` tree.
///
/// The grammar, loosest binding first:
///
/// ```
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/') unary)*
/// unary   := ('-' | '+') unary | power
/// power   := atom ('^' unary)?          right-associative, tighter than unary minus
/// atom    := number | 'x' | 'y' | 'pi' | 'e' | function '(' sum ')' | '(' sum ')'
/// number  := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits], or '.' digits …
/// ```
///
/// so `-x^2` is `-(x²)`, `2^3^2` is `2^9` and `x^-2` is `x^(−2)`. Errors are
/// ``TrainingError/invalidSurface(problem:column:text:)`` with the 1-based column of the character
/// where reading failed.
struct SurfaceParser {
    /// The constants the language knows, by name.
    static let constants: [(name: String, value: Double)] = [("pi", Double.pi), ("e", M_E)]

    /// The deepest nesting of parentheses, unary signs and powers read (deeper input is refused
    /// rather than exhausting the stack).
    static let maximumDepth = 200

    private let text: String
    private let characters: [Character]
    private var position = 0
    private var depth = 0

    init(_ text: String) {
        self.text = text
        characters = Array(text)
    }

    /// Parses the whole text.
    static func parse(_ text: String) throws -> SurfaceNode {
        var parser = SurfaceParser(text)
        parser.skipSpaces()
        guard parser.position < parser.characters.count else {
            throw TrainingError.invalidSurface(problem: "the formula is empty; give an expression in x and y such as x^2 + 10*y^2, or a surface name", column: nil, text: text)
        }
        let node = try parser.sum()
        parser.skipSpaces()
        if parser.position < parser.characters.count {
            let character = parser.characters[parser.position]
            if character == ")" {
                throw parser.failure("unmatched ')'")
            }
            throw parser.failure("unexpected '\(character)' after a complete expression; join the parts with an operator such as + or *")
        }
        return node
    }

    private func failure(_ problem: String, at column: Int? = nil) -> TrainingError {
        TrainingError.invalidSurface(problem: problem, column: column ?? position + 1, text: text)
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    /// The next non-space character, without consuming it.
    private mutating func peek() -> Character? {
        skipSpaces()
        return position < characters.count ? characters[position] : nil
    }

    private mutating func sum() throws -> SurfaceNode {
        try leftAssociative(["+": SurfaceNode.add, "-": SurfaceNode.subtract]) { try $0.product() }
    }

    private mutating func product() throws -> SurfaceNode {
        try leftAssociative(["*": SurfaceNode.multiply, "/": SurfaceNode.divide]) { try $0.unary() }
    }

    /// `operand (op operand)*` folded to the left, for the operators `operators` of one level.
    private mutating func leftAssociative(_ operators: [Character: (SurfaceNode, SurfaceNode) -> SurfaceNode],
                                          _ operand: (inout SurfaceParser) throws -> SurfaceNode) throws -> SurfaceNode {
        var node = try operand(&self)
        while let next = peek(), let combine = operators[next] {
            position += 1
            node = combine(node, try operand(&self))
        }
        return node
    }

    private mutating func unary() throws -> SurfaceNode {
        // Every nesting (a parenthesis, a sign, a power's exponent) passes through here.
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw failure("the formula nests parentheses, signs or powers more than \(Self.maximumDepth) deep; write it more simply")
        }
        if let next = peek(), next == "-" || next == "+" {
            position += 1
            let operand = try unary()
            return next == "-" ? .negate(operand) : operand
        }
        return try power()
    }

    private mutating func power() throws -> SurfaceNode {
        let base = try atom()
        if peek() == "^" {
            position += 1
            return .power(base, try unary())
        }
        return base
    }

    private mutating func atom() throws -> SurfaceNode {
        guard let next = peek() else {
            throw failure("expected a number, x, y, a function or '(' at the end of the formula")
        }
        let start = position
        if next == "(" {
            position += 1
            return try parenthesized(closing: "the '(' at column \(start + 1)")
        }
        if next.isASCII, next.isNumber || next == "." {
            return .number(try number())
        }
        if next.isLetter || next == "_" {
            while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            let word = String(characters[start..<position])
            if let function = SurfaceFunction(rawValue: word) {
                guard peek() == "(" else {
                    throw failure("the function '\(word)' needs its argument in parentheses, such as \(word)(x)", at: start + 1)
                }
                position += 1
                return .call(function, try parenthesized(closing: "\(word)( at column \(start + 1)"))
            }
            switch word {
            case "x": return .x
            case "y": return .y
            default: break
            }
            if let constant = Self.constants.first(where: { $0.name == word }) { return .number(constant.value) }
            if peek() == "(" {
                throw failure("unknown function '\(word)'; functions: \(SurfaceFunction.allCases.map(\.rawValue).joined(separator: ", "))", at: start + 1)
            }
            throw failure("unknown surface or variable '\(word)'; surfaces: \(NamedSurface.allCases.map(\.rawValue).joined(separator: ", ")); "
                          + "variables: x, y; constants: pi, e", at: start + 1)
        }
        if [")", "*", "/", "^", "+"].contains(next) {
            throw failure("expected a number, x, y, a function or '(' before '\(next)'")
        }
        throw failure("unexpected character '\(next)'; a formula uses numbers, x, y, + - * / ^, parentheses and the functions \(SurfaceFunction.allCases.map(\.rawValue).joined(separator: " "))")
    }

    /// The sum after an opening parenthesis and its `)`; `opening` names the parenthesis for the error.
    private mutating func parenthesized(closing opening: String) throws -> SurfaceNode {
        let inner = try sum()
        guard peek() == ")" else {
            let found = position < characters.count ? "found '\(characters[position])'" : "reached the end of the formula"
            throw failure("expected ')' to close \(opening), but \(found)")
        }
        position += 1
        return inner
    }

    /// A decimal number: digits with an optional fraction and exponent (`2`, `.5`, `1e-3`, `2.5E+4`).
    private mutating func number() throws -> Double {
        let start = position
        func digits() -> Int {
            var count = 0
            while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                position += 1
                count += 1
            }
            return count
        }
        var count = digits()
        if position < characters.count, characters[position] == "." {
            position += 1
            count += digits()
        }
        var malformed = count == 0
        if position < characters.count, characters[position] == "e" || characters[position] == "E" {
            // An exponent only when digits follow (so `2e` is an error, not 2 times the constant e).
            position += 1
            if position < characters.count, characters[position] == "+" || characters[position] == "-" { position += 1 }
            if digits() == 0 { malformed = true }
        }
        // A second point or letters glued to the number (`1.2.3`, `3x`) make it malformed too.
        while position < characters.count, characters[position] == "." || characters[position].isLetter
                || (characters[position].isASCII && characters[position].isNumber) {
            position += 1
            malformed = true
        }
        let literal = String(characters[start..<position])
        guard !malformed, let value = Double(literal), value.isFinite else {
            let hint = literal.last?.isLetter == true && !literal.contains("e") && !literal.contains("E")
                ? "; write a product with *, such as 3*x" : "; numbers look like 2, 0.5, .5 or 1e-3"
            throw failure("malformed number '\(literal)'\(hint)", at: start + 1)
        }
        return value
    }
}
