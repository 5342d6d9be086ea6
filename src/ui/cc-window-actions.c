/* cc-window-actions.c: the window's actions (export, events, tickers, price files, refresh,
 * zoom), kept apart from the widgets they act on in cc-window.c.
 */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>

#include "cc-application.h"
#include "cc-chart.h"
#include "cc-chart-csv.h"
#include "cc-compare-window.h"
#include "cc-csv.h"
#include "cc-event-dialog.h"
#include "cc-events-file.h"
#include "cc-export-dialog.h"
#include "cc-report.h"
#include "cc-window-private.h"

/* Helpers shared by the actions */

static guint add_imported_events (CcWindow  *self,
                                  GPtrArray *events);
static void  add_imported_series (CcWindow  *self,
                                  GPtrArray *imported,
                                  GPtrArray *notes);
static void  save_user_events_async (CcWindow *self);

/* Tells the user that @file was written. */
static void
show_exported_toast (CcWindow *self,
                     GFile    *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  /* Translators: %s is a file name. */
  g_autofree char *text = g_strdup_printf (_("Exported “%s”"), basename);

  _cc_window_show_toast (self, text);
}

/* Shows a file chooser for @self that calls @response_cb (swapped, so it gets @self first) and
 * takes @filter. @current_name, when not NULL, is the suggested name of a file to save. The
 * callback owns the chooser: it ends with take_chosen_file(). */
static void
show_file_chooser (CcWindow             *self,
                   const char           *title,
                   GtkFileChooserAction  action,
                   const char           *accept_label,
                   GtkFileFilter        *filter,
                   const char           *current_name,
                   GCallback             response_cb)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label,
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), current_name);
  g_signal_connect_object (native, "response", response_cb, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The file chosen in @native, or NULL when the user cancelled. Drops the chooser. */
static GFile *
take_chosen_file (int                   response,
                  GtkFileChooserNative *native)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  return file;
}

/* Work in a thread that the user can cancel
 *
 * Exports, imports and saves run in threads, so the window keeps drawing meanwhile. Work that
 * takes longer than PROGRESS_DELAY_MS shows a toast saying what it does, with a Cancel button;
 * closing the window cancels all of it. Each piece of work lives as long as its task's data:
 * the task's callback ends it with work_done(). */

#define PROGRESS_DELAY_MS 100

struct _CcWindowWork {
  CcWindow     *window;       /* not owned: the task running the work holds it */
  GCancellable *cancellable;
  char         *text;         /* what it does, for its toast */
  AdwToast     *toast;        /* shown once it took a while */
  guint         progress_id;
};

static gboolean
work_show_progress_cb (gpointer user_data)
{
  CcWindowWork *work = user_data;
  g_autofree char *escaped = g_markup_escape_text (work->text, -1);

  work->progress_id = 0;
  if (work->window->toast_overlay == NULL)
    return G_SOURCE_REMOVE;
  work->toast = adw_toast_new (escaped);
  adw_toast_set_timeout (work->toast, 0);
  adw_toast_set_button_label (work->toast, _("_Cancel"));
  g_signal_connect_object (work->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           work->cancellable, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (work->window->toast_overlay, g_object_ref (work->toast));
  return G_SOURCE_REMOVE;
}

/* Starts work described by @text (taken) for @self; its toast appears if it takes a while. */
static CcWindowWork *
work_new (CcWindow *self,
          char     *text)
{
  CcWindowWork *work = g_new0 (CcWindowWork, 1);

  work->window = self;
  work->cancellable = g_cancellable_new ();
  work->text = text;
  work->progress_id = g_timeout_add (PROGRESS_DELAY_MS, work_show_progress_cb, work);
  g_ptr_array_add (self->work, work);
  return work;
}

static void
work_dismiss (CcWindowWork *work)
{
  g_clear_handle_id (&work->progress_id, g_source_remove);
  if (work->toast != NULL)
    {
      adw_toast_dismiss (work->toast);
      g_clear_object (&work->toast);
    }
}

/* Ends @work (NULL: nothing) and says whether it was cancelled. */
static gboolean
work_done (CcWindowWork *work)
{
  gboolean cancelled;

  if (work == NULL)
    return FALSE;
  cancelled = g_cancellable_is_cancelled (work->cancellable);
  work_dismiss (work);
  g_ptr_array_remove (work->window->work, work);
  g_object_unref (work->cancellable);
  g_free (work->text);
  g_free (work);
  return cancelled;
}

gboolean
_cc_window_is_busy (CcWindow *self)
{
  return self->work->len > 0;
}

void
_cc_window_cancel_work (CcWindow *self)
{
  for (guint i = 0; i < self->work->len; i++)
    {
      CcWindowWork *work = g_ptr_array_index (self->work, i);

      g_cancellable_cancel (work->cancellable);
      work_dismiss (work);
    }
}

/* Export
 *
 * Every export runs in a thread of its own on a snapshot of the chart (cc_chart_copy()), so the
 * window keeps drawing and can be used meanwhile. The synchronous _cc_window_export_*()
 * functions run the same job in the calling thread. */

typedef struct {
  CcExportKind    kind;
  CcChart        *chart;        /* a snapshot, owned by the job */
  GFile          *file;
  double          width;
  double          height;
  double          scale;
  gboolean        with_report;  /* PDF: add the analysis pages */
  char           *report_note;  /* out: why the analysis pages are missing */
  CcWindowWork   *work;         /* in the window: its progress and Cancel */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->chart);
  g_clear_object (&job->file);
  g_free (job->report_note);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/* What the export of @kind to @file needs, taken from the window now. */
static ExportJob *
export_job_new (CcWindow     *self,
                CcExportKind  kind,
                GFile        *file,
                double        width,
                double        height,
                double        scale,
                gboolean      with_report)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->kind = kind;
  job->file = g_object_ref (file);
  job->width = width;
  job->height = height;
  job->scale = scale;
  job->with_report = with_report && kind == CC_EXPORT_KIND_PDF;
  job->chart = cc_chart_copy (self->chart);
  return job;
}

