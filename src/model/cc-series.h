/* cc-series.h: a daily close series with per-point provenance.
 *
 * Points are kept in one contiguous array sorted by date, so the chart can walk them quickly
 * and look dates up with a binary search.
 */
#pragma once

#include <gio/gio.h>

#include "cc-date.h"

G_BEGIN_DECLS

/* Where a value comes from: a market data provider or a recorded response (observed), a figure
 * reported by a source and placed at its date (anchored), or filled in by the offline dataset's
 * generator (reconstructed). */
typedef enum {
  CC_PROVENANCE_OBSERVED,
  CC_PROVENANCE_ANCHORED,
  CC_PROVENANCE_RECONSTRUCTED,
} CcProvenance;

/* A price series carries real price levels; an index series is relative (100 at its first bar)
 * and must never be shown as a currency amount. */
typedef enum {
  CC_LEVEL_PRICE,
  CC_LEVEL_INDEX,
} CcLevelKind;

/* Where the series as a whole came from, for legends and export footers. */
typedef enum {
  CC_ORIGIN_BUNDLED,
  CC_ORIGIN_PROVIDER,
  CC_ORIGIN_CACHE,
  CC_ORIGIN_IMPORTED,
} CcOrigin;

typedef enum {
  CC_POINT_FLAG_NONE       = 0,
  /* The session had not closed when the bar was fetched. */
  CC_POINT_FLAG_UNFINISHED = 1 << 0,
  /* An imported row dated on an NYSE holiday: often an interpolated value, not a close. */
  CC_POINT_FLAG_NON_TRADING_DAY = 1 << 1,
  /* A month-end close standing for its month: the long history before the daily data. */
  CC_POINT_FLAG_MONTHLY = 1 << 2,
} CcPointFlags;

typedef struct {
  CcDate  date;
  guint8  provenance;   /* CcProvenance */
  guint8  flags;        /* CcPointFlags */
  guint16 reserved;
  double  close;
} CcPoint;

typedef enum {
  CC_ACTION_SPLIT,
  CC_ACTION_DIVIDEND,
} CcActionKind;

typedef struct {
  CcDate       date;
  CcActionKind kind;
  /* A split is numerator:denominator new shares for old (4:1 -> 4 and 1); a dividend is
   * an amount per share in @numerator with @denominator 1. */
  double       numerator;
  double       denominator;
} CcAction;

#define CC_TYPE_SERIES (cc_series_get_type ())
G_DECLARE_FINAL_TYPE (CcSeries, cc_series, CC, SERIES, GObject)

CcSeries      *cc_series_new                 (const char    *symbol,
                                              CcLevelKind    level_kind);
CcSeries      *cc_series_copy                (CcSeries      *self);
const char    *cc_series_get_symbol          (CcSeries      *self);
const char    *cc_series_get_name            (CcSeries      *self);
void           cc_series_set_name            (CcSeries      *self,
                                              const char    *name);
const char    *cc_series_get_currency        (CcSeries      *self);
void           cc_series_set_currency        (CcSeries      *self,
                                              const char    *currency);
CcLevelKind    cc_series_get_level_kind      (CcSeries      *self);
void           cc_series_set_level_kind      (CcSeries      *self,
                                              CcLevelKind    level_kind);
CcOrigin       cc_series_get_origin          (CcSeries      *self);
void           cc_series_set_origin          (CcSeries      *self,
                                              CcOrigin       origin);
/* A short human description of the source: "Yahoo Finance", "offline dataset", a file name. */
const char    *cc_series_get_source          (CcSeries      *self);
void           cc_series_set_source          (CcSeries      *self,
                                              const char    *source);
/* Unix time of the fetch, or 0 when unknown or not fetched. */
gint64         cc_series_get_fetched_at      (CcSeries      *self);
void           cc_series_set_fetched_at      (CcSeries      *self,
                                              gint64         unix_time);

guint          cc_series_get_n_points        (CcSeries      *self);
const CcPoint *cc_series_get_points          (CcSeries      *self,
                                              guint         *n_points);
const CcPoint *cc_series_get_point           (CcSeries      *self,
                                              guint          index);
const CcPoint *cc_series_get_first           (CcSeries      *self);
const CcPoint *cc_series_get_last            (CcSeries      *self);
void           cc_series_reserve             (CcSeries      *self,
                                              guint          n_points);
/* Appends a point later than every point already held (returns FALSE otherwise). */
gboolean       cc_series_append              (CcSeries      *self,
                                              CcDate         date,
                                              double         close,
                                              CcProvenance   provenance,
                                              CcPointFlags   flags);
/* Inserts or replaces the point at @date, keeping the order. */
void           cc_series_set_point           (CcSeries      *self,
                                              CcDate         date,
                                              double         close,
                                              CcProvenance   provenance,
                                              CcPointFlags   flags);
/* Takes every point of @other, replacing points at the same dates. */
void           cc_series_merge               (CcSeries      *self,
                                              CcSeries      *other);
void           cc_series_clear               (CcSeries      *self);
/* Index of the point at @date, or -1. */
int            cc_series_find                (CcSeries      *self,
                                              CcDate         date);
/* Index of the last point on or before @date, or -1 when every point is later. */
int            cc_series_find_on_or_before   (CcSeries      *self,
                                              CcDate         date);
/* Index of the first point on or after @date, or -1 when every point is earlier. */
int            cc_series_find_on_or_after    (CcSeries      *self,
                                              CcDate         date);
gboolean       cc_series_get_close           (CcSeries      *self,
                                              CcDate         date,
                                              double        *close);
/* TRUE when any point in [from, to] has @provenance. */
gboolean       cc_series_has_provenance      (CcSeries      *self,
                                              CcProvenance   provenance,
                                              CcDate         from,
                                              CcDate         to);
/* Splits and dividends, sorted by date. */
void           cc_series_add_action          (CcSeries      *self,
                                              const CcAction *action);
const CcAction *cc_series_get_actions        (CcSeries      *self,
                                              guint         *n_actions);

const char    *cc_provenance_to_string       (CcProvenance   provenance);
gboolean       cc_provenance_from_string     (const char    *text,
                                              CcProvenance  *provenance);
/* Translated, for people: "observed", "anchored", "reconstructed". */
const char    *cc_provenance_get_label       (CcProvenance   provenance);

G_END_DECLS
