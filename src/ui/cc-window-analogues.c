/* cc-window-analogues.c: the main window's Analogues page: the Chart/Analogues switch, the
 * side panel's Analogues section kept in step with the page, and the full history fetched
 * when the page asks for it (never at start). */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-application.h"
#include "cc-compare-view.h"
#include "cc-window-private.h"

static gboolean
showing_analogues (CcWindow *self)
{
  return gtk_toggle_button_get_active (self->analogues_mode_button);
}

/* The dataset reaches the view when the page is first shown or the window is idle after
 * start, so that lining up the events costs the first frame nothing. */
static void
ensure_view (CcWindow *self)
{
  if (cc_compare_view_get_dataset (self->compare_view) == self->dataset)
    return;
  {
    CcEvent *event = cc_chart_get_event (self->chart);

    cc_compare_view_set_dataset (self->compare_view, self->dataset, CC_SYMBOL_SOX,
                                 event ? cc_event_get_id (event) : NULL);
  }
}

static gboolean
ensure_view_idle_cb (gpointer data)
{
  CcWindow *self = data;

  self->analogues_idle = 0;
  ensure_view (self);
  return G_SOURCE_REMOVE;
}

void
_cc_window_analogues_update (CcWindow *self)
{
  if (self->dataset == NULL)
    return;
  /* The page has its own Cycles button: the main chart's would be a second one beside it. */
  gtk_widget_set_visible (GTK_WIDGET (self->cycles_button), !showing_analogues (self));
  if (showing_analogues (self))
    {
      ensure_view (self);
      gtk_stack_set_visible_child_name (self->chart_stack, "analogues");
    }
  else if (cc_compare_view_get_dataset (self->compare_view) != self->dataset &&
           self->analogues_idle == 0)
    self->analogues_idle = g_idle_add_full (G_PRIORITY_LOW, ensure_view_idle_cb, self, NULL);
}

static void
mode_toggled_cb (CcWindow *self)
{
  _cc_window_update_view (self);
  _cc_window_update_actions (self);
}

static void
view_changed_cb (CcWindow *self)
{
  const CcAnalogueSet *set = cc_compare_view_get_set (self->compare_view);

  cc_analogue_summary_update (cc_side_panel_get_analogue_summary (self->side_panel), set,
                              set ? NULL : cc_compare_view_get_notes (self->compare_view));
}

/* win.view: "chart" or "analogues". */
static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (g_strcmp0 (name, "analogues") == 0)
    gtk_toggle_button_set_active (self->analogues_mode_button, TRUE);
  else
    gtk_toggle_button_set_active (self->chart_mode_button, TRUE);
}

typedef struct {
  CcWindow *window;
  char     *item;
} HistoryJob;

static void
history_job_free (HistoryJob *job)
{
  g_object_unref (job->window);
  g_free (job->item);
  g_free (job);
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HistoryJob *job = user_data;
  CcWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  guint n_updated = 0;

  g_clear_object (&self->history_cancellable);
  if (!cc_refresher_refresh_finish (CC_REFRESHER (source), result, &n_updated, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *what = NULL;

          /* TRANSLATORS: %s is the item, "MU" or "Memory basket" */
          what = g_strdup_printf (_("Could not load the full history of %s"), job->item);
          _cc_window_show_error_toast (self, what, error);
        }
    }
  else
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is the item, "MU" or "Memory basket" */
      text = g_strdup_printf (_("Full history loaded for %s"), job->item);
      _cc_window_show_toast (self, text);
    }
  _cc_window_update_actions (self);
  history_job_free (job);
}

/* win.load-history(item): fetches everything the provider has for the item's tickers
 * (Yahoo's range=max), into the cache and the dataset; the view recomputes when the series
 * change. */
static void
load_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcApplication *app = CC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  CcRefresher *refresher = cc_application_get_refresher (app);
  const char *item = g_variant_get_string (param, NULL);
  g_autofree const char **symbols = _cc_window_item_symbols (self, item);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  HistoryJob *job;

  if (symbols == NULL || symbols[0] == NULL)
    return;
  if (self->refreshing || cc_refresher_is_running (refresher))
    {
      _cc_window_show_toast (self, _("A refresh is running: load the history when it ends"));
      return;
    }
  job = g_new0 (HistoryJob, 1);
  job->window = g_object_ref (self);
  job->item = g_strdup (item);
  self->history_cancellable = g_cancellable_new ();
  cc_refresher_refresh_async (refresher, self->dataset, symbols, CC_PROVIDER_FROM_START,
                              cc_date_from_ymd (g_date_time_get_year (now),
                                                g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now)),
                              self->history_cancellable, history_done_cb, job);
  _cc_window_update_actions (self);
}

gboolean
_cc_window_is_loading_history (CcWindow *self)
{
  return self->history_cancellable != NULL;
}

void
_cc_window_analogues_class_init (CcWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CC_TYPE_COMPARE_VIEW);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, chart_mode_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, analogues_mode_button);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.load-history", "s", load_history_action);
}

void
_cc_window_analogues_init (CcWindow *self)
{
  g_signal_connect_object (self->analogues_mode_button, "toggled", G_CALLBACK (mode_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "changed", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_cc_window_analogues_dispose (CcWindow *self)
{
  g_clear_handle_id (&self->analogues_idle, g_source_remove);
  if (self->history_cancellable)
    g_cancellable_cancel (self->history_cancellable);
}
