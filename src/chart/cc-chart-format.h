/* cc-chart-format.h: the tick choices of both axes and the chart's dates; numbers and
 * percentages are cc-format.h's. */
#pragma once

#include <glib.h>

#include "cc-date.h"
#include "cc-format.h"

G_BEGIN_DECLS

/* The decimals needed to tell apart ticks @step apart (0 for 10, 1 for 0.5, 2 for 0.25). */
int      cc_chart_decimals_for_step (double      step);

typedef struct {
  double value;                     /* in the axis' display unit (percent, index, price) */
  double position;                  /* the axis value (log10 for log scales) */
} CcTick;

/* Nice 1-2-5 ticks covering [lo, hi] with about @target of them; @step gets the spacing. */
GArray  *cc_chart_nice_ticks        (double      lo,
                                     double      hi,
                                     int         target,
                                     double     *step);
/* Ticks for a log axis over levels [lo, hi] (both > 0): nice linear ticks placed in log space
 * when the range is narrow, 1-2-5 per decade when it is wide. */
GArray  *cc_chart_log_ticks         (double      lo,
                                     double      hi,
                                     int         target,
                                     double     *step);

typedef enum {
  CC_TIME_UNIT_DAY,
  CC_TIME_UNIT_WEEK,
  CC_TIME_UNIT_MONTH,
  CC_TIME_UNIT_QUARTER,
  CC_TIME_UNIT_YEAR,
} CcTimeUnit;

typedef struct {
  guint  index;                     /* into the date axis */
  char  *label;
  gboolean major;                   /* a new year (or month for day ticks): drawn stronger */
  char  *context;                   /* the second row: the month ("Jun", "Oct 2025") at the
                                     * first day or week tick of each month, the year at the
                                     * first month tick of each year; NULL elsewhere */
} CcTimeTick;

/* Calendar ticks over @dates[first..last]: the first trading day of each day, week, month,
 * quarter or year, the unit chosen so that about @max_ticks fit. Labels are localised and
 * read in two rows: day numbers ("13", "27") over the months they fall in, months ("Jan",
 * "Apr", also for quarter steps) over their years, years alone. The first tick's context
 * always carries the year, so every axis names its month and year. */
GArray  *cc_chart_time_ticks        (const CcDate *dates,
                                     guint        first,
                                     guint        last,
                                     guint        max_ticks,
                                     CcTimeUnit  *unit);
/* Trading-day ticks relative to @event_index: "t−20", "t", "t+20", every 1, 2, 5, 10, 20 … */
GArray  *cc_chart_offset_ticks      (guint        first,
                                     guint        last,
                                     int          event_index,
                                     guint        max_ticks);
void     cc_time_tick_clear         (gpointer     tick);

/* Localised short dates: "1 Jul 2026" (day), "Jul 2026" (month). */
char    *cc_chart_format_date       (CcDate       date,
                                     gboolean     with_year);

G_END_DECLS
