/* cc-png.h: PNG files of figures (libpng, fast settings). @pixels are Cairo ARGB32
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

G_END_DECLS
