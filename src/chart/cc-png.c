/* cc-png.c: a PNG encoder for chart figures, compressed on several cores.
 *
 * An export spends more time compressing than drawing. Deflate is sequential, but a zlib
 * stream may be cut into pieces that were compressed independently, as pigz does: every piece
 * but the last ends on a byte boundary with an empty stored block (Z_SYNC_FLUSH) instead of a
 * final block, and the Adler-32 checksums of the pieces combine into the stream's. The image
 * is split into bands of rows, one per piece, and the pieces are compressed in parallel, one
 * per core. The pixels decoded are the same whatever the number of pieces; the bytes of the
 * file differ a little with it (each piece starts its dictionary afresh), so on one machine
 * the same figure always gives the same file.
 *
 * The pixels are Cairo's ARGB32 (native-endian words, premultiplied alpha). A figure is
 * normally opaque, and then the file stores 8-bit RGB; if any pixel is not, it stores RGBA
 * with the colour un-premultiplied, so a translucent pixel keeps its own colour and alpha
 * instead of turning darker (dropping alpha from a premultiplied pixel draws a grey seam).
 * Every row is unfiltered: a chart's flat areas compress well as they are, and no filter was
 * both smaller and cheaper than Sub or Up here.
 */
#define G_LOG_DOMAIN "cc-png"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>
#include <zlib.h>
#if HAVE_LIBPNG
#include <png.h>
#endif

#include "cc-bench.h"
#include "cc-png.h"

/* Rows per piece at least, and pieces at most: small images are not worth a thread. */
#define MIN_ROWS_PER_PIECE 96
#define MAX_PIECES         4
/* IDAT chunks are cut at this size, so a reader can stream the file. */
#define IDAT_SIZE          (256 * 1024)

typedef struct {
  const guint8 *pixels;
  int           stride;
  int           width;
  int           first_row;
  int           n_rows;
  int           channels;     /* 3: RGB, the figure is opaque; 4: RGBA */
  gboolean      opaque;       /* out: every pixel of the piece has alpha 255 */
  gboolean      last;
  GByteArray   *out;
  guint32       adler;
  gsize         raw_length;
  int           status;
  GCancellable *cancellable;
} Piece;

/* A piece's status when it stopped because the export was cancelled. */
#define PIECE_CANCELLED (Z_VERSION_ERROR - 100)
/* How often (in rows) a piece checks whether it was cancelled. */
#define CANCEL_CHECK_ROWS 64

static gpointer
compress_piece (gpointer user_data)
{
  Piece *piece = user_data;
  gsize row_length = (gsize) piece->width * piece->channels + 1;
  g_autofree guint8 *row = g_malloc (row_length);
  z_stream zs = { 0 };
  guint8 buffer[64 * 1024];
  int status;

  piece->out = g_byte_array_sized_new ((guint) MIN (row_length * piece->n_rows / 8 + 1024,
                                                    G_MAXUINT));
  piece->adler = adler32 (0, NULL, 0);
  piece->raw_length = 0;
  piece->opaque = TRUE;
  /* Raw deflate (negative window bits): the zlib header and checksum are written once, around
   * all the pieces. Level 1: a chart is mostly flat colour, where more effort buys little. */
  status = deflateInit2 (&zs, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  if (status != Z_OK)
    {
      piece->status = status;
      return NULL;
    }

  row[0] = 0;  /* filter type None */
  for (int y = 0; y < piece->n_rows && status == Z_OK; y++)
    {
      const guint32 *src = (const guint32 *) (const void *) (piece->pixels +
                                                             (gsize) (piece->first_row + y) *
                                                             piece->stride);
      guint8 *dst = row + 1;
      gboolean finish = y == piece->n_rows - 1;

      if (y % CANCEL_CHECK_ROWS == 0 && g_cancellable_is_cancelled (piece->cancellable))
        {
          status = PIECE_CANCELLED;
          break;
        }

      if (piece->channels == 3)
        {
          /* Alpha is checked on the way: the pixels are read once, not twice. */
          guint32 all = 0xff000000u;

          for (int x = 0; x < piece->width; x++)
            {
              guint32 p = src[x];

              all &= p;
              dst[0] = p >> 16 & 0xff;
              dst[1] = p >> 8 & 0xff;
              dst[2] = p & 0xff;
              dst += 3;
            }
          if ((all & 0xff000000u) != 0xff000000u)
            piece->opaque = FALSE;
        }
      else
        for (int x = 0; x < piece->width; x++)
          {
            guint32 p = src[x];
            guint a = p >> 24;

            /* Un-premultiply, rounding to nearest; a transparent pixel has no colour. */
            if (a == 0xff)
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
            dst[3] = (guint8) a;
            dst += 4;
          }
      piece->adler = adler32 (piece->adler, row, (uInt) row_length);
      piece->raw_length += row_length;

      zs.next_in = row;
      zs.avail_in = (uInt) row_length;
      do
        {
          zs.next_out = buffer;
          zs.avail_out = sizeof buffer;
          status = deflate (&zs, finish ? (piece->last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH);
          if (status == Z_STREAM_ERROR)
            break;
          g_byte_array_append (piece->out, buffer, sizeof buffer - zs.avail_out);
        }
      while (zs.avail_out == 0);
      if (status == Z_STREAM_END || status == Z_BUF_ERROR)
        status = Z_OK;
    }
  deflateEnd (&zs);
  piece->status = status;
  return NULL;
}

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16 & 0xff;
  p[2] = v >> 8 & 0xff;
  p[3] = v & 0xff;
}

static gboolean
write_chunk (GOutputStream  *stream,
             const char     *type,
             const guint8   *data,
             gsize           length,
             GCancellable   *cancellable,
             GError        **error)
{
  guint8 head[8], tail[4];
  uLong crc;

  put_u32 (head, (guint32) length);
  memcpy (head + 4, type, 4);
  crc = crc32 (0, (const Bytef *) type, 4);
  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  put_u32 (tail, (guint32) crc);
  return g_output_stream_write_all (stream, head, sizeof head, NULL, cancellable, error) &&
         (length == 0 ||
          g_output_stream_write_all (stream, data, length, NULL, cancellable, error)) &&
         g_output_stream_write_all (stream, tail, sizeof tail, NULL, cancellable, error);
}

/* IDAT chunks carry one zlib stream: the header, then the pieces, then the checksum. */
typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  guint8        *chunk;
  gsize          fill;
} IdatWriter;

