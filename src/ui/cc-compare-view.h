/* cc-compare-view.h: compare mode as a widget, for a page of the main window and for the
 * Compare window: one item around several events (curated and the user's), lined up at day 0
 * with the median and inter-quartile band and the analogue table under the chart; or the ^SOX
 * declines aligned at their peaks. */
#pragma once

#include <adwaita.h>

#include "cc-analogue.h"
#include "cc-dataset.h"

G_BEGIN_DECLS

#define CC_TYPE_COMPARE_VIEW (cc_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (CcCompareView, cc_compare_view, CC, COMPARE_VIEW, GtkWidget)

CcCompareView       *cc_compare_view_new          (void);
/* Offers the items and day-precision events of @dataset; the events inside the item's data
 * are ticked, @selected_event_id (may be NULL) emphasised. */
void                 cc_compare_view_set_dataset  (CcCompareView   *self,
                                                   CcDataset       *dataset,
                                                   const char      *item,
                                                   const char      *selected_event_id);
CcDataset           *cc_compare_view_get_dataset  (CcCompareView   *self);
/* Ticks exactly the events on @dates (others off) and recomputes. */
void                 cc_compare_view_set_events   (CcCompareView   *self,
                                                   const CcDate    *dates,
                                                   guint            n_dates);
/* A ticker, "basket:GROUP" or a ratio "A/B"; an item not in the list is added to it. */
void                 cc_compare_view_set_item     (CcCompareView   *self,
                                                   const char      *item);
const char          *cc_compare_view_get_item     (CcCompareView   *self);
/* Offers the open portfolio's series ("portfolio:NAME", cc-exposure.h; NULL for none) among
 * the items; when the chosen item was a portfolio no longer open, ^SOX is chosen instead. */
void                 cc_compare_view_set_portfolio (CcCompareView  *self,
                                                    CcSeries       *series);
/* Emphasises the event on @date. */
void                 cc_compare_view_select_date  (CcCompareView   *self,
                                                   CcDate           date);
/* The set on screen (NULL when the item or its events give none), owned by the view; it
 * emits ::changed after each recomputation. */
const CcAnalogueSet *cc_compare_view_get_set      (CcCompareView   *self);
/* The analogue table as shown: a GPtrArray of GStrv, the headings first, read back from the
 * table's labels. */
GPtrArray           *cc_compare_view_get_table    (CcCompareView   *self);
/* The text under the table: what is missing per event, and what the CARs are. */
const char          *cc_compare_view_get_notes    (CcCompareView   *self);
/* TRUE when a ticked event lies before the item's data, so longer history would add it. */
gboolean             cc_compare_view_needs_history (CcCompareView  *self);

G_END_DECLS