static gboolean
export_job_run (ExportJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *path = NULL;
  CcExportFormat format;

  if (job->kind == CC_EXPORT_KIND_CSV)
    return cc_chart_export_view_csv (job->chart, job->file, cancellable, error);
  if (job->with_report)
    return cc_report_export_pdf (job->chart, job->file, job->width, job->height, cancellable,
                                 &job->report_note, error);

  path = g_file_get_path (job->file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (job->file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: only files on this computer can be written"), name);
      return FALSE;
    }
  format = job->kind == CC_EXPORT_KIND_PDF ? CC_EXPORT_PDF
         : job->kind == CC_EXPORT_KIND_SVG ? CC_EXPORT_SVG
                                           : CC_EXPORT_PNG;
  return cc_chart_export_full (job->chart, path, format, job->width, job->height, job->scale,
                               cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (export_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
_cc_window_export_to_path (CcWindow   *self,
                           const char *path,
                           double      width,
                           double      height,
                           double      scale,
                           GError    **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ExportJob) job = NULL;
  CcExportFormat format;

  if (!cc_export_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” does not end in .png, .pdf or .svg"), path);
      return FALSE;
    }

  file = g_file_new_for_path (path);
  job = export_job_new (self, format == CC_EXPORT_PDF ? CC_EXPORT_KIND_PDF
                              : format == CC_EXPORT_SVG ? CC_EXPORT_KIND_SVG
                                                        : CC_EXPORT_KIND_PNG,
                        file, width, height, scale, FALSE);
  return export_job_run (job, NULL, error);
}

gboolean
_cc_window_export_csv (CcWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(ExportJob) job = export_job_new (self, CC_EXPORT_KIND_CSV, file, 0, 0, 1, FALSE);

  return export_job_run (job, NULL, error);
}

gboolean
_cc_window_export_pdf_with_report (CcWindow  *self,
                                   GFile     *file,
                                   double     width,
                                   double     height,
                                   char     **report_note,
                                   GError   **error)
{
  g_autoptr(ExportJob) job = export_job_new (self, CC_EXPORT_KIND_PDF, file, width, height, 1,
                                             TRUE);
  gboolean ok = export_job_run (job, NULL, error);

  if (report_note != NULL)
    *report_note = g_steal_pointer (&job->report_note);
  return ok;
}

/* "Exporting “NAME”…", for the toast of work that writes @file. */
static char *
exporting_text (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  /* Translators: %s is a file name. */
  return g_strdup_printf (_("Exporting “%s”…"), basename);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CcWindow *self = CC_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  work_done (g_steal_pointer (&job->work));
  /* A newer export replaced this one: its own callback reports it. */
  if (g_task_get_cancellable (G_TASK (result)) != self->export_cancellable)
    return;
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_file);
  /* Closed meanwhile: the export was cancelled, nothing to show. */
  if (self->toast_overlay == NULL)
    return;
  _cc_window_update_actions (self);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cc_window_show_toast (self, _("Export cancelled"));
  else if (!ok)
    _cc_window_show_error_toast (self, _("Could not export the chart"), error);
  else if (job->report_note != NULL)
    {
      g_autofree char *basename = g_file_get_basename (job->file);
      /* Translators: %s is a file name, then why the analysis pages are missing. */
      g_autofree char *text = g_strdup_printf (_("Exported “%s” without the analysis: %s"),
                                               basename, job->report_note);

      _cc_window_show_toast (self, text);
    }
  else
    show_exported_toast (self, job->file);
}

void
_cc_window_export_async (CcWindow     *self,
                         CcExportKind  kind,
                         GFile        *file,
                         double        width,
                         double        height,
                         double        scale,
                         gboolean      with_report)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  /* One export at a time: a new one replaces one still running. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);

  job = export_job_new (self, kind, file, width, height, scale, with_report);
  job->work = work_new (self, exporting_text (file));
  self->export_cancellable = g_object_ref (job->work->cancellable);
  g_set_object (&self->export_file, file);
  task = g_task_new (self, self->export_cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, _cc_window_export_async);
  g_task_set_name (task, "cc-export");
  /* What the file holds is what the user is told: once the work has written the file, a
   * Cancel pressed too late must not turn that into "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
  _cc_window_update_actions (self);
}

gboolean
_cc_window_is_exporting (CcWindow *self)
{
  return self->export_cancellable != NULL;
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
export_requested_cb (CcWindow       *self,
                     GFile          *file,
                     CcExportDialog *dialog)
{
  CcExportKind kind = cc_export_dialog_get_kind (dialog);
  double width = 0, height = 0;

  if (kind != CC_EXPORT_KIND_CSV)
    cc_export_dialog_get_size (dialog, &width, &height);
  _cc_window_export_async (self, kind, file, width, height, cc_export_dialog_get_scale (dialog),
                           cc_export_dialog_get_include_panel (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcExportDialog *dialog;
  double z = cc_chart_view_get_scale (self->chart_view);

  /* "As on screen" is the figure's own size: the view magnifies it by z for legibility. */
  dialog = cc_export_dialog_new (GTK_WINDOW (self), self->settings,
                                 round (gtk_widget_get_width (GTK_WIDGET (self->chart_view)) / z),
                                 round (gtk_widget_get_height (GTK_WIDGET (self->chart_view)) / z));
  if (g_str_equal (action_name, "win.export-csv"))
    {
      g_object_set (dialog, "title", _("Export Data"), NULL);
      cc_export_dialog_set_kind (dialog, CC_EXPORT_KIND_CSV);
    }
  cc_export_dialog_set_cycles (dialog,
                               cc_chart_get_overlay (self->chart) == CC_CHART_OVERLAY_CYCLES);
  g_signal_connect_object (dialog, "export-requested", G_CALLBACK (export_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* User events */

static gboolean
save_user_events (CcWindow  *self,
                  GError   **error)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GFile) file = cc_application_get_user_events_file ();
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *dir_path = g_file_get_path (dir);

  for (guint i = 0; i < events->len; i++)
    if (cc_event_get_user (g_ptr_array_index (events, i)))
      g_ptr_array_add (mine, g_ptr_array_index (events, i));

  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create “%s”: %s"), dir_path, g_strerror (errsv));
      return FALSE;
    }

  return cc_events_save_file (mine, file, NULL, error);
}

/* Saving the user's events in a thread: on copies of the events, one save at a time (a change
 * made meanwhile is saved right after, so the newest list lands last), and the application
 * held meanwhile, so that quitting waits for the save rather than losing the change. */
typedef struct {
  GPtrArray    *events;
  GFile        *file;
  CcWindowWork *work;
} EventsSave;

static void
events_save_free (EventsSave *save)
{
  g_ptr_array_unref (save->events);
  g_object_unref (save->file);
  g_free (save);
}


/* Writes the events (the user's own, or those exported) in a thread. */
static void
save_events_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  EventsSave *save = task_data;
  g_autoptr(GFile) dir = g_file_get_parent (save->file);
  g_autofree char *dir_path = g_file_get_path (dir);
  GError *error = NULL;

  if (dir_path != NULL && g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               _("Could not create “%s”: %s"), dir_path, g_strerror (errsv));
      return;
    }
  if (cc_events_save_file (save->events, save->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
events_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CcWindow *self = CC_WINDOW (source);
  GApplication *app = user_data;
  EventsSave *save = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  work_done (g_steal_pointer (&save->work));
  self->saving_events = FALSE;
  if (!ok && self->toast_overlay != NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cc_window_show_toast (self, _("Saving cancelled: your events file is unchanged"));
  else if (!ok && self->toast_overlay != NULL)
    _cc_window_show_error_toast (self, _("Could not save your events"), error);
  if (self->save_events_again)
    {
      self->save_events_again = FALSE;
      save_user_events_async (self);
    }
  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

static void
save_user_events_async (CcWindow *self)
{
  GApplication *app = g_application_get_default ();
  CcDataset *dataset = self->dataset;
  g_autoptr(GTask) task = NULL;
  GPtrArray *events;
  EventsSave *save;

  if (self->saving_events)
    {
      self->save_events_again = TRUE;
      return;
    }
  /* A change made while the window closed is still saved: the dataset is the application's. */
  if (dataset == NULL && CC_IS_APPLICATION (app))
    dataset = cc_application_get_dataset (CC_APPLICATION (app));
  if (dataset == NULL)
    return;
  events = cc_dataset_get_events (dataset);
  save = g_new0 (EventsSave, 1);
  save->events = g_ptr_array_new_with_free_func (g_object_unref);
  save->file = cc_application_get_user_events_file ();
  for (guint i = 0; i < events->len; i++)
    if (cc_event_get_user (g_ptr_array_index (events, i)))
      g_ptr_array_add (save->events, cc_event_copy (g_ptr_array_index (events, i)));

  self->saving_events = TRUE;
  if (app != NULL)
    g_application_hold (app);
  save->work = work_new (self, g_strdup (_("Saving your events…")));
  task = g_task_new (self, save->work->cancellable, events_saved_cb,
                     app ? g_object_ref (app) : NULL);
  g_task_set_source_tag (task, save_user_events_async);
  g_task_set_name (task, "cc-save-events");
  /* What the file holds is what the user is told: once the work has written the file, a
   * Cancel pressed too late must not turn that into "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, save, (GDestroyNotify) events_save_free);
  g_task_run_in_thread (task, save_events_thread);
}

/* After a change to the user's events: saves them in a thread (a failure is told, the change
 * stays for this session) and shows the new list. */
static void
save_user_events_and_show (CcWindow *self)
{
  save_user_events_async (self);
  _cc_window_populate_events (self);
  _cc_window_update_view (self);
}

static void
store_user_event (CcWindow *self,
                  CcEvent  *event)
{
  CcEvent *old = cc_dataset_find_event (self->dataset, cc_event_get_id (event));
  gboolean was_selected = old != NULL && old == cc_chart_get_event (self->chart);

  if (old != NULL)
    cc_dataset_remove_event (self->dataset, cc_event_get_id (event));
  cc_dataset_add_event (self->dataset, event);
  if (was_selected)
    cc_chart_set_event (self->chart, event);

  save_user_events_and_show (self);
}

static void
event_saved_cb (CcWindow      *self,
                CcEvent       *event,
                CcEventDialog *dialog)
{
  store_user_event (self, event);
}

/* The event dialog for a new event (@event NULL) or for editing @event, saved into the dataset. */
static void
present_event_dialog (CcWindow *self,
                      CcEvent  *event,
                      CcDate    date)
{
  CcEventDialog *dialog = cc_event_dialog_new (GTK_WINDOW (self), event, date);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (event_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcDate from, to;

  /* A new event starts on the last day shown, where the news usually is. */
  if (!cc_chart_get_data_range (self->chart, &from, &to))
    to = cc_date_from_ymd (2026, 7, 1);
  present_event_dialog (self, NULL, to);
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcEvent *event = cc_dataset_find_event (self->dataset, g_variant_get_string (param, NULL));

  if (event == NULL || !cc_event_get_user (event))
    return;

  present_event_dialog (self, event, cc_event_get_date (event));
}

static void
delete_response_cb (CcWindow         *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "cc-event-id");

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (cc_chart_get_event (self->chart) != NULL &&
      g_strcmp0 (cc_event_get_id (cc_chart_get_event (self->chart)), id) == 0)
    {
      cc_chart_set_event (self->chart, cc_dataset_get_default_event (self->dataset));
      g_settings_reset (self->settings, "selected-event");
    }
  cc_dataset_remove_event (self->dataset, id);
  save_user_events_and_show (self);
}

static void
delete_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  CcEvent *event = cc_dataset_find_event (self->dataset, id);
  AdwMessageDialog *dialog;

  if (event == NULL || !cc_event_get_user (event))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete Event?"), NULL));
  /* Translators: %s is an event title. */
  adw_message_dialog_format_body (dialog, _("“%s” will be removed from your events."),
                                  cc_event_get_title (event));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cc-event-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Imports every event of @file as the user's own. Nothing changes unless the whole file is
 * valid. Returns the number of events added or replaced. */
gboolean
_cc_window_import_events (CcWindow  *self,
                          GFile     *file,
                          guint     *n_imported,
                          GError   **error)
{
  g_autoptr(GPtrArray) events = cc_events_load_file (file, error);

  if (events == NULL)
    return FALSE;

  *n_imported += add_imported_events (self, events);
  return save_user_events (self, error);
}

/* Adds @events as the user's own; returns how many were added or replaced. */
static guint
add_imported_events (CcWindow  *self,
                     GPtrArray *events)
{
  guint n_imported = 0;

  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      CcEvent *old = cc_dataset_find_event (self->dataset, cc_event_get_id (event));

      /* The curated events stay as shipped: an imported copy of one is skipped. */
      if (old != NULL && !cc_event_get_user (old))
        continue;
      cc_event_set_user (event, TRUE);
      if (old != NULL)
        cc_dataset_remove_event (self->dataset, cc_event_get_id (event));
      cc_dataset_add_event (self->dataset, event);
      n_imported++;
    }

  _cc_window_populate_events (self);
  _cc_window_update_view (self);
  return n_imported;
}

static void
import_events_response_cb (CcWindow             *self,
                           int                   response,
                           GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = take_chosen_file (response, native);

  if (file != NULL)
    _cc_window_import_file_async (self, file);
}

/* Importing in a thread: the file is read and parsed there, and what it held is added to the
 * dataset back in the main thread. A JSON file is an event set, anything else a price file. */
typedef struct {
  GFile        *file;
  gboolean      events;
  GPtrArray    *result;   /* CcEvent or CcSeries */
  GPtrArray    *notes;    /* char*, CSV only */
  CcWindowWork *work;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->result, g_ptr_array_unref);
  g_clear_pointer (&job->notes, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->events)
    job->result = cc_events_load_file (job->file, &error);
  else
    job->result = cc_csv_import_file (job->file, cancellable, &job->notes, &error);
  if (job->result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CcWindow *self = CC_WINDOW (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Cancelled, even once read: nothing changes. */
  if (work_done (g_steal_pointer (&job->work)))
    {
      if (self->toast_overlay != NULL)
        _cc_window_show_toast (self, _("Import cancelled"));
      return;
    }
  if (!ok)
    {
      if (self->toast_overlay != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cc_window_show_error_toast (self, job->events ? _("Could not import the events")
                                                       : _("Could not import the prices"),
                                     error);
      return;
    }
  /* Closed meanwhile: nothing to add to. */
  if (self->dataset == NULL || self->toast_overlay == NULL)
    return;
  if (job->events)
    {
      guint n = add_imported_events (self, job->result);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Imported %u event",
                                                            "Imported %u events", n), n);

      save_user_events_async (self);
      _cc_window_show_toast (self, text);
    }
  else
    add_imported_series (self, job->result, job->notes);
}

void
_cc_window_import_file_async (CcWindow *self,
                              GFile    *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->file = g_object_ref (file);
  job->events = basename != NULL && g_str_has_suffix (basename, ".json");
  /* Translators: %s is a file name. */
  job->work = work_new (self, g_strdup_printf (_("Importing “%s”…"), basename));
  task = g_task_new (self, job->work->cancellable, imported_cb, NULL);
  g_task_set_source_tag (task, _cc_window_import_file_async);
  g_task_set_name (task, "cc-import");
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Event Sets (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
import_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  show_file_chooser (CC_WINDOW (widget), _("Import Events"), GTK_FILE_CHOOSER_ACTION_OPEN,
                     _("_Import"), filter, NULL, G_CALLBACK (import_events_response_cb));
}

static void
events_exported_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CcWindow *self = CC_WINDOW (source);
  EventsSave *save = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  work_done (g_steal_pointer (&save->work));
  if (self->toast_overlay == NULL)
    return;
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cc_window_show_toast (self, _("Export cancelled"));
  else if (!ok)
    _cc_window_show_error_toast (self, _("Could not export the events"), error);
  else
    show_exported_toast (self, save->file);
}

void
_cc_window_export_events_async (CcWindow *self,
                                GFile    *file)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  int category = _cc_window_event_category_filter (self);
  g_autoptr(GTask) task = NULL;
  EventsSave *save = g_new0 (EventsSave, 1);

  /* The events listed (the category filter applies), copied for the thread. */
  save->events = g_ptr_array_new_with_free_func (g_object_unref);
  save->file = g_object_ref (file);
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);

      if (category < 0 || (int) cc_event_get_category (event) == category)
        g_ptr_array_add (save->events, cc_event_copy (event));
    }
  save->work = work_new (self, exporting_text (file));
  task = g_task_new (self, save->work->cancellable, events_exported_cb, NULL);
  g_task_set_source_tag (task, _cc_window_export_events_async);
  g_task_set_name (task, "cc-export-events");
  /* What the file holds is what the user is told: once the work has written the file, a
   * Cancel pressed too late must not turn that into "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, save, (GDestroyNotify) events_save_free);
  g_task_run_in_thread (task, save_events_thread);
}

static void
export_events_response_cb (CcWindow             *self,
                           int                   response,
                           GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = take_chosen_file (response, native);

  if (file != NULL)
    _cc_window_export_events_async (self, file);
}

static void
export_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  show_file_chooser (CC_WINDOW (widget), _("Export Events"), GTK_FILE_CHOOSER_ACTION_SAVE,
                     _("_Export"), filter, "chip-cycle-events.json",
                     G_CALLBACK (export_events_response_cb));
}

/* Actions */

void
_cc_window_update_actions (CcWindow *self)
{
  gboolean has_items = self->items != NULL && self->items->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !self->refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-refresh", self->refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-history",
                                 !self->refreshing && !_cc_window_is_loading_history (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.default-view", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-export",
                                 self->export_cancellable != NULL);
  gtk_stack_set_visible_child_name (self->refresh_stack, self->refreshing ? "busy" : "idle");
  gtk_spinner_set_spinning (self->refresh_spinner, self->refreshing);
}

static void
default_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  g_autoptr(GVariant) value = g_settings_get_default_value (self->settings, "items");
  g_autofree const char **items = g_variant_get_strv (value, NULL);

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; items[i] != NULL; i++)
    g_ptr_array_add (self->items, g_strdup (items[i]));
  _cc_window_update_chart_items (self);
  _cc_window_apply_range (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  g_object_set (self, "sidebar-visible", TRUE, NULL);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "symbols");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    cc_chart_view_zoom (self->chart_view, 1.25, -1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    cc_chart_view_zoom (self->chart_view, 1 / 1.25, -1);
  else
    cc_chart_view_reset (self->chart_view);
}

