import CCairo

/// A thin owning wrapper over a `cairo_t` drawing into a `CairoSurface`.
///
/// The status is checked after creation; the context is destroyed in `deinit` and keeps its
/// surface alive while it exists.
final class CairoContext {
    /// The owned `cairo_t *`.
    let pointer: OpaquePointer
    /// The target surface, retained for the context's lifetime.
    let surface: CairoSurface

    /// Creates a context drawing into `surface`.
    init(surface: CairoSurface) throws {
        guard let context = cairo_create(surface.pointer) else {
            throw PlottingError.cairo(operation: "create a drawing context", message: "no context")
        }
        self.pointer = context
        self.surface = surface
        let status = cairo_status(context)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(context)
            throw PlottingError.cairo(operation: "create a drawing context", message: CairoSurface.message(for: status))
        }
    }

    deinit {
        cairo_destroy(pointer)
    }

    /// Throws when the context is in an error state (e.g. after invalid drawing input).
    func check(_ operation: String) throws {
        let status = cairo_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            throw PlottingError.cairo(operation: operation, message: CairoSurface.message(for: status))
        }
    }
}
