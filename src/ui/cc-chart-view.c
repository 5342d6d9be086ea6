/* cc-chart-view.c: the interactive chart widget.
 *
 * The figure itself comes from cc_chart_draw(), exactly as exported; this widget only adds what
 * belongs to a screen: the crosshair and its read-out, the rubber band, and the gestures that
 * change the chart's range (zoom, pan) or its event.
 */
#define G_LOG_DOMAIN "cc-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-chart-view-private.h"
#include "cc-chart-view.h"
#include "cc-format.h"
#include "cc-rebase.h"

struct _CcChartView
{
  GtkWidget  parent_instance;

  CcChart   *chart;
  char      *summary;
  GtkWidget *popover;
  GtkWidget *filing_menu;   /* a filing marker's context menu (GtkPopoverMenu), or NULL */

  /* Pointer state, in widget coordinates; x < 0 when the pointer is outside. */
  double     pointer_x;
  double     pointer_y;
  /* The filing marker the keyboard stepped to (an index into cc_chart_get_filing_markers()),
   * or -1. The pointer fields then hold its centre, as if the pointer were on it. */
  int        filing_focus;
  /* Where the last motion event put the pointer: one that does not move it (a popover closing
   * over the chart sends such) leaves the marked filing be. */
  double     motion_x;
  double     motion_y;
  /* Drag state: panning, or a rubber band when shift is held. */
  gboolean   rubber_band;
  double     drag_start_x;
  double     drag_start_y;
  double     drag_dx;
  double     drag_dy;
  CcDate     drag_from;
  CcDate     drag_to;
  double     zoom_scale_start;

  /* The figure as a texture, drawn again only when the chart changes or the size does:
   * hovering and the crosshair then cost a blit, not a new drawing. */
  GdkTexture *figure;
  int         figure_width;       /* device pixels */
  int         figure_height;
  double      figure_zoom;
  gboolean    figure_dirty;
};

enum {
  PROP_0,
  PROP_CHART,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  RANGE_CHANGED,
  RESET_REQUESTED,
  EVENT_ACTIVATED,
  ITEM_ACTIVATED,
  LEGEND_ACTIVATED,
  FILING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CcChartView, cc_chart_view, GTK_TYPE_WIDGET)

/* The chart keeps its smallest text at 11 pixels itself (cc-chart.c), so the view draws it
 * at the widget's own size: one logical unit of the chart is one widget pixel. The factor
 * stays for callers that convert between the two (the window's "as shown" export). */
double
cc_chart_view_get_scale (CcChartView *self)
{
  g_return_val_if_fail (CC_IS_CHART_VIEW (self), 1.0);

  return 1.0;
}

static gboolean
view_plot_area (CcChartView *self,
                CcChartRect *area)
{
  double z = cc_chart_view_get_scale (self);

  if (self->chart == NULL || !cc_chart_get_plot_area (self->chart, area))
    return FALSE;
  area->x *= z;
  area->y *= z;
  area->width *= z;
  area->height *= z;
  return TRUE;
}

static CcDate
view_date_at_x (CcChartView *self,
                double       x)
{
  return cc_chart_date_at_x (self->chart, x / cc_chart_view_get_scale (self));
}

gboolean
_cc_chart_view_get_band (CcChartView *self,
                         CcChartRect *band)
{
  CcChartRect plot;
  double x0, x1;

  if (!self->rubber_band || fabs (self->drag_dx) <= 2 || !view_plot_area (self, &plot))
    return FALSE;

  /* The band marks the span of dates it will zoom to: only over the plot, never over the
   * title, the event lanes or the legend, and clamped at the plot's edges as the zoom is. */
  x0 = CLAMP (self->drag_start_x + MIN (self->drag_dx, 0), plot.x, plot.x + plot.width);
  x1 = CLAMP (self->drag_start_x + MAX (self->drag_dx, 0), plot.x, plot.x + plot.width);
  if (x1 - x0 < 1)
    return FALSE;

  band->x = round (x0) + 0.5;
  band->y = round (plot.y) + 0.5;
  band->width = round (x1) - round (x0);
  band->height = round (plot.height) - 1;
  return TRUE;
}

static double
view_x_for_date (CcChartView *self,
                 CcDate       date)
{
  return cc_chart_x_for_date (self->chart, date) * cc_chart_view_get_scale (self);
}

/* The dates the chart's items span in the dataset, so zoom and pan stay within the data. */
static gboolean
get_data_extent (CcChartView *self,
                 CcDate      *first,
                 CcDate      *last)
{
  CcDataset *dataset;
  g_autoptr(GPtrArray) symbols = NULL;

  *first = CC_DATE_INVALID;
  *last = CC_DATE_INVALID;

  if (self->chart == NULL || (dataset = cc_chart_get_dataset (self->chart)) == NULL)
    return FALSE;

  symbols = cc_dataset_list_symbols (dataset);
  for (guint i = 0; i < symbols->len; i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, g_ptr_array_index (symbols, i));
      const CcPoint *p;

      if (series == NULL || cc_series_get_n_points (series) == 0)
        continue;
      p = cc_series_get_first (series);
      if (*first == CC_DATE_INVALID || p->date < *first)
        *first = p->date;
      p = cc_series_get_last (series);
      if (*last == CC_DATE_INVALID || p->date > *last)
        *last = p->date;
    }

  return *first != CC_DATE_INVALID;
}

