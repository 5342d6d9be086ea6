/* cc-edgar-private.h: helpers shared by the EDGAR readers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FALSE with a CC_DATA_ERROR_BLOCKED error naming @what when @data is a web page (the SEC's
 * "undeclared automated tool" or rate-limit page) rather than JSON. */
gboolean _cc_edgar_reject_web_page (const char  *data,
                                    gsize        length,
                                    const char  *what,
                                    GError     **error);

G_END_DECLS
