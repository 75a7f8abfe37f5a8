#ifndef DESCENT_FONT_FACES_H
#define DESCENT_FONT_FACES_H

#include <cairo.h>

/// A Cairo font face that draws and measures exactly like the toy face
/// `cairo_toy_font_face_create(family, CAIRO_FONT_SLANT_NORMAL, bold ? BOLD : NORMAL)` on a context
/// whose hint style is none (the file fontconfig matches, with the options cairo would resolve
/// the toy face with), but over a FreeType face of its own: Cairo's locks (the face's, its scaled
/// fonts' glyph caches) are then not shared with any other face, so threads drawing with faces
/// of their own never wait for each other. NULL when fontconfig matches no file or FreeType
/// cannot open it (use the toy face then). The caller owns the reference.
cairo_font_face_t *descent_font_face_create(const char *family, int bold);

#endif