/* The visible range with "open" ends resolved to the data's extent. */
static gboolean
get_effective_range (CcChartView *self,
                     CcDate      *from,
                     CcDate      *to)
{
  CcDate first, last;

  if (!get_data_extent (self, &first, &last))
    return FALSE;

  cc_chart_get_range (self->chart, from, to);
  if (*from == CC_DATE_INVALID || *from < first)
    *from = first;
  if (*to == CC_DATE_INVALID || *to > last)
    *to = last;

  return *from < *to;
}

/* Sets a new range, clamped to the data and never narrower than five trading days. */
static void
apply_range (CcChartView *self,
             CcDate       from,
             CcDate       to)
{
  CcDate first, last;

  if (!get_data_extent (self, &first, &last))
    return;

  if (cc_calendar_trading_days_between (from, to) < 5)
    return;

  if (from < first)
    {
      to += first - from;
      from = first;
    }
  if (to > last)
    {
      from -= to - last;
      to = last;
    }
  from = MAX (from, first);

  cc_chart_set_range (self->chart, from, to);
  g_signal_emit (self, signals[RANGE_CHANGED], 0);
}

/* The horizontal extent of the plot in the last frame (the whole widget before any). */
static void
plot_extent (CcChartView *self,
             double      *left,
             double      *width)
{
  CcChartRect plot;

  if (view_plot_area (self, &plot) && plot.width > 0)
    {
      *left = plot.x;
      *width = plot.width;
    }
  else
    {
      *left = 0;
      *width = gtk_widget_get_width (GTK_WIDGET (self));
    }
}

void
cc_chart_view_zoom (CcChartView *self,
                    double       factor,
                    double       x)
{
  CcDate from, to, anchor;
  double left, width, fraction;
  int span, new_span;

  g_return_if_fail (CC_IS_CHART_VIEW (self));

  if (self->chart == NULL || factor <= 0 || !get_effective_range (self, &from, &to))
    return;

  plot_extent (self, &left, &width);
  fraction = (x < 0 || width <= 0) ? 0.5 : CLAMP ((x - left) / width, 0.0, 1.0);
  span = cc_calendar_trading_days_between (from, to);
  new_span = (int) round (span / factor);
  if (new_span == span)
    new_span += factor > 1 ? -1 : 1;
  new_span = MAX (new_span, 5);

  /* Keep the day under the pointer where it is. */
  anchor = cc_calendar_add_trading_days (from, (int) round (span * fraction));
  from = cc_calendar_add_trading_days (anchor, -(int) round (new_span * fraction));
  to = cc_calendar_add_trading_days (from, new_span);
  apply_range (self, from, to);
}

void
cc_chart_view_pan (CcChartView *self,
                   double       fraction)
{
  CcDate from, to;
  int span, shift;

  g_return_if_fail (CC_IS_CHART_VIEW (self));

  if (self->chart == NULL || !get_effective_range (self, &from, &to))
    return;

  span = cc_calendar_trading_days_between (from, to);
  shift = (int) round (span * fraction);
  if (shift == 0)
    shift = fraction > 0 ? 1 : -1;
  apply_range (self,
               cc_calendar_add_trading_days (from, shift),
               cc_calendar_add_trading_days (to, shift));
}

void
cc_chart_view_reset (CcChartView *self)
{
  g_return_if_fail (CC_IS_CHART_VIEW (self));

  g_signal_emit (self, signals[RESET_REQUESTED], 0);
}

static void
update_summary (CcChartView *self)
{
  GString *text = g_string_new (NULL);
  CcDate from, to;

  if (self->chart != NULL && get_effective_range (self, &from, &to))
    {
      CcDataset *dataset = cc_chart_get_dataset (self->chart);
      const char * const *items = cc_chart_get_items (self->chart);
      g_autofree char *from_text = cc_date_to_iso (from);
      g_autofree char *to_text = cc_date_to_iso (to);
      CcEvent *event = cc_chart_get_event (self->chart);

      g_string_append_printf (text, _("Chart from %s to %s."), from_text, to_text);
      if (event != NULL)
        {
          g_autofree char *base = cc_date_to_iso (cc_chart_get_base_date (self->chart));

          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Rebased to the close of %s, before “%s”."), base,
                                  cc_event_get_title (event));
        }
      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          CcSeries *series = dataset ? cc_dataset_get_series (dataset, items[i]) : NULL;
          double change;

          if (series != NULL &&
              cc_return_between (series, cc_chart_get_base_date (self->chart), to, &change))
            {
              g_autofree char *pct = cc_format_percent (change * 100.0, 1, TRUE);

              g_string_append_c (text, ' ');
              /* Translators: a series and its change from the base date, e.g. "MU: −12.3%". */
              g_string_append_printf (text, _("%s: %s."), items[i], pct);
            }
        }
    }
  else
    g_string_append (text, _("No series selected."));

  g_free (self->summary);
  self->summary = g_string_free (text, FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
cc_chart_view_get_summary (CcChartView *self)
{
  g_return_val_if_fail (CC_IS_CHART_VIEW (self), NULL);

  return self->summary;
}

static void
chart_changed_cb (CcChartView *self,
                  CcChart     *chart)
{
  self->figure_dirty = TRUE;
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const CcChartValue *va = a;
  const CcChartValue *vb = b;

  /* Highest first, series without a bar that day last. */
  if (va->has_value != vb->has_value)
    return va->has_value ? -1 : 1;
  if (!va->has_value)
    return 0;
  return (va->value < vb->value) - (va->value > vb->value);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             gboolean    bold,
             double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* A rounded card in the chart's own paper colour, with a soft outline. */
static void
draw_card (cairo_t *cr,
           double   x,
           double   y,
           double   width,
           double   height,
           gboolean dark)
{
  const double r = 8;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  if (dark)
    cairo_set_source_rgba (cr, 0.16, 0.16, 0.18, 0.96);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.96);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, dark, dark, dark, 0.18);
  cairo_stroke (cr);
}