static gboolean
idat_append (IdatWriter    *w,
             const guint8  *data,
             gsize          length,
             GError       **error)
{
  while (length > 0)
    {
      gsize n = MIN (length, IDAT_SIZE - w->fill);

      memcpy (w->chunk + w->fill, data, n);
      w->fill += n;
      data += n;
      length -= n;
      if (w->fill == IDAT_SIZE)
        {
          if (!write_chunk (w->stream, "IDAT", w->chunk, w->fill, w->cancellable, error))
            return FALSE;
          w->fill = 0;
        }
    }
  return TRUE;
}

#if HAVE_LIBPNG
/* The plain way, for bench/ only (CHIPCYCLE_BENCH_PLAIN=png): libpng on one core, deflate
 * level 1, no filter, the same RGB or un-premultiplied RGBA rows as the pieces above. */
typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} LibpngSink;

static void
libpng_write_cb (png_structp  png,
                 png_bytep    data,
                 png_size_t   length)
{
  LibpngSink *sink = png_get_io_ptr (png);

  if (sink->error == NULL &&
      !g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable,
                                  &sink->error))
    png_error (png, "write");
  else if (sink->error != NULL)
    png_error (png, "write");
}

static void
libpng_flush_cb (png_structp png)
{
}

static void
libpng_error_cb (png_structp     png,
                 png_const_charp message)
{
  LibpngSink *sink = png_get_error_ptr (png);

  if (sink->error == NULL)
    g_set_error (&sink->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not compress the image: %s"), message);
  png_longjmp (png, 1);
}

static void
libpng_warning_cb (png_structp     png,
                   png_const_charp message)
{
}

static gboolean
write_libpng (GOutputStream  *stream,
              const guint8   *pixels,
              int             width,
              int             height,
              int             stride,
              GCancellable   *cancellable,
              GError        **error)
{
  LibpngSink sink = { stream, cancellable, NULL };
  png_structp png;
  png_infop info;
  guint8 *volatile row = NULL;
  volatile int channels = 3;

  for (int y = 0; y < height && channels == 3; y++)
    {
      const guint32 *src = (const guint32 *) (const void *) (pixels + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if (src[x] >> 24 != 0xff)
          {
            channels = 4;
            break;
          }
    }

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &sink, libpng_error_cb,
                                 libpng_warning_cb);
  if (png == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not compress the image: %s"),
                   g_strerror (ENOMEM));
      return FALSE;
    }
  info = png_create_info_struct (png);
  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_free (row);
      if (sink.error == NULL)
        g_set_error (&sink.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not compress the image: %s"), g_strerror (ENOMEM));
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  png_set_write_fn (png, &sink, libpng_write_cb, libpng_flush_cb);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  row = g_malloc ((gsize) width * channels);
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (const void *) (pixels + (gsize) y * stride);
      guint8 *dst = row;

      if (y % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable,
                                                                             &sink.error))
        png_error (png, "cancelled");
      for (int x = 0; x < width; x++)
        {
          guint32 p = src[x];
          guint a = p >> 24;

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
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  g_free (row);
  return TRUE;
}
#endif

gboolean
cc_png_write (GOutputStream  *stream,
              const guint8   *pixels,
              int             width,
              int             height,
              int             stride,
              GCancellable   *cancellable,
              GError        **error)
{
#if HAVE_LIBPNG
  if (cc_bench_plain ("png"))
    return write_libpng (stream, pixels, width, height, stride, cancellable, error);
#endif
  return cc_png_write_pieces (stream, pixels, width, height, stride, 0, cancellable, error);
}

/* Compresses every piece, the first here and the others in threads of their own. */
static void
compress_pieces (Piece *pieces,
                 guint  n_pieces)
{
  GThread *threads[MAX_PIECES] = { NULL };

  for (guint i = 1; i < n_pieces; i++)
    {
      threads[i] = g_thread_try_new ("cc-png", compress_piece, &pieces[i], NULL);
      if (threads[i] == NULL)
        compress_piece (&pieces[i]);
    }
  compress_piece (&pieces[0]);
  for (guint i = 1; i < n_pieces; i++)
    if (threads[i])
      g_thread_join (threads[i]);
}

/* As cc_png_write(), in @max_pieces pieces at most (0: one per core), for the tests. */
gboolean
cc_png_write_pieces (GOutputStream  *stream,
                     const guint8   *pixels,
                     int             width,
                     int             height,
                     int             stride,
                     guint           max_pieces,
                     GCancellable   *cancellable,
                     GError        **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* Deflate with a 32 KiB window, fastest level: 0x78 0x01 (a multiple of 31). */
  static const guint8 zlib_header[2] = { 0x78, 0x01 };
  guint8 ihdr[13];
  Piece pieces[MAX_PIECES];
  guint n_pieces;
  IdatWriter w = { stream, cancellable, NULL, 0 };
  guint32 adler;
  guint8 trailer[4];
  gboolean ok = TRUE;
  int channels = 3;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && stride >= width * 4, FALSE);

  /* One piece per core: more pieces than cores only adds switching between threads. */
  if (max_pieces == 0)
    max_pieces = g_get_num_processors ();
  n_pieces = CLAMP ((guint) (height / MIN_ROWS_PER_PIECE), 1, CLAMP (max_pieces, 1, MAX_PIECES));
  for (guint i = 0; i < n_pieces; i++)
    {
      int first = (int) ((gint64) height * i / n_pieces);
      int next = (int) ((gint64) height * (i + 1) / n_pieces);

      pieces[i] = (Piece) { pixels, stride, width, first, next - first, channels, TRUE,
                            i == n_pieces - 1, NULL, 0, 0, Z_OK, cancellable };
    }
  /* As RGB, the usual case; should a pixel turn out not to be opaque, again as RGBA. */
  compress_pieces (pieces, n_pieces);
  for (guint i = 0; i < n_pieces && channels == 3; i++)
    if (pieces[i].status == Z_OK && !pieces[i].opaque)
      channels = 4;
  if (channels == 4)
    {
      for (guint i = 0; i < n_pieces; i++)
        {
          g_clear_pointer (&pieces[i].out, g_byte_array_unref);
          pieces[i].channels = 4;
          pieces[i].status = Z_OK;
        }
      compress_pieces (pieces, n_pieces);
    }

  for (guint i = 0; i < n_pieces; i++)
    if (pieces[i].status == PIECE_CANCELLED)
      {
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
        goto out;
      }
  for (guint i = 0; i < n_pieces; i++)
    if (pieces[i].status != Z_OK)
      {
        const char *reason = pieces[i].status == Z_MEM_ERROR ? g_strerror (ENOMEM)
                                                             : zError (pieces[i].status);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not compress the image: %s"),
                     reason);
        ok = FALSE;
        goto out;
      }

  adler = pieces[0].adler;
  for (guint i = 1; i < n_pieces; i++)
    adler = (guint32) adler32_combine (adler, pieces[i].adler, (z_off_t) pieces[i].raw_length);

  put_u32 (ihdr, (guint32) width);
  put_u32 (ihdr + 4, (guint32) height);
  ihdr[8] = 8;   /* bits per channel */
  ihdr[9] = channels == 3 ? 2 : 6;   /* colour type: RGB, or RGB with alpha */
  ihdr[10] = 0;  /* deflate */
  ihdr[11] = 0;  /* adaptive filtering (each row says which; here always None) */
  ihdr[12] = 0;  /* not interlaced */
  put_u32 (trailer, adler);

  w.chunk = g_malloc (IDAT_SIZE);
  ok = g_output_stream_write_all (stream, signature, sizeof signature, NULL, cancellable, error) &&
       write_chunk (stream, "IHDR", ihdr, sizeof ihdr, cancellable, error) &&
       idat_append (&w, zlib_header, sizeof zlib_header, error);
  for (guint i = 0; ok && i < n_pieces; i++)
    ok = idat_append (&w, pieces[i].out->data, pieces[i].out->len, error);
  ok = ok && idat_append (&w, trailer, sizeof trailer, error) &&
       (w.fill == 0 || write_chunk (stream, "IDAT", w.chunk, w.fill, cancellable, error)) &&
       write_chunk (stream, "IEND", NULL, 0, cancellable, error);
  g_free (w.chunk);

out:
  for (guint i = 0; i < n_pieces; i++)
    if (pieces[i].out)
      g_byte_array_unref (pieces[i].out);
  return ok;
}
