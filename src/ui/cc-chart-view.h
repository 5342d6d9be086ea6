/* cc-chart-view.h: the interactive chart widget: draws a CcChart through cc_chart_draw() and
 * adds the crosshair read-out, zoom, pan and event picking on top. */
#pragma once

#include <gtk/gtk.h>

#include "cc-chart.h"

G_BEGIN_DECLS

#define CC_TYPE_CHART_VIEW (cc_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CcChartView, cc_chart_view, CC, CHART_VIEW, GtkWidget)

GtkWidget  *cc_chart_view_new            (void);
CcChart    *cc_chart_view_get_chart      (CcChartView *self);
void        cc_chart_view_set_chart      (CcChartView *self,
                                          CcChart     *chart);
/* Zooms by @factor (> 1 zooms in) around the date at @x, or the middle when @x < 0. */
void        cc_chart_view_zoom           (CcChartView *self,
                                          double       factor,
                                          double       x);
/* Pans by @fraction of the visible span (positive moves later). */
void        cc_chart_view_pan            (CcChartView *self,
                                          double       fraction);
/* Back to the range the window chose (emits ::reset-requested). */
void        cc_chart_view_reset          (CcChartView *self);
/* How much the figure is magnified on screen (chart units to widget pixels), so that its text
 * stays legible in a small window. */
double      cc_chart_view_get_scale      (CcChartView *self);
/* Shows @child in a popover pointing at (@x, @y), replacing what it showed before. */
void        cc_chart_view_popup          (CcChartView *self,
                                          GtkWidget   *child,
                                          double       x,
                                          double       y);
/* The text summary of what the chart shows (also its accessible description). */
const char *cc_chart_view_get_summary    (CcChartView *self);

G_END_DECLS