/* The marker the keyboard stepped to, as the last drawing placed it; FALSE when there is none
 * (nothing stepped to, or fewer markers since). */
static gboolean
get_focused_marker (CcChartView         *self,
                    CcChartFilingMarker *marker)
{
  g_autoptr(GArray) markers = NULL;

  if (self->filing_focus < 0 || self->chart == NULL)
    return FALSE;
  markers = cc_chart_get_filing_markers (self->chart);
  if ((guint) self->filing_focus >= markers->len)
    return FALSE;
  *marker = g_array_index (markers, CcChartFilingMarker, self->filing_focus);
  return TRUE;
}

/* The filing marker the keyboard stepped to: a focus ring around it and, where the pointer's
 * tooltip would be, its description on a card beside it. */
static void
draw_filing_focus (CcChartView *self,
                   cairo_t     *cr,
                   double       width,
                   double       height,
                   gboolean     dark)
{
  CcChartFilingMarker marker;
  g_autofree char *markup = NULL;
  double z = cc_chart_view_get_scale (self);
  double size, card_w, card_h, card_x, card_y;
  const double pad = 8;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  int w, h;

  if (!get_focused_marker (self, &marker))
    return;
  markup = cc_chart_filing_describe_for_keyboard (marker.filing);
  size = marker.size * z;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_arc (cr, self->pointer_x, self->pointer_y, size / 2 + 4, 0, 2 * G_PI);
  cairo_stroke (cr);

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_width (layout, (int) (MIN (360, width - 3 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  card_w = w + 2 * pad;
  card_h = h + 2 * pad;
  card_x = self->pointer_x + size / 2 + 10;
  if (card_x + card_w > width - 4)
    card_x = self->pointer_x - size / 2 - 10 - card_w;
  card_x = MAX (card_x, 4);
  card_y = CLAMP (self->pointer_y - card_h / 2, 4, MAX (4, height - card_h - 4));
  cairo_set_line_width (cr, 1);
  draw_card (cr, card_x, card_y, card_w, card_h, dark);
  cairo_set_source_rgb (cr, dark ? 0.93 : 0.11, dark ? 0.93 : 0.11, dark ? 0.93 : 0.11);
  cairo_move_to (cr, card_x + pad, card_y + pad);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* The crosshair: a line on the trading day nearest the pointer, a dot on every series and a
 * read-out of their values (sorted, with swatches and where each value comes from). */
static void
draw_crosshair (CcChartView *self,
                cairo_t     *cr,
                double       width,
                double       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CcChartRect plot;
  CcDate date = CC_DATE_INVALID;
  double x, dark, box_w, box_h, box_x, box_y, row_h, label_w = 0, value_w = 0, prov_w = 0;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *header = NULL;
  g_autofree char *day = NULL;
  PangoLayout *header_layout;
  GPtrArray *layouts;
  int offset;
  const double pad = 8, swatch = 10, gap = 10;
  double z = cc_chart_view_get_scale (self);

  if (self->pointer_x < 0 || self->rubber_band || self->chart == NULL)
    return;
  if (cc_chart_get_overlay (self->chart) == CC_CHART_OVERLAY_CYCLES)
    {
      /* The cycle overlay: the day since the peak under the pointer, and each decline's
       * drawdown on its last close up to that day. */
      int since = 0;

      values = cc_chart_get_cycle_values_at (self->chart, self->pointer_x / z, &since, &x,
                                             &plot);
      if (values == NULL)
        return;
      x *= z;
      plot.x *= z;
      plot.y *= z;
      plot.width *= z;
      plot.height *= z;
      if (self->pointer_y < plot.y || self->pointer_y > plot.y + plot.height)
        return;
      /* Translators: the cycle overlay's read-out header, e.g. "Day 120 since the peak" */
      header = g_strdup_printf (_("Day %d since the peak"), since);
    }
  else
    {
      if (!view_plot_area (self, &plot))
        return;
      if (self->pointer_x < plot.x || self->pointer_x > plot.x + plot.width ||
          self->pointer_y < plot.y || self->pointer_y > plot.y + plot.height)
        return;

      date = view_date_at_x (self, self->pointer_x);
      if (date == CC_DATE_INVALID)
        return;
      x = view_x_for_date (self, date);
      if (isnan (x))
        return;
      values = cc_chart_get_values_at (self->chart, date);
    }

  dark = cc_chart_get_theme (self->chart) == CC_CHART_THEME_DARK;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, dark, dark, dark, 0.45);
  cairo_move_to (cr, round (x) + 0.5, plot.y);
  cairo_line_to (cr, round (x) + 0.5, plot.y + plot.height);
  cairo_stroke (cr);

  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      if (!v->has_value || isnan (v->y))
        continue;
      cairo_arc (cr, x, v->y * z, 3.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, v->red, v->green, v->blue);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, !dark, !dark, !dark);
      cairo_stroke (cr);
    }
  g_array_sort (values, compare_values);

  /* Stepped to by the keyboard, a filing's marker has no pointer to show a tooltip: its
   * description is drawn instead, where the read-out would be. */
  if (self->filing_focus >= 0)
    {
      draw_filing_focus (self, cr, width, height, dark);
      cairo_restore (cr);
      return;
    }
  /* Over an event's label or line its description shows as a tooltip, just where the
   * read-out would be: the dots stay, the read-out gives way. */
  {
    g_autofree char *tip = _cc_chart_view_describe_at (self, self->pointer_x, self->pointer_y);

    if (tip != NULL)
      {
        cairo_restore (cr);
        return;
      }
  }

  /* The read-out box. */
  if (header == NULL)
    {
      dt = cc_date_to_date_time (date);
      /* Translators: the date format of the crosshair read-out, e.g. "Wed 1 Jul 2026". */
      day = g_date_time_format (dt, _("%a %-d %b %Y"));
      if (cc_chart_get_time_axis (self->chart) == CC_CHART_AXIS_TRADING_DAYS &&
          cc_chart_trading_day_offset (self->chart, date, &offset))
        /* Translators: a date and its trading-day offset from the event, e.g.
         * "1 Jul 2026 · t+0". */
        header = g_strdup_printf (_("%s · t%+d"), day, offset);
      else
        header = g_strdup (day);
    }

  header_layout = make_layout (widget, header, TRUE, 1.0);
  layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);
      const char *prov = "";
      PangoLayout *l;
      int w, h;

      if (v->has_value && v->provenance != CC_PROVENANCE_OBSERVED)
        prov = cc_provenance_get_label (v->provenance);

      l = make_layout (widget, v->label, FALSE, 1.0);
      pango_layout_get_pixel_size (l, &w, &h);
      label_w = MAX (label_w, w);
      g_ptr_array_add (layouts, l);

      l = make_layout (widget, v->has_value ? v->text : "—", TRUE, 1.0);
      pango_layout_get_pixel_size (l, &w, &h);
      value_w = MAX (value_w, w);
      g_ptr_array_add (layouts, l);

      l = make_layout (widget, prov, FALSE, 0.83);
      pango_layout_get_pixel_size (l, &w, &h);
      prov_w = MAX (prov_w, w);
      g_ptr_array_add (layouts, l);
    }

  {
    int hw, hh;

    pango_layout_get_pixel_size (header_layout, &hw, &hh);
    row_h = hh + 3;
    box_w = pad * 2 + swatch + 6 + label_w + gap + value_w + (prov_w > 0 ? gap + prov_w : 0);
    box_w = MAX (box_w, hw + 2 * pad);
    box_h = pad * 2 + row_h * (values->len + 1);
  }

  box_x = x + 14;
  if (box_x + box_w > width - 4)
    box_x = x - 14 - box_w;
  box_x = MAX (box_x, 4);
  box_y = CLAMP (self->pointer_y - box_h / 2, plot.y, MAX (plot.y, height - box_h - 4));

  draw_card (cr, box_x, box_y, box_w, box_h, dark);

  {
    double fg = dark ? 0.93 : 0.11;
    double ty = box_y + pad;

    cairo_set_source_rgb (cr, fg, fg, fg);
    cairo_move_to (cr, box_x + pad, ty);
    pango_cairo_show_layout (cr, header_layout);
    ty += row_h;

    for (guint i = 0; i < values->len; i++)
      {
        CcChartValue *v = &g_array_index (values, CcChartValue, i);
        PangoLayout *label = g_ptr_array_index (layouts, 3 * i);
        PangoLayout *value = g_ptr_array_index (layouts, 3 * i + 1);
        PangoLayout *prov = g_ptr_array_index (layouts, 3 * i + 2);
        double cx = box_x + pad;
        int w, h;

        cairo_set_source_rgb (cr, v->red, v->green, v->blue);
        cairo_arc (cr, cx + swatch / 2, ty + row_h / 2 - 1, swatch / 2, 0, 2 * G_PI);
        cairo_fill (cr);
        cx += swatch + 6;

        cairo_set_source_rgb (cr, fg, fg, fg);
        cairo_move_to (cr, cx, ty);
        pango_cairo_show_layout (cr, label);
        cx += label_w + gap;

        pango_layout_get_pixel_size (value, &w, &h);
        cairo_move_to (cr, cx + value_w - w, ty);
        pango_cairo_show_layout (cr, value);
        cx += value_w + gap;

        pango_layout_get_pixel_size (prov, &w, &h);
        cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
        cairo_move_to (cr, cx, ty + (row_h - h) / 2 - 1);
        pango_cairo_show_layout (cr, prov);
        ty += row_h;
      }
  }

  g_object_unref (header_layout);
  g_ptr_array_unref (layouts);
  cairo_restore (cr);
}

