/* cc-format.h: the one way numbers and percentages are written for a reader, in the user's
 * locale, so the chart, the side panel, the report and the command line's text agree. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value with @decimals decimals in the LC_NUMERIC locale: its decimal point, and its thousands
 * separator and grouping when @grouping is set. Negative numbers use the minus sign U+2212;
 * a value that rounds to zero has no sign. */
char    *cc_format_number           (double      value,
                                     int         decimals,
                                     gboolean    grouping);
/* A percentage: "−12.3%", or "+12.3%" when @explicit_plus. The number is formatted as above and
 * the pattern around it is translatable (German and French put a no-break space before "%"). */
char    *cc_format_percent          (double      percent,
                                     int         decimals,
                                     gboolean    explicit_plus);
/* Percentage points, for spreads: "−7.7 pts", "+3.0 pts" (the pattern is translatable). */
char    *cc_format_points           (double      points,
                                     int         decimals);

/* The percentages of the analysis, from fractions: a signed return with two decimals
 * ("−6.27%", "+1.20%"), a weight ("52%"), a depth ("83.9%" for 0.839). "—" for no value. */
char    *cc_format_return           (double      fraction);
char    *cc_format_weight           (double      weight);
char    *cc_format_depth            (double      depth);
/* A t-statistic ("−2.41"). */
char    *cc_format_t_stat           (double      t);

G_END_DECLS
