/* cc-analogue.h: analogues: one item's path around several events, lined up on the
 * trading-day axis at day 0 and rebased to 0% at the close before it, with the median path and
 * the inter-quartile band, and per event the numbers of the analogue table. Also the ^SOX
 * declines of 2000-02, 2007-09 and 2021-22 and the current one, aligned at their peaks. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-cycle.h"
#include "cc-dataset.h"
#include "cc-event-study.h"

G_BEGIN_DECLS

#define CC_ANALOGUE_ERROR (cc_analogue_error_quark ())
typedef enum {
  CC_ANALOGUE_ERROR_WINDOW,      /* a window that is not -250..-1, +1..+250 */
  CC_ANALOGUE_ERROR_ITEM,        /* no data for the item */
  CC_ANALOGUE_ERROR_EVENT,       /* an event outside the data */
} CcAnalogueError;
GQuark cc_analogue_error_quark (void);

#define CC_ANALOGUE_DEFAULT_FIRST (-20)
#define CC_ANALOGUE_DEFAULT_LAST  60
#define CC_ANALOGUE_MIN_FIRST     (-250)
#define CC_ANALOGUE_MAX_LAST      250
/* Fewer paths with a value on a day than this and the day has no median or band. */
#define CC_ANALOGUE_MIN_FOR_BAND  3

/* Trading days relative to day 0, both ends included. */
typedef struct {
  int first;   /* -20 */
  int last;    /* +60 */
} CcAnalogueWindow;

/* "-20,+60" (also "-20,60" and "−20,+60" with a minus sign). FALSE with a CC_ANALOGUE_ERROR_WINDOW
 * naming the text when it is not two whole numbers within the limits above. */
gboolean cc_analogue_window_parse    (const char       *text,
                                      CcAnalogueWindow *window,
                                      GError          **error);
gboolean cc_analogue_window_check    (const CcAnalogueWindow *window,
                                      GError          **error);

typedef struct {
  CcDate       date;        /* the date asked for */
  CcDate       day0;        /* the first trading day on or after it */
  char        *label;       /* for people: the event's title, or the date */
  char        *event_id;    /* the dataset's event, or NULL */

  /* The close the path is rebased to: the one on t-1, or (month-end data) the last one before
   * day 0, then @base_date is earlier than t-1 and @coarse is set. */
  gboolean     has_base;
  CcDate       base_date;
  double       base_close;
  gboolean     coarse;

  /* The path, index = day - window.first: close / base_close - 1, NAN where there is no
   * close on that trading day; each value's provenance. */
  guint        n_days;
  double      *value;
  guint8      *provenance;   /* CcProvenance */
  guint        n_values;
  int          first_day;    /* the first and last day with a value (when n_values > 0) */
  int          last_day;
  CcProvenance least_certain;
  /* What the data lacks for this event (translated: "no data before t-12", "data end at t+14"),
   * or NULL when the window is whole. */
  char        *missing;

  /* The analogue table. */
  gboolean     has_move;
  double       move;         /* day 0 against t-1 */
  /* Over cc_event_study_windows: abnormal returns against ^SOX (market model), or for ^SOX
   * itself (@car_is_return) its plain return over the window. */
  gboolean     car_is_return;
  gboolean     has_car[CC_EVENT_STUDY_N_WINDOWS];
  double       car[CC_EVENT_STUDY_N_WINDOWS];
  double       t_stat[CC_EVENT_STUDY_N_WINDOWS];   /* NAN for plain returns */
  char        *car_problem;  /* why there are no CARs (translated), or NULL */
  /* The lowest close from day 0 to the window's end against the base (0 when it never closed
   * below it) and its day. */
  gboolean     has_drawdown;
  double       drawdown;     /* a fraction >= 0: 0.12 is 12% below the t-1 close */
  int          drawdown_day;
  CcDate       drawdown_date;
  /* The first close at or above the base on or after the drawdown's day (looking past the
   * window, up to the as-of date): day @recovery_day. Not recovered: "not yet". */
  gboolean     recovered;
  int          recovery_day;
  CcDate       recovery_date;
} CcAnaloguePath;

typedef struct {
  char             *item;
  char             *label;
  CcAnalogueWindow  window;
  CcDate            as_of;
  GPtrArray        *paths;        /* CcAnaloguePath, in the order asked */
  /* With CC_ANALOGUE_MIN_FOR_BAND paths or more: per day (index = day - window.first), the
   * median and quartiles (linear between order statistics, as numpy's default and Excel's
   * QUARTILE.INC) of the paths with a value that day; NAN on days with fewer. */
  gboolean          has_band;
  double           *median;
  double           *q1;
  double           *q3;
  guint8           *count;        /* paths with a value on the day */
} CcAnalogueSet;

void           cc_analogue_set_free    (CcAnalogueSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcAnalogueSet, cc_analogue_set_free)

/* Lines @series up around @n_dates dates (their @labels may be NULL: the date then), using data
 * up to @as_of (CC_DATE_INVALID: all). @market is ^SOX for the abnormal returns; when it is
 * @series itself the CARs are plain returns. Never fails: an event without data gets a path
 * without values and says why in @missing. */
CcAnalogueSet *cc_analogue_set_compute (CcSeries               *series,
                                        CcSeries               *market,
                                        const char             *label,
                                        const CcDate           *dates,
                                        const char * const     *labels,
                                        guint                   n_dates,
                                        const CcAnalogueWindow *window,
                                        CcDate                  as_of);