/* The filing whose marker is at (@x, @y) (widget pixels), or NULL. */
static const CcChartFiling *
filing_at (CcChartView *self,
           double       x,
           double       y)
{
  double z = cc_chart_view_get_scale (self);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->chart == NULL || width <= 0 || height <= 0)
    return NULL;
  /* The frame at the widget's size: the one the markers were placed in. */
  cc_chart_layout_free (cc_chart_layout (self->chart, width / z, height / z));
  return cc_chart_filing_at (self->chart, x / z, y / z);
}

/* What is at (@x, @y): an event label or an end-of-line label (by id), from the layout of the
 * last frame. */
static gboolean
hit_test (CcChartView *self,
          double       x,
          double       y,
          gboolean    *is_event,
          char       **id)
{
  g_autoptr(CcChartLayout) layout = NULL;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  GArray *boxes[2];

  double z = cc_chart_view_get_scale (self);

  if (self->chart == NULL || width <= 0 || height <= 0)
    return FALSE;

  /* In the chart's units from here on. */
  x /= z;
  y /= z;
  layout = cc_chart_layout (self->chart, width / z, height / z);
  boxes[0] = layout->event_labels;
  boxes[1] = layout->end_labels;
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; boxes[k] != NULL && i < boxes[k]->len; i++)
      {
        CcChartLabelBox *box = &g_array_index (boxes[k], CcChartLabelBox, i);

        if (x >= box->rect.x - 2 && x <= box->rect.x + box->rect.width + 2 &&
            y >= box->rect.y - 2 && y <= box->rect.y + box->rect.height + 2 && box->id)
          {
            *is_event = k == 0;
            *id = g_strdup (box->id);
            return TRUE;
          }
      }

  /* Near an event's line inside the plot counts as the event too. */
  {
    CcDataset *dataset = cc_chart_get_dataset (self->chart);
    GPtrArray *events = dataset ? cc_dataset_get_events (dataset) : NULL;
    CcChartRect plot = layout->plot;

    if (y < plot.y || y > plot.y + plot.height)
      return FALSE;
    for (guint i = 0; events != NULL && i < events->len; i++)
      {
        CcEvent *event = g_ptr_array_index (events, i);
        double ex;

        if (cc_event_get_hidden (event) ||
            cc_event_get_precision (event) != CC_EVENT_PRECISION_DAY)
          continue;
        ex = cc_chart_x_for_date (self->chart, cc_event_get_date (event));
        if (!isnan (ex) && fabs (ex - x) * z <= 3)
          {
            *is_event = TRUE;
            *id = g_strdup (cc_event_get_id (event));
            return TRUE;
          }
      }
  }

  return FALSE;
}

