/* test-panel-width.c: the window's side panel keeps its 340 px in English, German and French:
 * nothing in it asks for more (so no text is cut or pushed out), and the phase and scenario
 * weight bars keep a readable length beside their names. Each language runs in a process of
 * its own, with the build's catalogues. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "cc-ui-test-language.h"

/* The flap's width-request in cc-window.ui. */
#define PANEL_WIDTH   340
/* The shortest weight bar that still shows 29% against 42% at a glance. */
#define MIN_BAR_WIDTH 96

/* What the child measured, on the stderr it shares with the parent (its stdout is not shown). */
static void G_GNUC_PRINTF (1, 2)
note (const char *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("# %s\n", text);
}

static void
collect_level_bars (GtkWidget *widget,
                    GPtrArray *out)
{
  if (GTK_IS_LEVEL_BAR (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_level_bars (c, out);
}

/* The widest minimum among @widget's descendants, named, to say what widens the panel. */
static void
report_widest (GtkWidget *widget,
               int        depth)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int min;

      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > PANEL_WIDTH - 24)
        {
          note ("%*s%s %s: min %d%s%s", depth * 2, "", G_OBJECT_TYPE_NAME (c),
                          gtk_buildable_get_buildable_id (GTK_BUILDABLE (c)) ?: "", min,
                          GTK_IS_LABEL (c) ? " " : "",
                          GTK_IS_LABEL (c) ? gtk_label_get_text (GTK_LABEL (c)) : "");
          report_widest (c, depth + 1);
        }
    }
}

static void
test_panel_width (gconstpointer user_data)
{
  const CcUiTestLanguage *lang = user_data;

  if (!cc_ui_test_enter_language (lang))
    return;

  {
    g_autoptr(GPtrArray) bars = g_ptr_array_new ();
    CcApplication *app;
    CcWindow *window;
    GtkWidget *panel;
    int min, nat;

    app = cc_ui_test_new_app ();
    cc_ui_test_reset_settings (app);
    /* Wide enough that the panel is shown beside the chart, at its own width. */
    window = cc_ui_test_new_window (app, 1600, 1000);
    panel = adw_flap_get_flap (window->panel_flap);
    g_assert_true (panel == gtk_widget_get_parent (GTK_WIDGET (window->panel_stack)));
    g_assert_true (adw_flap_get_reveal_flap (window->panel_flap));
    g_assert_cmpint (gtk_widget_get_width (panel), >, 0);
    /* The assessment fills the cards when it is computed. */
    for (guint tries = 0; tries < 50; tries++)
      {
        g_ptr_array_set_size (bars, 0);
        collect_level_bars (GTK_WIDGET (window->side_panel), bars);
        if (bars->len >= 6 && gtk_widget_get_width (g_ptr_array_index (bars, 0)) > 0)
          break;
        cc_ui_test_iterate (100);
      }
    cc_ui_test_iterate (200);

    gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    note ("%s: panel min %d, natural %d, allocated %d", lang->language, min, nat,
                    gtk_widget_get_width (panel));
    if (min > PANEL_WIDTH)
      report_widest (panel, 0);
    g_assert_cmpint (min, <=, PANEL_WIDTH);
    g_assert_cmpint (gtk_widget_get_width (panel), ==, PANEL_WIDTH);

    /* The phase card's three bars and the scenario card's three. */
    g_ptr_array_set_size (bars, 0);
    collect_level_bars (GTK_WIDGET (window->side_panel), bars);
    g_assert_cmpuint (bars->len, >=, 6);
    for (guint i = 0; i < bars->len; i++)
      {
        GtkWidget *bar = g_ptr_array_index (bars, i);
        GtkWidget *name = gtk_widget_get_prev_sibling (bar);

        note ("%s: bar %u (%s): %d px", lang->language, i,
                        GTK_IS_LABEL (name) ? gtk_label_get_text (GTK_LABEL (name)) : "?",
                        gtk_widget_get_width (bar));
        g_assert_cmpint (gtk_widget_get_width (bar), >=, MIN_BAR_WIDTH);
      }

    cc_ui_test_close_window (window);
    g_object_unref (app);
  }
}

int
main (int   argc,
      char *argv[])
{
  return cc_ui_test_run_per_language (&argc, &argv, "/ui/panel-width", test_panel_width);
}
