// placeholder
import CCairo
import CPNG
/// Cairo version, proving the system library links.
public func cairoVersionString() -> String { String(cString: cairo_version_string()) + " png " + String(cString: png_get_libpng_ver(nil)) }
