/* cc-chart-series.c: the line layer. Observed stretches are solid, reconstructed or anchored
 * ones dashed; with more points than pixel columns each column is drawn as one min/max bar,
 * read from the series' pyramid, so the cost follows the width, not the number of points. */
#define G_LOG_DOMAIN "cc-chart-series"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-chart-private.h"

double
_cc_chart_series_line_width (const CcChartSeries *series,
                             double               font_size)
{
  double unit = font_size / 13.0;

  if (series->is_basket)
    return 2.6 * unit;
  if (g_strcmp0 (series->group_id, "index") == 0)
    return 2.0 * unit;
  return 1.5 * unit;
}

static void
set_dash (cairo_t *cr,
          double   line_width,
          gboolean dashed)
{
  double dashes[2];

  if (!dashed)
    {
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  /* Long dashes with short gaps: still reads as one line, clearly not a solid one. */
  dashes[0] = MAX (3.0, line_width * 3.2);
  dashes[1] = MAX (2.0, line_width * 1.6);
  cairo_set_dash (cr, dashes, 2, 0);
}

static inline gboolean
is_observed (const CcChartSeries *s,
             guint                i)
{
  return s->prov[i] == CC_PROVENANCE_OBSERVED;
}

/* Every segment between consecutive points, in one pass for the solid or the dashed kind. */
static void
path_points (cairo_t             *cr,
             const CcChartFrame  *frame,
             const CcChartSeries *s,
             gboolean             observed)
{
  gboolean open = FALSE;

  for (guint i = 1; i < s->n; i++)
    {
      gboolean seg_observed = is_observed (s, i - 1) && is_observed (s, i);

      if (seg_observed != observed || isnan (s->y[i - 1]) || isnan (s->y[i]))
        {
          open = FALSE;
          continue;
        }
      if (!open)
        cairo_move_to (cr, _cc_time_axis_map (&frame->taxis, s->x[i - 1]),
                       _cc_value_axis_map (&frame->vaxis, s->y[i - 1]));
      cairo_line_to (cr, _cc_time_axis_map (&frame->taxis, s->x[i]),
                     _cc_value_axis_map (&frame->vaxis, s->y[i]));
      open = TRUE;
    }
}

/* One vertical min/max bar per device pixel column, joined into a polyline. A column is drawn
 * solid only if every point in it is observed. */
static void
path_columns (cairo_t             *cr,
              const CcChartFrame  *frame,
              const CcChartSeries *s,
              guint                columns,
              gboolean             observed)
{
  const CcTimeAxis *t = &frame->taxis;
  double span = t->last - t->first + 1.0;
  double col_w = (t->right - t->left) / columns;
  gboolean open = FALSE, up = TRUE;
  guint i0 = 0;

  for (guint c = 0; c < columns; c++)
    {
      double idx_end = t->first - 0.5 + (c + 1) * span / columns;
      guint i1 = _cc_chart_series_lower_bound (s, (int) ceil (idx_end), i0);
      double mn, mx, x;
      gboolean col_observed;

      if (i1 <= i0)
        continue;
      col_observed = is_observed (s, i0) && is_observed (s, i1 - 1);
      _cc_chart_series_minmax (s, i0, i1, &mn, &mx);
      if (col_observed != observed || !isfinite (mn))
        {
          open = FALSE;
          i0 = i1;
          continue;
        }
      x = t->left + (c + 0.5) * col_w;
      /* Alternate the bar's direction so the joins between columns stay short. */
      if (!open)
        cairo_move_to (cr, x, _cc_value_axis_map (&frame->vaxis, up ? mn : mx));
      else
        cairo_line_to (cr, x, _cc_value_axis_map (&frame->vaxis, up ? mn : mx));
      cairo_line_to (cr, x, _cc_value_axis_map (&frame->vaxis, up ? mx : mn));
      up = !up;
      open = TRUE;
      i0 = i1;
    }
}

void
_cc_chart_draw_series (CcChartFrame *frame,
                       CcChartData  *data,
                       cairo_t      *cr)
{
  CcChartRect *plot = &frame->layout->plot;
  double dev_w = plot->width, dev_h = 0;
  guint columns;

  if (data->series->len == 0)
    return;

  cairo_user_to_device_distance (cr, &dev_w, &dev_h);
  columns = MAX (1, (guint) ceil (fabs (dev_w)));

  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Baskets last, so the summary lines sit on top of the single names. */
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < data->series->len; k++)
      {
        CcChartSeries *s = g_ptr_array_index (data->series, k);
        double lw = _cc_chart_series_line_width (s, frame->text.font_size);
        gboolean decimate = s->n > columns * 2;

        if ((pass == 1) != s->is_basket)
          continue;
        _cc_chart_set_source (cr, _cc_chart_style_series_color (&frame->style, s->group_id,
                                                                s->member_index));
        cairo_set_line_width (cr, decimate ? MAX (lw * 0.75, 1.0) : lw);
        for (int kind = 0; kind < 2; kind++)
          {
            gboolean observed = kind == 0;

            if (observed && !s->any_observed)
              continue;
            if (!observed && !s->any_estimated)
              continue;
            set_dash (cr, lw, !observed);
            if (decimate)
              path_columns (cr, frame, s, columns, observed);
            else
              path_points (cr, frame, s, observed);
            cairo_stroke (cr);
          }
        /* A series with a single bar has no segment: mark it with a dot. */
        if (s->n == 1 && !isnan (s->y[0]))
          {
            cairo_arc (cr, _cc_time_axis_map (&frame->taxis, s->x[0]),
                       _cc_value_axis_map (&frame->vaxis, s->y[0]), lw * 1.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
      }
  cairo_restore (cr);
}
