/* cc-export-dialog.c: asks how to export the chart (format, size, scale) and where.
 *
 * The dialog only collects choices and the file (through GtkFileChooserNative, so a Flatpak
 * goes through the portal); the window writes the file with the same code the CLI uses.
 */
#define G_LOG_DOMAIN "cc-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-chart.h"
#include "cc-export-dialog.h"
#include "cc-combo-row.h"

struct _CcExportDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  AdwActionRow         *width_row;
  AdwActionRow         *height_row;
  AdwActionRow         *scale_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkSpinButton        *scale_spin;
  AdwPreferencesGroup  *size_group;
  AdwPreferencesGroup  *pdf_group;
  AdwPreferencesGroup  *csv_group;
  GtkSwitch            *panel_switch;

  GSettings            *settings;
  GtkFileChooserNative *native;
  int                   screen_width;
  int                   screen_height;
};

enum {
  EXPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CcExportDialog, cc_export_dialog, ADW_TYPE_WINDOW)

/* The order of the size presets in the combo row, and their settings nicks. */
static const char *size_ids[] = { "screen", "1600x900", "1920x1080", "a4", "letter", "custom" };
static const char *kind_ids[] = { "png", "pdf", "svg", "csv" };

const char *
cc_export_kind_get_extension (CcExportKind kind)
{
  g_return_val_if_fail (kind <= CC_EXPORT_KIND_CSV, "png");

  return kind_ids[kind];
}

CcExportKind
cc_export_dialog_get_kind (CcExportDialog *self)
{
  g_return_val_if_fail (CC_IS_EXPORT_DIALOG (self), CC_EXPORT_KIND_PNG);

  return MIN (adw_combo_row_get_selected (self->format_row), CC_EXPORT_KIND_CSV);
}

void
cc_export_dialog_set_cycles (CcExportDialog *self,
                             gboolean        cycles)
{
  g_return_if_fail (CC_IS_EXPORT_DIALOG (self));

  adw_preferences_group_set_description (
    self->csv_group,
    cycles ? _("One row per trading day since each decline’s peak; for each decline, its date, "
               "drawdown and close, whether that close is daily or month-end, and whether it is "
               "observed or reconstructed.")
           : _("One row per trading day in the visible range; for each series plotted, the value "
               "drawn, the close behind it and whether that close is observed, anchored or "
               "reconstructed."));
}

void
cc_export_dialog_set_kind (CcExportDialog *self,
                           CcExportKind    kind)
{
  g_return_if_fail (CC_IS_EXPORT_DIALOG (self));
  g_return_if_fail (kind <= CC_EXPORT_KIND_CSV);

  adw_combo_row_set_selected (self->format_row, kind);
}

void
cc_export_dialog_get_size (CcExportDialog *self,
                           double         *width,
                           double         *height)
{
  g_return_if_fail (CC_IS_EXPORT_DIALOG (self));

  switch (adw_combo_row_get_selected (self->size_row))
    {
    case 0:
      *width = self->screen_width;
      *height = self->screen_height;
      break;
    case 1:
      *width = 1600;
      *height = 900;
      break;
    case 2:
      *width = 1920;
      *height = 1080;
      break;
    case 3:
      *width = CC_PAGE_A4_WIDTH;
      *height = CC_PAGE_A4_HEIGHT;
      break;
    case 4:
      *width = CC_PAGE_LETTER_WIDTH;
      *height = CC_PAGE_LETTER_HEIGHT;
      break;
    default:
      *width = gtk_spin_button_get_value (self->width_spin);
      *height = gtk_spin_button_get_value (self->height_spin);
      break;
    }
}

double
cc_export_dialog_get_scale (CcExportDialog *self)
{
  g_return_val_if_fail (CC_IS_EXPORT_DIALOG (self), 1);

  return gtk_spin_button_get_value (self->scale_spin);
}

gboolean
cc_export_dialog_get_include_panel (CcExportDialog *self)
{
  g_return_val_if_fail (CC_IS_EXPORT_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->panel_switch);
}

static void
update_rows (CcExportDialog *self)
{
  CcExportKind kind = cc_export_dialog_get_kind (self);
  gboolean custom = adw_combo_row_get_selected (self->size_row) == G_N_ELEMENTS (size_ids) - 1;
  const char *unit = kind == CC_EXPORT_KIND_PNG ? _("Pixels") : _("Points");

  gtk_widget_set_visible (GTK_WIDGET (self->size_group), kind != CC_EXPORT_KIND_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), kind == CC_EXPORT_KIND_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_group), kind == CC_EXPORT_KIND_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->csv_group), kind == CC_EXPORT_KIND_CSV);
  gtk_widget_set_sensitive (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height_row), custom);
  adw_action_row_set_subtitle (self->width_row, unit);
  adw_action_row_set_subtitle (self->height_row, unit);

  /* Show what a preset means in numbers, so "custom" starts from it. */
  if (!custom)
    {
      double width, height;

      cc_export_dialog_get_size (self, &width, &height);
      gtk_spin_button_set_value (self->width_spin, width);
      gtk_spin_button_set_value (self->height_spin, height);
    }
}