static void
refresh_progress_cb (CcWindow    *self,
                     guint        done,
                     guint        total,
                     CcRefresher *refresher)
{
  /* Translators: refresh progress in the header bar, e.g. "3 of 16". */
  g_autofree char *text = g_strdup_printf (_("%u of %u"), done, total);

  /* The window may have been closed while the refresh finishes. */
  if (self->refresh_label != NULL)
    gtk_label_set_text (self->refresh_label, text);
}

static void
refresh_symbol_failed_cb (CcWindow    *self,
                          const char  *symbol,
                          GError      *error,
                          CcRefresher *refresher)
{
  g_ptr_array_add (self->refresh_failures, g_strdup (symbol));
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CcWindow) self = user_data;
  CcRefresher *refresher = CC_REFRESHER (source);
  g_autoptr(GError) error = NULL;
  guint n_updated = 0;
  gboolean ok;

  g_signal_handlers_disconnect_by_data (refresher, self);
  self->refreshing = FALSE;
  g_clear_object (&self->refresh_cancellable);

  ok = cc_refresher_refresh_finish (refresher, result, &n_updated, &error);
  /* Closed meanwhile: the fetched data is in the dataset and the cache, nothing to show. */
  if (self->chart == NULL)
    return;

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Refresh stopped: %u symbol updated",
                                          "Refresh stopped: %u symbols updated", n_updated),
                             n_updated);

          _cc_window_show_toast (self, text);
        }
      else
        {
          /* The last good data stays; the error says what went wrong (offline, rate
           * limited…), and the stale badge stays until a refresh works. */
          _cc_window_set_refresh_result (self, error);
          _cc_window_show_error_toast (self, _("Refresh failed, showing the last good data"),
                                       error);
        }
    }
  else
    {
      _cc_window_set_refresh_result (self, NULL);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u symbol refreshed",
                                                            "%u symbols refreshed", n_updated),
                                               n_updated);

      _cc_window_show_toast (self, text);
    }

  gtk_label_set_text (self->refresh_label, _("Stop"));
  _cc_window_update_view (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcApplication *app = CC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  CcRefresher *refresher = cc_application_get_refresher (app);
  GListModel *symbols = cc_catalogue_get_symbols (cc_dataset_get_catalogue (self->dataset));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tickers = NULL;

  if (self->refreshing || cc_refresher_is_running (refresher))
    return;

  /* Everything in the catalogue, so switching series later shows live data too. */
  for (guint i = 0; i < g_list_model_get_n_items (symbols); i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (symbols, i);

      g_strv_builder_add (builder, cc_symbol_get_ticker (symbol));
    }
  tickers = g_strv_builder_end (builder);

  self->refreshing = TRUE;
  self->refresh_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->refresh_failures, 0);
  gtk_label_set_text (self->refresh_label, _("Stop"));
  g_signal_connect_object (refresher, "progress", G_CALLBACK (refresh_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (refresher, "symbol-failed", G_CALLBACK (refresh_symbol_failed_cb),
                           self, G_CONNECT_SWAPPED);
  cc_refresher_refresh_async (refresher, self->dataset, (const char * const *) tickers,
                              CC_DATE_INVALID, CC_DATE_INVALID, self->refresh_cancellable,
                              refresh_done_cb, g_object_ref (self));
  /* The filings on the chart too, while the window stays open. */
  _cc_window_refresh_filings (self);
  _cc_window_update_actions (self);
}

static void
cancel_refresh_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
}

