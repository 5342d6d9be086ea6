/* test-portfolio-page.c: the Portfolio page in the real window: a holdings CSV imported as a
 * user would, its line drawn on the chart (dashed, as its members are reconstructed), and the
 * exposure and stress cards showing what `chipcycle analyze --portfolio --json` prints. */
#define G_LOG_DOMAIN "test-portfolio-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "cc-application.h"
#include "cc-chart-private.h"
#include "cc-chart.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"

static CcApplication *app;
static char *home;

static void
assert_card_has (const char *card,
                 JsonObject *object,
                 const char *member)
{
  const char *sentence = json_object_get_string_member (object, member);

  if (strstr (card, sentence) == NULL)
    g_error ("The card does not say “%s” (%s); it says:\n%s", sentence, member, card);
}

static gboolean
chart_is_drawn (gpointer chart)
{
  return _cc_chart_is_drawn (chart);
}

static void
test_import_matches_cli (void)
{
  g_autofree char *csv = g_build_filename (home, "holdings.csv", NULL);
  CcWindow *window = cc_window_new (app);
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  const char *argv[] = { bin, "analyze", "--portfolio", csv, "--json", NULL };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) drawn = NULL;
  g_autofree char *out = NULL;
  g_autofree char *exposure_card = NULL;
  g_autofree char *stress_card = NULL;
  g_autofree char *legend = NULL;
  JsonObject *root, *exposure, *stress, *scenarios;
  JsonArray *history;
  CcExposure *e;
  const CcChartDrawnSeries *line = NULL;
  int status;

  g_assert_nonnull (bin);
  /* KLAC's zero shares are named and left out; the rest loads. Every ticker but META is an
   * index level offline: weighted by cost, never shares times a level. */
  g_assert_true (g_file_set_contents (csv, "Symbol,Shares,Cost\nNVDA,10,120\nMU,25,90\n"
                                      "KLAC,0,500\nMETA,3,600\n", -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  cc_ui_test_iterate (300);
  g_assert_nonnull (window->portfolio_page);
  g_assert_null (cc_portfolio_page_get_exposure (window->portfolio_page));

  gtk_stack_set_visible_child_name (window->sidebar_stack, "portfolio");
  file = g_file_new_for_path (csv);
  cc_portfolio_page_import_file (window->portfolio_page, file);
  for (guint i = 0; i < 200 && cc_portfolio_page_get_exposure (window->portfolio_page) == NULL;
       i++)
    cc_ui_test_iterate (20);
  cc_ui_test_iterate (200);
  e = cc_portfolio_page_get_exposure (window->portfolio_page);
  g_assert_nonnull (e);
  g_assert_null (e->problem);
  g_assert_cmpstr (cc_portfolio_page_get_message (window->portfolio_page), ==,
                   "holdings.csv, line 4, column “Shares”: KLAC has 0 shares, but a position "
                   "needs more than 0; this line is left out");

  /* The line is drawn, in its own colour, dashed, and its legend says so. */
  g_assert_true (g_strv_contains (cc_chart_get_items (window->chart), "portfolio:holdings"));
  g_assert_true (cc_ui_test_wait_until (chart_is_drawn, window->chart, 20000));
  drawn = _cc_chart_get_drawn_series (window->chart);
  for (guint i = 0; i < drawn->len; i++)
    if (g_str_equal (g_array_index (drawn, CcChartDrawnSeries, i).item, "portfolio:holdings"))
      line = &g_array_index (drawn, CcChartDrawnSeries, i);
  g_assert_nonnull (line);
  g_assert_cmpuint (line->dashed_strokes, >, 0);
  g_assert_true (line->in_legend);
  g_assert_nonnull (strstr (line->legend_entry, "holdings"));
  g_assert_nonnull (strstr (line->legend_entry, "reconstructed"));
  /* Saved among the chart's items, like any other line. */
  {
    g_auto(GStrv) saved = g_settings_get_strv (cc_application_get_settings (app), "items");

    g_assert_true (g_strv_contains ((const char * const *) saved, "portfolio:holdings"));
  }

  /* The same numbers as the command line */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  exposure = json_object_get_object_member (root, "exposure");
  stress = json_object_get_object_member (root, "stress");
  scenarios = json_object_get_object_member (stress, "scenarios");
  history = json_object_get_array_member (stress, "history");
  g_assert_cmpstr (json_object_get_string_member (root, "weighting"), ==, "cost");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exposure, "herfindahl"),
                                  e->herfindahl, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exposure, "beta"), e->beta,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stress, "expectation"),
                                  e->expectation, 1e-12);

  exposure_card = cc_portfolio_page_get_card_text (window->portfolio_page, "exposure");
  stress_card = cc_portfolio_page_get_card_text (window->portfolio_page, "stress");
  assert_card_has (exposure_card, exposure, "groups_sentence");
  assert_card_has (exposure_card, exposure, "beta_sentence");
  assert_card_has (exposure_card, exposure, "concentration_sentence");
  assert_card_has (exposure_card, exposure, "event_sentence");
  assert_card_has (exposure_card, root, "weighting_sentence");
  for (guint s = 0; s < 3; s++)
    assert_card_has (stress_card, json_object_get_object_member (
                                    scenarios, s == 0 ? "bull" : s == 1 ? "base" : "bear"),
                     "sentence");
  assert_card_has (stress_card, stress, "expectation_sentence");
  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_card_has (stress_card, json_array_get_object_element (history, i), "sentence");
  assert_card_has (stress_card, root, "answer");
  assert_card_has (stress_card, root, "disclaimer");

  /* The event study has the portfolio's row, with the exposure card's event-day and abnormal
   * returns, and `analyze --item portfolio:holdings` (the saved portfolio) prints the same. */
  {
    const char *study_argv[] = { bin, "analyze", "--item", "MU", "--item", "portfolio:holdings",
                                 "--json", NULL };
    g_autoptr(JsonParser) study_parser = json_parser_new ();
    g_autofree char *study_out = NULL;
    const CcEventStudyRow *row;
    JsonArray *rows;
    JsonObject *cli_row;

    cc_side_panel_update_now (window->side_panel);
    row = cc_analysis_find_row (cc_side_panel_get_analysis (window->side_panel),
                                "portfolio:holdings");
    g_assert_nonnull (row);
    g_assert_true (row->is_portfolio);
    g_assert_true (e->has_event_return && row->has_return);
    g_assert_cmpfloat_with_epsilon (row->event_return, e->event_return, 1e-12);
    g_assert_cmpfloat_with_epsilon (row->abnormal_return, e->abnormal_return, 1e-12);
    g_assert_true (g_spawn_sync (NULL, (char **) study_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &study_out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (json_parser_load_from_data (study_parser, study_out, -1, &error));
    rows = json_object_get_array_member (json_node_get_object (
                                           json_parser_get_root (study_parser)), "event_study");
    cli_row = json_array_get_object_element (rows, 1);
    g_assert_cmpstr (json_object_get_string_member (cli_row, "item"), ==, "portfolio:holdings");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cli_row, "event_return_pct"),
                                    row->event_return * 100, 1e-9);
    g_assert_cmpint (json_object_get_int_member (cli_row, "estimation_days"), ==, row->model.n);
  }

  /* The Analogues page offers the open portfolio among its items; lined up on the event, its
   * day-0 move is the exposure card's event-day return. */
  {
    GtkDropDown *dropdown = NULL;
    GListModel *labels;
    const CcAnalogueSet *set;
    guint found = GTK_INVALID_LIST_POSITION;

    gtk_toggle_button_set_active (window->analogues_mode_button, TRUE);
    cc_ui_test_iterate (300);
    for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window->compare_view));
         w != NULL && dropdown == NULL; w = gtk_widget_get_first_child (w))
      for (GtkWidget *c = w; c != NULL && dropdown == NULL; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_DROP_DOWN (c))
          dropdown = GTK_DROP_DOWN (c);
    g_assert_nonnull (dropdown);
    labels = gtk_drop_down_get_model (dropdown);
    for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                       "Portfolio holdings"))
        found = i;
    g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (dropdown, found);
    cc_ui_test_iterate (200);
    g_assert_cmpstr (cc_compare_view_get_item (window->compare_view), ==, "portfolio:holdings");
    set = cc_compare_view_get_set (window->compare_view);
    g_assert_nonnull (set);
    g_assert_cmpstr (set->item, ==, "portfolio:holdings");
    found = GTK_INVALID_LIST_POSITION;
    for (guint i = 0; i < set->paths->len; i++)
      {
        const CcAnaloguePath *path = g_ptr_array_index (set->paths, i);

        if (path->day0 == e->event_day)
          {
            found = i;
            g_assert_true (path->has_move);
            g_assert_cmpfloat_with_epsilon (path->move, e->event_return, 1e-12);
          }
      }
    g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
    gtk_toggle_button_set_active (window->analogues_mode_button, FALSE);
    cc_ui_test_iterate (100);
  }

  gtk_window_close (GTK_WINDOW (window));
  cc_ui_test_iterate (100);

  /* Saved: a new window opens it again. */
  window = cc_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  cc_ui_test_iterate (300);
  e = cc_portfolio_page_get_exposure (window->portfolio_page);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->name, ==, "holdings");
  gtk_window_close (GTK_WINDOW (window));
  cc_ui_test_iterate (100);
  g_unlink (csv);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *config_dir = NULL;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* A fresh home: the saved portfolios, the rules and scenarios of this run only (the command
   * line run by the test sees the same). */
  home = g_dir_make_tmp ("cc-ui-portfolio-XXXXXX", NULL);
  data_dir = g_build_filename (home, "data", NULL);
  config_dir = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  if (!cc_ui_test_open_display ())
    return 77;
  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/portfolio/import-matches-cli", test_import_matches_cli);
  return g_test_run ();
}
