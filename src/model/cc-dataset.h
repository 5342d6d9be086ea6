/* cc-dataset.h: everything a chart or an analysis reads: the catalogue, one series per symbol,
 * the events, and the historical ^SOX facts. */
#pragma once

#include <gio/gio.h>

#include "cc-catalogue.h"
#include "cc-event.h"
#include "cc-series.h"

G_BEGIN_DECLS

/* A real ^SOX peak-to-trough episode, bundled as a fact. */
typedef struct {
  const char *id;          /* "2000", "2008", "2022" */
  const char *name;        /* untranslated, e.g. "Dot-com bust" */
  CcDate      peak_date;
  double      peak_close;
  CcDate      trough_date;
  double      trough_close;
  /* What the article says the decline was, as a fraction (0.82), or 0 when it gives none. */
  double      article_decline;
} CcCycleEpisode;

#define CC_TYPE_DATASET (cc_dataset_get_type ())
G_DECLARE_FINAL_TYPE (CcDataset, cc_dataset, CC, DATASET, GObject)

CcDataset            *cc_dataset_new                 (void);
/* The offline dataset shipped in the GResource is read by the data layer:
 * cc_bundled_dataset_new() in src/data/cc-bundled-dataset.h. */

/* A snapshot of @self that another thread may read while @self goes on changing: the same
 * series (never changed once in a dataset), copies of the events and the catalogue. */
CcDataset            *cc_dataset_copy                (CcDataset    *self);
CcCatalogue          *cc_dataset_get_catalogue       (CcDataset    *self);
CcSeries             *cc_dataset_get_series          (CcDataset    *self,
                                                      const char   *symbol);
/* Replaces (or adds) the series for its symbol; emits ::series-changed with the symbol. */
void                  cc_dataset_set_series          (CcDataset    *self,
                                                      CcSeries     *series);
/* Symbols that have a series, in catalogue order, then any others sorted. Free the array. */
GPtrArray            *cc_dataset_list_symbols        (CcDataset    *self);
/* The events, sorted by date (a GPtrArray of CcEvent, owned by the dataset). */
GPtrArray            *cc_dataset_get_events          (CcDataset    *self);
void                  cc_dataset_add_event           (CcDataset    *self,
                                                      CcEvent      *event);
/* Adds @events (CcEvent), replacing any held event with the same id: how the user's saved
 * events file (their own events, and curated ones they hid or edited) is laid over the bundled
 * set. Emits ::events-changed once. */
void                  cc_dataset_merge_events        (CcDataset    *self,
                                                      GPtrArray    *events);
gboolean              cc_dataset_remove_event        (CcDataset    *self,
                                                      const char   *event_id);
CcEvent              *cc_dataset_find_event          (CcDataset    *self,
                                                      const char   *event_id);
/* The first day-precision event on @date, or NULL. */
CcEvent              *cc_dataset_find_event_on       (CcDataset    *self,
                                                      CcDate        date);
/* The event the default view is anchored to (Meta Compute, 2026-07-01). */
CcEvent              *cc_dataset_get_default_event   (CcDataset    *self);
/* Month-end ^SOX closes 1994..2025 (observed), as a series. */
CcSeries             *cc_dataset_get_sox_monthly     (CcDataset    *self);
const CcCycleEpisode *cc_dataset_get_episodes        (guint        *n_episodes);
/* @symbol's series as long chart ranges show it: its daily points, preceded by the month-end
 * closes of the bundled history (^SOX only) dated before the first of them, those flagged
 * CC_POINT_FLAG_MONTHLY. Daily closes, once fetched, so replace the month-end ones wherever
 * they reach. The daily series itself when there is no earlier history; NULL without one.
 * Owned by the dataset, valid until the symbol's series or the history is replaced. */
CcSeries             *cc_dataset_get_history         (CcDataset    *self,
                                                      const char   *symbol);
/* What the data layer's loader of the offline dataset sets. */
/* Names @series from the catalogue, marks it bundled and sets it; the data layer describes its
 * source. */
void                  cc_dataset_add_bundled_series  (CcDataset    *self,
                                                      CcSeries     *series);
void                  cc_dataset_set_sox_monthly     (CcDataset    *self,
                                                      CcSeries     *series);
/* Records where the value of @symbol's point at @date comes from (a reported figure, a recorded
 * response), if that point exists and carries @provenance; the first note for a point wins. */
void                  cc_dataset_note_point_source   (CcDataset    *self,
                                                      const char   *symbol,
                                                      CcDate        date,
                                                      CcProvenance  provenance,
                                                      const char   *source);
/* Where the value of @symbol's point at @date comes from, for tooltips: the reported figure of
 * an anchored point ("article.md, … : KLA (-12%)") or the recorded response of an observed one.
 * NULL for reconstructed points, or once the bundled series was replaced. Free with g_free(). */
char                 *cc_dataset_get_point_source    (CcDataset    *self,
                                                      const char   *symbol,
                                                      CcDate        date);

G_END_DECLS