/* Add a ticker */

static void
add_ticker_response_cb (CcWindow         *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cc-entry");
  g_autofree char *ticker = g_strstrip (g_ascii_strup (gtk_editable_get_text (entry), -1));

  if (g_strcmp0 (response, "add") == 0)
    _cc_window_add_ticker (self, ticker);
}

gboolean
_cc_window_add_ticker (CcWindow   *self,
                       const char *ticker)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GError) error = NULL;
  CcSymbol *symbol;
  gboolean known = cc_catalogue_lookup (catalogue, ticker) != NULL;

  symbol = cc_catalogue_add_user_symbol (catalogue, ticker, NULL, &error);
  if (symbol == NULL)
    {
      _cc_window_show_error_toast (self, _("Could not add the ticker"), error);
      return FALSE;
    }

  if (!known)
    {
      g_auto(GStrv) saved = g_settings_get_strv (self->settings, "user-tickers");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) tickers = NULL;

      g_strv_builder_addv (builder, (const char **) saved);
      g_strv_builder_add (builder, cc_symbol_get_ticker (symbol));
      tickers = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "user-tickers", (const char * const *) tickers);
      _cc_window_populate_symbols (self);
    }

  _cc_window_set_item_visible (self, cc_symbol_get_ticker (symbol), TRUE);
  if (cc_dataset_get_series (self->dataset, cc_symbol_get_ticker (symbol)) == NULL)
    {
      /* Translators: %s is a ticker. */
      g_autofree char *text = g_strdup_printf (_("%s added. Refresh to fetch its prices."),
                                               cc_symbol_get_ticker (symbol));

      _cc_window_show_toast (self, text);
    }
  return TRUE;
}

