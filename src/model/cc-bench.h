/* cc-bench.h: switches that bench/ uses to time a speed trick against the plain way on the same
 * build (see bench/README.md). Nothing else reads them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cc_bench_plain (const char *trick);

G_END_DECLS
