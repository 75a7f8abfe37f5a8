import Foundation

/// A value of a function of `(x, y)` with its exact gradient and Hessian: forward-mode automatic
/// differentiation to second order.
///
/// `value` is `f`, `(gx, gy)` is `∇f` and `(hxx, hxy, hyy)` the symmetric Hessian `∇²f`. Every
/// operation applies the chain rule to all six numbers at once, so a formula evaluated on duals
/// gives its derivatives to rounding error, never by finite differences. The value is computed
/// by exactly the same floating-point operations as the plain `Double` evaluation of
/// ``SurfaceProgram``, so the loss of a descent step equals the grid's value at the same point.
public struct SecondOrderDual: Sendable, Equatable {
    /// `f`.
    public var value: Double
    /// `∂f/∂x`.
    public var gx: Double
    /// `∂f/∂y`.
    public var gy: Double
    /// `∂²f/∂x²`.
    public var hxx: Double
    /// `∂²f/∂x∂y`.
    public var hxy: Double
    /// `∂²f/∂y²`.
    public var hyy: Double

    /// A dual from all six numbers.
    public init(value: Double, gx: Double = 0, gy: Double = 0, hxx: Double = 0, hxy: Double = 0, hyy: Double = 0) {
        self.value = value
        self.gx = gx
        self.gy = gy
        self.hxx = hxx
        self.hxy = hxy
        self.hyy = hyy
    }

    /// The variable `x` at `x`: gradient `(1, 0)`.
    static func x(_ x: Double) -> SecondOrderDual { SecondOrderDual(value: x, gx: 1) }
    /// The variable `y` at `y`: gradient `(0, 1)`.
    static func y(_ y: Double) -> SecondOrderDual { SecondOrderDual(value: y, gy: 1) }

    /// The Euclidean norm of the gradient.
    public var gradientNorm: Double { (gx * gx + gy * gy).squareRoot() }

    /// `φ(self)` whose value is `value` (computed by the caller exactly as the plain evaluation
    /// does) with `φ' = first`, `φ'' = second`: `∇φ = φ'·∇u`, `∇²φ = φ'·∇²u + φ''·∇u∇uᵀ`.
    @inline(__always)
    func chained(value: Double, first: Double, second: Double) -> SecondOrderDual {
        SecondOrderDual(value: value, gx: first * gx, gy: first * gy,
                        hxx: first * hxx + second * gx * gx,
                        hxy: first * hxy + second * gx * gy,
                        hyy: first * hyy + second * gy * gy)
    }

    static func + (a: SecondOrderDual, b: SecondOrderDual) -> SecondOrderDual {
        SecondOrderDual(value: a.value + b.value, gx: a.gx + b.gx, gy: a.gy + b.gy,
                        hxx: a.hxx + b.hxx, hxy: a.hxy + b.hxy, hyy: a.hyy + b.hyy)
    }

    static func - (a: SecondOrderDual, b: SecondOrderDual) -> SecondOrderDual {
        SecondOrderDual(value: a.value - b.value, gx: a.gx - b.gx, gy: a.gy - b.gy,
                        hxx: a.hxx - b.hxx, hxy: a.hxy - b.hxy, hyy: a.hyy - b.hyy)
    }

    static prefix func - (a: SecondOrderDual) -> SecondOrderDual {
        SecondOrderDual(value: -a.value, gx: -a.gx, gy: -a.gy, hxx: -a.hxx, hxy: -a.hxy, hyy: -a.hyy)
    }

    /// The product rule: `∇(uv) = u∇v + v∇u`, `∇²(uv) = u∇²v + v∇²u + ∇u∇vᵀ + ∇v∇uᵀ`.
    static func * (a: SecondOrderDual, b: SecondOrderDual) -> SecondOrderDual {
        SecondOrderDual(value: a.value * b.value,
                        gx: a.value * b.gx + b.value * a.gx,
                        gy: a.value * b.gy + b.value * a.gy,
                        hxx: a.value * b.hxx + b.value * a.hxx + 2 * a.gx * b.gx,
                        hxy: a.value * b.hxy + b.value * a.hxy + a.gx * b.gy + a.gy * b.gx,
                        hyy: a.value * b.hyy + b.value * a.hyy + 2 * a.gy * b.gy)
    }

