/* cc-edgar-contact.c: asks for the contact the SEC wants every program reading EDGAR to
 * declare, checks it with cc_edgar_contact_is_valid() as it is typed, and saves it. */
#define G_LOG_DOMAIN "cc-edgar-contact"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-edgar-client.h"
#include "cc-edgar-contact.h"

static void
entry_changed_cb (AdwMessageDialog *dialog,
                  GtkEditable      *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean valid = cc_edgar_contact_is_valid (text);

  adw_message_dialog_set_response_enabled (dialog, "save", valid);
  if (valid || *text == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
entry_activate_cb (AdwMessageDialog *dialog,
                   GtkEntry         *entry)
{
  if (adw_message_dialog_get_response_enabled (dialog, "save"))
    {
      adw_message_dialog_response (dialog, "save");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GSettings        *settings)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (cc_edgar_contact_is_valid (text))
    g_settings_set_string (settings, "edgar-contact", text);
}

AdwMessageDialog *
cc_edgar_contact_dialog_present (GtkWindow *parent,
                                 GSettings *settings)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *current = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Contact for SEC EDGAR"),
                                                       NULL));
  adw_message_dialog_set_body (dialog,
                               _("The SEC asks every program that reads EDGAR to say who runs "
                                 "it. Chip Cycle sends this address with each request to "
                                 "sec.gov, and asks nothing of EDGAR until it is set. Your "
                                 "name may go before the address."));
  entry = gtk_entry_new ();
  /* TRANSLATORS: an example contact, shown in the empty entry */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Jane Doe jane@example.org"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Contact address"), -1);
  current = g_settings_get_string (settings, "edgar-contact");
  gtk_editable_set_text (GTK_EDITABLE (entry), current);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (entry_activate_cb), dialog,
                           G_CONNECT_SWAPPED);
  /* The dialog keeps the settings it writes to. */
  g_object_set_data_full (G_OBJECT (dialog), "cc-settings", g_object_ref (settings),
                          g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), settings);
  entry_changed_cb (dialog, GTK_EDITABLE (entry));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}
