/* cc-print.c: text for the printed pages, shared by the report and the assessment timeline. */
#define G_LOG_DOMAIN "cc-print"

#include "config.h"

#include "cc-print-private.h"

PangoLayout *
_cc_print_layout (cairo_t       *cr,
                  const char    *font,
                  const char    *text,
                  double         width,
                  PangoWrapMode  wrap,
                  gboolean       markup)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, wrap);
    }
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}
