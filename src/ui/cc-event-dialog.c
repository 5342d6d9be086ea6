/* cc-event-dialog.c: adds or edits one of the user's events.
 *
 * The dialog works on a copy, so cancelling changes nothing; saving checks every field and
 * says which one is wrong rather than storing a half-valid event.
 */
#define G_LOG_DOMAIN "cc-event-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-event-dialog.h"

struct _CcEventDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *title_row;
  AdwEntryRow     *date_row;
  AdwComboRow     *precision_row;
  AdwComboRow     *category_row;
  AdwEntryRow     *tags_row;
  GtkTextView     *description_view;
  AdwComboRow     *monitor_row;
  AdwComboRow     *stance_row;
  AdwEntryRow     *note_row;

  CcEvent         *event;   /* the copy being edited */
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CcEventDialog, cc_event_dialog, ADW_TYPE_WINDOW)

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

CcEvent *
cc_event_dialog_get_event (CcEventDialog *self,
                           GError       **error)
{
  g_autoptr(CcEvent) event = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *tags_text = gtk_editable_get_text (GTK_EDITABLE (self->tags_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  g_autofree char *stripped_title = g_strstrip (g_strdup (title));
  g_autofree char *description = NULL;
  g_auto(GStrv) raw_tags = NULL;
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_array = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  g_autofree char *date_stripped = g_strstrip (g_strdup (date_text));
  CcEventPrecision precision;
  CcDate date;
  CcMonitor monitor;

  set_row_error (self->title_row, FALSE);
  set_row_error (self->date_row, FALSE);

  if (*stripped_title == '\0')
    {
      set_row_error (self->title_row, TRUE);
      g_set_error_literal (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                           _("The title is empty"));
      return NULL;
    }

  if (!cc_date_parse_iso (date_stripped, &date))
    {
      set_row_error (self->date_row, TRUE);
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-07-01"), date_text);
      return NULL;
    }

  precision = adw_combo_row_get_selected (self->precision_row);
  event = cc_event_copy (self->event);
  cc_event_set_title (event, stripped_title);
  cc_event_set_precision (event, precision);
  /* Month and quarter events start on the first day of their period. */
  if (precision == CC_EVENT_PRECISION_MONTH || precision == CC_EVENT_PRECISION_QUARTER)
    {
      int y, m, d;

      cc_date_to_ymd (date, &y, &m, &d);
      if (precision == CC_EVENT_PRECISION_QUARTER)
        m = ((m - 1) / 3) * 3 + 1;
      date = cc_date_from_ymd (y, m, 1);
    }
  cc_event_set_date (event, date);
  cc_event_set_category (event, adw_combo_row_get_selected (self->category_row));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (description);
  cc_event_set_description (event, *description ? description : NULL);

  raw_tags = g_strsplit (tags_text, ",", -1);
  for (guint i = 0; raw_tags[i] != NULL; i++)
    {
      g_strstrip (raw_tags[i]);
      if (*raw_tags[i] != '\0')
        g_strv_builder_add (tags, raw_tags[i]);
    }
  tag_array = g_strv_builder_end (tags);
  cc_event_set_tags (event, (const char * const *) tag_array);

  monitor = adw_combo_row_get_selected (self->monitor_row);
  cc_event_set_signal (event, monitor,
                       monitor == CC_MONITOR_NONE ? CC_SIGNAL_NEUTRAL
                                                  : adw_combo_row_get_selected (self->stance_row),
                       monitor == CC_MONITOR_NONE || *note == '\0' ? NULL : note);
  cc_event_set_user (event, TRUE);
  if (cc_event_get_source (event) == NULL || *cc_event_get_source (event) == '\0')
    cc_event_set_source (event, "user");

  return g_steal_pointer (&event);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CcEventDialog *self = CC_EVENT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEvent) event = cc_event_dialog_get_event (self, &error);

  if (event == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, event);
  gtk_window_close (GTK_WINDOW (self));
}

static void
monitor_changed_cb (CcEventDialog *self,
                    GParamSpec    *pspec,
                    AdwComboRow   *row)
{
  gboolean has_monitor = adw_combo_row_get_selected (row) != CC_MONITOR_NONE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->stance_row), has_monitor);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), has_monitor);
}

static void
load_event (CcEventDialog *self)
{
  CcEvent *event = self->event;
  g_autofree char *date = cc_date_to_iso (cc_event_get_date (event));
  const char * const *tags = cc_event_get_tags (event);
  g_autofree char *tags_text = tags ? g_strjoinv (", ", (char **) tags) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         cc_event_get_title (event) ? cc_event_get_title (event) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  adw_combo_row_set_selected (self->precision_row, cc_event_get_precision (event));
  adw_combo_row_set_selected (self->category_row, cc_event_get_category (event));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags_text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            cc_event_get_description (event) ? cc_event_get_description (event)
                                                             : "", -1);
  adw_combo_row_set_selected (self->monitor_row, cc_event_get_monitor (event));
  adw_combo_row_set_selected (self->stance_row, cc_event_get_stance (event));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                         cc_event_get_signal_note (event) ? cc_event_get_signal_note (event)
                                                          : "");
  monitor_changed_cb (self, NULL, self->monitor_row);
}

static void
cc_event_dialog_dispose (GObject *object)
{
  CcEventDialog *self = CC_EVENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_EVENT_DIALOG);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (cc_event_dialog_parent_class)->dispose (object);
}

static void
cc_event_dialog_class_init (CcEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_event_dialog_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CC_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/cc-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, precision_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, monitor_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, stance_row);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, note_row);

  gtk_widget_class_install_action (widget_class, "event.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "event.save", NULL);
}

static void
cc_event_dialog_init (CcEventDialog *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) monitors = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < CC_N_EVENT_CATEGORIES; i++)
    gtk_string_list_append (categories, cc_event_category_get_label (i));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));

  gtk_string_list_append (monitors, _("None"));
  for (guint i = 1; i < CC_N_MONITORS; i++)
    gtk_string_list_append (monitors, cc_monitor_get_label (i));
  adw_combo_row_set_model (self->monitor_row, G_LIST_MODEL (monitors));

  g_signal_connect_object (self->monitor_row, "notify::selected",
                           G_CALLBACK (monitor_changed_cb), self, G_CONNECT_SWAPPED);
}

CcEventDialog *
cc_event_dialog_new (GtkWindow *parent,
                     CcEvent   *event,
                     CcDate     date)
{
  CcEventDialog *self;

  g_return_val_if_fail (!event || CC_IS_EVENT (event), NULL);

  self = g_object_new (CC_TYPE_EVENT_DIALOG, "transient-for", parent, NULL);
  if (event != NULL)
    {
      self->event = cc_event_copy (event);
      adw_window_title_set_title (self->window_title, _("Edit Event"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Event"));
    }
  else
    {
      self->event = cc_event_new (date, CC_EVENT_PRECISION_DAY, "");
      cc_event_set_category (self->event, CC_EVENT_CATEGORY_USER);
      cc_event_set_source (self->event, "user");
      cc_event_set_user (self->event, TRUE);
      adw_window_title_set_title (self->window_title, _("New Event"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Event"));
    }
  load_event (self);

  return self;
}