static void
ticker_entry_changed_cb (AdwMessageDialog *dialog,
                         GtkEditable      *entry)
{
  g_autofree char *ticker = g_strstrip (g_ascii_strup (gtk_editable_get_text (entry), -1));

  adw_message_dialog_set_response_enabled (dialog, "add", cc_ticker_is_valid (ticker));
}

static void
ticker_entry_activate_cb (AdwMessageDialog *dialog,
                          GtkEntry         *entry)
{
  /* Enter does what the Add button does, closing included: a response emitted by hand
   * leaves the dialog open, with the window's toast hidden behind it. */
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    {
      adw_message_dialog_response (dialog, "add");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
add_ticker_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add Ticker"),
                                                       NULL));
  /* Translators: %s is the name of the user's group of tickers ("My tickers"). */
  adw_message_dialog_format_body (dialog, _("Any symbol the data provider knows, such as ASML "
                                            "or INTC. It joins “%s”; refresh to fetch its "
                                            "prices."),
                                  cc_catalogue_group_get_label (CC_GROUP_USER));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Ticker"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ticker"),
                                  -1);
  /* A search that found nothing is probably the ticker the user wants. */
  {
    const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
    g_autofree char *upper = g_ascii_strup (search, -1);

    if (cc_ticker_is_valid (upper))
      gtk_editable_set_text (GTK_EDITABLE (entry), upper);
  }
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           cc_ticker_is_valid (gtk_editable_get_text (
                                             GTK_EDITABLE (entry))));
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cc-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (ticker_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (ticker_entry_activate_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_ticker_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import a CSV of prices */

gboolean
_cc_window_import_csv (CcWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) imported = cc_csv_import_file (file, NULL, &notes, error);

  if (imported == NULL)
    return FALSE;
  add_imported_series (self, imported, notes);
  return TRUE;
}

/* Shows the series read from a price file, adding their tickers, and says what came in. */
static void
add_imported_series (CcWindow  *self,
                     GPtrArray *imported,
                     GPtrArray *notes)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < imported->len; i++)
    {
      CcSeries *series = g_ptr_array_index (imported, i);
      const char *symbol = cc_series_get_symbol (series);

      if (cc_catalogue_lookup (catalogue, symbol) == NULL && !_cc_window_add_ticker (self, symbol))
        continue;
      cc_dataset_set_series (self->dataset, series);
      _cc_window_set_item_visible (self, symbol, TRUE);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, symbol);
    }

  /* Translators: %s lists the symbols read from a file, e.g. "ASML, INTC". */
  text = g_strdup_printf (_("Imported %s"), names->str);
  if (notes != NULL && notes->len > 0)
    {
      g_autofree char *with_notes = g_strdup_printf ("%s (%s)", text,
                                                     (char *) g_ptr_array_index (notes, 0));

      _cc_window_show_toast (self, with_notes);
    }
  else
    _cc_window_show_toast (self, text);
}

