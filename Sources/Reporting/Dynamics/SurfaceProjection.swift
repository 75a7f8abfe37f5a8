import Foundation

/// An orthographic camera looking at the unit box of a 3-D surface.
///
/// The camera sits in direction `c = (cos e·cos a, cos e·sin a, sin e)` from the origin, with
/// elevation `e` and azimuth `a` (degrees, as matplotlib's `view_init`). A point `P = (X, Y, Z)`
/// projects to screen coordinates and a depth
///
///     u = r·P,   v = s·P,   depth = c·P,
///     r = (−sin a, cos a, 0)                       (screen right)
///     s = (−sin e·cos a, −sin e·sin a, cos e)      (screen up)
///
/// `r`, `s`, `c` are orthonormal; a larger depth is nearer the camera (drawn later by the painter's
/// algorithm).
struct SurfaceProjection: Sendable, Equatable {
    /// The elevation in degrees.
    let elevation: Double
    /// The azimuth in degrees.
    let azimuth: Double

    /// `(u, v, depth)` of `(x, y, z)`.
    func project(x: Double, y: Double, z: Double) -> (u: Double, v: Double, depth: Double) {
        let e = elevation * .pi / 180, a = azimuth * .pi / 180
        let (sinE, cosE, sinA, cosA) = (sin(e), cos(e), sin(a), cos(a))
        return (u: -sinA * x + cosA * y,
                v: -sinE * cosA * x - sinE * sinA * y + cosE * z,
                depth: cosE * cosA * x + cosE * sinA * y + sinE * z)
    }

    /// The unit vector toward the camera.
    var towardCamera: (x: Double, y: Double, z: Double) {
        let e = elevation * .pi / 180, a = azimuth * .pi / 180
        return (cos(e) * cos(a), cos(e) * sin(a), sin(e))
    }
}
