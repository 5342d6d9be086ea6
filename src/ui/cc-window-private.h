/* cc-window-private.h: what the ui tests reach inside the window. */
#pragma once

#include "cc-chart.h"
#include "cc-chart-view.h"
#include "cc-window.h"

G_BEGIN_DECLS

CcChart     *_cc_window_get_chart        (CcWindow   *self);
CcChartView *_cc_window_get_chart_view   (CcWindow   *self);
/* The check button of @item ("MU", "basket:memory") in the sidebar, or NULL. */
GtkWidget   *_cc_window_get_item_toggle  (CcWindow   *self,
                                          const char *item);
/* Writes the chart to @path as the export dialog would, without asking. */
gboolean     _cc_window_export_to_path   (CcWindow   *self,
                                          const char *path,
                                          double      width,
                                          double      height,
                                          double      scale,
                                          GError    **error);
/* Selects the event @event_id in the event list, as a click would. */
gboolean     _cc_window_select_event     (CcWindow   *self,
                                          const char *event_id);
void         _cc_window_show_toast       (CcWindow   *self,
                                          const char *text);

G_END_DECLS