    /// The quotient `q = u/v` from `u = q·v`: `∇q = (∇u − q∇v)/v`,
    /// `∇²q = (∇²u − q∇²v − ∇q∇vᵀ − ∇v∇qᵀ)/v`.
    static func / (a: SecondOrderDual, b: SecondOrderDual) -> SecondOrderDual {
        let q = a.value / b.value
        let qx = (a.gx - q * b.gx) / b.value
        let qy = (a.gy - q * b.gy) / b.value
        return SecondOrderDual(value: q, gx: qx, gy: qy,
                               hxx: (a.hxx - q * b.hxx - 2 * qx * b.gx) / b.value,
                               hxy: (a.hxy - q * b.hxy - qx * b.gy - qy * b.gx) / b.value,
                               hyy: (a.hyy - q * b.hyy - 2 * qy * b.gy) / b.value)
    }

    /// `u²` (the value `u·u`, as the plain evaluation computes it).
    func squared() -> SecondOrderDual { chained(value: value * value, first: 2 * value, second: 2) }

    /// `u^c` for a constant `c`: `φ' = c·u^(c−1)`, `φ'' = c(c−1)·u^(c−2)`.
    func power(_ c: Double) -> SecondOrderDual {
        chained(value: Foundation.pow(value, c), first: c * Foundation.pow(value, c - 1),
                second: c * (c - 1) * Foundation.pow(value, c - 2))
    }

    /// `a^b` with both varying: the partials of `f(a, b) = a^b` are `f_a = b·a^(b−1)`,
    /// `f_b = a^b·ln a`, `f_aa = b(b−1)·a^(b−2)`, `f_ab = a^(b−1)(1 + b·ln a)`, `f_bb = a^b·(ln a)²`,
    /// composed by the two-argument chain rule.
    static func power(_ a: SecondOrderDual, _ b: SecondOrderDual) -> SecondOrderDual {
        let u = a.value, w = b.value
        let value = Foundation.pow(u, w)
        let logU = Foundation.log(u)
        let fa = w * Foundation.pow(u, w - 1), fb = value * logU
        let faa = w * (w - 1) * Foundation.pow(u, w - 2)
        let fab = Foundation.pow(u, w - 1) * (1 + w * logU)
        let fbb = value * logU * logU
        return SecondOrderDual(
            value: value,
            gx: fa * a.gx + fb * b.gx,
            gy: fa * a.gy + fb * b.gy,
            hxx: fa * a.hxx + fb * b.hxx + faa * a.gx * a.gx + 2 * fab * a.gx * b.gx + fbb * b.gx * b.gx,
            hxy: fa * a.hxy + fb * b.hxy + faa * a.gx * a.gy + fab * (a.gx * b.gy + b.gx * a.gy) + fbb * b.gx * b.gy,
            hyy: fa * a.hyy + fb * b.hyy + faa * a.gy * a.gy + 2 * fab * a.gy * b.gy + fbb * b.gy * b.gy)
    }

    /// `function(u)` with its first and second derivatives.
    func applying(_ function: SurfaceFunction) -> SecondOrderDual {
        let u = value
        switch function {
        case .sin:
            let s = Foundation.sin(u)
            return chained(value: s, first: Foundation.cos(u), second: -s)
        case .cos:
            let c = Foundation.cos(u)
            return chained(value: c, first: -Foundation.sin(u), second: -c)
        case .tan:
            let t = Foundation.tan(u)
            let d = 1 + t * t
            return chained(value: t, first: d, second: 2 * t * d)
        case .exp:
            let e = Foundation.exp(u)
            return chained(value: e, first: e, second: e)
        case .log:
            return chained(value: Foundation.log(u), first: 1 / u, second: -1 / (u * u))
        case .sqrt:
            let s = u.squareRoot()
            return chained(value: s, first: 0.5 / s, second: -0.25 / (s * s * s))
        case .abs:
            return chained(value: Swift.abs(u), first: u > 0 ? 1 : (u < 0 ? -1 : 0), second: 0)
        case .tanh:
            let t = Foundation.tanh(u)
            let d = 1 - t * t
            return chained(value: t, first: d, second: -2 * t * d)
        }
    }
}