/* The same for a dataset's @item (a ticker, "basket:GROUP" or a ratio "A/B", whose returns are
 * then plain: it is already measured against B), each date labelled with the dataset's event
 * on it. A spread fails with CC_ANALOGUE_ERROR_ITEM: it has no level to rebase. Fails with CC_ANALOGUE_ERROR_ITEM for an item without data and
 * CC_ANALOGUE_ERROR_EVENT for a date before the item's first close or after its last (named,
 * with the range of the data). */
CcAnalogueSet *cc_analogue_set_new     (CcDataset              *dataset,
                                        const char             *item,
                                        const CcDate           *dates,
                                        guint                   n_dates,
                                        const CcAnalogueWindow *window,
                                        CcDate                  as_of,
                                        GError                **error);

/* The first and last close of @item up to @as_of (CC_DATE_INVALID: all), as
 * cc_analogue_set_new() reads it: an event must fall after the first and on or before the
 * last. FALSE with CC_ANALOGUE_ERROR_ITEM as there. */
gboolean       cc_analogue_item_range  (CcDataset              *dataset,
                                        const char             *item,
                                        CcDate                  as_of,
                                        CcDate                 *first,
                                        CcDate                 *last,
                                        GError                **error);

/* The same for an item that may be the user's portfolio: "portfolio:NAME" is lined up on
 * @portfolio (its series, cc-exposure.h, whose symbol it is; NULL: no portfolio is open, and
 * the item has no data), against ^SOX like a basket. */
CcAnalogueSet *cc_analogue_set_new_full (CcDataset              *dataset,
                                         const char             *item,
                                         CcSeries               *portfolio,
                                         const CcDate           *dates,
                                         guint                   n_dates,
                                         const CcAnalogueWindow *window,
                                         CcDate                  as_of,
                                         GError                **error);
gboolean       cc_analogue_item_range_full (CcDataset          *dataset,
                                            const char         *item,
                                            CcSeries           *portfolio,
                                            CcDate              as_of,
                                            CcDate             *first,
                                            CcDate             *last,
                                            GError            **error);

/* The median of @n values (sorted in place), and a quantile (0..1) by linear interpolation
 * between order statistics of sorted values. */
double         cc_analogue_quantile    (const double *sorted,
                                        guint         n,
                                        double        p);

/* For the table: "t+12", "not yet", "never below" (translated). */
char          *cc_analogue_format_recovery (const CcAnaloguePath *path);
/* "-14.20% (t+9)" or "none". */
char          *cc_analogue_format_drawdown (const CcAnaloguePath *path);

/* Where today sits: the latest event whose window the data end inside (its path's last day is
 * today), against the median of the other paths on that same day. */
typedef struct {
  guint  path;       /* index into set->paths */
  int    day;        /* today, in trading days after day 0 */
  double value;      /* the path's value today */
  guint  n_others;   /* other paths with a value on @day */
  double median;     /* theirs (NAN when @n_others is 0) */
} CcAnalogueNow;

/* FALSE when no event is still inside its window. */
gboolean       cc_analogue_set_get_now     (const CcAnalogueSet *set,
                                            CcAnalogueNow       *now);
/* "t+14 after Meta Compute announced: -8.20%, against a median of -3.10% for the 2 other
 * events at t+14" (translated). */
char          *cc_analogue_format_now      (const CcAnalogueSet *set,
                                            const CcAnalogueNow *now);
/* The line every view shows: "Today: t+14 after …" (translated), or NULL when no event is
 * still inside its window. The panel, `chipcycle compare` and its JSON ("today") print it. */
char          *cc_analogue_format_today    (const CcAnalogueSet *set);

/* What the table's CAR columns are, in one line for under the table (translated). */
const char    *cc_analogue_set_car_note    (const CcAnalogueSet *set);

/* The analogue table, as every view shows it (window, panel, CLI): the column headings, and
 * one row of cells per path, formatted. */
#define CC_ANALOGUE_TABLE_N_COLUMNS (3 + CC_EVENT_STUDY_N_WINDOWS + 2)
char         **cc_analogue_table_headings  (const CcAnalogueSet *set);
char         **cc_analogue_table_row       (const CcAnalogueSet *set,
                                            guint                index);
/* For scripts: the set with its table, numbers and paths (`chipcycle compare --json`). */
JsonNode      *cc_analogue_set_to_json     (const CcAnalogueSet *set);
/* One row per trading day: day, each event's path, median, q1, q3, in percent; '#' comment
 * lines first say what the item, base and events are. */
char          *cc_analogue_set_to_csv      (const CcAnalogueSet *set);
/* The table as aligned text for the terminal. */
char          *cc_analogue_set_to_text     (const CcAnalogueSet *set);

/* The peak-aligned ^SOX declines: 2000-02, 2007-09 and 2021-22 from @sox where it holds their
 * daily closes (then CcCycle.monthly is FALSE), otherwise from the month-end closes @monthly
 * (CcCycle.monthly TRUE), each up to @after_trough sessions past its trough (or to its
 * recovery); then the current decline of @sox as of @as_of, when there is one. @monthly may be
 * NULL (the episodes are then left out unless @sox has them daily). */
GPtrArray     *cc_analogue_cycles      (CcSeries   *sox,
                                        CcSeries   *monthly,
                                        CcDate      as_of,
                                        int         after_trough);

/* TRUE when @series has a close on at least 95% of the trading days in [from, to]. */
gboolean       cc_analogue_is_daily    (CcSeries   *series,
                                        CcDate      from,
                                        CcDate      to);

G_END_DECLS
