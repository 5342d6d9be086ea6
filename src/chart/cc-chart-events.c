/* cc-chart-events.c: event markers (a line for a day, a shaded band for a month or quarter),
 * coloured by category, with labels placed in lanes above the plot so that no two labels
 * overlap and none leaves the plot's horizontal extent. The selected event is placed first,
 * drawn stronger and labelled in bold. */
#define G_LOG_DOMAIN "cc-chart-events"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-chart-private.h"

#define MAX_LANES 4
#define LABEL_FONT CC_CHART_FONT_LABEL

static void
event_mark_free (gpointer p)
{
  CcEventMark *mark = p;

  g_free (mark->text);
  g_free (mark);
}

static gboolean
overlaps (const CcChartRect *a,
          const CcChartRect *b,
          double             gap)
{
  return a->x < b->x + b->width + gap && b->x < a->x + a->width + gap;
}

static char *
event_label_text (CcEvent *event)
{
  g_autofree char *when = cc_event_format_when (event);

  /* TRANSLATORS: an event label on the chart: "Meta Compute announced · 1 Jul 2026" */
  return g_strdup_printf (_("%s · %s"), cc_event_get_title (event), when ? when : "");
}

static PangoLayout *
label_layout (CcChartFrame *frame,
              const char   *text,
              gboolean      selected)
{
  return _cc_chart_text_layout (&frame->text, text, LABEL_FONT,
                                selected ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, FALSE);
}