char *
_cc_chart_view_describe_at (CcChartView *self,
                            double       x,
                            double       y)
{
  g_autofree char *id = NULL;
  gboolean is_event = FALSE;
  CcEvent *event;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  const CcChartFiling *filing = filing_at (self, x, y);

  /* A filing's marker sits on top of everything else in the plot. */
  if (filing != NULL)
    return cc_chart_filing_describe (filing);
  if (!hit_test (self, x, y, &is_event, &id) || !is_event)
    return NULL;

  event = cc_dataset_find_event (cc_chart_get_dataset (self->chart), id);
  if (event == NULL)
    return NULL;

  when = cc_event_format_when (event);
  title = g_markup_escape_text (cc_event_get_title (event), -1);
  description = g_markup_escape_text (cc_event_get_description (event)
                                        ? cc_event_get_description (event) : "", -1);
  return g_strdup_printf ("<b>%s</b>\n%s · %s%s%s\n<small>%s</small>", title, when,
                          cc_event_category_get_label (cc_event_get_category (event)),
                          *description ? "\n" : "", description,
                          _("Click to rebase the chart to this event"));
}

static gboolean
query_tooltip_cb (CcChartView *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  GtkWidget   *widget)
{
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (keyboard || (markup = _cc_chart_view_describe_at (self, x, y)) == NULL)
    return FALSE;

  /* A label of our own: descriptions are a paragraph, and a plain tooltip does not wrap. */
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

/* The figure at the widget's size, in device pixels, as a texture.
 *
 * GTK records what a widget draws with Cairo and rasterises it again for every frame, so a
 * crosshair moving over the chart would redraw the whole figure each time. Drawn once into
 * an image of our own, the figure is a texture GTK only copies until the chart or the size
 * changes. Lines on screen use Cairo's fast antialiasing (16 coverage levels instead of
 * 256): at screen sizes the two are hard to tell apart, and it halves the cost of a full
 * redraw (a resize, a new range). Exports always draw with the best antialiasing. */
static GdkTexture *
get_figure (CcChartView *self,
            double       width,
            double       height,
            double       z)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int pw = (int) ceil (width * scale), ph = (int) ceil (height * scale);
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;

  if (self->figure != NULL && !self->figure_dirty && self->figure_width == pw &&
      self->figure_height == ph && self->figure_zoom == z)
    return self->figure;

  g_clear_object (&self->figure);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cr = cairo_create (surface);
  cairo_scale (cr, scale * z, scale * z);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cc_chart_draw (self->chart, cr, width / z, height / z);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_warning ("Could not draw the chart: %s",
                 cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  /* CAIRO_FORMAT_ARGB32 is GDK_MEMORY_DEFAULT: native-endian premultiplied ARGB. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * ph,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  self->figure = gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes,
                                         cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  self->figure_width = pw;
  self->figure_height = ph;
  self->figure_zoom = z;
  self->figure_dirty = FALSE;
  return self->figure;
}

static void
restore_description (CcChartView *self)
{
  if (self->summary != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
cc_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CcChartView *self = CC_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double z;
  GdkTexture *figure;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  z = cc_chart_view_get_scale (self);
  figure = get_figure (self, width, height, z);
  if (figure != NULL)
    gtk_snapshot_append_texture (snapshot, figure, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The marker the keyboard stepped to, where this drawing put it (the filings may have come
   * again, or the window changed size). */
  if (self->filing_focus >= 0)
    {
      CcChartFilingMarker marker;

      if (get_focused_marker (self, &marker))
        {
          self->pointer_x = marker.x * z;
          self->pointer_y = marker.y * z;
        }
      else
        {
          self->filing_focus = -1;
          self->pointer_x = -1;
          self->pointer_y = -1;
          restore_description (self);
        }
    }
  if (!(self->pointer_x >= 0 || self->rubber_band))
    return;
  if (self->filing_focus >= 0 && !gtk_widget_has_focus (widget))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_crosshair (self, cr, width, height);

  {
    CcChartRect band;

    if (_cc_chart_view_get_band (self, &band))
      {
        cairo_rectangle (cr, band.x, band.y, band.width, band.height);
        cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.6);
        cairo_set_line_width (cr, 1);
        cairo_stroke (cr);
      }
  }

  cairo_destroy (cr);
}

