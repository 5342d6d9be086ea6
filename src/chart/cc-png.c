/* cc-png.c: PNG files of figures, through libpng at deflate level 1 with no row filter.
 *
 * A chart is mostly flat colour, which compresses well as it is: level 1 and no filter make a
 * file about the size Cairo's writer makes (level 6, adaptive filters) in a fraction of the
 * time. An own encoder that compressed bands of rows on each core (as pigz does) was measured
 * against this and saved no wall time of an export on a busy machine (bench/README.md,
 * "Speed tricks"), so it went.
 *
 * The pixels are Cairo's ARGB32 (native-endian words, premultiplied alpha). A figure is
 * normally opaque, and then the file stores 8-bit RGB; if any pixel is not, it stores RGBA
 * with the colour un-premultiplied, so a translucent pixel keeps its own colour and alpha
 * instead of turning darker (dropping alpha from a premultiplied pixel draws a grey seam).
 */
#define G_LOG_DOMAIN "cc-png"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>

#include "cc-png.h"

/* How often (in rows) the encoder checks whether it was cancelled. */
#define CANCEL_CHECK_ROWS 64

typedef struct {
  GByteArray   *out;       /* the whole file, written to the stream once it is complete */
  GCancellable *cancellable;
  GError       *error;
} Encoder;

static void
append_cb (png_structp png,
           png_bytep   data,
           png_size_t  length)
{
  Encoder *encoder = png_get_io_ptr (png);

  g_byte_array_append (encoder->out, data, (guint) length);
}

static void
flush_cb (png_structp png)
{
}

static void
error_cb (png_structp     png,
          png_const_charp message)
{
  Encoder *encoder = png_get_error_ptr (png);

  if (encoder->error == NULL)
    g_set_error (&encoder->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not compress the image: %s"), message);
  png_longjmp (png, 1);
}

static void
warning_cb (png_structp     png,
            png_const_charp message)
{
  g_debug ("libpng: %s", message);
}

static gboolean
is_opaque (const guint8 *pixels,
           int           width,
           int           height,
           int           stride)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (const void *) (pixels + (gsize) y * stride);
      guint32 all = 0xff000000u;

      for (int x = 0; x < width; x++)
        all &= src[x];
      if ((all & 0xff000000u) != 0xff000000u)
        return FALSE;
    }
  return TRUE;
}

static void
convert_row (const guint32 *src,
             guint8        *dst,
             int            width,
             int            channels)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24;

      /* Un-premultiply, rounding to nearest; a transparent pixel has no colour. */
      if (channels == 3 || a == 0xff)
        {
          dst[0] = p >> 16 & 0xff;
          dst[1] = p >> 8 & 0xff;
          dst[2] = p & 0xff;
        }
      else if (a == 0)
        dst[0] = dst[1] = dst[2] = 0;
      else
        {
          dst[0] = (guint8) MIN (255u, ((p >> 16 & 0xff) * 255 + a / 2) / a);
          dst[1] = (guint8) MIN (255u, ((p >> 8 & 0xff) * 255 + a / 2) / a);
          dst[2] = (guint8) MIN (255u, ((p & 0xff) * 255 + a / 2) / a);
        }
      if (channels == 4)
        dst[3] = (guint8) a;
      dst += channels;
    }
}

/* Encodes into @encoder->out; FALSE with @encoder->error set on failure or cancellation. The
 * libpng structures and the row live in the caller, so nothing leaks past the longjmp. */
static gboolean
encode (Encoder      *encoder,
        png_structp   png,
        png_infop     info,
        guint8       *row,
        const guint8 *pixels,
        int           width,
        int           height,
        int           stride,
        int           channels)
{
  if (setjmp (png_jmpbuf (png)))
    return FALSE;

  png_set_write_fn (png, encoder, append_cb, flush_cb);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      if (y % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_set_error_if_cancelled (encoder->cancellable, &encoder->error))
        return FALSE;
      convert_row ((const guint32 *) (const void *) (pixels + (gsize) y * stride), row, width,
                   channels);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  return TRUE;
}

gboolean
cc_png_write (GOutputStream  *stream,
              const guint8   *pixels,
              int             width,
              int             height,
              int             stride,
              GCancellable   *cancellable,
              GError        **error)
{
  Encoder encoder = { NULL, cancellable, NULL };
  g_autofree guint8 *row = NULL;
  png_structp png;
  png_infop info = NULL;
  int channels;
  gboolean ok;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && stride >= width * 4, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  channels = is_opaque (pixels, width, height, stride) ? 3 : 4;
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &encoder, error_cb, warning_cb);
  if (png != NULL)
    info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not compress the image: %s"),
                   g_strerror (ENOMEM));
      return FALSE;
    }

  /* The file is complete in memory (a few hundred kB for a figure) before the first byte goes
   * out: a cancelled export writes nothing. */
  encoder.out = g_byte_array_sized_new ((guint) MIN ((gsize) width * height / 4 + 1024,
                                                     G_MAXUINT));
  row = g_malloc ((gsize) width * channels);
  ok = encode (&encoder, png, info, row, pixels, width, height, stride, channels);
  png_destroy_write_struct (&png, &info);
  if (ok)
    ok = g_output_stream_write_all (stream, encoder.out->data, encoder.out->len, NULL,
                                    cancellable, &encoder.error);
  g_byte_array_unref (encoder.out);
  if (!ok)
    {
      g_propagate_error (error, encoder.error);
      return FALSE;
    }
  return TRUE;
}