double
_cc_chart_events_layout (CcChartFrame *frame,
                         CcChartData  *data,
                         GPtrArray    *events,
                         CcEvent      *selected,
                         CcDate        as_of,
                         double        plot_left,
                         double        plot_right,
                         double        lanes_top)
{
  CcChartLayout *layout = frame->layout;
  double fs = frame->text.font_size;
  double lane_h = 0, gap = fs * 0.9, offset = fs * 0.35;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GArray *lanes[MAX_LANES] = { NULL };
  gboolean selected_listed = FALSE;
  int n_lanes = 0;

  g_clear_pointer (&frame->event_marks, g_ptr_array_unref);
  frame->event_marks = g_ptr_array_new_with_free_func (event_mark_free);
  g_array_set_size (layout->event_labels, 0);
  g_clear_pointer (&frame->as_of_text, g_free);
  layout->as_of_x = NAN;
  layout->as_of_label = (CcChartRect) { 0, 0, 0, 0 };
  if (data->n_dates == 0)
    return 0;

  for (guint i = 0; i < MAX_LANES; i++)
    lanes[i] = g_array_new (FALSE, FALSE, sizeof (CcChartRect));

  for (guint i = 0; i <= events->len; i++)
    {
      CcEvent *event;
      CcEventMark *mark;
      CcDate first, last;
      double i0, i1;

      if (i < events->len)
        {
          event = g_ptr_array_index (events, i);
          if (event == selected)
            selected_listed = TRUE;
          if (cc_event_get_hidden (event) && event != selected)
            continue;
        }
      else if (selected && !selected_listed)
        event = selected;   /* a selected event that is not in the dataset (CLI --event) */
      else
        break;

      cc_event_get_span (event, &first, &last);
      if (last < data->dates[0] || first > data->dates[data->n_dates - 1])
        continue;
      first = MAX (first, data->dates[0]);
      last = MIN (last, data->dates[data->n_dates - 1]);
      i0 = _cc_chart_data_index_for_date (data, first);
      i1 = _cc_chart_data_index_for_date (data, last);
      if (isnan (i0) || isnan (i1))
        continue;

      mark = g_new0 (CcEventMark, 1);
      mark->event = event;
      mark->selected = event == selected;
      mark->band = cc_event_get_precision (event) != CC_EVENT_PRECISION_DAY;
      if (mark->band)
        {
          /* A band covers its first to its last bar, edge to edge. */
          mark->x0 = _cc_time_axis_map (&frame->taxis, ceil (i0) - 0.5);
          mark->x1 = _cc_time_axis_map (&frame->taxis, floor (i1) + 0.5);
        }
      else
        mark->x0 = mark->x1 = _cc_time_axis_map (&frame->taxis, ceil (i0));
      mark->lane = -1;
      mark->text = event_label_text (event);
      g_ptr_array_add (frame->event_marks, mark);
    }

  /* The selected event claims the first lane; then left to right. */
  for (guint i = 0; i < frame->event_marks->len; i++)
    if (((CcEventMark *) g_ptr_array_index (frame->event_marks, i))->selected)
      g_ptr_array_add (order, g_ptr_array_index (frame->event_marks, i));
  for (guint i = 0; i < frame->event_marks->len; i++)
    if (!((CcEventMark *) g_ptr_array_index (frame->event_marks, i))->selected)
      g_ptr_array_add (order, g_ptr_array_index (frame->event_marks, i));

  for (guint k = 0; k < order->len; k++)
    {
      CcEventMark *mark = g_ptr_array_index (order, k);
      g_autoptr(PangoLayout) pl = label_layout (frame, mark->text, mark->selected);
      double w, h, max_w = plot_right - plot_left;
      CcChartRect candidates[2];

      _cc_chart_text_size (pl, &w, &h);
      if (w > max_w)
        {
          pango_layout_set_width (pl, (int) (max_w * PANGO_SCALE));
          pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
          _cc_chart_text_size (pl, &w, &h);
          w = MIN (w, max_w);
        }
      lane_h = MAX (lane_h, h + fs * 0.3);

      /* Right of the line (or inside the band from its left edge), else left of it, in the
       * first lane where it fits. Only when no lane has room is it pushed inside the plot's
       * edges, away from its line. */
      candidates[0] = (CcChartRect) { mark->x0 + offset, 0, w, h };
      candidates[1] = (CcChartRect) { (mark->band ? mark->x1 : mark->x0) - offset - w, 0, w, h };
      for (guint pass = 0; pass < 2 && mark->lane < 0; pass++)
        for (int lane = 0; lane < MAX_LANES && mark->lane < 0; lane++)
          for (guint c = 0; c < 2 && mark->lane < 0; c++)
            {
              CcChartRect r = candidates[c];
              gboolean free = TRUE;

              if (pass == 0 && (r.x < plot_left || r.x + w > plot_right))
                continue;
              r.x = CLAMP (r.x, plot_left, plot_right - w);
              for (guint j = 0; j < lanes[lane]->len && free; j++)
                if (overlaps (&r, &g_array_index (lanes[lane], CcChartRect, j), gap))
                  free = FALSE;
              if (free)
                {
                  mark->lane = lane;
                  mark->label = r;
                  g_array_append_val (lanes[lane], r);
                  n_lanes = MAX (n_lanes, lane + 1);
                }
            }
      /* Still no room: the widest free stretch right of the line in any lane, if it holds a
       * few words; the label is ellipsized to it ("Crowded event nu…"). */
      for (int lane = 0; lane < MAX_LANES && mark->lane < 0; lane++)
        {
          double start = mark->x0 + offset, end = plot_right;

          if (start > plot_right - fs * 6)
            break;
          for (guint j = 0; j < lanes[lane]->len; j++)
            {
              CcChartRect *r = &g_array_index (lanes[lane], CcChartRect, j);

              if (r->x + r->width + gap > start && r->x <= start)
                start = r->x + r->width + gap;   /* the free stretch starts after it */
              else if (r->x > start)
                end = MIN (end, r->x - gap);
            }
          if (start >= mark->x0 - offset && start - mark->x0 < fs * 2 && end - start >= fs * 6)
            {
              CcChartRect r = { start, 0, MIN (w, end - start), h };

              mark->lane = lane;
              mark->label = r;
              g_array_append_val (lanes[lane], r);
              n_lanes = MAX (n_lanes, lane + 1);
            }
        }
      mark->label.height = h;
    }

  /* The as-of marker comes last, so it takes only room no event label wanted: right of its
   * line, else left of it, in the first lane with room; none at all and only the line shows. */
  if (as_of != CC_DATE_INVALID && as_of >= data->dates[0] && as_of <= data->dates[data->n_dates - 1])
    {
      double ai = _cc_chart_data_index_for_date (data, as_of);

      if (!isnan (ai))
        {
          g_autoptr(GDateTime) dt = cc_date_to_date_time (as_of);
          /* TRANSLATORS: a date format for the chart's as-of marker, e.g. "2 Jul" */
          g_autofree char *day = g_date_time_format (dt, C_("as-of marker", "%-d %b"));
          g_autoptr(PangoLayout) pl = NULL;
          double x = _cc_time_axis_map (&frame->taxis, ceil (ai)), w, h;
          gboolean placed = FALSE;

          /* TRANSLATORS: the chart's as-of marker: "as of 2 Jul" */
          frame->as_of_text = g_strdup_printf (_("as of %s"), g_strstrip (day));
          layout->as_of_x = x;
          pl = _cc_chart_text_layout (&frame->text, frame->as_of_text, LABEL_FONT,
                                      PANGO_WEIGHT_NORMAL, FALSE);
          _cc_chart_text_size (pl, &w, &h);
          lane_h = MAX (lane_h, h + fs * 0.3);
          for (int lane = 0; lane < MAX_LANES && !placed; lane++)
            for (guint c = 0; c < 2 && !placed; c++)
              {
                CcChartRect r = { c == 0 ? x + offset : x - offset - w, 0, w, h };
                gboolean free = r.x >= plot_left && r.x + w <= plot_right;

                for (guint j = 0; j < lanes[lane]->len && free; j++)
                  if (overlaps (&r, &g_array_index (lanes[lane], CcChartRect, j), gap * 0.5))
                    free = FALSE;
                if (free)
                  {
                    r.y = lane;   /* the lane for now; turned into a y below */
                    layout->as_of_label = r;
                    n_lanes = MAX (n_lanes, lane + 1);
                    placed = TRUE;
                  }
              }
        }
    }

  for (guint i = 0; i < MAX_LANES; i++)
    g_array_unref (lanes[i]);
  if (layout->as_of_label.width > 0)
    layout->as_of_label.y = lanes_top + layout->as_of_label.y * lane_h;

  for (guint k = 0; k < frame->event_marks->len; k++)
    {
      CcEventMark *mark = g_ptr_array_index (frame->event_marks, k);
      CcChartLabelBox box = { { 0 }, NULL, NULL };

      if (mark->lane < 0)
        continue;
      mark->label.y = lanes_top + mark->lane * lane_h;
      box.rect = mark->label;
      box.text = g_strdup (mark->text);
      box.id = g_strdup (cc_event_get_id (mark->event));
      g_array_append_val (layout->event_labels, box);
    }
  return n_lanes > 0 ? n_lanes * lane_h + fs * 0.3 : 0;
}