static gboolean
scroll_cb (CcChartView              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (dy == 0)
    {
      if (dx == 0)
        return FALSE;
      cc_chart_view_pan (self, dx * 0.05);
      return TRUE;
    }

  cc_chart_view_zoom (self, dy < 0 ? 1.25 : 1 / 1.25, self->pointer_x);
  return TRUE;
}

/* While the pointer is over the plot the legend shows each series' value on the day under it;
 * elsewhere, the values of the last bar. Only a new day draws the figure again. */
static void
update_cursor (CcChartView *self)
{
  CcDate date = CC_DATE_INVALID;
  CcChartRect plot;

  if (self->chart == NULL)
    return;
  if (self->pointer_x >= 0 && !self->rubber_band && view_plot_area (self, &plot) &&
      self->pointer_x >= plot.x && self->pointer_x <= plot.x + plot.width &&
      self->pointer_y >= plot.y && self->pointer_y <= plot.y + plot.height)
    date = view_date_at_x (self, self->pointer_x);
  if (date == cc_chart_get_cursor (self->chart))
    return;
  cc_chart_set_cursor (self->chart, date);
  self->figure_dirty = TRUE;
}

/* The pointer, or the keyboard moving the chart, takes over from a marker the keyboard
 * stepped to; the chart's summary is its accessible description again. */
