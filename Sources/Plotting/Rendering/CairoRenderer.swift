import CCairo
import Foundation

/// The `Renderer` that draws through Cairo, onto an image, SVG or PDF surface.
///
/// Text is DejaVu Sans, from the surface's own faces (`FontFaceSet`: what Cairo's toy font API
/// would draw, without a lock shared with other threads' surfaces; the toy face when they cannot
/// be made), with metric hinting switched off, so the same text measures the same on every
/// surface (raster and vector layouts agree).
public final class CairoRenderer: Renderer {
    /// The wrapped context.
    let context: CairoContext
    /// On vector pages: strokes are thinned to this many device pixels first (as `SVGRenderer`
    /// thins them), so a dense contour or curve is not written point by point. nil on images.
    var strokeTolerance: Double?

    /// Creates a renderer over a context; `scale` maps device units to the surface's units
    /// (1 for images, `72 / dpi` for vector pages in points).
    init(context: CairoContext, scale: Double = 1) {
        self.context = context
        let cr = context.pointer
        if scale != 1 { cairo_scale(cr, scale, scale) }
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_set_font_options(cr, options)
            cairo_font_options_destroy(options)
        }
    }

    /// A renderer drawing straight into `raster`.
    convenience init(raster: Raster) throws {
        let surface = try CairoSurface(drawingInto: raster)
        try self.init(context: CairoContext(surface: surface))
    }

    /// Pushes the Cairo state.
    public func save() { cairo_save(context.pointer) }

    /// Pops the Cairo state.
    public func restore() { cairo_restore(context.pointer) }

    /// Intersects the clip with `path`.
    public func clip(to path: DevicePath) {
        let cr = context.pointer
        setPath(path, filled: true)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_clip(cr)
    }

    /// Strokes `path`.
    public func stroke(_ path: DevicePath, style: StrokeStyle) {
        guard !path.isEmpty, style.width > 0, style.width.isFinite else { return }
        let cr = context.pointer
        setPath(strokeTolerance.map { SVGSyntax.simplified(path, tolerance: $0) } ?? path, filled: false)
        setColor(style.color)
        cairo_set_line_width(cr, style.width)
        switch style.cap {
        case .butt: cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        }
        switch style.join {
        case .miter: cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
        }
        let dash = style.dash.filter { $0 >= 0 && $0.isFinite }
        if dash.isEmpty || dash.allSatisfy({ $0 == 0 }) {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Fills `path`.
    public func fill(_ path: DevicePath, color: Color, rule: FillRule) {
        guard !path.isEmpty else { return }
        let cr = context.pointer
        setPath(path, filled: true)
        setColor(color)
        cairo_set_fill_rule(cr, rule == .evenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
    }

    /// Measures `text` with the font's ascent and descent and the string's advance width.
    public func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        let cr = context.pointer
        selectFont(style)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(cr, &fontExtents)
        var textExtents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &textExtents)
        return TextMetrics(width: textExtents.x_advance, ascent: fontExtents.ascent, descent: fontExtents.descent)
    }

    /// Draws anchored, rotated text.
    public func drawText(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor, angle: Double) {
        guard !text.isEmpty, point.x.isFinite, point.y.isFinite else { return }
        let cr = context.pointer
        let metrics = measureText(text, style: style)
        let offset = anchor.topLeftOffset(for: metrics)
        cairo_save(cr)
        cairo_translate(cr, point.x, point.y)
        if angle != 0 { cairo_rotate(cr, -angle) }
        cairo_move_to(cr, offset.dx, offset.dy + metrics.ascent)
        setColor(style.color)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    /// Draws `image` scaled into `rect` as one image (one embedded image in SVG and PDF).
    ///
    /// A rect thinner than 1/32 pixel (an equal-aspect panel squeezed to a sliver) is skipped: it
    /// would cover almost nothing, and its image matrix would be too large for Cairo's PDF and SVG
    /// surfaces, which then fail the whole file.
    public func drawImage(_ image: Raster, in rect: DeviceRect, interpolation: ImageInterpolation) {
        guard rect.maxX - rect.minX >= 1.0 / 32, rect.maxY - rect.minY >= 1.0 / 32 else { return }
        let cr = context.pointer
        guard let surface = cairo_image_surface_create_for_data(
            image.mutableBytes, CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height), Int32(image.stride)) else { return }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return }
        cairo_save(cr)
        cairo_rectangle(cr, rect.minX, rect.minY, rect.maxX - rect.minX, rect.maxY - rect.minY)
        cairo_clip(cr)
        cairo_translate(cr, rect.minX, rect.minY)
        cairo_scale(cr, (rect.maxX - rect.minX) / Double(image.width), (rect.maxY - rect.minY) / Double(image.height))
        cairo_set_source_surface(cr, surface, 0, 0)
        if let pattern = cairo_get_source(cr) {
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
            cairo_pattern_set_filter(pattern, interpolation == .nearest ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR)
        }
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Fills the whole target with `color`, replacing what is there (alpha included).
    func clear(to color: Color) {
        let cr = context.pointer
        cairo_save(cr)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        setColor(color)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Sets `path` as Cairo's current path, cut to coordinates Cairo represents (see
    /// `DevicePath.clippedForRendering(filled:)`; unchanged for every path inside the canvas's reach).
    private func setPath(_ path: DevicePath, filled: Bool) {
        let cr = context.pointer
        cairo_new_path(cr)
        for element in path.clippedForRendering(filled: filled).elements {
            switch element {
            case let .move(p): cairo_move_to(cr, p.x, p.y)
            case let .line(p): cairo_line_to(cr, p.x, p.y)
            case let .curve(a, b, end): cairo_curve_to(cr, a.x, a.y, b.x, b.y, end.x, end.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    private func setColor(_ color: Color) {
        func clamp(_ v: Double) -> Double { v.isNaN ? 0 : min(1, max(0, v)) }
        cairo_set_source_rgba(context.pointer, clamp(color.red), clamp(color.green), clamp(color.blue), clamp(color.alpha))
    }

    private func selectFont(_ style: TextStyle) {
        let cr = context.pointer
        if let fonts = context.surface.fonts {
            cairo_set_font_face(cr, style.weight == .bold ? fonts.bold : fonts.regular)
        } else {
            cairo_select_font_face(cr, FontFaceSet.family, CAIRO_FONT_SLANT_NORMAL,
                                   style.weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(cr, max(0.1, style.size))
    }
}
