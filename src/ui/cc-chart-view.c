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

#include "cc-chart-view.h"
#include "cc-rebase.h"

struct _CcChartView
{
  GtkWidget  parent_instance;

  CcChart   *chart;
  char      *summary;

  /* Pointer state, in widget coordinates; x < 0 when the pointer is outside. */
  double     pointer_x;
  double     pointer_y;
  /* Drag state: panning, or a rubber band when shift is held. */
  gboolean   rubber_band;
  double     drag_start_x;
  double     drag_start_y;
  double     drag_dx;
  double     drag_dy;
  CcDate     drag_from;
  CcDate     drag_to;
  double     zoom_scale_start;
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
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CcChartView, cc_chart_view, GTK_TYPE_WIDGET)

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

void
cc_chart_view_zoom (CcChartView *self,
                    double       factor,
                    double       x)
{
  CcDate from, to, anchor;
  double width, fraction;
  int span, new_span;

  g_return_if_fail (CC_IS_CHART_VIEW (self));

  if (self->chart == NULL || factor <= 0 || !get_effective_range (self, &from, &to))
    return;

  width = gtk_widget_get_width (GTK_WIDGET (self));
  fraction = (x < 0 || width <= 0) ? 0.5 : CLAMP (x / width, 0.0, 1.0);
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
              g_string_append_c (text, ' ');
              /* Translators: a series and its change from the base date, e.g. "MU: -12.3%". */
              g_string_append_printf (text, _("%s: %+.1f%%."), items[i], change * 100.0);
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
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cc_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CcChartView *self = CC_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cc_chart_draw (self->chart, cr, width, height);

  if (self->rubber_band && fabs (self->drag_dx) > 2)
    {
      double x = self->drag_start_x + MIN (self->drag_dx, 0);

      cairo_rectangle (cr, x, 0, fabs (self->drag_dx), height);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
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

static void
motion_cb (CcChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (CcChartView              *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_x = -1;
  self->pointer_y = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  int span, shift;

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
drag_end_cb (CcChartView    *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->rubber_band)
    {
      self->rubber_band = FALSE;
      if (fabs (dx) > 8 && width > 0)
        {
          int span = cc_calendar_trading_days_between (self->drag_from, self->drag_to);
          double x0 = MIN (self->drag_start_x, self->drag_start_x + dx) / width;
          double x1 = MAX (self->drag_start_x, self->drag_start_x + dx) / width;

          apply_range (self,
                       cc_calendar_add_trading_days (self->drag_from, (int) round (x0 * span)),
                       cc_calendar_add_trading_days (self->drag_from, (int) round (x1 * span)));
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
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

static gboolean
key_pressed_cb (CcChartView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      cc_chart_view_pan (self, -0.1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      cc_chart_view_pan (self, 0.1);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
    case GDK_KEY_Up:
      cc_chart_view_zoom (self, 1.25, -1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
    case GDK_KEY_Down:
      cc_chart_view_zoom (self, 1 / 1.25, -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
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

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
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
  /* Small enough for an 800x600 window with the sidebar folded, big enough to read. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 280;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 560;
}

static void
cc_chart_view_dispose (GObject *object)
{
  CcChartView *self = CC_CHART_VIEW (object);

  cc_chart_view_set_chart (self, NULL);

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

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");

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
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_summary (self);
}

GtkWidget *
cc_chart_view_new (void)
{
  return g_object_new (CC_TYPE_CHART_VIEW, NULL);
}
