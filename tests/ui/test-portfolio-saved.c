/* test-portfolio-saved.c: the user's portfolios outlive the window. Driven as a user would (the
 * selector, the ticker entry, Set, "Show on Chart"), then read back from the file on disk and
 * from a new window: the open portfolio, its line among the saved items, a change made just
 * before closing, and a damaged file set aside with a message instead of overwritten. */
#define G_LOG_DOMAIN "test-portfolio-saved"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cc-application.h"
#include "cc-chart-private.h"
#include "cc-chart.h"
#include "cc-portfolio-file.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"

#define TWO_PORTFOLIOS \
  "{ \"format\": \"chipcycle-portfolios\", \"version\": 1, \"portfolios\": [\n" \
  "  { \"name\": \"Brokerage\", \"kind\": \"shares\", \"holdings\": [\n" \
  "    { \"ticker\": \"NVDA\", \"amount\": 10, \"cost\": 120.5 },\n" \
  "    { \"ticker\": \"META\", \"amount\": 3, \"cost\": 600 } ] },\n" \
  "  { \"name\": \"Model\", \"kind\": \"weights\", \"holdings\": [\n" \
  "    { \"ticker\": \"MU\", \"amount\": 60 },\n" \
  "    { \"ticker\": \"KLAC\", \"amount\": 40 } ] } ] }\n"

static CcApplication *app;
static char *home;
static char *saved_path;

/* The first widget of @type under @widget whose label (when @label is not NULL) is @label. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *text = NULL;

      if (GTK_IS_BUTTON (widget))
        text = gtk_button_get_label (GTK_BUTTON (widget));
      else if (GTK_IS_CHECK_BUTTON (widget))
        text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      if (label == NULL || g_strcmp0 (text, label) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found)
        return found;
    }
  return NULL;
}

static CcWindow *
open_window (void)
{
  CcWindow *window = cc_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  cc_ui_test_iterate (300);
  g_assert_nonnull (window->portfolio_page);
  gtk_stack_set_visible_child_name (window->sidebar_stack, "portfolio");
  cc_ui_test_iterate (50);
  return window;
}

static void
close_window (CcWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  cc_ui_test_iterate (100);
}

static gboolean
saved_items_contain (const char *item)
{
  g_auto(GStrv) saved = g_settings_get_strv (cc_application_get_settings (app), "items");

  return g_strv_contains ((const char * const *) saved, item);
}

static gboolean
chart_is_drawn (gpointer chart)
{
  return _cc_chart_is_drawn (chart);
}

/* Whether the chart's next frame draws @item's line. */
static gboolean
chart_draws (CcWindow   *window,
             const char *item)
{
  g_autoptr(GArray) drawn = NULL;

  g_assert_true (cc_ui_test_wait_until (chart_is_drawn, window->chart, 20000));
  drawn = _cc_chart_get_drawn_series (window->chart);

  for (guint i = 0; i < drawn->len; i++)
    if (g_str_equal (g_array_index (drawn, CcChartDrawnSeries, i).item, item))
      return TRUE;
  return FALSE;
}

/* Types a ticker and an amount and presses Set, as the user does. */
static void
set_position (CcWindow   *window,
              const char *ticker,
              double      amount)
{
  GtkWidget *page = GTK_WIDGET (window->portfolio_page);
  GtkWidget *entry = find_widget (page, GTK_TYPE_ENTRY, NULL);
  GtkWidget *spin = find_widget (page, GTK_TYPE_SPIN_BUTTON, NULL);
  GtkWidget *set = find_widget (page, GTK_TYPE_BUTTON, "_Set");

  g_assert_nonnull (entry);
  g_assert_nonnull (spin);
  g_assert_nonnull (set);
  gtk_editable_set_text (GTK_EDITABLE (entry), ticker);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), amount);
  g_signal_emit_by_name (set, "clicked");
}

/* What the file on disk holds now, or NULL (with the reason in the log) if it cannot be read. */
static GPtrArray *
read_saved (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  GPtrArray *portfolios;

  if (!g_file_get_contents (saved_path, &data, &length, &error))
    {
      g_test_message ("%s", error->message);
      return NULL;
    }
  portfolios = cc_portfolios_from_json_data (data, (gssize) length, "portfolios.json", &error);
  if (portfolios == NULL)
    g_test_message ("%s", error->message);
  return portfolios;
}

static CcPortfolio *
find_portfolio (GPtrArray  *portfolios,
                const char *name)
{
  for (guint i = 0; portfolios && i < portfolios->len; i++)
    if (g_str_equal (cc_portfolio_get_name (g_ptr_array_index (portfolios, i)), name))
      return g_ptr_array_index (portfolios, i);
  return NULL;
}

/* Waits until the file holds @ticker in portfolio @name (saves run in a thread). */
static gboolean
wait_for_saved_holding (const char *name,
                        const char *ticker,
                        double      amount)
{
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(GPtrArray) saved = read_saved ();
      CcPortfolio *portfolio = find_portfolio (saved, name);
      int index = portfolio ? cc_portfolio_find (portfolio, ticker) : -1;

      if (index >= 0 && cc_portfolio_get_holding (portfolio, (guint) index)->amount == amount)
        return TRUE;
      cc_ui_test_iterate (20);
    }
  return FALSE;
}

