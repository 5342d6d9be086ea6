/* cc-chart-csv.h: the chart's view as a CSV file: what is plotted, with the closes behind it.
 * The window's Export Data and `chipcycle export --output FILE.csv` both write it. */
#pragma once

#include <gio/gio.h>

#include "cc-chart.h"

G_BEGIN_DECLS

/* One row per date of the chart's time axis, and for each plotted series (tickers, baskets,
 * anything drawn as a line) three columns: "KEY %" (or "KEY index", "KEY price": the value
 * plotted in the chart's mode), "KEY close" (the close behind it; "KEY level" for an index
 * level or a basket, whose level is 100 at the base date) and "KEY provenance" (observed,
 * anchored or reconstructed). KEY is the item's ticker, or for a basket one made from its name
 * ("BASKET-MEMORY"). A ratio or spread adds "KEY first" and "KEY second": its two sides, each
 * 100 at the base date, from which its value can be worked out again (a ratio's level is
 * 100 x first / second, a spread's points first - second). Lines starting with # name the
 * mode, base date, range, source and each series. cc_csv_read() reads such a file back as one series per KEY (the closes or levels). */
char     *cc_chart_view_csv          (CcChart       *self,
                                      gsize         *length);
/* The same, written to @file whole or not at all. */
gboolean  cc_chart_export_view_csv   (CcChart       *self,
                                      GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
