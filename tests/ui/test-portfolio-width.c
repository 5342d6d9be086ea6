/* test-portfolio-width.c: the Portfolio page fits the sidebar at the default 1280x800 window in
 * English, German and French, with a long portfolio name and five positions: nothing in it asks
 * for more room than the sidebar gives (so nothing is cut at its right edge), and every button
 * lies wholly inside it. Each language runs in a process of its own, with the build's
 * catalogues. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-portfolio-page.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "cc-ui-test-language.h"

#define PORTFOLIOS \
  "{ \"format\": \"chipcycle-portfolios\", \"version\": 1, \"portfolios\": [\n" \
  "  { \"name\": \"Memory and GPU designers for the long run\", \"kind\": \"weights\",\n" \
  "    \"holdings\": [\n" \
  "    { \"ticker\": \"NVDA\", \"amount\": 35 }, { \"ticker\": \"MU\", \"amount\": 25 },\n" \
  "    { \"ticker\": \"KLAC\", \"amount\": 15 }, { \"ticker\": \"TSM\", \"amount\": 15 },\n" \
  "    { \"ticker\": \"META\", \"amount\": 10 } ] } ] }\n"

static void
note_widest (GtkWidget *widget,
             int        room,
             int        depth)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int min;

      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > room - 16)
        {
          g_printerr ("# %*s%s: min %d%s%s\n", depth * 2, "", G_OBJECT_TYPE_NAME (c), min,
                      GTK_IS_LABEL (c) ? " " : "",
                      GTK_IS_LABEL (c) ? gtk_label_get_text (GTK_LABEL (c)) : "");
          note_widest (c, room, depth + 1);
        }
    }
}

/* Every button under @widget ends within @scrolled's width. */
static void
assert_buttons_inside (GtkWidget  *widget,
                       GtkWidget  *scrolled,
                       const char *language)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && gtk_widget_get_mapped (c))
        {
          graphene_rect_t bounds;

          g_assert_true (gtk_widget_compute_bounds (c, scrolled, &bounds));
          if (bounds.origin.x < 0 ||
              bounds.origin.x + bounds.size.width > gtk_widget_get_width (scrolled) + 0.5)
            g_error ("%s: the button “%s” spans %.0f to %.0f px of a sidebar %d px wide",
                     language,
                     gtk_widget_get_tooltip_text (c) ? gtk_widget_get_tooltip_text (c)
                     : gtk_button_get_label (GTK_BUTTON (c)) ? gtk_button_get_label (GTK_BUTTON (c))
                     : G_OBJECT_TYPE_NAME (c),
                     bounds.origin.x, bounds.origin.x + bounds.size.width,
                     gtk_widget_get_width (scrolled));
        }
      assert_buttons_inside (c, scrolled, language);
    }
}

static void
test_portfolio_width (gconstpointer user_data)
{
  const CcUiTestLanguage *lang = user_data;

  if (!cc_ui_test_enter_language (lang))
    return;

  {
    CcApplication *app;
    CcWindow *window;
    GtkWidget *page, *scrolled, *content;
    int min;

    app = cc_ui_test_new_app ();
    cc_ui_test_reset_settings (app);
    window = cc_ui_test_new_window (app, 1280, 800);
    gtk_stack_set_visible_child_name (window->sidebar_stack, "portfolio");
    page = GTK_WIDGET (window->portfolio_page);
    for (guint tries = 0; tries < 50 && cc_portfolio_page_get_exposure (window->portfolio_page)
                                        == NULL; tries++)
      cc_ui_test_iterate (100);
    g_assert_nonnull (cc_portfolio_page_get_exposure (window->portfolio_page));
    g_assert_cmpstr (cc_portfolio_page_get_selected_name (window->portfolio_page), ==,
                     "Memory and GPU designers for the long run");
    cc_ui_test_iterate (200);

    scrolled = gtk_widget_get_first_child (page);
    g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
    content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
    if (GTK_IS_VIEWPORT (content))
      content = gtk_viewport_get_child (GTK_VIEWPORT (content));
    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_printerr ("# %s: page content min %d, sidebar %d\n", lang->language, min,
                gtk_widget_get_width (scrolled));
    g_assert_cmpint (gtk_widget_get_width (scrolled), >, 200);
    if (min > gtk_widget_get_width (scrolled))
      note_widest (content, gtk_widget_get_width (scrolled), 0);
    g_assert_cmpint (min, <=, gtk_widget_get_width (scrolled));
    assert_buttons_inside (content, scrolled, lang->language);

    cc_ui_test_close_window (window);
    g_object_unref (app);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cc-ui-portfolio-width-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *app_dir = g_build_filename (data, "chipcycle", NULL);
  g_autofree char *saved = g_build_filename (app_dir, "portfolios.json", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* The locale is the test's to set, per language. */
  gtk_disable_setlocale ();
  g_mkdir_with_parents (app_dir, 0700);
  g_assert_true (g_file_set_contents (saved, PORTFOLIOS, -1, NULL));
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  if (!cc_ui_test_open_display ())
    return 77;

  cc_ui_test_add_per_language ("/ui/portfolio-width", test_portfolio_width);
  status = g_test_run ();
  g_unlink (saved);
  g_rmdir (app_dir);
  g_rmdir (data);
  g_rmdir (config);
  g_rmdir (home);
  return status;
}
