/* cc-print-private.h: text for the printed pages (the report and the assessment timeline),
 * set in fixed point sizes rather than the chart's scaled type, and every PDF's metadata. */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A layout of @text (Pango markup when @markup) in @font ("Sans 9"), wrapped with @wrap at
 * @width points, or on one line when @width is 0 or less. */
PangoLayout *_cc_print_layout (cairo_t       *cr,
                               const char    *font,
                               const char    *text,
                               double         width,
                               PangoWrapMode  wrap,
                               gboolean       markup);

/* The Author every PDF names: @real_name (the account's full name, g_get_real_name()) when
 * the system knows one, otherwise the program, "Chip Cycle": never a name made up. */
const char  *_cc_print_author_for      (const char      *real_name);
/* Title, Author (from g_get_real_name()), Subject (left out when NULL) and Creator. */
void         _cc_print_set_pdf_metadata (cairo_surface_t *surface,
                                         const char      *title,
                                         const char      *subject);

G_END_DECLS
