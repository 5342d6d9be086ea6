/* test-dialog-text.c: the window's dialogs show their words in full in English, German and
 * French at the default window size: no label in Add Ticker, the event dialog, the export
 * dialog or the EDGAR contact dialog is cut with an ellipsis (a French row once showed its
 * chosen precision as "J…"), nor is the note above the chart with the cycles shown. Each
 * language runs in a process of its own, with the build's catalogues. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "cc-ui-test-language.h"

/* The dialogs, by the action that opens each. */
static const char * const actions[] = {
  "win.add-ticker",
  "win.add-event",
  "win.export",
  "app.edgar-contact",
};

static GtkWindow *
find_dialog (GtkWindow *except)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) except && gtk_widget_get_mapped (l->data) &&
        gtk_window_get_transient_for (l->data) == except)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

typedef struct {
  GtkWindow *except;
  GtkWindow *dialog;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *wait = data;

  wait->dialog = find_dialog (wait->except);
  return wait->dialog != NULL && gtk_widget_get_width (GTK_WIDGET (wait->dialog)) > 0;
}

/* Every mapped label under @widget that Pango had to cut, as "text (width px)". */
static void
collect_cut_labels (GtkWidget *widget,
                    GPtrArray *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0' &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (out, g_strdup_printf ("“%s” (%d px)", gtk_label_get_text (GTK_LABEL (widget)),
                                           gtk_widget_get_width (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_cut_labels (c, out);
}

static void
test_dialog_text (gconstpointer user_data)
{
  const CcUiTestLanguage *lang = user_data;

  if (!cc_ui_test_enter_language (lang))
    return;

  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    CcApplication *app;
    CcWindow *window;

    app = cc_ui_test_new_app ();
    cc_ui_test_reset_settings (app);
    window = cc_ui_test_new_window (app, 1280, 800);

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        DialogWait wait = { GTK_WINDOW (window), NULL };
        g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
        g_assert_true (cc_ui_test_wait_until (dialog_shown, &wait, 20000));
        /* Let it lay out at its own size. */
        cc_ui_test_iterate (200);
        collect_cut_labels (GTK_WIDGET (wait.dialog), cut);
        g_printerr ("# %s, %s: %d x %d, %u labels cut\n", lang->language, actions[i],
                    gtk_widget_get_width (GTK_WIDGET (wait.dialog)),
                    gtk_widget_get_height (GTK_WIDGET (wait.dialog)), cut->len);
        for (guint j = 0; j < cut->len; j++)
          g_ptr_array_add (problems, g_strdup_printf ("%s %s: %s", lang->language, actions[i],
                                                      (char *) g_ptr_array_index (cut, j)));
        gtk_window_destroy (wait.dialog);
        cc_ui_test_iterate (50);
      }
    /* The note above the chart, with the cycles shown: the longest it gets, in a window
     * narrowed to 1024 px (where the sidebar still shows beside the chart). */
    g_settings_set_boolean (cc_application_get_settings (app), "cycle-overlay", TRUE);
    gtk_window_set_default_size (GTK_WINDOW (window), 1024, 800);
    cc_ui_test_iterate (500);
    {
      g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpstr (gtk_label_get_text (window->base_label), !=, "");
      collect_cut_labels (GTK_WIDGET (window->base_label), cut);
      g_printerr ("# %s, chart note: %d px, %u cut\n", lang->language,
                  gtk_widget_get_width (GTK_WIDGET (window->base_label)), cut->len);
      for (guint j = 0; j < cut->len; j++)
        g_ptr_array_add (problems, g_strdup_printf ("%s chart note: %s", lang->language,
                                                    (char *) g_ptr_array_index (cut, j)));
    }
    g_settings_reset (cc_application_get_settings (app), "cycle-overlay");
    for (guint j = 0; j < problems->len; j++)
      g_printerr ("# cut: %s\n", (char *) g_ptr_array_index (problems, j));
    g_assert_cmpuint (problems->len, ==, 0);

    cc_ui_test_close_window (window);
    g_object_unref (app);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* The locale is the test's to set, per language. */
  gtk_disable_setlocale ();
  home = cc_ui_test_make_home ("cc-ui-home-XXXXXX");

  if (!cc_ui_test_open_display ())
    return 77;

  cc_ui_test_add_per_language ("/ui/dialog-text", test_dialog_text);
  ret = g_test_run ();
  cc_ui_test_remove_tree (home);
  return ret;
}
