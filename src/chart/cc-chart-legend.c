/* cc-chart-legend.c: the legend, grouped like the catalogue ("5 Oct 2026  Memory: ▬ MU −12.3%
 * Micron Technology, reconstructed"), laid out as one wrapping paragraph whose line samples are
 * Pango shapes, so it reflows at any width and exports as real text. Each entry's value (at the
 * crosshair, or at the last bar) and the date sit in boxes kept as shapes too, as wide as the
 * widest they can be, so moving the pointer never reflows the legend or moves the plot. */
#define G_LOG_DOMAIN "cc-chart-legend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-catalogue.h"
#include "cc-chart-private.h"

#define LEGEND_FONT CC_CHART_FONT_LEGEND
#define OBJECT_CHAR "\xef\xbf\xbc"   /* U+FFFC, replaced by a line sample */
#define NBSP "\xc2\xa0"
#define EM_SPACE "\xe2\x80\x83"
#define WORD_JOINER "\xe2\x81\xa0"  /* U+2060 */

/* Copies @str so that no line breaks inside it: spaces become no-break spaces, and a word
 * joiner follows each hyphen ("GPU-\u2060 & Chipentwickler"). */
static void
append_unbreakable (GString    *text,
                    const char *str)
{
  for (const char *p = str; *p; p++)
    if (*p == ' ')
      g_string_append (text, NBSP);
    else if (*p == '-')
      g_string_append (text, "-" WORD_JOINER);
    else
      g_string_append_c (text, *p);
}

typedef struct {
  guint  byte_index;
  guint  series;
  guint  end_index;
  guint  value_index;
  double value_width;
} SwatchRef;

