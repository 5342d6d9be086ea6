/* cc-chart-labels.c: end-of-line labels ("MU −12.3%", "GPU basket +4.1%") right of the plot. A layout pass stacks
 * them near the ends of their lines without overlapping each other or leaving the plot's
 * vertical extent; a thin leader joins a moved label to its line. */
#define G_LOG_DOMAIN "cc-chart-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "cc-chart-private.h"
#include "cc-derived.h"

#define END_FONT CC_CHART_FONT_END

typedef struct {
  double wanted;
  double height;
  guint  index;
} Slot;

static int
slot_compare (const void *a,
              const void *b)
{
  const Slot *sa = a, *sb = b;

  if (sa->wanted != sb->wanted)
    return sa->wanted < sb->wanted ? -1 : 1;
  return sa->index < sb->index ? -1 : (sa->index > sb->index);
}

gboolean
_cc_chart_stack_labels (const double *wanted,
                        const double *heights,
                        guint         n,
                        double        gap,
                        double        top,
                        double        bottom,
                        double       *placed)
{
  g_autofree Slot *slots = g_new (Slot, MAX (n, 1));
  g_autofree double *centre = g_new (double, MAX (n, 1));
  double total = 0;

  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      slots[i] = (Slot) { wanted[i], heights[i], i };
      total += heights[i] + (i > 0 ? gap : 0);
    }
  if (total > bottom - top + 1e-6)
    return FALSE;
  qsort (slots, n, sizeof (Slot), slot_compare);

  /* Downwards: each label as close to its line as the one above allows; then upwards from
   * the bottom edge; then downwards again from the top edge. The result keeps the order of
   * the lines and moves labels only as far as their neighbours force them. */
  for (guint i = 0; i < n; i++)
    {
      double c = CLAMP (slots[i].wanted, top + slots[i].height / 2, bottom - slots[i].height / 2);

      if (i > 0)
        c = MAX (c, centre[i - 1] + slots[i - 1].height / 2 + gap + slots[i].height / 2);
      centre[i] = c;
    }
  for (int i = n - 1; i >= 0; i--)
    {
      double limit = (guint) i == n - 1 ? bottom - slots[i].height / 2
                                         : centre[i + 1] - slots[i + 1].height / 2 - gap -
                                           slots[i].height / 2;

      centre[i] = MIN (centre[i], limit);
    }
  for (guint i = 0; i < n; i++)
    {
      double limit = i == 0 ? top + slots[i].height / 2
                            : centre[i - 1] + slots[i - 1].height / 2 + gap +
                              slots[i].height / 2;

      centre[i] = MAX (centre[i], limit);
    }
  for (guint i = 0; i < n; i++)
    placed[slots[i].index] = centre[i];
  return TRUE;
}

static gboolean
last_value (const CcChartSeries *s,
            double              *v,
            double              *y)
{
  for (guint i = s->n; i > 0; i--)
    if (!isnan (s->y[i - 1]))
      {
        *v = s->v[i - 1];
        *y = s->y[i - 1];
        return TRUE;
      }
  return FALSE;
}

static char *
end_label_value (const CcChartFrame  *frame,
                 const CcChartSeries *s)
{
  double v, y;

  if (!last_value (s, &v, &y))
    return NULL;
  if (s->derived_kind == CC_DERIVED_SPREAD)
    return cc_format_points (v, 1);
  if (frame->vaxis.mode == CC_CHART_MODE_PERCENT)
    return cc_format_percent (v, fabs (v) < 10 ? 1 : 0, TRUE);
  return cc_format_number (v, fabs (v) < 1000 ? 1 : 0, TRUE);
}

static char *
join_label (const char *name,
            const char *value)
{
  /* TRANSLATORS: end-of-line label, "MU −12.3%" */
  return g_strdup_printf (_("%s %s"), name, value);
}

static char *
end_label_text (const CcChartFrame  *frame,
                const CcChartSeries *s)
{
  g_autofree char *value = end_label_value (frame, s);

  return value ? join_label (s->short_label, value) : NULL;
}

/* The label of @s in at most @max_w: the name shortens ("GPU bas… −12%"), then goes, before
 * the number is ever cut. NULL without a value. */
static char *
end_label_fit (const CcChartFrame  *frame,
               const CcChartSeries *s,
               PangoLayout         *pl,
               double               max_w)
{
  g_autofree char *value = end_label_value (frame, s);
  glong n_chars;
  double w;

  if (value == NULL)
    return NULL;
  n_chars = g_utf8_strlen (s->short_label, -1);
  for (glong keep = n_chars; keep > 0; keep--)
    {
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      if (keep == n_chars)
        name = g_strdup (s->short_label);
      else
        {
          g_autofree char *head = g_utf8_substring (s->short_label, 0, keep);

          g_strchomp (head);
          name = g_strconcat (head, "…", NULL);
        }
      text = join_label (name, value);
      pango_layout_set_text (pl, text, -1);
      _cc_chart_text_size (pl, &w, NULL);
      if (w <= max_w)
        return g_steal_pointer (&text);
    }
  return g_steal_pointer (&value);
}

double
_cc_chart_end_labels_width (CcChartFrame *frame,
                            CcChartData  *data)
{
  g_autoptr(PangoLayout) pl = NULL;
  double widest = 0;

  if (data->series->len == 0)
    return 0;
  pl = _cc_chart_text_layout (&frame->text, "", END_FONT, PANGO_WEIGHT_BOLD, FALSE);
  for (guint k = 0; k < data->series->len; k++)
    {
      g_autofree char *text = end_label_text (frame, g_ptr_array_index (data->series, k));
      double w;

      if (text == NULL)
        continue;
      pango_layout_set_text (pl, text, -1);
      _cc_chart_text_size (pl, &w, NULL);
      widest = MAX (widest, w);
    }
  /* Leader room, then the text; never more than a quarter of the figure. */
  return MIN (ceil (widest + frame->text.font_size * 1.1), frame->layout->width * 0.25);
}

