/* cc-chart-view-private.h: the chart widget's pointer actions, for the ui tests. */
#pragma once

#include "cc-chart-view.h"

G_BEGIN_DECLS

/* What a click at (@x, @y) (widget pixels) does: selects the event whose label or line is
 * there, hides the series whose end label is there, or offers the legend's series to toggle.
 * FALSE when nothing is there. */
gboolean  _cc_chart_view_activate_at (CcChartView *self,
                                      double       x,
                                      double       y);
/* The tooltip markup at (@x, @y): an event's title, date, category and description. */
char     *_cc_chart_view_describe_at (CcChartView *self,
                                      double       x,
                                      double       y);

G_END_DECLS
