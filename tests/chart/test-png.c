/* test-png.c: the PNG writer (cc-png.c, libpng at level 1 without filters). Every file is
 * taken apart here: signature, chunk CRCs, the header's fields, and the zlib stream inflated
 * in one go with its Adler-32. Each row must then be unfiltered and hold exactly the pixels
 * that went in, and Cairo must read the file back to the same pixels. Odd sizes included. */
#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <string.h>
#include <zlib.h>

#include "cc-png.h"

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Opaque pixels: flat bands (which compress to almost nothing) crossed by noise (which does
 * not), so every piece has real work. */
static guint32 *
make_pixels (int width,
             int height,
             guint32 seed)
{
  guint32 *pixels = g_new (guint32, (gsize) width * height);
  guint32 state = seed;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        state = state * 1664525u + 1013904223u;
        if ((y / 7 + x / 11) % 3 == 0)
          pixels[(gsize) y * width + x] = 0xff000000u | (state >> 8);
        else
          pixels[(gsize) y * width + x] = 0xff000000u | (guint32) ((y * 37) & 0xff) << 16 |
                                          0x8000u | (guint32) (x & 0xff);
      }
  return pixels;
}

static GBytes *
encode (const guint32 *pixels,
        int            width,
        int            height)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_png_write (out, (const guint8 *) pixels, width, height, width * 4, NULL,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
check_file (GBytes        *png,
            const guint32 *pixels,
            int            width,
            int            height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (png, &size);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *raw = NULL;
  uLongf raw_length = ((uLongf) width * 3 + 1) * height;
  uLongf expected_length = raw_length;
  gsize pos = 8;
  gboolean seen_ihdr = FALSE, seen_iend = FALSE;

  g_assert_cmpuint (size, >, 8);
  g_assert_cmpmem (data, 8, signature, 8);
  while (pos < size)
    {
      guint32 length, crc;
      char type[5] = { 0 };

      g_assert_cmpuint (pos + 12, <=, size);
      length = get_u32 (data + pos);
      memcpy (type, data + pos + 4, 4);
      g_assert_cmpuint (pos + 12 + length, <=, size);
      crc = (guint32) crc32 (0, data + pos + 4, length + 4);
      g_assert_cmphex (crc, ==, get_u32 (data + pos + 8 + length));
      g_assert_false (seen_iend);
      if (g_str_equal (type, "IHDR"))
        {
          const guint8 *h = data + pos + 8;

          g_assert_false (seen_ihdr);
          g_assert_cmpuint (pos, ==, 8);
          g_assert_cmpuint (length, ==, 13);
          g_assert_cmpuint (get_u32 (h), ==, (guint) width);
          g_assert_cmpuint (get_u32 (h + 4), ==, (guint) height);
          g_assert_cmpuint (h[8], ==, 8);
          g_assert_cmpuint (h[9], ==, 2);
          g_assert_cmpuint (h[10], ==, 0);
          g_assert_cmpuint (h[11], ==, 0);
          g_assert_cmpuint (h[12], ==, 0);
          seen_ihdr = TRUE;
        }
      else if (g_str_equal (type, "IDAT"))
        {
          g_assert_true (seen_ihdr);
          g_assert_cmpuint (length, >, 0);
          g_byte_array_append (idat, data + pos + 8, length);
        }
      else if (g_str_equal (type, "IEND"))
        {
          g_assert_cmpuint (length, ==, 0);
          seen_iend = TRUE;
        }
      else
        g_assert_not_reached ();
      pos += 12 + length;
    }
  g_assert_true (seen_iend);
  g_assert_cmpuint (pos, ==, size);

  /* One zlib stream: uncompress() fails on a bad block structure or a wrong Adler-32. */
  raw = g_malloc (raw_length + 1);
  raw_length += 1;
  g_assert_cmpint (uncompress (raw, &raw_length, idat->data, idat->len), ==, Z_OK);
  g_assert_cmpuint (raw_length, ==, expected_length);
  for (int y = 0; y < height; y++)
    {
      const guint8 *row = raw + (gsize) y * (width * 3 + 1);

      g_assert_cmpuint (row[0], ==, 0);
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[(gsize) y * width + x];

          if (row[1 + x * 3] != (p >> 16 & 0xff) || row[2 + x * 3] != (p >> 8 & 0xff) ||
              row[3 + x * 3] != (p & 0xff))
            g_error ("pixel %d,%d of %dx%d: %02x%02x%02x, expected %06x", x, y, width, height,
                     row[1 + x * 3], row[2 + x * 3], row[3 + x * 3], p & 0xffffff);
        }
    }
}

