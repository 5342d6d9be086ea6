/* cc-csv-field.h: one field of the CSV tables the analysis, the chart and the command line
 * write (event studies, analogues, the view's data, filings), quoted as RFC 4180 says: as is
 * unless it holds a comma, a quote or a line break, else in quotes with its quotes doubled.
 * The data layer's file writer (src/data/cc-csv.c) quotes the same way; it cannot use this
 * one, as the data layer sits beside the analysis, not above it (DESIGN.md). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text to @out as one field; NULL appends nothing (an empty field). */
void cc_csv_append_field (GString    *out,
                          const char *text);

G_END_DECLS
