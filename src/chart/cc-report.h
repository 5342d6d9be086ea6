/* cc-report.h: the side panel's analysis laid out for print (the PDF export's report pages),
 * and the cycle-comparison plot shared by the panel and the report. Cairo and Pango only. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cc-analysis.h"
#include "cc-assessment.h"
#include "cc-chart.h"

G_BEGIN_DECLS

/* Colours as RGBA in 0..1, so the widget can pass its style's colours and print passes black. */
typedef struct {
  double foreground[4];
  double accent[4];
  double background[4];   /* alpha 0: leave the background alone */
} CcReportInk;

void     cc_report_ink_init_print   (CcReportInk      *ink);

/* Plots the drawdown paths of the historical cycles and the current one, aligned at their
 * peaks, in trading days since the peak (the first three years), into @width x @height. */
void     cc_report_draw_history     (cairo_t           *cr,
                                     const CcAnalysis  *analysis,
                                     double             width,
                                     double             height,
                                     const CcReportInk *ink);

/* Plots a study row's daily abnormal returns for days -5 .. +20 as bars and their cumulative
 * sum from day 0 as a line. Nothing is drawn for a row without a market model. */
void     cc_report_draw_abnormal    (cairo_t               *cr,
                                     const CcEventStudyRow *row,
                                     double                 width,
                                     double                 height,
                                     const CcReportInk     *ink);

/* Lays the analysis out on pages of @page_width x @page_height points (A4: 595 x 842), each
 * finished with cairo_show_page(). Returns the number of pages drawn. */
int      cc_report_render           (cairo_t           *cr,
                                     const CcAnalysis  *analysis,
                                     double             page_width,
                                     double             page_height);

/* The same, with a section on how the verdict moved: @timeline drawn after the scenarios
 * (NULL: no such section). */
int      cc_report_render_with_timeline (cairo_t          *cr,
                                         const CcAnalysis *analysis,
                                         const CcTimeline *timeline,
                                         double            page_width,
                                         double            page_height);

/* For the PDF export: computes the analysis of @dataset for @event_date (the chart's event;
 * CC_DATE_INVALID: the dataset's default event) and @as_of (CC_DATE_INVALID: the last ^SOX
 * close) over @items (NULL: everything) with the active rules, with the timeline of the
 * assessment over the whole data, and renders it after whatever @cr already holds. Call it after the chart's
 * page has been shown. FALSE (with @error) when there is nothing to analyse. */
gboolean cc_report_append_analysis  (cairo_t           *cr,
                                     CcDataset         *dataset,
                                     CcDate             event_date,
                                     CcDate             as_of,
                                     const char * const *items,
                                     double             page_width,
                                     double             page_height,
                                     GError           **error);

/* The PDF report, written through @write_func: portrait pages throughout (A4, or Letter when
 * @figure_width x @figure_height is a Letter page), @chart across the top of the first page in
 * the figure's proportions, then the analysis of the chart's event, items and as-of date, with
 * the timeline of the assessment; the chart's portfolio series (cc_chart_set_portfolio()) has
 * its unranked row in the event study, and its holdings (cc_chart_set_portfolio_holdings())
 * a page of their own, drawn or not. Every page is numbered; the file names its title, author
 * and subject. When there is nothing to analyse the PDF holds the chart alone and
 * *@analysis_note (when not NULL) says why. FALSE (with @error) when cancelled or when Cairo
 * fails; the caller owns the stream and any error of its own. */
gboolean cc_report_write_pdf        (CcChart             *chart,
                                     double               figure_width,
                                     double               figure_height,
                                     cairo_write_func_t   write_func,
                                     void                *closure,
                                     GCancellable        *cancellable,
                                     char               **analysis_note,
                                     GError             **error);
/* The same written to @file, whole or not at all: on any failure an older file stays as it
 * was. What the window's export and `chipcycle export --analysis` call. */
gboolean cc_report_export_pdf       (CcChart             *chart,
                                     GFile               *file,
                                     double               figure_width,
                                     double               figure_height,
                                     GCancellable        *cancellable,
                                     char               **analysis_note,
                                     GError             **error);

G_END_DECLS
