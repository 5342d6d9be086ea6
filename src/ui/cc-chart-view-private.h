/* cc-chart-view-private.h: the chart widget's pointer actions, for the ui tests. */
#pragma once

#include "cc-chart.h"
#include "cc-chart-view.h"

G_BEGIN_DECLS

/* What a click at (@x, @y) (widget pixels) does: opens the filing whose marker is there
 * (::filing-activated), selects the event whose label or line is there, hides the series
 * whose end label is there, or offers the legend's series to toggle.
 * FALSE when nothing is there. */
gboolean  _cc_chart_view_activate_at (CcChartView *self,
                                      double       x,
                                      double       y);
/* What a right click, a long press or the menu key (Menu, Shift+F10, at the pointer) does at
 * (@x, @y): pops up the context menu of the filing whose marker is there, with "Open Filing
 * in Browser" (chart.open-filing, then ::filing-activated) and "Copy Link"
 * (chart.copy-filing-link), each with the filing's URL as its target. FALSE when no marker is
 * there. */
gboolean    _cc_chart_view_filing_menu_at  (CcChartView *self,
                                            double       x,
                                            double       y);
/* That menu (a GtkPopoverMenu), or NULL before the first. */
GtkPopover *_cc_chart_view_get_filing_menu (CcChartView *self);
/* The filing whose marker the keyboard stepped to (. and , with the chart focused), or NULL. */
const CcChartFiling *_cc_chart_view_get_keyboard_filing (CcChartView *self);

/* The tooltip markup at (@x, @y): a filing's form, items and acceptance times, or an event's
 * title, date, category and description. */
char     *_cc_chart_view_describe_at (CcChartView *self,
                                      double       x,
                                      double       y);

/* Where the Shift-drag zoom band is drawn (widget pixels): the dragged span of the plot area,
 * clamped to it. FALSE when no band is shown. */
gboolean  _cc_chart_view_get_band    (CcChartView *self,
                                      CcChartRect *band);
/* Starts, moves and ends a drag at widget x/y as the pointer would, @shift held or not. */
void      _cc_chart_view_drag        (CcChartView *self,
                                      double       start_x,
                                      double       start_y,
                                      double       dx,
                                      double       dy,
                                      gboolean     shift,
                                      gboolean     end);

/* The pointer moves to (@x, @y) (widget pixels) as a motion event would; @x < 0: it leaves. */
void      _cc_chart_view_hover       (CcChartView *self,
                                      double       x,
                                      double       y);

G_END_DECLS