typedef struct {
  GBytes *bytes;
  gsize   pos;
} ReadClosure;

static cairo_status_t
read_cb (void          *user_data,
         unsigned char *data,
         unsigned int   length)
{
  ReadClosure *c = user_data;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (c->bytes, &size);

  if (c->pos + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + c->pos, length);
  c->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
check_with_cairo (GBytes        *png,
                  const guint32 *pixels,
                  int            width,
                  int            height)
{
  ReadClosure closure = { png, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_cb, &closure);
  const guint8 *data;
  int stride;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_RGB24);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 got = *(const guint32 *) (const void *) (data + (gsize) y * stride + x * 4);

        g_assert_cmphex (got & 0xffffff, ==, pixels[(gsize) y * width + x] & 0xffffff);
      }
  cairo_surface_destroy (surface);
}

static void
test_round_trip (void)
{
  /* Odd widths and heights, a 1x1 image, an export's size. */
  static const int sizes[][2] = {
    { 1, 1 }, { 3, 5 }, { 97, 95 }, { 333, 200 }, { 61, 300 }, { 1600, 900 }, { 7, 2000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w = sizes[i][0], h = sizes[i][1];
      g_autofree guint32 *pixels = make_pixels (w, h, 17 + i);
      g_autoptr(GBytes) png = encode (pixels, w, h);
      g_autoptr(GBytes) again = encode (pixels, w, h);

      g_test_message ("%dx%d: %" G_GSIZE_FORMAT " bytes", w, h, g_bytes_get_size (png));
      check_file (png, pixels, w, h);
      check_with_cairo (png, pixels, w, h);
      /* The same image gives the same file. */
      g_assert_true (g_bytes_equal (png, again));
    }
}

/* Rows longer than the stride's pixels: the encoder must read only width pixels per row. */
static void
test_stride (void)
{
  const int w = 150, h = 400, stride_px = 161;
  g_autofree guint32 *pixels = make_pixels (w, h, 5);
  g_autofree guint32 *padded = g_new (guint32, (gsize) stride_px * h);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) png = NULL;

  for (int y = 0; y < h; y++)
    {
      memcpy (padded + (gsize) y * stride_px, pixels + (gsize) y * w, w * 4);
      for (int x = w; x < stride_px; x++)
        padded[(gsize) y * stride_px + x] = 0xffff0000u;
    }
  g_assert_true (cc_png_write (out, (const guint8 *) padded, w, h, stride_px * 4, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  png = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  check_file (png, pixels, w, h);
}

/* Pixels that are not opaque (premultiplied, as Cairo holds them): the file keeps their alpha
 * and their own colour, un-premultiplied, so Cairo reads back exactly the pixels that went in.
 * Dropping the alpha would store a half-covered white pixel as grey. */
static void
test_translucent (void)
{
  const int w = 61, h = 300;
  g_autofree guint32 *pixels = make_pixels (w, h, 23);
  g_autoptr(GBytes) png = NULL;
  ReadClosure closure = { NULL, 0 };
  cairo_surface_t *surface;
  const guint8 *data, *ihdr;
  int stride;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = pixels[(gsize) y * w + x];
        guint a = (guint) ((x * 7 + y * 3) % 256);
        guint32 out = a << 24;

        /* Premultiply each channel: never more than the alpha. */
        for (int shift = 0; shift < 24; shift += 8)
          out |= ((p >> shift & 0xff) * a + 127) / 255 << shift;
        pixels[(gsize) y * w + x] = out;
      }
  /* The last row's last pixel white and half covered: the seam of a fractional scale. */
  pixels[(gsize) h * w - 1] = 0x80808080u;
  png = encode (pixels, w, h);
  ihdr = (const guint8 *) g_bytes_get_data (png, NULL) + 16;
  g_assert_cmpuint (ihdr[9], ==, 6);  /* RGB with alpha */

  closure.bytes = png;
  surface = cairo_image_surface_create_from_png_stream (read_cb, &closure);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 got = *(const guint32 *) (const void *) (data + (gsize) y * stride + x * 4);
        guint32 want = pixels[(gsize) y * w + x];

        if ((want >> 24) == 0)
          want = 0;
        if (got != want)
          g_error ("pixel %d,%d: %08x, expected %08x", x, y, got, want);
      }
  cairo_surface_destroy (surface);
}

