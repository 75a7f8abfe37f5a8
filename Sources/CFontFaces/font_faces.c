#include "font_faces.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo-ft.h>
#include <fontconfig/fcfreetype.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>

// One FreeType library for every face made here. Creating and freeing faces changes the library,
// so those calls hold the lock; a face's own use (through Cairo, under the face's lock) does not.
static pthread_mutex_t library_lock = PTHREAD_MUTEX_INITIALIZER;
static FT_Library library;
static int library_ready;

static const cairo_user_data_key_t face_key;

static void done_face(void *face) {
    pthread_mutex_lock(&library_lock);
    FT_Done_Face((FT_Face)face);
    pthread_mutex_unlock(&library_lock);
}

// The pattern Cairo's toy face resolves to (`_cairo_ft_resolve_pattern`): family, slant and
// weight as the toy face sets them, the configuration's substitutions, the context's font
// options (hint style none, hint metrics off; the rest default, as on an image surface), the
// defaults, then the match.
static FcPattern *resolved_pattern(const char *family, int bold) {
    FcPattern *pattern = FcPatternCreate();
    if (!pattern) return NULL;
    FcPattern *resolved = NULL;
    cairo_font_options_t *options = cairo_font_options_create();
    if (options && FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)family) &&
        FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN) &&
        FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_MEDIUM) &&
        FcConfigSubstitute(NULL, pattern, FcMatchPattern)) {
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_ft_font_options_substitute(options, pattern);
        FcDefaultSubstitute(pattern);
        FcResult result;
        resolved = FcFontMatch(NULL, pattern, &result);
    }
    if (options) cairo_font_options_destroy(options);
    FcPatternDestroy(pattern);
    return resolved;
}

cairo_font_face_t *descent_font_face_create(const char *family, int bold) {
    FcPattern *resolved = resolved_pattern(family, bold);
    if (!resolved) return NULL;
    FcChar8 *file = NULL;
    int index = 0;
    if (FcPatternGetString(resolved, FC_FILE, 0, &file) != FcResultMatch) {
        FcPatternDestroy(resolved);
        return NULL;
    }
    FcPatternGetInteger(resolved, FC_INDEX, 0, &index);
    FT_Face face = NULL;
    pthread_mutex_lock(&library_lock);
    if (!library_ready) library_ready = FT_Init_FreeType(&library) == 0 ? 1 : -1;
    int opened = library_ready == 1 && FT_New_Face(library, (const char *)file, index, &face) == 0;
    pthread_mutex_unlock(&library_lock);
    if (!opened) {
        FcPatternDestroy(resolved);
        return NULL;
    }
    // The matched pattern with the face in it: Cairo takes its options from the pattern (as for
    // the toy face) and its glyphs from this face alone.
    cairo_font_face_t *font_face = NULL;
    if (FcPatternAddFTFace(resolved, FC_FT_FACE, face)) {
        font_face = cairo_ft_font_face_create_for_pattern(resolved);
    }
    FcPatternDestroy(resolved);
    if (!font_face || cairo_font_face_status(font_face) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(font_face, &face_key, face, done_face) != CAIRO_STATUS_SUCCESS) {
        if (font_face) cairo_font_face_destroy(font_face);
        done_face(face);
        return NULL;
    }
    return font_face;
}
