import CCairo
import CFontFaces
import Synchronization

/// The text faces of one Cairo surface: DejaVu Sans, regular and bold, over FreeType faces that
/// no other surface uses at the same time.
///
/// **Why.** With Cairo's toy font API every context shares one font face and so one scaled
/// font per size, and Cairo holds a scaled font's lock while it turns text into glyphs,
/// measures them or composites them. Two threads drawing figures at once waited on each
/// other's text that way: about 0.4 s of the kit's two cores stood idle in those locks.
/// Each set here is a face of its own (`descent_font_face_create`: the file and the options
/// the toy face resolves to, so every glyph, metric and PDF font is the same), and a surface
/// holds one set from its creation to its end, so one PDF document uses one face throughout.
/// Sets go back to a pool and are reused, with their glyph caches warm.
final class FontFaceSet: @unchecked Sendable {
    // @unchecked: the two faces are immutable references that Cairo itself synchronises; the set
    // is used by one surface at a time (handed out and taken back through the pool's lock).

    /// The regular weight.
    let regular: OpaquePointer
    /// The bold weight.
    let bold: OpaquePointer

    private init(regular: OpaquePointer, bold: OpaquePointer) {
        self.regular = regular
        self.bold = bold
    }

    /// The family every figure's text is set in.
    static let family = "DejaVu Sans"

    /// Sets not in use.
    private static let free = Mutex<[FontFaceSet]>([])

    /// A set no other surface holds: the last one given back, else a new one; nil when the
    /// faces cannot be made (no font file matched: Cairo's toy face is used instead).
    static func checkOut() -> FontFaceSet? {
        if let set = free.withLock({ $0.popLast() }) { return set }
        guard let regular = descent_font_face_create(family, 0) else { return nil }
        guard let bold = descent_font_face_create(family, 1) else {
            cairo_font_face_destroy(regular)
            return nil
        }
        return FontFaceSet(regular: regular, bold: bold)
    }

    /// Gives `set` back for the next surface.
    static func checkIn(_ set: FontFaceSet) {
        free.withLock { $0.append(set) }
    }
}