static void
row_changed_cb (CcExportDialog *self)
{
  update_rows (self);
}

static void
file_response_cb (CcExportDialog       *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->native);

  if (file == NULL)
    return;

  g_settings_set_string (self->settings, "export-format",
                         kind_ids[cc_export_dialog_get_kind (self)]);
  g_settings_set_string (self->settings, "export-size",
                         size_ids[MIN (adw_combo_row_get_selected (self->size_row),
                                       G_N_ELEMENTS (size_ids) - 1)]);
  g_settings_set_int (self->settings, "export-width",
                      gtk_spin_button_get_value (self->width_spin));
  g_settings_set_int (self->settings, "export-height",
                      gtk_spin_button_get_value (self->height_spin));
  g_settings_set_double (self->settings, "export-scale", cc_export_dialog_get_scale (self));
  g_settings_set_boolean (self->settings, "export-include-panel",
                          gtk_switch_get_active (self->panel_switch));

  /* Keep the dialog alive while the window writes the file with its options. */
  g_object_ref (self);
  g_signal_emit (self, signals[EXPORT_REQUESTED], 0, file);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CcExportDialog *self = CC_EXPORT_DIALOG (widget);
  CcExportKind kind = cc_export_dialog_get_kind (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("chip-cycle-%s.%s", day,
                                           cc_export_kind_get_extension (kind));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *mime[] = { "image/png", "application/pdf", "image/svg+xml", "text/csv" };
  const char *filter_names[] = { N_("PNG Images"), N_("PDF Documents"), N_("SVG Drawings"),
                                 N_("CSV Files") };

  g_clear_object (&self->native);
  self->native = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                              _("_Cancel"));
  gtk_file_filter_add_mime_type (filter, mime[kind]);
  gtk_file_filter_set_name (filter, _(filter_names[kind]));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->native), name);
  g_signal_connect_object (self->native, "response", G_CALLBACK (file_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->native));
}

static guint
index_of (const char  *id,
          const char **ids,
          guint        n_ids)
{
  for (guint i = 0; i < n_ids; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;
  return 0;
}

static void
cc_export_dialog_dispose (GObject *object)
{
  CcExportDialog *self = CC_EXPORT_DIALOG (object);

  if (self->native != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->native));
  g_clear_object (&self->native);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cc_export_dialog_parent_class)->dispose (object);
}

static void
cc_export_dialog_class_init (CcExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_export_dialog_dispose;

  signals[EXPORT_REQUESTED] =
    g_signal_new ("export-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/cc-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, size_group);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, pdf_group);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, csv_group);
  gtk_widget_class_bind_template_child (widget_class, CcExportDialog, panel_switch);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_export_dialog_init (CcExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CcExportDialog *
cc_export_dialog_new (GtkWindow *parent,
                      GSettings *settings,
                      int        screen_width,
                      int        screen_height)
{
  CcExportDialog *self;
  g_autoptr(GtkStringList) sizes = gtk_string_list_new (NULL);
  g_autofree char *screen = NULL;
  g_autofree char *format = NULL;
  g_autofree char *size = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CC_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->screen_width = MAX (screen_width, 100);
  self->screen_height = MAX (screen_height, 100);

  /* Translators: the size of the chart on screen, e.g. "As on Screen (1024 × 600)". */
  screen = g_strdup_printf (_("As on Screen (%d × %d)"), self->screen_width, self->screen_height);
  gtk_string_list_append (sizes, screen);
  gtk_string_list_append (sizes, "1600 × 900");
  gtk_string_list_append (sizes, "1920 × 1080");
  gtk_string_list_append (sizes, _("A4 Landscape"));
  gtk_string_list_append (sizes, _("Letter Landscape"));
  gtk_string_list_append (sizes, _("Custom"));
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (sizes));
  /* "As on Screen (1234 × 567)" and its German and French forms are longer than libadwaita
   * 1.2 shows. */
  cc_combo_row_show_whole_labels (self->size_row, TRUE);

  format = g_settings_get_string (settings, "export-format");
  size = g_settings_get_string (settings, "export-size");
  adw_combo_row_set_selected (self->format_row,
                              index_of (format, kind_ids, G_N_ELEMENTS (kind_ids)));
  adw_combo_row_set_selected (self->size_row, index_of (size, size_ids, G_N_ELEMENTS (size_ids)));
  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (settings, "export-width"));
  gtk_spin_button_set_value (self->height_spin, g_settings_get_int (settings, "export-height"));
  gtk_spin_button_set_value (self->scale_spin, g_settings_get_double (settings, "export-scale"));
  gtk_switch_set_active (self->panel_switch,
                         g_settings_get_boolean (settings, "export-include-panel"));

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (row_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->size_row, "notify::selected", G_CALLBACK (row_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_rows (self);

  return self;
}