static void
import_csv_response_cb (CcWindow             *self,
                        int                   response,
                        GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = take_chosen_file (response, native);

  if (file != NULL)
    _cc_window_import_file_async (self, file);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Price Files (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  show_file_chooser (CC_WINDOW (widget), _("Import Prices"), GTK_FILE_CHOOSER_ACTION_OPEN,
                     _("_Import"), filter, NULL, G_CALLBACK (import_csv_response_cb));
}

/* The Analogues page in a window of its own, to keep beside the chart: on the same dataset
 * and item, with the window's event emphasised. */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  CcChart *chart = cc_chart_view_get_chart (_cc_window_get_chart_view (self));
  CcEvent *event = chart ? cc_chart_get_event (chart) : NULL;
  const char *item = cc_compare_view_get_dataset (self->compare_view) == self->dataset
                     ? cc_compare_view_get_item (self->compare_view) : CC_SYMBOL_SOX;
  CcCompareWindow *compare = cc_compare_window_new (self->dataset, item,
                                                    event ? cc_event_get_id (event) : NULL);

  gtk_window_set_transient_for (GTK_WINDOW (compare), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (compare));
}

/* "Compare With" in a row's context menu: chart the pair. */
static void
add_pair_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  _cc_window_add_pair (CC_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* The shortcuts window, built on first use rather than with every window: GtkApplication
 * builds it for each window it adds when it finds gtk/help-overlay.ui, about a tenth of the
 * window's construction (bench/README.md). The window keeps it, as it would have. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_cc_window_class_actions_init (CcWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL,
                                   cancel_export_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.edit-event", "s", edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.delete-event", "s", delete_event_action);
  gtk_widget_class_install_action (widget_class, "win.import-events", NULL,
                                   import_events_action);
  gtk_widget_class_install_action (widget_class, "win.export-events", NULL,
                                   export_events_action);
  gtk_widget_class_install_action (widget_class, "win.add-ticker", NULL, add_ticker_action);
  gtk_widget_class_install_action (widget_class, "win.add-pair", "s", add_pair_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-refresh", NULL,
                                   cancel_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.default-view", NULL, default_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.reset-view", NULL);
}