static void
drop_filing_focus (CcChartView *self)
{
  if (self->filing_focus < 0)
    return;
  self->filing_focus = -1;
  self->pointer_x = -1;
  self->pointer_y = -1;
  restore_description (self);
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Puts the keyboard's pointer on marker @index of the last drawing, or drops it when there is
 * no such marker any more. */
static void
place_filing_focus (CcChartView *self,
                    int          index)
{
  g_autoptr(GArray) markers = cc_chart_get_filing_markers (self->chart);
  const CcChartFilingMarker *marker;
  double z = cc_chart_view_get_scale (self);
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;

  if (index < 0 || (guint) index >= markers->len)
    {
      drop_filing_focus (self);
      return;
    }
  marker = &g_array_index (markers, CcChartFilingMarker, index);
  self->filing_focus = index;
  if (self->pointer_x == marker->x * z && self->pointer_y == marker->y * z)
    return;
  self->pointer_x = marker->x * z;
  self->pointer_y = marker->y * z;
  /* A screen reader reads the filing as the chart's description. */
  markup = cc_chart_filing_describe_for_keyboard (marker->filing);
  if (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* . and , (or ] and [) step through the filing markers on screen, left to right, as the
 * pointer would: Return then opens the filing, Menu its context menu. */
static gboolean
step_filing_focus (CcChartView *self,
                   int          step)
{
  g_autoptr(GArray) markers = NULL;
  int n;

  if (self->chart == NULL)
    return FALSE;
  markers = cc_chart_get_filing_markers (self->chart);
  n = (int) markers->len;
  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  if (self->filing_focus < 0 || self->filing_focus >= n)
    place_filing_focus (self, step > 0 ? 0 : n - 1);
  else
    place_filing_focus (self, (self->filing_focus + step + n) % n);
  return TRUE;
}

const CcChartFiling *
_cc_chart_view_get_keyboard_filing (CcChartView *self)
{
  CcChartFilingMarker marker;

  g_return_val_if_fail (CC_IS_CHART_VIEW (self), NULL);

  return get_focused_marker (self, &marker) ? marker.filing : NULL;
}

/* The marked filing's ring and card show while the chart has the focus; another window or
 * widget taking it hides them, and they come back with it. */
static void
focus_changed_cb (CcChartView *self)
{
  if (self->filing_focus >= 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (CcChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  if (self->filing_focus >= 0 && x == self->motion_x && y == self->motion_y)
    return;
  self->motion_x = x;
  self->motion_y = y;
  drop_filing_focus (self);
  self->pointer_x = x;
  self->pointer_y = y;
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (CcChartView              *self,
          GtkEventControllerMotion *controller)
{
  if (self->filing_focus >= 0)
    return;
  self->pointer_x = -1;
  self->pointer_y = -1;
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_cc_chart_view_hover (CcChartView *self,
                      double       x,
                      double       y)
{
  g_return_if_fail (CC_IS_CHART_VIEW (self));

  if (x < 0)
    leave_cb (self, NULL);
  else
    motion_cb (self, x, y, NULL);
}

static void
drag_begin_cb (CcChartView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
      GTK_EVENT_CONTROLLER (gesture));

  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_dx = 0;
  self->drag_dy = 0;
  self->rubber_band = (state & GDK_SHIFT_MASK) != 0;
  if (self->chart == NULL || !get_effective_range (self, &self->drag_from, &self->drag_to))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (CcChartView    *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  double left, width;
  int span, shift;

  plot_extent (self, &left, &width);
  self->drag_dx = dx;
  self->drag_dy = dy;

  if (self->rubber_band)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (width <= 0 || fabs (dx) < 3)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  span = cc_calendar_trading_days_between (self->drag_from, self->drag_to);
  /* Dragging to the right brings earlier days into view. */
  shift = (int) round (-dx / width * span);
  apply_range (self,
               cc_calendar_add_trading_days (self->drag_from, shift),
               cc_calendar_add_trading_days (self->drag_to, shift));
}

static void
end_rubber_band (CcChartView *self,
                 double       dx)
{
  if (self->rubber_band)
    {
      CcChartRect plot;

      self->rubber_band = FALSE;
      if (fabs (dx) > 8 && view_plot_area (self, &plot))
        {
          double x0 = CLAMP (MIN (self->drag_start_x, self->drag_start_x + dx),
                             plot.x, plot.x + plot.width);
          double x1 = CLAMP (MAX (self->drag_start_x, self->drag_start_x + dx),
                             plot.x, plot.x + plot.width);
          CcDate from = view_date_at_x (self, x0);
          CcDate to = view_date_at_x (self, x1);

          if (from != CC_DATE_INVALID && to != CC_DATE_INVALID)
            apply_range (self, from, to);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end_cb (CcChartView    *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  end_rubber_band (self, dx);
}

void
_cc_chart_view_drag (CcChartView *self,
                     double       start_x,
                     double       start_y,
                     double       dx,
                     double       dy,
                     gboolean     shift,
                     gboolean     end)
{
  g_return_if_fail (CC_IS_CHART_VIEW (self));

  self->drag_start_x = start_x;
  self->drag_start_y = start_y;
  self->drag_dx = dx;
  self->drag_dy = dy;
  self->rubber_band = shift;
  if (self->chart == NULL || !get_effective_range (self, &self->drag_from, &self->drag_to))
    {
      self->rubber_band = FALSE;
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (end)
    end_rubber_band (self, dx);
}

static void
zoom_begin_cb (CcChartView    *self,
               GdkEventSequence *sequence,
               GtkGestureZoom *gesture)
{
  self->zoom_scale_start = 1.0;
}

static void
zoom_scale_changed_cb (CcChartView    *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double cx, cy;

  /* Zoom in steps so a slow pinch does not re-layout on every tiny change. */
  if (fabs (scale / self->zoom_scale_start - 1) < 0.1)
    return;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    cx = -1;
  cc_chart_view_zoom (self, scale / self->zoom_scale_start, cx);
  self->zoom_scale_start = scale;
}

static void
click_pressed_cb (CcChartView     *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (n_press == 2)
    {
      cc_chart_view_reset (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

gboolean
_cc_chart_view_activate_at (CcChartView *self,
                            double       x,
                            double       y)
{
  g_autofree char *id = NULL;
  gboolean is_event = FALSE;
  const CcChartFiling *filing = filing_at (self, x, y);

  if (filing != NULL)
    {
      if (filing->url == NULL)
        return FALSE;
      g_signal_emit (self, signals[FILING_ACTIVATED], 0, filing->url);
      return TRUE;
    }
  if (!hit_test (self, x, y, &is_event, &id))
    {
      double z = cc_chart_view_get_scale (self);
      g_autoptr(CcChartLayout) layout = NULL;
      CcChartRect *legend;

      if (self->chart == NULL)
        return FALSE;
      layout = cc_chart_layout (self->chart, gtk_widget_get_width (GTK_WIDGET (self)) / z,
                                gtk_widget_get_height (GTK_WIDGET (self)) / z);
      legend = &layout->legend;
      if (legend->height <= 0 ||
          x < legend->x * z || x > (legend->x + legend->width) * z ||
          y < legend->y * z || y > (legend->y + legend->height) * z)
        return FALSE;
      g_signal_emit (self, signals[LEGEND_ACTIVATED], 0, x, y);
      return TRUE;
    }

  if (is_event)
    {
      CcEvent *event = cc_dataset_find_event (cc_chart_get_dataset (self->chart), id);

      if (event == NULL)
        return FALSE;
      g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
    }
  else
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, id);
  return TRUE;
}

static void
click_released_cb (CcChartView     *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  /* A drag that moved is a pan, not a click. */
  if (n_press != 1 || fabs (self->drag_dx) > 3 || fabs (self->drag_dy) > 3)
    return;

  _cc_chart_view_activate_at (self, x, y);
}

/* A filing marker's context menu */

static void
filing_menu_closed_cb (CcChartView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

gboolean
_cc_chart_view_filing_menu_at (CcChartView *self,
                               double       x,
                               double       y)
{
  const CcChartFiling *filing = filing_at (self, x, y);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) open = NULL;
  g_autoptr(GMenuItem) copy = NULL;

  if (filing == NULL || filing->url == NULL)
    return FALSE;

  /* The URL rides on each item as its target: the menu stays right however the chart
   * changes while it is open. */
  menu = g_menu_new ();
  open = g_menu_item_new (_("Open Filing in Browser"), NULL);
  g_menu_item_set_action_and_target (open, "chart.open-filing", "s", filing->url);
  g_menu_append_item (menu, open);
  copy = g_menu_item_new (_("Copy Link"), NULL);
  g_menu_item_set_action_and_target (copy, "chart.copy-filing-link", "s", filing->url);
  g_menu_append_item (menu, copy);

  if (self->filing_menu == NULL)
    {
      self->filing_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->filing_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->filing_menu), TRUE);
      g_signal_connect_object (self->filing_menu, "closed", G_CALLBACK (filing_menu_closed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->filing_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->filing_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  /* The marker's tooltip would cover the menu: none while it is open. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
  gtk_popover_popup (GTK_POPOVER (self->filing_menu));
  return TRUE;
}

GtkPopover *
_cc_chart_view_get_filing_menu (CcChartView *self)
{
  g_return_val_if_fail (CC_IS_CHART_VIEW (self), NULL);
  return self->filing_menu ? GTK_POPOVER (self->filing_menu) : NULL;
}

static void
open_filing_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* The window opens it, as a click on the marker does. */
  g_signal_emit (widget, signals[FILING_ACTIVATED], 0, g_variant_get_string (parameter, NULL));
}

static void
copy_filing_link_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
}

/* Right click */
static void
secondary_pressed_cb (CcChartView     *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  if (_cc_chart_view_filing_menu_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* A long press on a touch screen */
static void
long_pressed_cb (CcChartView          *self,
                 double                x,
                 double                y,
                 GtkGestureLongPress  *gesture)
{
  if (_cc_chart_view_filing_menu_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
key_pressed_cb (CcChartView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  /* The menu key opens the menu of the marker under the pointer, or of the one the keyboard
   * stepped to. */
  if (keyval == GDK_KEY_Menu ||
      (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0))
    return self->pointer_x >= 0 &&
           _cc_chart_view_filing_menu_at (self, self->pointer_x, self->pointer_y);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    switch (keyval)
      {
      case GDK_KEY_period:
      case GDK_KEY_bracketright:
        return step_filing_focus (self, 1);
      case GDK_KEY_comma:
      case GDK_KEY_bracketleft:
        return step_filing_focus (self, -1);
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_ISO_Enter:
      case GDK_KEY_space:
        if (self->filing_focus >= 0)
          return _cc_chart_view_activate_at (self, self->pointer_x, self->pointer_y);
        return FALSE;
      default:
        break;
      }

  /* Panning or zooming moves the markers: the keyboard's pointer leaves them. */
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      drop_filing_focus (self);
      cc_chart_view_pan (self, -0.1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      drop_filing_focus (self);
      cc_chart_view_pan (self, 0.1);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
    case GDK_KEY_Up:
      drop_filing_focus (self);
      cc_chart_view_zoom (self, 1.25, -1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
    case GDK_KEY_Down:
      drop_filing_focus (self);
      cc_chart_view_zoom (self, 1 / 1.25, -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      drop_filing_focus (self);
      cc_chart_view_reset (self);
      return TRUE;
    default:
      return FALSE;
    }
}

CcChart *
cc_chart_view_get_chart (CcChartView *self)
{
  g_return_val_if_fail (CC_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
cc_chart_view_set_chart (CcChartView *self,
                         CcChart     *chart)
{
  g_return_if_fail (CC_IS_CHART_VIEW (self));
  g_return_if_fail (!chart || CC_IS_CHART (chart));

  if (self->chart == chart)
    return;

  if (self->chart != NULL)
    g_signal_handlers_disconnect_by_func (self->chart, chart_changed_cb, self);
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    g_signal_connect_object (chart, "changed", G_CALLBACK (chart_changed_cb), self,
                             G_CONNECT_SWAPPED);

  self->figure_dirty = TRUE;
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

void
cc_chart_view_popup (CcChartView *self,
                     GtkWidget   *child,
                     double       x,
                     double       y)
{
  g_return_if_fail (CC_IS_CHART_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  if (self->popover == NULL)
    {
      self->popover = gtk_popover_new ();
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
    }
  gtk_popover_set_child (GTK_POPOVER (self->popover), child);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
cc_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CcChartView *self = CC_CHART_VIEW (widget);

  /* A popover child must be placed by its parent. */
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
  if (self->filing_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->filing_menu));
}

static void
cc_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Wide enough to read a year of dailies: below 560 + the sidebar the window folds the
   * sidebar away (an 800x600 window shows the chart across its whole width). */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 560 : 280;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 560;
}

static void
cc_chart_view_dispose (GObject *object)
{
  CcChartView *self = CC_CHART_VIEW (object);

  cc_chart_view_set_chart (self, NULL);
  g_clear_object (&self->figure);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->filing_menu, gtk_widget_unparent);

  G_OBJECT_CLASS (cc_chart_view_parent_class)->dispose (object);
}

static void
cc_chart_view_finalize (GObject *object)
{
  CcChartView *self = CC_CHART_VIEW (object);

  g_free (self->summary);

  G_OBJECT_CLASS (cc_chart_view_parent_class)->finalize (object);
}

static void
cc_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CcChartView *self = CC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CcChartView *self = CC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      cc_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_chart_view_class_init (CcChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_chart_view_dispose;
  object_class->finalize = cc_chart_view_finalize;
  object_class->get_property = cc_chart_view_get_property;
  object_class->set_property = cc_chart_view_set_property;

  widget_class->snapshot = cc_chart_view_snapshot;
  widget_class->measure = cc_chart_view_measure;
  widget_class->size_allocate = cc_chart_view_size_allocate;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, CC_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user zoomed or panned: the range is now custom. */
  signals[RANGE_CHANGED] =
    g_signal_new ("range-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESET_REQUESTED] =
    g_signal_new ("reset-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The user clicked an event marker. */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CC_TYPE_EVENT);
  /* The user clicked the legend at (x, y): the window offers its series to toggle. */
  signals[LEGEND_ACTIVATED] =
    g_signal_new ("legend-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* The user clicked a series' label: the window hides it. */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The user clicked a filing's marker: the window opens its page (the URL). */
  signals[FILING_ACTIVATED] =
    g_signal_new ("filing-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* A filing marker's context menu; the parameter is the filing's URL. */
  gtk_widget_class_install_action (widget_class, "chart.open-filing", "s", open_filing_action);
  gtk_widget_class_install_action (widget_class, "chart.copy-filing-link", "s",
                                   copy_filing_link_action);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cc_chart_view_init (CcChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->pointer_x = -1;
  self->pointer_y = -1;
  self->filing_focus = -1;
  self->motion_x = -1;
  self->motion_y = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_summary (self);
}

GtkWidget *
cc_chart_view_new (void)
{
  return g_object_new (CC_TYPE_CHART_VIEW, NULL);
}