/* An opaque image but for its very last pixel: the whole file is RGBA, and that pixel keeps
 * its alpha. */
static void
test_one_translucent_pixel (void)
{
  const int w = 97, h = 400;
  g_autofree guint32 *pixels = make_pixels (w, h, 31);
  g_autoptr(GBytes) png = NULL;
  ReadClosure closure = { NULL, 0 };
  cairo_surface_t *surface;
  const guint8 *data, *ihdr;
  int stride;

  pixels[(gsize) h * w - 1] = 0xc0c0c0c0u;  /* white, three quarters covered */
  png = encode (pixels, w, h);
  ihdr = (const guint8 *) g_bytes_get_data (png, NULL) + 16;
  g_assert_cmpuint (ihdr[9], ==, 6);
  closure.bytes = png;
  surface = cairo_image_surface_create_from_png_stream (read_cb, &closure);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      g_assert_cmphex (*(const guint32 *) (const void *) (data + (gsize) y * stride + x * 4), ==,
                       pixels[(gsize) y * w + x]);
  cairo_surface_destroy (surface);
}

/* A stream that runs out of room: an error naming the failure, no crash, no leak. */
static void
test_write_error (void)
{
  const int w = 400, h = 300;
  g_autofree guint32 *pixels = make_pixels (w, h, 9);
  g_autofree guint8 *room = g_malloc (1000);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new (room, 1000, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (cc_png_write (out, (const guint8 *) pixels, w, h, w * 4, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

static gpointer
cancel_soon_thread (gpointer user_data)
{
  g_usleep (2000);
  g_cancellable_cancel (user_data);
  return NULL;
}

/* Cancelling stops the compression itself, not only the writing after it: nothing is written,
 * and a cancelled encode returns in a small part of the time a whole one takes (measured here
 * on the same image; an encoder that compressed everything first would take as long). Once
 * cancelled before it starts, and once from another thread while a 4000 x 4000 image (far more
 * than 2 ms of deflate on any machine) is being compressed. */
static void
test_cancel (void)
{
  const int w = 4000, h = 4000;
  g_autofree guint32 *pixels = make_pixels (w, h, 11);
  gint64 whole, cancelled;

  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    whole = g_get_monotonic_time ();
    g_assert_true (cc_png_write (out, (const guint8 *) pixels, w, h, w * 4, NULL, NULL));
    whole = g_get_monotonic_time () - whole;
  }

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      GThread *canceller = NULL;

      if (round == 0)
        g_cancellable_cancel (cancellable);
      else
        canceller = g_thread_new ("cancel", cancel_soon_thread, cancellable);
      cancelled = g_get_monotonic_time ();
      g_assert_false (cc_png_write (out, (const guint8 *) pixels, w, h, w * 4, cancellable,
                                    &error));
      cancelled = g_get_monotonic_time () - cancelled;
      if (round == 0)
        {
          g_test_message ("whole encode %.1f ms, cancelled one %.3f ms", whole / 1000.0,
                          cancelled / 1000.0);
          g_assert_cmpint (cancelled * 10, <, whole);
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==,
                        0);
      if (canceller != NULL)
        g_thread_join (canceller);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png/round-trip", test_round_trip);
  g_test_add_func ("/png/stride", test_stride);
  g_test_add_func ("/png/translucent", test_translucent);
  g_test_add_func ("/png/one-translucent-pixel", test_one_translucent_pixel);
  g_test_add_func ("/png/write-error", test_write_error);
  g_test_add_func ("/png/cancel", test_cancel);
  return g_test_run ();
}