static void
reset_state (void)
{
  GSettings *settings = cc_application_get_settings (app);
  g_autofree char *aside = g_strconcat (saved_path, ".corrupt", NULL);

  g_settings_reset (settings, "items");
  g_settings_reset (settings, "selected-portfolio");
  g_unlink (saved_path);
  g_unlink (aside);
}

static void
test_restored (void)
{
  g_autoptr(GPtrArray) saved = NULL;
  GtkWidget *dropdown, *shown;
  CcWindow *window;
  CcExposure *e;

  reset_state ();
  g_assert_true (g_file_set_contents (saved_path, TWO_PORTFOLIOS, -1, NULL));

  /* The first portfolio is open; nobody asked for its line yet. */
  window = open_window ();
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (window->portfolio_page), ==,
                   "Brokerage");
  g_assert_false (saved_items_contain ("portfolio:Brokerage"));
  shown = find_widget (GTK_WIDGET (window->portfolio_page), GTK_TYPE_CHECK_BUTTON,
                       "Show on C_hart");
  g_assert_nonnull (shown);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (shown)));

  /* Picking "Model" in the selector draws it and saves its line among the items. */
  dropdown = find_widget (GTK_WIDGET (window->portfolio_page), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  cc_ui_test_iterate (200);
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (window->portfolio_page), ==, "Model");
  g_assert_true (saved_items_contain ("portfolio:Model"));
  g_assert_false (saved_items_contain ("portfolio:Brokerage"));
  g_assert_true (chart_draws (window, "portfolio:Model"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (shown)));

  /* A new position, and the window closed at once: the change is on disk all the same. */
  set_position (window, "amd", 25);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wait_for_saved_holding ("Model", "AMD", 25));
  saved = read_saved ();
  g_assert_cmpuint (saved->len, ==, 2);
  g_assert_cmpuint (cc_portfolio_get_n_holdings (find_portfolio (saved, "Model")), ==, 3);
  g_assert_cmpuint (cc_portfolio_get_n_holdings (find_portfolio (saved, "Brokerage")), ==, 2);
  cc_ui_test_iterate (100);

  /* The next window opens "Model" again, with AMD, and draws its line. */
  window = open_window ();
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (window->portfolio_page), ==, "Model");
  e = cc_portfolio_page_get_exposure (window->portfolio_page);
  g_assert_nonnull (e);
  g_assert_null (e->problem);
  g_assert_cmpuint (e->holdings->len, ==, 3);
  g_assert_true (g_strv_contains (cc_chart_get_items (window->chart), "portfolio:Model"));
  g_assert_true (chart_draws (window, "portfolio:Model"));

  /* Unticking "Show on Chart" takes the line off the chart and out of the saved items; the
   * portfolio stays open, and stays so in the next window. */
  shown = find_widget (GTK_WIDGET (window->portfolio_page), GTK_TYPE_CHECK_BUTTON,
                       "Show on C_hart");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (shown)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (shown), FALSE);
  cc_ui_test_iterate (100);
  g_assert_false (saved_items_contain ("portfolio:Model"));
  g_assert_false (chart_draws (window, "portfolio:Model"));
  close_window (window);

  window = open_window ();
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (window->portfolio_page), ==, "Model");
  g_assert_false (chart_draws (window, "portfolio:Model"));
  shown = find_widget (GTK_WIDGET (window->portfolio_page), GTK_TYPE_CHECK_BUTTON,
                       "Show on C_hart");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (shown)));
  close_window (window);
}

static void
test_corrupt_set_aside (void)
{
  static const char damaged[] = "{ \"format\": \"chipcycle-portfolios\", \"version\": 1, "
                                "\"portfolios\": [ { \"name\": \"Pension\", \"kind\": \"shares\", "
                                "\"holdings\": [ { \"ticker\": \"NVDA\", \"amount\": -4 } ] } ] }";
  g_autofree char *aside = g_strconcat (saved_path, ".corrupt", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  const char *message;
  CcWindow *window;

  reset_state ();
  g_assert_true (g_file_set_contents (saved_path, damaged, -1, NULL));

  /* The message names the file, the position and the field, and where the file went. */
  window = open_window ();
  message = cc_portfolio_page_get_message (window->portfolio_page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "portfolios.json: portfolio 1, position 1 (NVDA): "
                                     "“amount” must be a number above 0"));
  g_assert_nonnull (strstr (message, "portfolios.json.corrupt"));
  g_assert_null (cc_portfolio_page_get_selected_name (window->portfolio_page));
  g_assert_false (g_file_test (saved_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, damaged);
  g_clear_pointer (&kept, g_free);

  /* A new position starts a new file; the set-aside copy is left as it was. */
  set_position (window, "NVDA", 4);
  g_assert_true (wait_for_saved_holding ("My portfolio", "NVDA", 4));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, damaged);
  saved = read_saved ();
  g_assert_cmpuint (saved->len, ==, 1);
  close_window (window);
}