void
_cc_chart_draw_event_marks (CcChartFrame *frame,
                            cairo_t      *cr)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  double unit = frame->text.font_size / 13.0;

  if (frame->event_marks == NULL)
    return;

  cairo_save (cr);
  for (guint k = 0; k < frame->event_marks->len; k++)
    {
      CcEventMark *mark = g_ptr_array_index (frame->event_marks, k);
      CcRgba color = frame->style.event[cc_event_get_category (mark->event)];
      double top = mark->lane >= 0 ? mark->label.y : plot->y;
      double offset = frame->text.font_size * 0.35;

      /* A label pushed away from its line: the line starts below it instead of through it. */
      if (mark->lane >= 0 && !mark->band &&
          fabs (mark->label.x - (mark->x0 + offset)) > 0.5 &&
          fabs (mark->label.x + mark->label.width - (mark->x0 - offset)) > 0.5)
        top = mark->label.y + mark->label.height;

      if (mark->band)
        {
          CcRgba fill = color;

          fill.alpha = frame->style.dark ? 0.16 : 0.10;
          if (mark->selected)
            fill.alpha *= 1.5;
          _cc_chart_set_source (cr, fill);
          cairo_rectangle (cr, mark->x0, plot->y, mark->x1 - mark->x0, plot->height);
          cairo_fill (cr);
          /* A thin tick joins the band to its label. */
          if (mark->lane >= 0)
            {
              /* At the band edge the label starts from, so the two read as one. */
              double x = mark->label.x >= mark->x0 - 1 ? mark->x0 : mark->x1;

              color.alpha = 0.7;
              _cc_chart_set_source (cr, color);
              cairo_set_line_width (cr, 1.0 * unit);
              cairo_move_to (cr, x, top);
              cairo_line_to (cr, x, plot->y);
              cairo_stroke (cr);
            }
          continue;
        }

      color.alpha = mark->selected ? 0.95 : 0.7;
      _cc_chart_set_source (cr, color);
      cairo_set_line_width (cr, (mark->selected ? 1.6 : 1.0) * unit);
      if (mark->selected)
        cairo_set_dash (cr, NULL, 0, 0);
      else
        {
          double dashes[] = { 3 * unit, 2.5 * unit };

          cairo_set_dash (cr, dashes, 2, 0);
        }
      cairo_move_to (cr, mark->x0, top);
      cairo_line_to (cr, mark->x0, plot->y + plot->height);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
_cc_chart_draw_event_labels (CcChartFrame *frame,
                             cairo_t      *cr)
{
  if (frame->event_marks == NULL)
    return;

  cairo_save (cr);
  for (guint k = 0; k < frame->event_marks->len; k++)
    {
      CcEventMark *mark = g_ptr_array_index (frame->event_marks, k);
      CcRgba color = frame->style.event[cc_event_get_category (mark->event)];
      g_autoptr(PangoLayout) pl = NULL;
      CcRgba bg = frame->style.paper;

      if (mark->lane < 0)
        continue;
      pl = label_layout (frame, mark->text, mark->selected);
      pango_layout_set_width (pl, (int) ceil (mark->label.width * PANGO_SCALE + 1));
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
      /* Paper behind the text so other events' lines do not cross it. */
      bg.alpha = 0.9;
      _cc_chart_set_source (cr, bg);
      cairo_rectangle (cr, mark->label.x - 2, mark->label.y, mark->label.width + 4,
                       mark->label.height);
      cairo_fill (cr);
      _cc_chart_set_source (cr, mark->selected ? _cc_chart_rgba_mix (color, frame->style.ink,
                                                                     0.25)
                                               : color);
      cairo_move_to (cr, mark->label.x, mark->label.y);
      pango_cairo_show_layout (cr, pl);
    }
  cairo_restore (cr);
}

void
_cc_chart_draw_as_of (CcChartFrame *frame,
                      cairo_t      *cr)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  double unit = frame->text.font_size / 13.0;
  double dots[] = { 1 * unit, 2 * unit };
  CcRgba color = frame->style.ink_muted;
  double top = plot->y;

  if (isnan (layout->as_of_x) || frame->as_of_text == NULL)
    return;

  cairo_save (cr);
  if (layout->as_of_label.width > 0)
    {
      g_autoptr(PangoLayout) pl = _cc_chart_text_layout (&frame->text, frame->as_of_text,
                                                         LABEL_FONT, PANGO_WEIGHT_NORMAL, FALSE);

      top = layout->as_of_label.y + layout->as_of_label.height * 0.5;
      _cc_chart_set_source (cr, color);
      cairo_move_to (cr, layout->as_of_label.x, layout->as_of_label.y);
      pango_cairo_show_layout (cr, pl);
    }
  /* Quiet: thin, dotted and in the muted ink, so it never reads as an event. */
  color.alpha = 0.8;
  _cc_chart_set_source (cr, color);
  cairo_set_line_width (cr, 1.0 * unit);
  cairo_set_dash (cr, dots, 2, 0);
  cairo_move_to (cr, layout->as_of_x, top);
  cairo_line_to (cr, layout->as_of_x, plot->y + plot->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}
