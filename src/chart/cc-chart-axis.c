/* cc-chart-axis.c: the value axis (linear or log, 1-2-5 ticks, percent/index/price labels)
 * and the time axis (calendar or trading days around the event), their grid and labels. */
#define G_LOG_DOMAIN "cc-chart-axis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-chart-private.h"

#define TICK_FONT CC_CHART_FONT_TICK

/* The label of a value-axis tick, in the mode's unit. */
static char *
tick_label (const CcValueAxis *axis,
            const CcTick      *tick,
            int                decimals)
{
  double value = tick->value;

  if (axis->mode == CC_CHART_MODE_PERCENT)
    {
      /* On a log scale the ticks are growth factors: 0.8 is −20%. */
      if (axis->log_scale)
        value = (value - 1.0) * 100.0;
      return cc_format_percent (value, decimals, TRUE);
    }
  return cc_format_number (value, decimals, TRUE);
}

static int
tick_decimals (const CcValueAxis *axis,
               GArray            *ticks,
               double             step)
{
  int decimals = 0;

  if (step > 0)
    {
      /* Percent on a log scale: a factor step of 0.05 is a 5-point step. */
      double s = (axis->mode == CC_CHART_MODE_PERCENT && axis->log_scale) ? step * 100 : step;

      return cc_chart_decimals_for_step (s);
    }
  /* Decade ticks: as many decimals as the smallest tick needs. */
  for (guint i = 0; i < ticks->len; i++)
    {
      CcTick *t = &g_array_index (ticks, CcTick, i);
      double v = t->value;

      if (axis->mode == CC_CHART_MODE_PERCENT && axis->log_scale)
        v = (v - 1.0) * 100.0;
      decimals = MAX (decimals, cc_chart_decimals_for_step (fabs (v)));
    }
  return MIN (decimals, 4);
}

static GArray *
value_ticks (CcValueAxis *axis,
             int          target,
             int         *decimals)
{
  GArray *ticks;
  double step = 0;

  if (axis->log_scale)
    ticks = cc_chart_log_ticks (pow (10, axis->lo), pow (10, axis->hi), target, &step);
  else
    ticks = cc_chart_nice_ticks (axis->lo, axis->hi, target, &step);
  *decimals = tick_decimals (axis, ticks, step);
  return ticks;
}

static void
label_box_clear (gpointer p)
{
  CcChartLabelBox *box = p;

  g_free (box->text);
  g_free (box->id);
}

static void
label_box_set (GArray      *array,
               CcChartRect  rect,
               char        *text)
{
  CcChartLabelBox box = { rect, text, NULL };

  g_array_append_val (array, box);
}

/* The second row of the time axis: each tick's context (a month, a year) starting where its
 * tick's label starts, shifted left at the right edge. NULL when two would collide or one
 * would leave a figure @width wide (pass G_MAXDOUBLE to place them regardless). */
static GArray *
context_boxes (CcChartFrame *frame,
               PangoLayout  *pl,
               double        width,
               double        y)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (CcChartLabelBox));
  double fs = frame->text.font_size, last_right = -INFINITY;

  g_array_set_clear_func (boxes, label_box_clear);
  double limit = width < G_MAXDOUBLE ? width - frame->text.pad : frame->layout->width;

  for (guint i = 0; frame->x_ticks && i < frame->x_ticks->len; i++)
    {
      CcTimeTick *t = &g_array_index (frame->x_ticks, CcTimeTick, i);
      double x = _cc_time_axis_map (&frame->taxis, t->index);
      double w1, w, h, lx;
      CcChartLabelBox box;

      if (t->context == NULL)
        continue;
      pango_layout_set_text (pl, t->label, -1);
      _cc_chart_text_size (pl, &w1, NULL);
      pango_layout_set_text (pl, t->context, -1);
      _cc_chart_text_size (pl, &w, &h);
      lx = MAX (x - w1 / 2, 0);
      if (lx + w > limit)
        lx = limit - w;
      if (width < G_MAXDOUBLE && lx < last_right + fs * 0.8)
        {
          g_array_unref (boxes);
          return NULL;
        }
      last_right = lx + w;
      box = (CcChartLabelBox) { { lx, y, w, h }, g_strdup (t->context), NULL };
      g_array_append_val (boxes, box);
    }
  return boxes;
}

