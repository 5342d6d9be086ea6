/* cc-compare-window.h: compare mode: one item around several events (curated and the user's),
 * lined up at day 0 with the median and inter-quartile band and the analogue table under the
 * chart; or the ^SOX declines aligned at their peaks. */
#pragma once

#include <adwaita.h>

#include "cc-compare-view.h"
#include "cc-dataset.h"

G_BEGIN_DECLS

#define CC_TYPE_COMPARE_WINDOW (cc_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (CcCompareWindow, cc_compare_window, CC, COMPARE_WINDOW, AdwWindow)

/* Compares @item ("^SOX", "MU", "basket:memory") around the day-precision events of @dataset
 * that fall in its data, @selected_event_id (may be NULL) emphasised. */
CcCompareWindow *cc_compare_window_new         (CcDataset       *dataset,
                                                const char      *item,
                                                const char      *selected_event_id);
/* Ticks exactly the events on @dates (others off) and redraws. */
void             cc_compare_window_set_events  (CcCompareWindow *self,
                                                const CcDate    *dates,
                                                guint            n_dates);
void             cc_compare_window_set_item    (CcCompareWindow *self,
                                                const char      *item);
CcCompareView   *cc_compare_window_get_view    (CcCompareWindow *self);
/* The analogue table as shown: a GPtrArray of GStrv, the headings first, read back from the
 * table's labels. */
GPtrArray       *cc_compare_window_get_table   (CcCompareWindow *self);

G_END_DECLS
