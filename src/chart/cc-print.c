/* cc-print.c: text for the printed pages, shared by the report and the assessment timeline,
 * and the metadata of every PDF the app writes. */
#define G_LOG_DOMAIN "cc-print"

#include "config.h"

#include <cairo-pdf.h>

#include "cc-print-private.h"

const char *
_cc_print_author_for (const char *real_name)
{
  /* GLib says "Unknown" when the account has no full name. */
  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    return "Chip Cycle";
  return real_name;
}

void
_cc_print_set_pdf_metadata (cairo_surface_t *surface,
                            const char      *title,
                            const char      *subject)
{
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  _cc_print_author_for (g_get_real_name ()));
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);
}

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
