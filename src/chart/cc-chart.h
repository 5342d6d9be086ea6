/* cc-chart.h: the chart description and the one function that draws it into any cairo_t.
 *
 * The window, PNG, PDF and SVG exports all draw through cc_chart_draw(), so what the user sees
 * is what they export. No GTK here.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "cc-dataset.h"

G_BEGIN_DECLS

typedef enum {
  CC_CHART_MODE_PERCENT,   /* percent change from the base date */
  CC_CHART_MODE_INDEXED,   /* 100 at the base date */
  CC_CHART_MODE_PRICE,     /* real price levels (only series that have them) */
} CcChartMode;

typedef enum {
  CC_CHART_THEME_LIGHT,
  CC_CHART_THEME_DARK,
} CcChartTheme;

typedef enum {
  CC_CHART_AXIS_CALENDAR,      /* dates */
  CC_CHART_AXIS_TRADING_DAYS,  /* t-20 .. t+60 relative to the base event */
} CcChartTimeAxis;

typedef enum {
  CC_EXPORT_PNG,
  CC_EXPORT_PDF,
  CC_EXPORT_SVG,
} CcExportFormat;

/* An item is a ticker ("MU") or an equal-weight basket of a catalogue group ("basket:memory"). */
#define CC_CHART_BASKET_PREFIX "basket:"

#define CC_TYPE_CHART (cc_chart_get_type ())
G_DECLARE_FINAL_TYPE (CcChart, cc_chart, CC, CHART, GObject)

/* A chart of @dataset showing the default view: ^SOX, the memory and GPU-designer baskets and
 * META, rebased to the close before the dataset's default event. Emits ::changed whenever
 * anything that affects the drawing changes. */
CcChart         *cc_chart_new                (CcDataset          *dataset);
CcDataset       *cc_chart_get_dataset        (CcChart            *self);
void             cc_chart_set_dataset        (CcChart            *self,
                                              CcDataset          *dataset);
const char * const *cc_chart_get_items       (CcChart            *self);
void             cc_chart_set_items          (CcChart            *self,
                                              const char * const *items);
CcChartMode      cc_chart_get_mode           (CcChart            *self);
void             cc_chart_set_mode           (CcChart            *self,
                                              CcChartMode         mode);
gboolean         cc_chart_get_log_scale      (CcChart            *self);
void             cc_chart_set_log_scale      (CcChart            *self,
                                              gboolean            log_scale);
CcChartTheme     cc_chart_get_theme          (CcChart            *self);
void             cc_chart_set_theme          (CcChart            *self,
                                              CcChartTheme        theme);
CcChartTimeAxis  cc_chart_get_time_axis      (CcChart            *self);
void             cc_chart_set_time_axis      (CcChart            *self,
                                              CcChartTimeAxis     time_axis);
/* The selected event: the chart rebases to the close before it and emphasises it. */
CcEvent         *cc_chart_get_event          (CcChart            *self);
void             cc_chart_set_event          (CcChart            *self,
                                              CcEvent            *event);
/* The base date: the last trading day before the selected event unless set explicitly. */
CcDate           cc_chart_get_base_date      (CcChart            *self);
void             cc_chart_set_base_date      (CcChart            *self,
                                              CcDate              base_date);
/* The visible range (inclusive); CC_DATE_INVALID for "from the data's start / to its end". */
void             cc_chart_get_range          (CcChart            *self,
                                              CcDate             *from,
                                              CcDate             *to);
void             cc_chart_set_range          (CcChart            *self,
                                              CcDate              from,
                                              CcDate              to);
const char      *cc_chart_get_title          (CcChart            *self);
void             cc_chart_set_title          (CcChart            *self,
                                              const char         *title);

/* Draws the whole figure (title, plot, events, legend, footer) in a @width x @height area in
 * user units (logical pixels or points). */
void             cc_chart_draw               (CcChart            *self,
                                              cairo_t            *cr,
                                              double              width,
                                              double              height);

/* Writes the figure to @path. For PNG, @width x @height are logical pixels and the image is
 * @scale times larger; for PDF and SVG they are points and @scale is ignored. */
gboolean         cc_chart_export             (CcChart            *self,
                                              const char         *path,
                                              CcExportFormat      format,
                                              double              width,
                                              double              height,
                                              double              scale,
                                              GError            **error);
/* The format named by @path's extension (.png, .pdf, .svg). */
gboolean         cc_export_format_from_path  (const char         *path,
                                              CcExportFormat     *format);

G_END_DECLS
