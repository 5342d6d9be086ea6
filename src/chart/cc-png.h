/* cc-png.h: a PNG encoder for figures, compressed on several cores. @pixels are Cairo ARGB32
 * (premultiplied): stored as RGB when all are opaque, as un-premultiplied RGBA otherwise. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean cc_png_write (GOutputStream  *stream,
                       const guint8   *pixels,
                       int             width,
                       int             height,
                       int             stride,
                       GCancellable   *cancellable,
                       GError        **error);
gboolean cc_png_write_pieces (GOutputStream  *stream,
                              const guint8   *pixels,
                              int             width,
                              int             height,
                              int             stride,
                              guint           max_pieces,
                              GCancellable   *cancellable,
                              GError        **error);

G_END_DECLS
