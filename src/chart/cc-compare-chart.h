/* cc-compare-chart.h: the compare-mode figures: one item's paths around several events on the
 * trading-day axis (each event in its own colour and labelled, the selected one emphasised, the
 * median and the inter-quartile band), and the ^SOX declines aligned at their peaks. Drawn into
 * any cairo_t, so the window and the PNG, PDF and SVG exports share them. Cairo and Pango only. */
#pragma once

#include <cairo.h>

#include "cc-analogue.h"
#include "cc-chart.h"

G_BEGIN_DECLS

typedef struct {
  CcChartTheme  theme;
  int           selected;     /* the path drawn emphasised, or -1 */
  const char   *title;        /* NULL: "MU around 4 events" */
  const char   *source;       /* the data's source for the footer, or NULL */
  gboolean      paint_paper;  /* fill the background (exports); the window leaves its own */
  /* The current decline (cycle chart) includes reconstructed or anchored closes: drawn dashed
   * and said so in its label. */
  gboolean      current_reconstructed;
  /* The window's colours; NULL: the theme's. */
  const double *foreground;   /* RGBA */
} CcCompareChartOptions;

void cc_compare_chart_options_init (CcCompareChartOptions *options);

/* One path of the cycle chart as drawn: what a test reads back to check that a decline sits
 * at its real trading day and depth. */
typedef struct {
  char     *id;          /* the CcCycle's: "2000", "2008", "2022", "current" */
  char     *end_label;   /* as drawn */
  gboolean  monthly;     /* drawn from month-end closes (dots) */
  gboolean  dashed;
  GArray   *points;      /* double[2]: (x, y) of each point stroked, in user units */
  double    trough_x;    /* the ring drawn at the lowest close */
  double    trough_y;
  char     *trough_label;  /* the depth written beside it, or NULL */
} CcCycleChartPath;

/* What was drawn, for tests and hit-testing: every string as drawn, and the plot area. */
typedef struct _CcCompareChartLayout {
  double     plot_x, plot_y, plot_width, plot_height;
  /* The data ranges at the plot's edges: x in trading days (since day 0 or since the peak),
   * y in percent; x_lo at plot_x, y_lo at plot_y + plot_height. */
  double     x_lo, x_hi, y_lo, y_hi;
  GPtrArray *texts;     /* char *: title, subtitle, tick labels, end labels, legend, notes,
                         * footer, in drawing order */
  GPtrArray *end_labels;  /* char *: one per path drawn, in path order */
  GArray    *colors;    /* double[4] per path, as stroked */
  GPtrArray *cycle_paths; /* CcCycleChartPath, for the cycle chart; empty otherwise */
  char      *footer;    /* the cycle chart's footer: which closes each path uses, the source */
} CcCompareChartLayout;

void cc_compare_chart_layout_free  (CcCompareChartLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcCompareChartLayout, cc_compare_chart_layout_free)

/* The colour of path @index (Okabe-Ito, colour-blind safe), RGBA. */
void cc_compare_chart_path_color   (CcChartTheme  theme,
                                    guint         index,
                                    double        rgba[4]);

/* Draws @set into @width x @height. @layout (may be NULL) receives what was drawn. */
void cc_compare_chart_draw         (cairo_t                     *cr,
                                    const CcAnalogueSet         *set,
                                    const CcCompareChartOptions *options,
                                    double                       width,
                                    double                       height,
                                    CcCompareChartLayout       **layout);

/* Draws @cycles (CcCycle, from cc_analogue_cycles()) as drawdowns from their peaks against
 * trading days since the peak, the current one ("Today") emphasised and drawn over the others,
 * each low marked with its depth; says on the figure which paths are month-end closes, and in
 * the footer which closes each path uses. */
void cc_cycle_chart_draw           (cairo_t                     *cr,
                                    GPtrArray                   *cycles,
                                    const CcCompareChartOptions *options,
                                    double                       width,
                                    double                       height,
                                    CcCompareChartLayout       **layout);

/* Writes the compare chart (@cycles NULL) or the cycle chart (@set NULL) to @path as PNG (at
 * @scale), PDF or SVG; the file lands whole or not at all. */
gboolean cc_compare_chart_export   (const CcAnalogueSet         *set,
                                    GPtrArray                   *cycles,
                                    const CcCompareChartOptions *options,
                                    const char                  *path,
                                    CcExportFormat               format,
                                    double                       width,
                                    double                       height,
                                    double                       scale,
                                    GError                     **error);

G_END_DECLS
