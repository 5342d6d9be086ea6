/* cc-chart-filings-test.h: what the chart and ui suites check of drawn filing markers alike:
 * each drawn inside the plot, none covering another that shares its x, and none covering any
 * text of the figure (tick, event and end labels, and the whole boxes the caller names). */
#pragma once

#include <math.h>

#include "cc-chart-private.h"
#include "cc-chart.h"

static inline gboolean
cc_chart_filings_test_overlap (double             x,
                               double             y,
                               double             size,
                               const CcChartRect *r)
{
  return r->width > 0 && r->height > 0 &&
         x + size / 2 > r->x && x - size / 2 < r->x + r->width &&
         y + size / 2 > r->y && y - size / 2 < r->y + r->height;
}

/* Fails the test at the first marker of @drawn (CcChartDrawnFiling) not drawn, outside
 * @layout's plot, on another, or on a label or one of the @n_rects @rects. */
static inline void
cc_chart_filings_test_assert_clear (GArray              *drawn,
                                    CcChartLayout       *layout,
                                    const CcChartRect  **rects,
                                    guint                n_rects)
{
  for (guint i = 0; i < drawn->len; i++)
    {
      CcChartDrawnFiling *a = &g_array_index (drawn, CcChartDrawnFiling, i);
      GArray *lists[] = { layout->event_labels, layout->end_labels, layout->y_tick_labels,
                          layout->x_tick_labels };

      g_assert_cmpfloat (a->y - a->size / 2, >=, layout->plot.y - 0.01);
      g_assert_cmpfloat (a->y + a->size / 2, <=, layout->plot.y + layout->plot.height + 0.01);
      for (guint j = i + 1; j < drawn->len; j++)
        {
          CcChartDrawnFiling *b = &g_array_index (drawn, CcChartDrawnFiling, j);

          if (fabs (a->x - b->x) < (a->size + b->size) / 2)
            g_assert_cmpfloat (fabs (a->y - b->y), >=, (a->size + b->size) / 2);
        }
      for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
        for (guint j = 0; lists[k] != NULL && j < lists[k]->len; j++)
          {
            CcChartLabelBox *box = &g_array_index (lists[k], CcChartLabelBox, j);

            if (cc_chart_filings_test_overlap (a->x, a->y, a->size, &box->rect))
              g_error ("the %s marker of %s covers “%s”", a->form, a->item, box->text);
          }
      for (guint k = 0; k < n_rects; k++)
        g_assert_false (cc_chart_filings_test_overlap (a->x, a->y, a->size, rects[k]));
    }
}
