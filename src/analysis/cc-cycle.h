/* cc-cycle.h: drawdowns and chip cycles: the current ^SOX drawdown from its trailing high, and
 * declines measured from a peak (depth, trading days to the trough, days to recover). */
#pragma once

#include "cc-dataset.h"

G_BEGIN_DECLS

typedef struct {
  gboolean ok;
  CcDate   date;        /* the last close on or before the as-of date */
  double   close;
  CcDate   high_date;   /* the highest close in the trailing window */
  double   high;
  double   depth;       /* 1 - close / high: 0 at the high, 0.25 a quarter below it */
  /* The series covers the whole trailing window (52 weeks for a 52-week high); when not,
   * the high is only the highest since @first_date and must not be called a 52-week high. */
  gboolean full_window;
  CcDate   first_date;  /* the first close the window had */
} CcDrawdown;

/* The first session of the 52 weeks that end on @as_of: the first trading day on or after
 * the same weekday 52 weeks (364 days) earlier.
 *
 * A 52-week window is a stretch of the calendar, not a number of sessions: 52 weeks hold 250
 * to 252 NYSE sessions depending on where the holidays fall (the year to Monday 5 Oct 2026
 * holds 251: 261 weekdays from 6 Oct 2025, less 10 holidays). Counting back a fixed 252
 * sessions reached past 52 weeks on most days (to 3 Oct 2025 from 5 Oct 2026), so a full year
 * of data, such as Yahoo's one-year range that states the 52-week high, was called too short.
 * With less data than the window, the high is only the highest since the data start, and the
 * text says so. */
CcDate   cc_52_weeks_first         (CcDate      as_of);

/* "52-week high", or "high since 6 Oct 2025" when the data do not reach back to the first
 * session of the 52 weeks (translated). */
char    *cc_drawdown_describe_high (const CcDrawdown *drawdown);

/* The drawdown of @series at @as_of from its highest close over the trailing @window trading
 * days (the as-of day included). */
gboolean cc_drawdown_from_high (CcSeries   *series,
                                CcDate      as_of,
                                guint       window,
                                CcDrawdown *result);
/* The same over the 52 weeks ending on @as_of (see cc_52_weeks_first()): the "52-week high". */
gboolean cc_drawdown_from_52_week_high (CcSeries   *series,
                                        CcDate      as_of,
                                        CcDrawdown *result);

/* The mean of the last @n closes on or before @as_of. FALSE when fewer than @n are there. */
gboolean cc_moving_average     (CcSeries   *series,
                                CcDate      as_of,
                                guint       n,
                                double     *result);

typedef struct {
  int    x;          /* trading days since the peak */
  CcDate date;
  double drawdown;   /* close / peak - 1: 0 at the peak, negative below it */
} CcCyclePoint;

typedef struct {
  char    *id;               /* "2000", "2008", "2022", "current" */
  char    *label;            /* for people */
  gboolean is_current;
  /* The recovery was found on month-end closes, so it is known to the month only. */
  gboolean monthly;
  CcDate   peak_date;
  double   peak_close;
  CcDate   trough_date;
  double   trough_close;
  double   depth;            /* 1 - trough / peak */
  int      days_to_trough;   /* trading days from the peak */
  gboolean recovered;
  CcDate   recovery_date;    /* the first close at or above the peak after it */
  int      days_to_recover;  /* trading days from the trough to the recovery */
  double   article_decline;  /* what the source article says, as a fraction; 0 when nothing */
  GArray  *path;             /* CcCyclePoint, from the peak to the recovery or the end */
} CcCycle;

void     cc_cycle_free         (CcCycle *cycle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcCycle, cc_cycle_free)

/* Measures the decline of @series that starts at its close on @peak_date, looking at points up
 * to @until. NULL when there is no close on @peak_date. */
CcCycle *cc_cycle_measure      (CcSeries   *series,
                                CcDate      peak_date,
                                CcDate      until,
                                const char *id,
                                const char *label);

/* A historical episode, from its peak and trough facts and the month-end closes in between and
 * after it (until @until). */
CcCycle *cc_cycle_from_episode (const CcCycleEpisode *episode,
                                CcSeries             *monthly,
                                CcDate                until);

/* The current decline of @daily: from its 52-week high to @as_of. */
CcCycle *cc_cycle_current      (CcSeries   *daily,
                                CcDate      as_of);

/* The drawdown on the last path point on or before @date (FALSE before the peak). */
gboolean cc_cycle_drawdown_at  (const CcCycle *cycle,
                                CcDate         date,
                                double        *drawdown);

G_END_DECLS
