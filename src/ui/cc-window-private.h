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
/* Whether the "reconstructed data" and "stale" badges are shown. */
void         _cc_window_get_badges       (CcWindow   *self,
                                          gboolean   *reconstructed,
                                          gboolean   *stale);
/* Writes the chart to @path as the export dialog would, without asking. */
gboolean     _cc_window_export_to_path   (CcWindow   *self,
                                          const char *path,
                                          double      width,
                                          double      height,
                                          double      scale,
                                          GError    **error);
/* The closes behind the chart (basket members included) in the visible range, as CSV. */
gboolean     _cc_window_export_csv       (CcWindow   *self,
                                          GFile      *file,
                                          GError    **error);
/* The chart page, then the analysis pages, as the export dialog's "add the analysis text". */
gboolean     _cc_window_export_pdf_with_report (CcWindow *self,
                                          GFile      *file,
                                          double      width,
                                          double      height,
                                          char      **report_note,
                                          GError    **error);
/* Selects the event @event_id in the event list, as a click would. */
gboolean     _cc_window_select_event     (CcWindow   *self,
                                          const char *event_id);
/* Imports an event set as the user's own; nothing changes when the file is bad. */
gboolean     _cc_window_import_events    (CcWindow   *self,
                                          GFile      *file,
                                          guint      *n_imported,
                                          GError    **error);
gboolean     _cc_window_export_events    (CcWindow   *self,
                                          GFile      *file,
                                          GError    **error);
/* Imports a price CSV (the symbols join the catalogue and the chart). */
gboolean     _cc_window_import_csv       (CcWindow   *self,
                                          GFile      *file,
                                          GError    **error);
gboolean     _cc_window_add_ticker       (CcWindow   *self,
                                          const char *ticker);
void         _cc_window_show_toast       (CcWindow   *self,
                                          const char *text);

G_END_DECLS
