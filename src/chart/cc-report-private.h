/* cc-report-private.h: what the report's tests check beyond its text. */
#pragma once

#include "cc-report.h"

G_BEGIN_DECLS

/* How many item names of @analysis's event-study table would not show whole (cut with an
 * ellipsis or wider than their column, or the table wider than the text) on a page
 * @page_width points wide. */
guint _cc_report_count_cut_names (cairo_t          *cr,
                                  const CcAnalysis *analysis,
                                  double            page_width);

G_END_DECLS