/* The first button under @widget with @tooltip (an icon button). */
static GtkWidget *
find_button_by_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_tooltip (child, tooltip);

      if (found)
        return found;
    }
  return NULL;
}

static double
amount_of (CcPortfolio *portfolio,
           const char  *ticker)
{
  int index = portfolio ? cc_portfolio_find (portfolio, ticker) : -1;

  return index >= 0 ? cc_portfolio_get_holding (portfolio, (guint) index)->amount : -1;
}

/* Two windows, one list: each window's edit shows in the other at once, and the file on disk
 * ends up with both, never one window's older copy over the other's change. */
static void
test_two_windows (void)
{
  g_autoptr(GPtrArray) saved = NULL;
  CcWindow *a, *b;
  GtkWidget *dropdown, *remove;

  reset_state ();
  g_assert_true (g_file_set_contents (saved_path, TWO_PORTFOLIOS, -1, NULL));
  a = open_window ();
  b = open_window ();
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (a->portfolio_page), ==, "Brokerage");
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (b->portfolio_page), ==, "Brokerage");

  /* A adds AMD to Brokerage: B shows it, and measures it, without being told. */
  set_position (a, "AMD", 5);
  cc_ui_test_iterate (50);
  g_assert_cmpfloat (amount_of (cc_portfolio_page_get_portfolio (b->portfolio_page), "AMD"), ==,
                     5);
  g_assert_nonnull (cc_portfolio_page_get_exposure (b->portfolio_page));
  g_assert_cmpuint (cc_portfolio_page_get_exposure (b->portfolio_page)->holdings->len, ==, 3);

  /* B then adds AVGO to the same portfolio, and changes MU's weight in Model. */
  set_position (b, "AVGO", 2);
  dropdown = find_widget (GTK_WIDGET (b->portfolio_page), GTK_TYPE_DROP_DOWN, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  cc_ui_test_iterate (50);
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (b->portfolio_page), ==, "Model");
  set_position (b, "MU", 70);
  cc_ui_test_iterate (50);
  /* A keeps its own choice, and sees B's edit to it. */
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (a->portfolio_page), ==, "Brokerage");
  g_assert_cmpfloat (amount_of (cc_portfolio_page_get_portfolio (a->portfolio_page), "AVGO"), ==,
                     2);

  /* On disk: every edit from both windows. */
  g_assert_true (wait_for_saved_holding ("Model", "MU", 70));
  g_assert_true (wait_for_saved_holding ("Brokerage", "AVGO", 2));
  saved = read_saved ();
  g_assert_cmpuint (saved->len, ==, 2);
  g_assert_cmpfloat (amount_of (find_portfolio (saved, "Brokerage"), "AMD"), ==, 5);
  g_assert_cmpfloat (amount_of (find_portfolio (saved, "Brokerage"), "AVGO"), ==, 2);
  g_assert_cmpfloat (amount_of (find_portfolio (saved, "Brokerage"), "NVDA"), ==, 10);
  g_assert_cmpfloat (amount_of (find_portfolio (saved, "Model"), "MU"), ==, 70);
  g_assert_cmpfloat (amount_of (find_portfolio (saved, "Model"), "KLAC"), ==, 40);
  g_clear_pointer (&saved, g_ptr_array_unref);

  /* A removes Brokerage: B, which shows Model, keeps it; A moves to Model; the file agrees. */
  remove = find_button_by_tooltip (GTK_WIDGET (a->portfolio_page), "Remove This Portfolio");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  cc_ui_test_iterate (50);
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (a->portfolio_page), ==, "Model");
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (b->portfolio_page), ==, "Model");
  for (guint i = 0; i < 150; i++)
    {
      g_clear_pointer (&saved, g_ptr_array_unref);
      saved = read_saved ();
      if (saved != NULL && saved->len == 1)
        break;
      cc_ui_test_iterate (20);
    }
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpfloat (amount_of (find_portfolio (saved, "Model"), "MU"), ==, 70);
  close_window (a);
  close_window (b);

  /* A new window, after both closed, reads the file again: the same list. */
  a = open_window ();
  g_assert_cmpstr (cc_portfolio_page_get_selected_name (a->portfolio_page), ==, "Model");
  g_assert_cmpfloat (amount_of (cc_portfolio_page_get_portfolio (a->portfolio_page), "MU"), ==,
                     70);
  close_window (a);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *app_dir = NULL;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "test", TRUE);
  home = g_dir_make_tmp ("cc-ui-portfolio-saved-XXXXXX", NULL);
  data_dir = g_build_filename (home, "data", NULL);
  config_dir = g_build_filename (home, "config", NULL);
  app_dir = g_build_filename (data_dir, "chipcycle", NULL);
  g_mkdir_with_parents (app_dir, 0700);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  saved_path = cc_portfolios_get_user_path ();

  if (!cc_ui_test_open_display ())
    return 77;
  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/portfolio/saved/restored", test_restored);
  g_test_add_func ("/ui/portfolio/saved/corrupt-set-aside", test_corrupt_set_aside);
  g_test_add_func ("/ui/portfolio/saved/two-windows", test_two_windows);
  return g_test_run ();
}
