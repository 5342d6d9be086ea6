/* cc-chart-legend.c: the legend, grouped like the catalogue ("Memory: ▬ MU Micron Technology,
 * reconstructed"), laid out as one wrapping paragraph whose line samples are Pango shapes, so
 * it reflows at any width and exports as real text. */
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

static void
append_series (GString             *text,
               PangoAttrList       *attrs,
               GArray              *refs,
               const CcChartSeries *s,
               guint                series_index,
               const CcChartStyle  *style,
               double               swatch_w,
               double               font_size)
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

  start = text->len;
  if (s->name && *s->name)
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

double
_cc_chart_legend_layout (CcChartFrame *frame,
                         CcChartData  *data,
                         CcCatalogue  *catalogue,
                         double        width)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (SwatchRef));
  g_autofree gboolean *done = NULL;
  PangoAttrList *attrs;
  double fs = frame->text.font_size * LEGEND_FONT;
  double swatch_w = fs * 2.0, h;
  guint n_groups = cc_catalogue_get_n_groups ();

  g_clear_object (&frame->legend);
  g_clear_pointer (&frame->legend_swatches, g_array_unref);
  frame->legend_swatches = g_array_new (FALSE, FALSE, sizeof (CcLegendSwatch));
  if (data->series->len == 0)
    return 0;

  attrs = pango_attr_list_new ();
  done = g_new0 (gboolean, data->series->len);

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
          append_series (text, attrs, refs, s, k, &frame->style, swatch_w, fs);
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
      swatch.series = ref->series;
      swatch.text_start = ref->byte_index;
      swatch.text_end = ref->end_index;
      swatch.drawn_dashed = FALSE;
      g_array_append_val (frame->legend_swatches, swatch);
    }
  _cc_chart_text_size (frame->legend, NULL, &h);
  return ceil (h);
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
      double dashes[2] = { MAX (3.0, s->line_width * 3.2), MAX (2.0, s->line_width * 1.6) };

      _cc_chart_set_source (cr, s->color);
      cairo_set_line_width (cr, s->line_width);
      cairo_set_dash (cr, dashes, s->dashed ? 2 : 0, 0);
      s->drawn_dashed = cairo_get_dash_count (cr) > 0;
      cairo_move_to (cr, rect->x + s->x, rect->y + s->y);
      cairo_line_to (cr, rect->x + s->x + s->width, rect->y + s->y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
