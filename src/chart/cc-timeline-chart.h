/* cc-timeline-chart.h: the assessment timeline: the phase and scenario weights of every trading
 * day as two stacked-band strips, with the as-of day marked. Drawn into any cairo_t, so the
 * side panel and the PDF report share it. Cairo and Pango only. */
#pragma once

#include <cairo.h>

#include "cc-assessment.h"

G_BEGIN_DECLS

/* Colours as RGBA in 0..1: the widget passes its style's, print passes fixed ones. */
typedef struct {
  double foreground[4];
  double paper[4];                 /* what the chart is drawn on, for halos (alpha 0: none);
                                    * the chart never fills it */
  double target[CC_N_TARGETS][4];  /* one colour per phase and per scenario */
} CcTimelineInk;

/* Colours from a theme's foreground, accent, success, warning and error colours (GTK's named
 * colours), so dark mode needs nothing special. */
void cc_timeline_ink_init       (CcTimelineInk    *ink,
                                 const double      foreground[4],
                                 const double      accent[4],
                                 const double      success[4],
                                 const double      warning[4],
                                 const double      error[4]);
/* Black text and GNOME's palette, for paper. */
void cc_timeline_ink_init_print (CcTimelineInk    *ink);

/* Draws @timeline into @width x @height: a strip of the three phase weights, one of the three
 * scenario weights (each stacked to 100%), each with its legend, month labels below. A line
 * marks @as_of, a lighter one @highlight (the hovered day); CC_DATE_INVALID for none. Says so
 * when the timeline has no days. */
void cc_timeline_chart_draw     (cairo_t             *cr,
                                 const CcTimeline    *timeline,
                                 CcDate               as_of,
                                 CcDate               highlight,
                                 double               width,
                                 double               height,
                                 const CcTimelineInk *ink);

/* The index of the day under @x in a chart @width wide (the nearest one, clamped), or -1 when
 * the timeline has no days. */
int  cc_timeline_chart_index_at (const CcTimeline    *timeline,
                                 double               width,
                                 double               x);

G_END_DECLS
