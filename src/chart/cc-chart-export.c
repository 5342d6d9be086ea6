/* cc-chart-export.c: PNG, PDF and SVG files from the same cc_chart_draw() the window uses.
 *
 * Files are written through a CcSaveStream: a figure lands whole or not at all, and a failed
 * or cancelled export leaves an older file as it was.
 */
#define G_LOG_DOMAIN "cc-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-chart.h"
#include "cc-chart-private.h"
#include "cc-png.h"
#include "cc-print-private.h"
#include "cc-save-stream.h"

/* The largest PNG we agree to allocate: 16k x 16k pixels. */
#define MAX_PIXELS 16384

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *user_data,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *closure = user_data;

  if (closure->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, data, length, NULL, closure->cancellable,
                                  &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
cc_export_format_from_path (const char     *path,
                            CcExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = CC_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = CC_EXPORT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = CC_EXPORT_SVG;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_cairo (cairo_status_t  status,
             WriteClosure   *closure,
             const char     *path,
             GError        **error)
{
  /* The stream's errors name the file already ("Could not write “x.png”: No space left…"). */
  if (closure->error)
    {
      g_propagate_error (error, g_steal_pointer (&closure->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_chart_export (CcChart         *self,
                 const char      *path,
                 CcExportFormat   format,
                 double           width,
                 double           height,
                 double           scale,
                 GError         **error)
{
  return cc_chart_export_full (self, path, format, width, height, scale, NULL, error);
}

gboolean
cc_chart_export_full (CcChart         *self,
                      const char      *path,
                      CcExportFormat   format,
                      double           width,
                      double           height,
                      double           scale,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(CcSaveStream) stream = NULL;
  WriteClosure closure = { NULL, cancellable, NULL };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (CC_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(width >= 16 && height >= 16) || !isfinite (width) || !isfinite (height))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Invalid size %g × %g: both sides must be at least 16"), width, height);
      return FALSE;
    }
  if (format == CC_EXPORT_PNG)
    {
      if (!(scale > 0) || !isfinite (scale))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid scale %g: it must be greater than 0"), scale);
          return FALSE;
        }
      if (ceil (width * scale) > MAX_PIXELS || ceil (height * scale) > MAX_PIXELS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Image too large: %g × %g pixels (at most %d on a side)"),
                       ceil (width * scale), ceil (height * scale), MAX_PIXELS);
          return FALSE;
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* A PNG is drawn before its file is opened: drawing a large one takes the longest, and an
   * export cancelled (or a program quit) meanwhile leaves no temporary file behind. */
  if (format != CC_EXPORT_PNG)
    {
      stream = cc_save_stream_new (path, CC_SAVE_MODE_DEFAULT, error);
      if (stream == NULL)
        return FALSE;
      closure.stream = G_OUTPUT_STREAM (stream);
    }

  switch (format)
    {
    case CC_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case CC_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_cb, &closure, width, height);
      {
        const char *title = cc_chart_get_title (self);
        CcEvent *event = cc_chart_get_event (self);
        CcChartData *data = _cc_chart_get_data (self);
        g_autofree char *subject = NULL;

        if (title == NULL && event)
          title = cc_event_get_title (event);
        if (data->n_dates > 0)
          {
            char from[11], to[11];

            /* The first and last bar in view, as the subtitle names them. */
            cc_date_format_iso (data->dates[0], from);
            cc_date_format_iso (data->dates[data->n_dates - 1], to);
            /* TRANSLATORS: a chart PDF's subject; the dates of its first and last closes */
            subject = g_strdup_printf (_("A chart of chip stocks, %s to %s"), from, to);
          }
        else
          subject = g_strdup (_("A chart of chip stocks"));
        _cc_print_set_pdf_metadata (surface, title ? title : _("Chip Cycle chart"), subject);
      }
      break;
    case CC_EXPORT_SVG:
    default:
      surface = cairo_svg_surface_create_for_stream (write_cb, &closure, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;
    }

  cr = cairo_create (surface);
  if (format == CC_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  _cc_chart_draw_uncached (self, cr, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == CC_EXPORT_PNG)
    {
      cairo_surface_flush (surface);
      if (g_cancellable_set_error_if_cancelled (cancellable, &closure.error) ||
          (stream = cc_save_stream_new (path, CC_SAVE_MODE_DEFAULT, &closure.error)) == NULL)
        status = CAIRO_STATUS_WRITE_ERROR;
      else if (!cc_png_write (G_OUTPUT_STREAM (stream), cairo_image_surface_get_data (surface),
                              cairo_image_surface_get_width (surface),
                              cairo_image_surface_get_height (surface),
                              cairo_image_surface_get_stride (surface), cancellable,
                              &closure.error))
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  ok = check_cairo (status, &closure, path, error);
  if (!ok)
    {
      if (stream != NULL)
        cc_save_stream_abort (stream);
      return FALSE;
    }
  return cc_save_stream_commit (stream, cancellable, error);
}