void
_cc_chart_axes_layout (CcChartFrame *frame,
                       CcChartData  *data,
                       CcChartRect  *plot)
{
  CcValueAxis *vaxis = &frame->vaxis;
  CcTimeAxis *taxis = &frame->taxis;
  CcChartLayout *layout = frame->layout;
  double fs = frame->text.font_size;
  double lo = data->y_min, hi = data->y_max, span, label_w = 0, right, tick_len;
  g_autoptr(PangoLayout) pl = NULL;
  int decimals, target;
  guint max_ticks;

  g_array_set_size (layout->y_tick_labels, 0);
  g_array_set_size (layout->x_tick_labels, 0);
  g_clear_pointer (&frame->y_ticks, g_array_unref);
  g_clear_pointer (&frame->x_ticks, g_array_unref);

  /* The baseline (0%, 100) stays in view: it is what every line is read against. */
  if (vaxis->mode == CC_CHART_MODE_PERCENT)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }
  else if (vaxis->mode == CC_CHART_MODE_INDEXED)
    {
      lo = MIN (lo, vaxis->log_scale ? 2.0 : 100.0);
      hi = MAX (hi, vaxis->log_scale ? 2.0 : 100.0);
    }
  /* So does a spread's zero line (never on a log scale: no spread is drawn there). */
  if (data->has_spread && !vaxis->log_scale)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }
  span = hi - lo;
  if (!(span > 1e-9))
    {
      span = MAX (fabs (hi) * 0.1, vaxis->log_scale ? 0.01 : 1.0);
      lo -= span / 2;
      hi += span / 2;
    }
  vaxis->lo = lo - span * 0.05;
  vaxis->hi = hi + span * 0.05;

  target = MAX (3, (int) (plot->height / (fs * 2.6)));
  frame->y_ticks = value_ticks (vaxis, target, &decimals);

  pl = _cc_chart_text_layout (&frame->text, "0", TICK_FONT, PANGO_WEIGHT_NORMAL, FALSE);
  for (guint i = 0; i < frame->y_ticks->len; i++)
    {
      g_autofree char *text = tick_label (vaxis, &g_array_index (frame->y_ticks, CcTick, i),
                                          decimals);
      double w;

      pango_layout_set_text (pl, text, -1);
      _cc_chart_text_size (pl, &w, NULL);
      label_w = MAX (label_w, w);
    }

  right = plot->x + plot->width;
  plot->x = round (plot->x + label_w + fs * 0.6);
  plot->width = right - plot->x;
  vaxis->top = plot->y;
  vaxis->bottom = plot->y + plot->height;

  for (guint i = 0; i < frame->y_ticks->len; i++)
    {
      CcTick *t = &g_array_index (frame->y_ticks, CcTick, i);
      char *text = tick_label (vaxis, t, decimals);
      double w, h, y = _cc_value_axis_map (vaxis, t->position);

      pango_layout_set_text (pl, text, -1);
      _cc_chart_text_size (pl, &w, &h);
      label_box_set (layout->y_tick_labels,
                     (CcChartRect) { plot->x - fs * 0.6 - w, y - h / 2, w, h }, text);
    }

  /* Time axis: one slot per date on the axis. */
  taxis->first = 0;
  taxis->last = data->n_dates > 0 ? data->n_dates - 1 : 0;
  taxis->left = plot->x;
  taxis->right = plot->x + plot->width;
  if (data->n_dates == 0)
    return;

  tick_len = fs * 0.35;
  max_ticks = MAX (2, (guint) (plot->width / (fs * 5.5)));
  for (int attempt = 0; attempt < 12; attempt++)
    {
      double widest = 0, needed;
      g_autoptr(GArray) contexts = NULL;

      g_clear_pointer (&frame->x_ticks, g_array_unref);
      if (frame->time_axis == CC_CHART_AXIS_TRADING_DAYS && data->event_index >= 0)
        frame->x_ticks = cc_chart_offset_ticks (0, data->n_dates - 1, data->event_index,
                                                max_ticks);
      else
        frame->x_ticks = cc_chart_time_ticks (data->dates, 0, data->n_dates - 1, max_ticks,
                                              NULL);
      for (guint i = 0; i < frame->x_ticks->len; i++)
        {
          double w;

          pango_layout_set_text (pl, g_array_index (frame->x_ticks, CcTimeTick, i).label, -1);
          _cc_chart_text_size (pl, &w, NULL);
          widest = MAX (widest, w);
        }
      needed = (widest + fs * 1.2) * frame->x_ticks->len;
      /* The second row must name every month (or year) it has to: when two names would
       * collide, fewer and coarser ticks, not a nameless month. */
      contexts = context_boxes (frame, pl, layout->width, 0);
      if ((needed <= plot->width && contexts != NULL) || max_ticks <= 2)
        break;
      max_ticks = MIN (max_ticks - 1, MAX (2, (guint) (plot->width / (widest + fs * 1.2))));
    }

  /* Labels centred under their tick; one that would collide with its left neighbour or leave
   * the figure is dropped (its tick mark stays). */
  {
    double last_right = -INFINITY, row_h = fs;
    double row1_y = plot->y + plot->height + tick_len + fs * 0.25;

    for (guint i = 0; i < frame->x_ticks->len; i++)
      {
        CcTimeTick *t = &g_array_index (frame->x_ticks, CcTimeTick, i);
        double x = _cc_time_axis_map (taxis, t->index);
        double w, h, lx;

        pango_layout_set_text (pl, t->label, -1);
        _cc_chart_text_size (pl, &w, &h);
        row_h = h;
        lx = x - w / 2;
        if (lx < plot->x - fs * 2 || lx + w > layout->width - frame->text.pad ||
            lx < last_right + fs * 0.6)
          continue;
        last_right = lx + w;
        label_box_set (layout->x_tick_labels, (CcChartRect) { lx, row1_y, w, h },
                       g_strdup (t->label));
      }

    /* The second row: months under day ticks, years under month ticks. */
    {
      g_autoptr(GArray) contexts = context_boxes (frame, pl, layout->width, row1_y + row_h);

      if (contexts == NULL)
        contexts = context_boxes (frame, pl, G_MAXDOUBLE, row1_y + row_h);
      for (guint i = 0; contexts && i < contexts->len; i++)
        {
          CcChartLabelBox *box = &g_array_index (contexts, CcChartLabelBox, i);

          g_array_append_val (layout->x_tick_labels, *box);
        }
      /* The strings now belong to the layout. */
      if (contexts)
        g_array_set_clear_func (contexts, NULL);
    }
  }
}