/* Lower is more important: the index and the baskets keep their labels when space runs out. */
static int
priority (const CcChartSeries *s)
{
  if (g_strcmp0 (s->group_id, "index") == 0)
    return 0;
  return s->is_basket ? 1 : 2;
}

void
_cc_chart_end_labels_layout (CcChartFrame *frame,
                             CcChartData  *data)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  g_autoptr(PangoLayout) pl = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *wanted = NULL;
  g_autofree double *heights = NULL;
  g_autofree double *widths = NULL;
  g_autofree double *placed = NULL;
  double x = plot->x + plot->width + frame->text.font_size * 1.1;
  double max_w = MAX (0, layout->width - frame->text.pad - x);
  guint n = data->series->len;

  g_array_set_size (layout->end_labels, 0);
  g_clear_pointer (&frame->end_label_info, g_array_unref);
  frame->end_label_info = g_array_new (FALSE, FALSE, sizeof (CcEndLabel));
  if (n == 0)
    return;

  wanted = g_new0 (double, n);
  heights = g_new0 (double, n);
  widths = g_new0 (double, n);
  placed = g_new0 (double, n);
  pl = _cc_chart_text_layout (&frame->text, "", END_FONT, PANGO_WEIGHT_BOLD, FALSE);
  for (guint k = 0; k < n; k++)
    {
      CcChartSeries *s = g_ptr_array_index (data->series, k);
      char *text = end_label_fit (frame, s, pl, max_w);
      double v, y;

      g_ptr_array_add (texts, text);
      if (text == NULL || !last_value (s, &v, &y))
        continue;
      pango_layout_set_text (pl, text, -1);
      _cc_chart_text_size (pl, &widths[k], &heights[k]);
      wanted[k] = _cc_value_axis_map (&frame->vaxis, y);
      g_array_append_val (keep, k);
    }

  /* Drop the least important labels until the rest fit; the legend still names them all. */
  for (;;)
    {
      g_autofree double *w = g_new (double, MAX (keep->len, 1));
      g_autofree double *h = g_new (double, MAX (keep->len, 1));
      g_autofree double *p = g_new (double, MAX (keep->len, 1));
      int worst = -1;

      for (guint i = 0; i < keep->len; i++)
        {
          guint k = g_array_index (keep, guint, i);

          w[i] = wanted[k];
          h[i] = heights[k];
        }
      if (_cc_chart_stack_labels (w, h, keep->len, frame->text.font_size * 0.15, plot->y,
                                  plot->y + plot->height, p))
        {
          for (guint i = 0; i < keep->len; i++)
            placed[g_array_index (keep, guint, i)] = p[i];
          break;
        }
      for (guint i = 0; i < keep->len; i++)
        {
          CcChartSeries *s = g_ptr_array_index (data->series, g_array_index (keep, guint, i));

          if (worst < 0 ||
              priority (s) >= priority (g_ptr_array_index (data->series,
                                                           g_array_index (keep, guint, worst))))
            worst = i;
        }
      g_array_remove_index (keep, worst);
    }

  for (guint i = 0; i < keep->len; i++)
    {
      guint k = g_array_index (keep, guint, i);
      CcChartLabelBox box;
      CcEndLabel info = { k, wanted[k] };

      box.rect = (CcChartRect) { x, placed[k] - heights[k] / 2, widths[k], heights[k] };
      box.text = g_strdup (g_ptr_array_index (texts, k));
      box.id = g_strdup (((CcChartSeries *) g_ptr_array_index (data->series, k))->item);
      g_array_append_val (layout->end_labels, box);
      g_array_append_val (frame->end_label_info, info);
    }
}

void
_cc_chart_draw_end_labels (CcChartFrame *frame,
                           CcChartData  *data,
                           cairo_t      *cr)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  g_autoptr(PangoLayout) pl = NULL;
  double fs = frame->text.font_size;

  if (layout->end_labels->len == 0)
    return;
  pl = _cc_chart_text_layout (&frame->text, "", END_FONT, PANGO_WEIGHT_BOLD, FALSE);
  cairo_save (cr);
  cairo_set_line_width (cr, fs / 13.0);
  for (guint i = 0; i < layout->end_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->end_labels, CcChartLabelBox, i);
      CcEndLabel *info = &g_array_index (frame->end_label_info, CcEndLabel, i);
      CcChartSeries *s = g_ptr_array_index (data->series, info->series);
      CcRgba color = _cc_chart_style_series_color (&frame->style, s->color_slot, s->color_shade);
      double cy = box->rect.y + box->rect.height / 2;

      /* The leader: from the line's end to the label, bent only when the label moved. */
      _cc_chart_set_source (cr, color);
      cairo_move_to (cr, plot->x + plot->width + fs * 0.15, info->anchor_y);
      cairo_line_to (cr, plot->x + plot->width + fs * 0.45, info->anchor_y);
      cairo_line_to (cr, box->rect.x - fs * 0.25, cy);
      cairo_stroke (cr);

      /* Text a little darker (lighter in dark mode) than the line, for contrast. */
      _cc_chart_set_source (cr, _cc_chart_rgba_mix (color, frame->style.ink, 0.2));
      /* Already fitted by the layout (end_label_fit()): never cut here. */
      pango_layout_set_text (pl, box->text, -1);
      cairo_move_to (cr, box->rect.x, box->rect.y);
      pango_cairo_show_layout (cr, pl);
    }
  cairo_restore (cr);
}
