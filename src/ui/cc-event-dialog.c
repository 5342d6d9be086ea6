/* cc-event-dialog.c: adds or edits one of the user's events.
 *
 * The dialog works on a copy, so cancelling changes nothing; saving checks every field and
 * says which one is wrong rather than storing a half-valid event.
 */
#define G_LOG_DOMAIN "cc-event-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-event-dialog-private.h"
#include "cc-event-dialog.h"
#include "cc-combo-row.h"

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
  GtkMenuButton   *calendar_button;
  GtkCalendar     *calendar;
  GtkLabel        *validation_label;
  GtkButton       *save_button;

  CcEvent         *event;   /* the copy being edited */
  /* A field is checked as the user types once it was changed: nothing is red on opening. */
  gboolean         title_touched;
  gboolean         date_touched;
  guint            loading;
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
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* What is wrong with the title, or NULL. */
static char *
check_title (CcEventDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (
                                         GTK_EDITABLE (self->title_row))));

  if (*title == '\0')
    return g_strdup (_("The title is empty"));
  return NULL;
}

/* What is wrong with the date, or NULL with @date set. */
static char *
check_date (CcEventDialog *self,
            CcDate        *date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return g_strdup (_("The date is empty: write it as YYYY-MM-DD, or pick it from the "
                       "calendar"));
  if (!cc_date_parse_iso (stripped, date))
    return g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-07-01"),
                            text);
  return NULL;
}

/* Checks the fields as they are now: marks the touched ones that are wrong, says why under
 * them, and allows saving only a valid event. */
static void
validate (CcEventDialog *self)
{
  g_autofree char *title_error = check_title (self);
  CcDate date;
  g_autofree char *date_error = check_date (self, &date);
  const char *shown = NULL;

  set_row_error (self->title_row, self->title_touched && title_error != NULL);
  set_row_error (self->date_row, self->date_touched && date_error != NULL);
  if (self->title_touched && title_error != NULL)
    shown = title_error;
  else if (self->date_touched && date_error != NULL)
    shown = date_error;

  gtk_label_set_text (self->validation_label, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.save",
                                 title_error == NULL && date_error == NULL);

  /* The calendar follows a valid typed date. */
  if (date_error == NULL)
    {
      g_autoptr(GDateTime) selected = gtk_calendar_get_date (self->calendar);
      g_autoptr(GDateTime) typed = cc_date_to_date_time (date);

      if (typed != NULL &&
          (g_date_time_get_year (selected) != g_date_time_get_year (typed) ||
           g_date_time_get_day_of_year (selected) != g_date_time_get_day_of_year (typed)))
        {
          self->loading++;
          gtk_calendar_select_day (self->calendar, typed);
          self->loading--;
        }
    }
}

static void
title_changed_cb (CcEventDialog *self)
{
  if (self->loading)
    return;
  self->title_touched = TRUE;
  validate (self);
}

static void
date_changed_cb (CcEventDialog *self)
{
  if (self->loading)
    return;
  self->date_touched = TRUE;
  validate (self);
}

static void
day_selected_cb (CcEventDialog *self,
                 GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

gboolean
_cc_event_dialog_can_save (CcEventDialog *self)
{
  g_return_val_if_fail (CC_IS_EVENT_DIALOG (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
}

void
_cc_event_dialog_get_widgets (CcEventDialog  *self,
                              GtkWidget     **title_row,
                              GtkWidget     **date_row,
                              GtkWidget     **message,
                              GtkCalendar   **calendar)
{
  *title_row = GTK_WIDGET (self->title_row);
  *date_row = GTK_WIDGET (self->date_row);
  *message = GTK_WIDGET (self->validation_label);
  *calendar = self->calendar;
}

CcEvent *
cc_event_dialog_get_event (CcEventDialog *self,
                           GError       **error)
{
  g_autoptr(CcEvent) event = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *tags_text = gtk_editable_get_text (GTK_EDITABLE (self->tags_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  g_autofree char *stripped_title = g_strstrip (g_strdup (title));
  g_autofree char *description = NULL;
  g_auto(GStrv) raw_tags = NULL;
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_array = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  g_autofree char *title_error = check_title (self);
  g_autofree char *date_error = NULL;
  CcEventPrecision precision;
  CcDate date;
  CcMonitor monitor;

  /* Asked for the event, every field counts as touched: what is wrong shows. */
  self->title_touched = TRUE;
  self->date_touched = TRUE;
  validate (self);

  if (title_error != NULL)
    {
      g_set_error_literal (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID, title_error);
      return NULL;
    }

  date_error = check_date (self, &date);
  if (date_error != NULL)
    {
      g_set_error_literal (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID, date_error);
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
load_event_and_validate (CcEventDialog *self)
{
  self->loading++;
  load_event (self);
  self->loading--;
  /* An event being edited was valid when saved: only a new one waits for its title. */
  validate (self);
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
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, validation_label);
  gtk_widget_class_bind_template_child (widget_class, CcEventDialog, save_button);

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
  /* Short values beside a wrapped subtitle: whole, in every language. */
  cc_combo_row_show_whole_labels (self->precision_row, FALSE);
  cc_combo_row_show_whole_labels (self->category_row, FALSE);
  cc_combo_row_show_whole_labels (self->monitor_row, TRUE);

  g_signal_connect_object (self->monitor_row, "notify::selected",
                           G_CALLBACK (monitor_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_row, "changed", G_CALLBACK (date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  /* Screen readers hear why a field is wrong with the field. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->title_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->validation_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->date_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->validation_label, NULL,
                                  -1);
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
  load_event_and_validate (self);

  return self;
}