/* Snaps a coordinate so a line of @width device pixels lands on whole pixels: crisp 1 px grid
 * lines at any scale. */
static double
snap (cairo_t  *cr,
      double    v,
      gboolean  vertical_line)
{
  double x = vertical_line ? v : 0, y = vertical_line ? 0 : v;

  cairo_user_to_device (cr, &x, &y);
  if (vertical_line)
    x = floor (x) + 0.5;
  else
    y = floor (y) + 0.5;
  cairo_device_to_user (cr, &x, &y);
  return vertical_line ? x : y;
}

static double
device_pixel (cairo_t *cr)
{
  double dx = 1, dy = 0;

  cairo_device_to_user_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

void
_cc_chart_draw_grid (CcChartFrame *frame,
                     CcChartData  *data,
                     cairo_t      *cr)
{
  CcChartRect *plot = &frame->layout->plot;
  double px = device_pixel (cr);
  double baseline = NAN;

  cairo_save (cr);
  cairo_set_line_width (cr, px);
  _cc_chart_set_source (cr, frame->style.grid);
  for (guint i = 0; frame->y_ticks && i < frame->y_ticks->len; i++)
    {
      CcTick *t = &g_array_index (frame->y_ticks, CcTick, i);
      double y = snap (cr, _cc_value_axis_map (&frame->vaxis, t->position), FALSE);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  /* Vertical lines only where the year (or, for day ticks, the month) turns: enough to find
   * one's way without a cage of lines. */
  for (guint i = 0; frame->x_ticks && i < frame->x_ticks->len; i++)
    {
      CcTimeTick *t = &g_array_index (frame->x_ticks, CcTimeTick, i);
      double x;

      /* On the trading-day axis the major tick is t itself, which the event line marks. */
      if (!t->major || frame->time_axis == CC_CHART_AXIS_TRADING_DAYS)
        continue;
      x = snap (cr, _cc_time_axis_map (&frame->taxis, t->index), TRUE);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
    }
  cairo_stroke (cr);

  if (frame->vaxis.mode == CC_CHART_MODE_PERCENT)
    baseline = 0;
  else if (frame->vaxis.mode == CC_CHART_MODE_INDEXED)
    baseline = frame->vaxis.log_scale ? 2.0 : 100.0;
  if (!isnan (baseline) && data->series->len > 0)
    {
      double y = snap (cr, _cc_value_axis_map (&frame->vaxis, baseline), FALSE);

      cairo_set_line_width (cr, MAX (px, frame->text.font_size / 13.0));
      _cc_chart_set_source (cr, frame->style.baseline);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);
    }
  /* A spread is read against zero: where the baseline is elsewhere (100 in indexed mode), its
   * zero line is drawn as well. */
  if (data->has_spread && !frame->vaxis.log_scale && baseline != 0)
    {
      double y = snap (cr, _cc_value_axis_map (&frame->vaxis, 0), FALSE);

      cairo_set_line_width (cr, MAX (px, frame->text.font_size / 13.0));
      _cc_chart_set_source (cr, frame->style.baseline);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
_cc_chart_draw_axes (CcChartFrame *frame,
                     CcChartData  *data,
                     cairo_t      *cr)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  double px = device_pixel (cr);
  double fs = frame->text.font_size;
  double y0 = snap (cr, plot->y + plot->height, FALSE);
  g_autoptr(PangoLayout) pl = NULL;

  cairo_save (cr);
  cairo_set_line_width (cr, px);
  _cc_chart_set_source (cr, frame->style.axis);
  cairo_move_to (cr, plot->x, y0);
  cairo_line_to (cr, plot->x + plot->width, y0);
  for (guint i = 0; frame->x_ticks && i < frame->x_ticks->len; i++)
    {
      CcTimeTick *t = &g_array_index (frame->x_ticks, CcTimeTick, i);
      double x = snap (cr, _cc_time_axis_map (&frame->taxis, t->index), TRUE);

      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y0 + fs * (t->major ? 0.5 : 0.35));
    }
  cairo_stroke (cr);

  pl = _cc_chart_text_layout (&frame->text, "", TICK_FONT, PANGO_WEIGHT_NORMAL, FALSE);
  _cc_chart_set_source (cr, frame->style.ink_muted);
  for (guint i = 0; i < layout->y_tick_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->y_tick_labels, CcChartLabelBox, i);

      pango_layout_set_text (pl, box->text, -1);
      cairo_move_to (cr, box->rect.x, box->rect.y);
      pango_cairo_show_layout (cr, pl);
    }
  for (guint i = 0; i < layout->x_tick_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->x_tick_labels, CcChartLabelBox, i);

      pango_layout_set_text (pl, box->text, -1);
      cairo_move_to (cr, box->rect.x, box->rect.y);
      pango_cairo_show_layout (cr, pl);
    }
  cairo_restore (cr);
}
