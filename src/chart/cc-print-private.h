/* cc-print-private.h: text for the printed pages (the report and the assessment timeline),
 * set in fixed point sizes rather than the chart's scaled type. */
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

G_END_DECLS