static void
add_attr (PangoAttrList  *attrs,
          PangoAttribute *attr,
          guint           start,
          guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

/* A layout for a value or the date: tabular figures, so equal digit counts are equal widths. */
static PangoLayout *
value_layout (CcChartFrame *frame,
              const char   *text,
              PangoWeight   weight)
{
  PangoLayout *layout = _cc_chart_text_layout (&frame->text, text, LEGEND_FONT, weight, FALSE);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static double
text_width (CcChartFrame *frame,
            const char   *text,
            PangoWeight   weight)
{
  g_autoptr(PangoLayout) layout = value_layout (frame, text, weight);
  double w;

  _cc_chart_text_size (layout, &w, NULL);
  return w;
}

/* The widest value @s can show: its extremes (in a linear mode from the min/max pyramid) set
 * the most digits either side of zero; a day without a bar reads "—". */
static double
widest_value (CcChartFrame        *frame,
              const CcChartSeries *s)
{
  double lo = INFINITY, hi = -INFINITY, w;

  if (s->n > 0 && !frame->vaxis.log_scale && s->levels != NULL)
    _cc_chart_series_minmax (s, 0, s->n, &lo, &hi);
  else
    for (guint i = 0; i < s->n; i++)
      if (isfinite (s->v[i]))
        {
          lo = MIN (lo, s->v[i]);
          hi = MAX (hi, s->v[i]);
        }
  w = text_width (frame, "—", PANGO_WEIGHT_NORMAL);
  for (guint k = 0; k < 2 && isfinite (lo); k++)
    {
      g_autofree char *text = _cc_chart_format_value (frame->vaxis.mode, s, k ? hi : lo);

      w = MAX (w, text_width (frame, text, PANGO_WEIGHT_NORMAL));
    }
  return ceil (w);
}

/* The widest date the legend can head its values with: the ends of the axis and a two-digit
 * day of every month (month names differ in width). */
static double
widest_date (CcChartFrame *frame,
             CcChartData  *data)
{
  int y, m, d;
  double w = 0;

  cc_date_to_ymd (data->dates[data->n_dates - 1], &y, &m, &d);
  for (int k = 0; k < 14; k++)
    {
      CcDate date = k == 12 ? data->dates[0]
                  : k == 13 ? data->dates[data->n_dates - 1]
                  : cc_date_from_ymd (y, k + 1, 28);
      g_autofree char *text = cc_chart_format_date (date, TRUE);

      w = MAX (w, text_width (frame, text, PANGO_WEIGHT_BOLD));
    }
  return ceil (w);
}

/* A box of @width in the paragraph, its text's top at the line's top: a shape whose logical
 * extent is that of the value layouts drawn into it. */
static void
append_box (GString       *text,
            PangoAttrList *attrs,
            double         width,
            int            baseline,
            int            height)
{
  PangoRectangle rect = { 0, -baseline, (int) (width * PANGO_SCALE), height };
  guint start = text->len;

  g_string_append (text, OBJECT_CHAR);
  add_attr (attrs, pango_attr_shape_new (&rect, &rect), start, text->len);
}

static void
append_series (GString             *text,
               PangoAttrList       *attrs,
               GArray              *refs,
               const CcChartSeries *s,
               guint                series_index,
               const CcChartStyle  *style,
               double               swatch_w,
               double               font_size,
               double               value_w,
               int                  baseline,
               int                  height,
               gboolean             with_name)
{
  SwatchRef ref;
  PangoRectangle rect;
  guint start;
  CcRgba muted = style->ink_muted;

  ref.byte_index = text->len;
  ref.series = series_index;
  g_array_append_val (refs, ref);
  rect.x = 0;
  rect.width = (int) (swatch_w * PANGO_SCALE);
  rect.y = (int) (-font_size * 0.62 * PANGO_SCALE);
  rect.height = (int) (font_size * 0.9 * PANGO_SCALE);
  g_string_append (text, OBJECT_CHAR);
  add_attr (attrs, pango_attr_shape_new (&rect, &rect), ref.byte_index, text->len);

  g_string_append (text, NBSP);
  start = text->len;
  append_unbreakable (text, s->label);
  add_attr (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, text->len);
  g_string_append (text, NBSP);
  g_array_index (refs, SwatchRef, refs->len - 1).value_index = text->len;
  g_array_index (refs, SwatchRef, refs->len - 1).value_width = value_w;
  append_box (text, attrs, value_w, baseline, height);

  start = text->len;
  if (with_name && s->name && *s->name)
    {
      /* Non-breaking inside one entry: a line may break between entries, never inside one. */
      g_string_append (text, NBSP);
      append_unbreakable (text, s->name);
    }
  if (s->any_estimated)
    {
      g_string_append (text, "," NBSP);
      g_string_append (text, s->any_observed ? _("partly reconstructed") : _("reconstructed"));
    }
  if (text->len > start)
    add_attr (attrs, pango_attr_foreground_new (muted.red * 65535, muted.green * 65535,
                                                muted.blue * 65535), start, text->len);
  g_array_index (refs, SwatchRef, refs->len - 1).end_index = text->len;
}

static double
legend_layout (CcChartFrame *frame,
               CcChartData  *data,
               CcCatalogue  *catalogue,
               double        width,
               gboolean      with_names)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (SwatchRef));
  g_autofree gboolean *done = NULL;
  PangoAttrList *attrs;
  double fs = frame->text.font_size * LEGEND_FONT;
  double swatch_w = fs * 2.0, h;
  guint n_groups = cc_catalogue_get_n_groups ();
  guint date_index = 0;
  int baseline, box_h;

  g_clear_object (&frame->legend);
  g_clear_pointer (&frame->legend_swatches, g_array_unref);
  g_clear_pointer (&frame->legend_value_texts, g_ptr_array_unref);
  g_clear_pointer (&frame->legend_date_text, g_free);
  frame->legend_swatches = g_array_new (FALSE, FALSE, sizeof (CcLegendSwatch));
  frame->legend_date_width = 0;
  if (data->series->len == 0)
    return 0;

  attrs = pango_attr_list_new ();
  done = g_new0 (gboolean, data->series->len);
  {
    g_autoptr(PangoLayout) sample = value_layout (frame, "0", PANGO_WEIGHT_NORMAL);
    int w;

    baseline = pango_layout_get_baseline (sample);
    pango_layout_get_size (sample, &w, &box_h);
  }

  /* The date of the values first, then the groups. */
  if (data->n_dates > 0)
    {
      frame->legend_date_width = widest_date (frame, data);
      date_index = text->len;
      append_box (text, attrs, frame->legend_date_width, baseline, box_h);
    }

  /* Groups in catalogue order, then whatever belongs to none (an imported CSV). */
  for (guint g = 0; g <= n_groups; g++)
    {
      const char *group_id = g < n_groups ? cc_catalogue_get_group_id (g) : NULL;
      gboolean heading = FALSE;

      for (guint k = 0; k < data->series->len; k++)
        {
          CcChartSeries *s = g_ptr_array_index (data->series, k);

          if (done[k] || (group_id && g_strcmp0 (s->group_id, group_id) != 0))
            continue;
          if (!heading)
            {
              const char *label = group_id ? cc_catalogue_group_get_label (group_id) : NULL;
              guint start;

              if (text->len > 0)
                g_string_append (text, EM_SPACE EM_SPACE " ");
              start = text->len;
              if (label == NULL && s->group_id)
                label = cc_catalogue_group_get_label (s->group_id);
              {
                /* TRANSLATORS: a legend group heading, "Memory:" */
                g_autofree char *heading_text = g_strdup_printf (_("%s:"),
                                                                 label ? label : _("Other"));

                /* A heading stays on one line, with its first entry. */
                append_unbreakable (text, heading_text);
              }
              add_attr (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, text->len);
              g_string_append (text, NBSP);
              heading = TRUE;
            }
          else
            g_string_append (text, EM_SPACE);
          append_series (text, attrs, refs, s, k, &frame->style, swatch_w, fs,
                         widest_value (frame, s), baseline, box_h, with_names);
          done[k] = TRUE;
        }
    }

  frame->legend = _cc_chart_text_layout (&frame->text, text->str, LEGEND_FONT,
                                         PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_attributes (frame->legend, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_width (frame->legend, (int) (width * PANGO_SCALE));
  /* Between entries; inside one only when it is wider than the whole figure. */
  pango_layout_set_wrap (frame->legend, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (frame->legend, (int) (fs * 0.3 * PANGO_SCALE));

  for (guint i = 0; i < refs->len; i++)
    {
      SwatchRef *ref = &g_array_index (refs, SwatchRef, i);
      CcChartSeries *s = g_ptr_array_index (data->series, ref->series);
      PangoRectangle pos;
      CcLegendSwatch swatch;

      pango_layout_index_to_pos (frame->legend, ref->byte_index, &pos);
      swatch.x = (double) pos.x / PANGO_SCALE;
      swatch.width = swatch_w;
      swatch.y = (double) (pos.y + pos.height / 2) / PANGO_SCALE;
      swatch.color = _cc_chart_style_series_color (&frame->style, s->color_slot, s->color_shade);
      swatch.line_width = _cc_chart_series_line_width (s, frame->text.font_size);
      swatch.dashed = s->any_estimated;
      _cc_chart_series_dashes (s, frame->text.font_size, swatch.dashes);
      swatch.series = ref->series;
      swatch.text_start = ref->byte_index;
      swatch.text_end = ref->end_index;
      swatch.drawn_dashed = FALSE;
      pango_layout_index_to_pos (frame->legend, ref->value_index, &pos);
      swatch.value_x = (double) pos.x / PANGO_SCALE;
      swatch.value_y = (double) pos.y / PANGO_SCALE;
      swatch.value_width = ref->value_width;
      g_array_append_val (frame->legend_swatches, swatch);
    }
  if (frame->legend_date_width > 0)
    {
      PangoRectangle pos;

      pango_layout_index_to_pos (frame->legend, date_index, &pos);
      frame->legend_date_x = (double) pos.x / PANGO_SCALE;
      frame->legend_date_y = (double) pos.y / PANGO_SCALE;
    }
  _cc_chart_text_size (frame->legend, NULL, &h);
  return ceil (h);
}

double
_cc_chart_legend_layout (CcChartFrame *frame,
                         CcChartData  *data,
                         CcCatalogue  *catalogue,
                         double        width)
{
  double h = legend_layout (frame, data, catalogue, width, TRUE);

  /* A crowded small figure (16 series at 800 x 450) would give the legend more room than the
   * plot: the long names go first ("MU −12.3%", the sidebar and the read-out still name the
   * company), never the values or the word "reconstructed". */
  if (h > frame->layout->height * 0.25)
    h = legend_layout (frame, data, catalogue, width, FALSE);
  return h;
}

void
_cc_chart_draw_legend (CcChartFrame *frame,
                       cairo_t      *cr)
{
  CcChartRect *rect = &frame->layout->legend;

  if (frame->legend == NULL)
    return;
  cairo_save (cr);
  _cc_chart_set_source (cr, frame->style.ink);
  cairo_move_to (cr, rect->x, rect->y);
  pango_cairo_show_layout (cr, frame->legend);
  for (guint i = 0; i < frame->legend_swatches->len; i++)
    {
      CcLegendSwatch *s = &g_array_index (frame->legend_swatches, CcLegendSwatch, i);
      double dashes[2] = { s->dashes[0], s->dashes[1] };

      _cc_chart_set_source (cr, s->color);
      cairo_set_line_width (cr, s->line_width);
      cairo_set_dash (cr, dashes, s->dashed ? 2 : 0, 0);
      s->drawn_dashed = cairo_get_dash_count (cr) > 0;
      if (s->drawn_dashed)
        _cc_chart_get_device_dashes (cr, s->drawn_dashes);
      cairo_move_to (cr, rect->x + s->x, rect->y + s->y);
      cairo_line_to (cr, rect->x + s->x + s->width, rect->y + s->y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The value of @s on the axis index @index (a bar of its own, or "—"), or at its last point in
 * view when @index is negative. */
static char *
value_text (CcChartFrame        *frame,
            const CcChartSeries *s,
            double               index)
{
  guint i;

  if (s->n == 0)
    return g_strdup ("—");
  if (index < 0)
    i = s->n - 1;
  else
    {
      i = _cc_chart_series_lower_bound (s, (int) index, 0);
      if (index != floor (index) || i >= s->n || s->x[i] != (int) index)
        return g_strdup ("—");
    }
  if (!isfinite (s->v[i]))
    return g_strdup ("—");
  return _cc_chart_format_value (frame->vaxis.mode, s, s->v[i]);
}

void
_cc_chart_draw_legend_values (CcChartFrame *frame,
                              CcChartData  *data,
                              CcDate        cursor,
                              cairo_t      *cr)
{
  CcChartRect *rect = &frame->layout->legend;
  double index = -1;
  CcDate date;

  if (frame->legend == NULL || data->n_dates == 0)
    return;
  if (cursor != CC_DATE_INVALID)
    {
      index = _cc_chart_data_index_for_date (data, cursor);
      if (isnan (index))
        index = -1;
    }
  date = index >= 0 ? cursor : data->dates[data->n_dates - 1];

  g_clear_pointer (&frame->legend_value_texts, g_ptr_array_unref);
  frame->legend_value_texts = g_ptr_array_new_with_free_func (g_free);
  g_free (frame->legend_date_text);
  frame->legend_date_text = cc_chart_format_date (date, TRUE);

  cairo_save (cr);
  _cc_chart_set_source (cr, frame->style.ink);
  {
    g_autoptr(PangoLayout) layout = value_layout (frame, frame->legend_date_text,
                                                  PANGO_WEIGHT_BOLD);

    cairo_move_to (cr, rect->x + frame->legend_date_x, rect->y + frame->legend_date_y);
    pango_cairo_show_layout (cr, layout);
  }
  for (guint i = 0; i < frame->legend_swatches->len; i++)
    {
      CcLegendSwatch *sw = &g_array_index (frame->legend_swatches, CcLegendSwatch, i);
      const CcChartSeries *s = g_ptr_array_index (data->series, sw->series);
      char *text = value_text (frame, s, index);
      g_autoptr(PangoLayout) layout = value_layout (frame, text, PANGO_WEIGHT_NORMAL);
      double w;

      g_ptr_array_add (frame->legend_value_texts, text);
      _cc_chart_text_size (layout, &w, NULL);
      /* Right-aligned: the sign and the digits stay put while the pointer moves. */
      cairo_move_to (cr, rect->x + sw->value_x + sw->value_width - w, rect->y + sw->value_y);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
}
