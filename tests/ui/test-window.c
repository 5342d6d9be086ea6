/* test-window.c: drives the real main window under a display (Xvfb in CI): the symbols, the
 * range presets, events, settings across a restart, export, rendering and accessible names. */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>

#include "cc-application-private.h"
#include "cc-application.h"
#include "cc-chart-view-private.h"
#include "cc-chart.h"
#include "cc-csv.h"
#include "cc-event-dialog.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "../cc-test-pdf.h"

static CcApplication *app;

static gboolean
strv_contains (const char * const *strv,
               const char         *s)
{
  return strv != NULL && g_strv_contains (strv, s);
}

static void
test_default_view (void)
{
  CcWindow *window;
  CcChart *chart;
  CcEvent *event;
  const char * const *items;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  chart = _cc_window_get_chart (window);
  items = cc_chart_get_items (chart);

  /* ^SOX, the memory and GPU baskets and META, rebased before Meta Compute (2026-07-01). */
  g_assert_true (strv_contains (items, "^SOX"));
  g_assert_true (strv_contains (items, "basket:memory"));
  g_assert_true (strv_contains (items, "basket:gpu"));
  g_assert_true (strv_contains (items, "META"));
  event = cc_chart_get_event (chart);
  g_assert_nonnull (event);
  g_assert_cmpint (cc_event_get_date (event), ==, cc_date_from_ymd (2026, 7, 1));
  g_assert_cmpint (cc_chart_get_base_date (chart), ==, cc_date_from_ymd (2026, 6, 30));
  g_assert_cmpint (cc_chart_get_mode (chart), ==, CC_CHART_MODE_PERCENT);

  /* The toggles in the header show what is open. */
  {
    GtkWidget *sidebar = cc_ui_test_find_actionable (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
    GtkWidget *panel = cc_ui_test_find_actionable (GTK_WIDGET (window), "win.toggle-panel", NULL);
    GtkWidget *percent = cc_ui_test_find_actionable (GTK_WIDGET (window), "win.mode", NULL);

    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sidebar)));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (panel)));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (percent)));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sidebar)));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sidebar)));
  }

  /* The chart follows the dark style, through the app's appearance setting. */
  g_assert_cmpint (cc_chart_get_theme (chart), ==, CC_CHART_THEME_LIGHT);
  g_settings_set_string (cc_application_get_settings (app), "style-variant", "dark");
  cc_ui_test_iterate (50);
  g_assert_cmpint (cc_chart_get_theme (chart), ==, CC_CHART_THEME_DARK);
  g_settings_set_string (cc_application_get_settings (app), "style-variant", "default");
  cc_ui_test_iterate (50);
  g_assert_cmpint (cc_chart_get_theme (chart), ==, CC_CHART_THEME_LIGHT);

  cc_ui_test_close_window (window);
}

static void
test_toggle_symbol (void)
{
  CcWindow *window;
  CcChart *chart;
  GtkWidget *toggle;
  g_autoptr(GArray) values = NULL;
  gboolean found = FALSE;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  chart = _cc_window_get_chart (window);
  toggle = _cc_window_get_item_toggle (window, "MU");
  g_assert_nonnull (toggle);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle)));
  g_assert_false (strv_contains (cc_chart_get_items (chart), "MU"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), TRUE);
  g_assert_true (strv_contains (cc_chart_get_items (chart), "MU"));

  /* The chart now has a value for MU: on the event day MU fell more than 10%. */
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2026, 7, 1));
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      if (g_strcmp0 (v->item, "MU") == 0)
        {
          found = TRUE;
          g_assert_true (v->has_value);
          g_assert_cmpfloat (v->value, <, -10.0);
        }
    }
  g_assert_true (found);

  /* The setting follows. */
  {
    g_auto(GStrv) saved = g_settings_get_strv (cc_application_get_settings (app), "items");

    g_assert_true (g_strv_contains ((const char * const *) saved, "MU"));
  }

  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), FALSE);
  g_assert_false (strv_contains (cc_chart_get_items (chart), "MU"));

  /* A basket toggle too. */
  toggle = _cc_window_get_item_toggle (window, "basket:equipment");
  g_assert_nonnull (toggle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), TRUE);
  g_assert_true (strv_contains (cc_chart_get_items (chart), "basket:equipment"));

  cc_ui_test_close_window (window);
}

static void
test_range_preset (void)
{
  CcWindow *window;
  CcChart *chart;
  CcDate first, last, from, to;
  CcEvent *event;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  chart = _cc_window_get_chart (window);
  g_assert_true (cc_chart_get_data_range (chart, &first, &last));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "1m"));
  cc_chart_get_range (chart, &from, &to);
  g_assert_cmpint (from, ==, cc_date_add_months (last, -1));
  g_assert_true (to == CC_DATE_INVALID || to == last);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "ytd"));
  cc_chart_get_range (chart, &from, &to);
  g_assert_cmpint (from, ==, cc_date_from_ymd (cc_date_get_year (last), 1, 1));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "event"));
  event = cc_chart_get_event (chart);
  cc_chart_get_range (chart, &from, &to);
  g_assert_cmpint (from, ==, cc_calendar_add_trading_days (cc_event_get_date (event), -20));
  g_assert_cmpint (to, ==, cc_calendar_add_trading_days (cc_event_get_date (event), 60));
  g_assert_cmpint (cc_chart_get_time_axis (chart), ==, CC_CHART_AXIS_TRADING_DAYS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "max"));
  cc_chart_get_range (chart, &from, &to);
  g_assert_true (from == CC_DATE_INVALID || from == first);
  g_assert_cmpint (cc_chart_get_time_axis (chart), ==, CC_CHART_AXIS_CALENDAR);
  /* All Data and 5Y reach into the month-end ^SOX history, back to May 1994. */
  g_assert_cmpint (first, ==, cc_date_from_ymd (1994, 5, 31));
  {
    g_autoptr(CcChartLayout) layout = cc_chart_layout (chart, 1280, 720);

    g_assert_false (isnan (layout->frequency_x));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "5y"));
  cc_chart_get_range (chart, &from, &to);
  g_assert_cmpint (from, ==, cc_date_add_months (last, -60));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "max"));

  /* Zooming with the keyboard makes the range custom and narrower. */
  cc_chart_view_zoom (_cc_window_get_chart_view (window), 2.0, -1);
  cc_chart_get_range (chart, &from, &to);
  g_assert_cmpint (from, >, first);
  g_assert_cmpint (cc_calendar_trading_days_between (from, to), <,
                   cc_calendar_trading_days_between (first, last));
  {
    g_autofree char *range = g_settings_get_string (cc_application_get_settings (app), "range");

    g_assert_cmpstr (range, ==, "custom");
  }
  /* Home (reset) goes back to the whole range. */
  cc_chart_view_reset (_cc_window_get_chart_view (window));
  cc_chart_get_range (chart, &from, &to);
  g_assert_true (from == CC_DATE_INVALID || from == first);

  cc_ui_test_close_window (window);
}

static CcEvent *
find_event_on (CcDataset *dataset,
               CcDate     date)
{
  GPtrArray *events = cc_dataset_get_events (dataset);

  for (guint i = 0; i < events->len; i++)
    if (cc_event_get_date (g_ptr_array_index (events, i)) == date)
      return g_ptr_array_index (events, i);
  return NULL;
}

static void
test_select_event (void)
{
  CcWindow *window;
  CcChart *chart;
  CcEvent *iren;
  CcDate base;
  g_autoptr(GArray) values = NULL;
  guint n_zero = 0;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  chart = _cc_window_get_chart (window);

  /* IREN's Microsoft contract, 2025-11-03. */
  iren = find_event_on (cc_application_get_dataset (app), cc_date_from_ymd (2025, 11, 3));
  g_assert_nonnull (iren);
  g_assert_true (_cc_window_select_event (window, cc_event_get_id (iren)));
  g_assert_true (cc_chart_get_event (chart) == iren);

  base = cc_chart_get_base_date (chart);
  g_assert_cmpint (base, ==, cc_date_from_ymd (2025, 10, 31));
  /* Every series is at 0% on the base date. */
  values = cc_chart_get_values_at (chart, base);
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      if (v->has_value)
        {
          g_assert_cmpfloat_with_epsilon (v->value, 0.0, 1e-9);
          n_zero++;
        }
    }
  g_assert_cmpuint (n_zero, >=, 1);

  /* Selecting an event never changes the range on its own: still the default year. */
  {
    CcDate from, to, first, last;
    g_autofree char *range = g_settings_get_string (cc_application_get_settings (app), "range");

    g_assert_cmpstr (range, ==, "1y");
    g_assert_true (cc_chart_get_data_range (chart, &first, &last));
    cc_chart_get_range (chart, &from, &to);
    g_assert_true (from == CC_DATE_INVALID || from == cc_date_add_months (last, -12));
  }

  /* An event before the daily data (the 2000 peak) is charted at monthly resolution: the
   * chart rebases to it and the range stays what it was; All Data shows it. */
  {
    CcEvent *peak = find_event_on (cc_application_get_dataset (app),
                                   cc_date_from_ymd (2000, 3, 10));
    CcDate from, to, first, last;
    g_autoptr(GArray) at_base = NULL;

    g_assert_nonnull (peak);
    g_assert_true (_cc_window_select_event (window, cc_event_get_id (peak)));
    cc_ui_test_iterate (50);
    g_assert_true (cc_chart_get_event (chart) == peak);
    cc_chart_get_range (chart, &from, &to);
    g_assert_true (cc_chart_get_data_range (chart, &first, &last));
    g_assert_cmpint (cc_chart_get_time_axis (chart), ==, CC_CHART_AXIS_CALENDAR);
    g_assert_true (from == cc_date_add_months (last, -12));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "max"));
    at_base = cc_chart_get_values_at (chart, cc_date_from_ymd (2000, 2, 29));
    g_assert_cmpstr (g_array_index (at_base, CcChartValue, 0).item, ==, "^SOX");
    g_assert_cmpfloat (g_array_index (at_base, CcChartValue, 0).value, ==, 0.0);
    g_assert_true (_cc_window_select_event (window, cc_event_get_id (iren)));
  }

  /* The event window, once picked, follows the selected event. */
  {
    CcDate from, to;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "event"));
    cc_chart_get_range (chart, &from, &to);
    g_assert_cmpint (from, ==, cc_calendar_add_trading_days (cc_date_from_ymd (2025, 11, 3),
                                                             -20));

    g_assert_true (_cc_window_select_event (window, cc_event_get_id (
                                              cc_dataset_get_default_event (
                                                cc_application_get_dataset (app)))));
    cc_chart_get_range (chart, &from, &to);
    g_assert_cmpint (from, ==, cc_calendar_add_trading_days (cc_date_from_ymd (2026, 7, 1),
                                                             -20));
  }

  /* Rebased to the first visible bar (header bar menu, setting): every line starts at 0%. */
  {
    CcDate from, to, first;
    g_autoptr(GArray) at_first = NULL;
    g_autofree char *saved = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "1m"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rebase", "s",
                                               "visible"));
    saved = g_settings_get_string (cc_application_get_settings (app), "rebase");
    g_assert_cmpstr (saved, ==, "visible");
    g_assert_cmpint (cc_chart_get_rebase (chart), ==, CC_CHART_REBASE_VISIBLE);
    cc_chart_get_range (chart, &from, &to);
    first = cc_calendar_trading_day_on_or_after (from);
    at_first = cc_chart_get_values_at (chart, first);
    g_assert_cmpuint (at_first->len, >=, 3);
    for (guint i = 0; i < at_first->len; i++)
      {
        g_assert_true (g_array_index (at_first, CcChartValue, i).has_value);
        g_assert_cmpfloat (g_array_index (at_first, CcChartValue, i).value, ==, 0.0);
      }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rebase", "s",
                                               "event"));
  }

  cc_ui_test_close_window (window);
}

static void
test_settings_survive_restart (void)
{
  CcWindow *window;
  CcChart *chart;
  CcEvent *iren;
  CcDate from, to;
  const char * const *items;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  iren = find_event_on (cc_application_get_dataset (app), cc_date_from_ymd (2025, 11, 3));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mode", "s", "indexed");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-scale", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_cc_window_get_item_toggle (window, "NVDA")),
                               TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_cc_window_get_item_toggle (window, "META")),
                               FALSE);
  g_assert_true (_cc_window_select_event (window, cc_event_get_id (iren)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "3m");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  cc_ui_test_close_window (window);

  /* A new window, as on the next start, reads it all back. */
  window = cc_ui_test_new_window (app, 1400, 900);
  chart = _cc_window_get_chart (window);
  items = cc_chart_get_items (chart);
  g_assert_cmpint (cc_chart_get_mode (chart), ==, CC_CHART_MODE_INDEXED);
  g_assert_true (cc_chart_get_log_scale (chart));
  g_assert_true (strv_contains (items, "NVDA"));
  g_assert_false (strv_contains (items, "META"));
  g_assert_true (strv_contains (items, "^SOX"));
  g_assert_cmpstr (cc_event_get_id (cc_chart_get_event (chart)), ==, cc_event_get_id (iren));
  cc_chart_get_range (chart, &from, &to);
  {
    CcDate first, last;

    g_assert_true (cc_chart_get_data_range (chart, &first, &last));
    g_assert_cmpint (from, ==, cc_date_add_months (last, -3));
  }
  {
    GSettings *settings = cc_application_get_settings (app);
    gboolean panel;

    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
    g_object_get (window, "panel-visible", &panel, NULL);
    g_assert_false (panel);
  }
  cc_ui_test_close_window (window);
}

static void
test_export_writes_file (void)
{
  CcWindow *window;
  g_autofree char *dir = g_dir_make_tmp ("cc-ui-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  g_assert_true (_cc_window_export_to_path (window, png, 800, 450, 2, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 900);

  g_assert_true (_cc_window_export_to_path (window, pdf, 842, 595, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);
  cc_test_assert_pdf_metadata (pdf, "Meta Compute announced",
                               "A chart of chip stocks, 2025-10-06 to 2026-10-05");

  g_assert_true (_cc_window_export_to_path (window, svg, 800, 450, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  /* The data of the view: exactly the series plotted (the baskets as baskets, not their
   * members), the same bytes as `chipcycle export` writes for the same view. */
  {
    g_autofree char *csv = g_build_filename (dir, "chart.csv", NULL);
    g_autofree char *cli_csv = g_build_filename (dir, "cli.csv", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
    g_autofree char *cli_contents = NULL;
    g_autofree char *header = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
    const char *bin = g_getenv ("CHIPCYCLE_BIN");
    CcDate from, to;
    int status;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "3m");
    g_assert_true (_cc_window_export_csv (window, csv_file, &error));
    g_assert_no_error (error);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (csv, &contents, &length, NULL));
    header = g_strndup (strstr (contents, "\nDate,") + 1,
                        strchr (strstr (contents, "\nDate,") + 1, '\n') -
                        (strstr (contents, "\nDate,") + 1));
    g_assert_cmpstr (header, ==,
                     "Date,^SOX %,^SOX close,^SOX provenance,"
                     "BASKET-MEMORY %,BASKET-MEMORY level,BASKET-MEMORY provenance,"
                     "BASKET-GPU %,BASKET-GPU level,BASKET-GPU provenance,"
                     "META %,META close,META provenance");
    g_assert_nonnull (strstr (contents, "# mode: percent"));
    g_assert_nonnull (strstr (contents, "# base date: 2026-06-30\n"));
    g_assert_nonnull (strstr (contents, "reconstructed"));
    /* Only the visible three months: nothing from 2025. */
    g_assert_null (strstr (contents, "\n2025-"));

    g_assert_nonnull (bin);
    cc_chart_get_range (window->chart, &from, &to);
    g_ptr_array_add (argv, g_strdup (bin));
    g_ptr_array_add (argv, g_strdup ("export"));
    g_ptr_array_add (argv, g_strdup ("--output"));
    g_ptr_array_add (argv, g_strdup (cli_csv));
    if (from != CC_DATE_INVALID)
      {
        g_ptr_array_add (argv, g_strdup ("--from"));
        g_ptr_array_add (argv, cc_date_to_iso (from));
      }
    if (to != CC_DATE_INVALID)
      {
        g_ptr_array_add (argv, g_strdup ("--to"));
        g_ptr_array_add (argv, cc_date_to_iso (to));
      }
    g_ptr_array_add (argv, NULL);
    g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_get_contents (cli_csv, &cli_contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, cli_contents);
    g_unlink (csv);
    g_unlink (cli_csv);
  }

  /* A name without a known extension is refused with an error, and nothing is written. */
  {
    g_autofree char *bad = g_build_filename (dir, "chart.bmp", NULL);

    g_assert_false (_cc_window_export_to_path (window, bad, 800, 450, 1, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }

  g_unlink (png);
  g_unlink (pdf);
  g_unlink (svg);
  g_rmdir (dir);
  cc_ui_test_close_window (window);
}

/* The first texture in a render node tree (the chart view draws its figure as one). */
static GdkTexture *
find_texture (GskRenderNode *node)
{
  if (node == NULL)
    return NULL;
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return gsk_texture_node_get_texture (node);
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          GdkTexture *t = find_texture (gsk_container_node_get_child (node, i));

          if (t)
            return t;
        }
      return NULL;
    case GSK_TRANSFORM_NODE:
      return find_texture (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return find_texture (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return find_texture (gsk_rounded_clip_node_get_child (node));
    case GSK_OPACITY_NODE:
      return find_texture (gsk_opacity_node_get_child (node));
    case GSK_DEBUG_NODE:
      return find_texture (gsk_debug_node_get_child (node));
    default:
      return NULL;
    }
}

static GskRenderNode *
snapshot_view (CcChartView *view)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (view)),
                          gtk_widget_get_height (GTK_WIDGET (view)));
  return gtk_snapshot_free_to_node (snapshot);
}

/* Hovering redraws the widget, not the figure: the view keeps the figure as a texture until
 * the chart changes, then draws a new one. */
static void
test_figure_texture_reused (void)
{
  CcWindow *window;
  CcChartView *view;
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) again = NULL;
  g_autoptr(GskRenderNode) changed = NULL;
  GdkTexture *t1, *t2, *t3;
  int scale;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  view = _cc_window_get_chart_view (window);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (view));

  first = snapshot_view (view);
  t1 = find_texture (first);
  g_assert_nonnull (t1);
  g_assert_cmpint (gdk_texture_get_width (t1), ==,
                   (int) ceil (gtk_widget_get_width (GTK_WIDGET (view)) * scale));
  g_assert_cmpint (gdk_texture_get_height (t1), ==,
                   (int) ceil (gtk_widget_get_height (GTK_WIDGET (view)) * scale));
  /* A pointer moving over the chart: the widget is drawn again, the figure is not. */
  gtk_widget_queue_draw (GTK_WIDGET (view));
  cc_ui_test_iterate (50);
  again = snapshot_view (view);
  t2 = find_texture (again);
  g_assert_true (t2 == t1);

  cc_chart_set_log_scale (_cc_window_get_chart (window), TRUE);
  cc_ui_test_iterate (50);
  changed = snapshot_view (view);
  t3 = find_texture (changed);
  g_assert_nonnull (t3);
  g_assert_true (t3 != t1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Renders the chart widget to a texture the way GTK would draw it on screen, and looks for
 * each series' colour where the chart layer says the series is. */
static void
test_rendered_series_pixels (void)
{
  CcWindow *window;
  CcChartView *view;
  CcChart *chart;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GArray) values = NULL;
  GskRenderer *renderer;
  guchar *pixels;
  int width, height;
  gsize stride;
  CcDate date = cc_date_from_ymd (2026, 8, 14);
  guint checked = 0;
  double z;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  view = _cc_window_get_chart_view (window);
  chart = _cc_window_get_chart (window);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpint (width, >, 300);
  g_assert_cmpint (height, >, 200);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  /* The Cairo renderer draws the same nodes as on screen, without depending on the GL stack of
   * the test machine. */
  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  g_object_unref (renderer);
  g_assert_nonnull (texture);

  stride = 4 * (gsize) gdk_texture_get_width (texture);
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);

  /* The geometry of the frame just drawn, in chart units, magnified on screen. */
  z = cc_chart_view_get_scale (view);
  g_assert_cmpfloat (z, >=, 1.0);
  values = cc_chart_get_values_at (chart, date);
  g_assert_cmpuint (values->len, ==, 4);
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);
      double x = cc_chart_x_for_date (chart, date) * z;
      double y = v->y * z;
      gboolean hit = FALSE;

      if (!v->has_value || isnan (v->y) || isnan (x))
        continue;
      /* Within a few pixels of the point, one pixel must have the series' colour (a dashed,
       * reconstructed line may have a gap exactly there, hence the wider horizontal look). */
      for (int dy = -3; dy <= 3 && !hit; dy++)
        for (int dx = -8; dx <= 8 && !hit; dx++)
          {
            int px = (int) round (x) + dx;
            int py = (int) round (y) + dy;
            const guchar *p;
            /* gdk_texture_download gives Cairo's ARGB32: B, G, R, A in memory. */
            double b, g, r;

            if (px < 0 || py < 0 || px >= gdk_texture_get_width (texture) ||
                py >= gdk_texture_get_height (texture))
              continue;
            p = pixels + py * stride + px * 4;
            b = p[0] / 255.0;
            g = p[1] / 255.0;
            r = p[2] / 255.0;
            /* Opaque, so an empty (transparent black) texture cannot pass for a black line. */
            if (p[3] > 240 && fabs (r - v->red) < 0.12 && fabs (g - v->green) < 0.12 &&
                fabs (b - v->blue) < 0.12)
              hit = TRUE;
          }
      if (!hit)
        {
          g_autofree char *dump = g_build_filename (g_get_tmp_dir (), "cc-ui-render.png", NULL);

          gdk_texture_save_to_png (texture, dump);
          g_test_message ("Rendered chart saved to %s", dump);
        }
      if (!hit)
        g_error ("No pixel of %s's colour near (%.0f, %.0f)", v->item, x, y);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 3);

  /* The paper is drawn: the top-left corner is opaque and light (the default theme). */
  {
    const guchar *p = pixels;

    g_assert_cmpint (p[3], ==, 255);
    g_assert_cmpint (p[0], >, 200);
  }

  g_free (pixels);
  cc_ui_test_close_window (window);
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  /* Otherwise a visible text label inside it names it (a button with a label). */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          *gtk_label_get_text (GTK_LABEL (child)) != '\0' &&
          !GTK_IS_CHECK_BUTTON (widget))
        return TRUE;
      if (!GTK_IS_TEXT (child) && has_accessible_name (child) && !GTK_IS_CHECK_BUTTON (widget) &&
          !GTK_IS_EDITABLE (widget))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_SCALE (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_PASSWORD_ENTRY (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed,
                 guint     *n_controls)
{
  /* Internal parts of composite controls (the button inside a GtkMenuButton or GtkDropDown,
   * the text of an entry) are named through their parent. */
  if (is_control (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (!(parent && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent) ||
                       GTK_IS_SPIN_BUTTON (parent))))
        {
          (*n_controls)++;
          if (!has_accessible_name (widget))
            g_string_append_printf (unnamed, "%s%s (%s)", unnamed->len ? ", " : "",
                                    G_OBJECT_TYPE_NAME (widget),
                                    gtk_widget_get_tooltip_text (widget) ?: "no tooltip");
        }
    }

  /* Their insides (the popover's list and search entry) are GTK's and named through them. */
  if (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) ||
      GTK_IS_POPOVER (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_controls);
}

static void
test_accessible_names (void)
{
  CcWindow *window;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_controls = 0;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  collect_unnamed (GTK_WIDGET (window), unnamed, &n_controls);
  /* The header bar, the sidebar's symbols and events, the panel: dozens of controls. */
  g_assert_cmpuint (n_controls, >, 30);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name: %s", unnamed->str);

  /* The dialogs too: export, and a new event. */
  {
    const char *actions[] = { "win.export", "win.add-event" };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        GList *toplevels;
        GtkWindow *dialog = NULL;
        guint n_dialog_controls = 0;

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
        cc_ui_test_iterate (200);
        toplevels = gtk_window_list_toplevels ();
        for (GList *l = toplevels; l != NULL; l = l->next)
          if (l->data != (gpointer) window && gtk_widget_get_visible (l->data) &&
              ADW_IS_WINDOW (l->data))
            dialog = l->data;
        g_list_free (toplevels);
        g_assert_nonnull (dialog);
        collect_unnamed (GTK_WIDGET (dialog), unnamed, &n_dialog_controls);
        g_assert_cmpuint (n_dialog_controls, >=, 2);
        gtk_window_destroy (dialog);
        cc_ui_test_iterate (50);
      }
    if (unnamed->len > 0)
      g_error ("Dialog controls without an accessible name: %s", unnamed->str);
  }

  /* The chart describes what it shows, and the description follows the chart. */
  {
    const char *summary = cc_chart_view_get_summary (_cc_window_get_chart_view (window));
    g_autofree char *before = g_strdup (summary);

    g_assert_nonnull (strstr (summary, "^SOX"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (_cc_window_get_item_toggle (window, "AMD")),
                                 TRUE);
    summary = cc_chart_view_get_summary (_cc_window_get_chart_view (window));
    g_assert_nonnull (strstr (summary, "AMD"));
    g_assert_cmpstr (before, !=, summary);
  }

  cc_ui_test_close_window (window);
}

static void
test_empty_state (void)
{
  CcWindow *window;
  GtkWidget *view;
  GtkWidget *export_button;
  const char *items[] = { "^SOX", "basket:memory", "basket:gpu", "META" };

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  view = GTK_WIDGET (_cc_window_get_chart_view (window));
  export_button = cc_ui_test_find_actionable (GTK_WIDGET (window), "win.export", NULL);
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_true (gtk_widget_get_sensitive (export_button));

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (_cc_window_get_item_toggle (window,
                                                                                 items[i])),
                                 FALSE);
  cc_ui_test_iterate (100);
  g_assert_null (cc_chart_get_items (_cc_window_get_chart (window))[0]);
  /* The status page replaces the chart, and there is nothing to export. */
  g_assert_false (gtk_widget_get_mapped (view));
  g_assert_false (gtk_widget_get_sensitive (export_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.default-view", NULL));
  cc_ui_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_true (strv_contains (cc_chart_get_items (_cc_window_get_chart (window)), "META"));
  cc_ui_test_close_window (window);
}

static guint
count_occurrences (const char *haystack,
                   gsize       length,
                   const char *needle)
{
  guint n = 0;
  gsize needle_len = strlen (needle);

  for (gsize i = 0; i + needle_len <= length; i++)
    if (memcmp (haystack + i, needle, needle_len) == 0)
      n++;
  return n;
}

static void
test_export_pdf_with_analysis (void)
{
  CcWindow *window;
  g_autofree char *dir = g_dir_make_tmp ("cc-ui-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  g_assert_true (_cc_window_export_pdf_with_report (window, file, 842, 595, &note, &error));
  g_assert_no_error (error);
  g_assert_null (note);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The chart page and at least one page of analysis. */
  g_assert_cmpuint (count_occurrences (contents, length, "/Type /Page\n") +
                    count_occurrences (contents, length, "/Type /Page "), >=, 2);
  cc_test_assert_pdf_metadata (path, "Meta Compute announced",
                               "A chart of chip stocks and the phase and scenario assessment of "
                               "the AI-infrastructure cycle, data to 2026-10-05");

  g_unlink (path);
  g_rmdir (dir);
  cc_ui_test_close_window (window);
}

static void
test_import_events (void)
{
  CcWindow *window;
  CcDataset *dataset = cc_application_get_dataset (app);
  g_autofree char *dir = g_dir_make_tmp ("cc-ui-events-XXXXXX", NULL);
  g_autofree char *good_path = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) user_file = cc_application_get_user_events_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_after = NULL;
  guint n_before, n = 0;
  const char *good_json =
    "{\"version\": 1, \"events\": [{\"id\": \"test-fomc\", \"date\": \"2026-06-17\", "
    "\"precision\": \"day\", \"title\": \"FOMC holds rates\", \"category\": \"macro\", "
    "\"source\": \"user\"}]}";
  /* A missing comma on line 2. */
  const char *bad_json = "{\"version\": 1,\n \"events\": [{\"id\": \"x\" \"date\": 3}]}";

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  g_assert_true (g_file_set_contents (good_path, good_json, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, bad_json, -1, NULL));

  n_before = cc_dataset_get_events (dataset)->len;
  g_assert_true (_cc_window_import_events (window, good, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (cc_dataset_get_events (dataset)->len, ==, n_before + 1);
  g_assert_nonnull (cc_dataset_find_event (dataset, "test-fomc"));
  g_assert_true (cc_event_get_user (cc_dataset_find_event (dataset, "test-fomc")));
  /* Saved to the user's own events file. */
  g_assert_true (g_file_load_contents (user_file, NULL, &saved, NULL, NULL, NULL));
  g_assert_nonnull (strstr (saved, "FOMC holds rates"));
  /* It is listed and can be selected: the chart rebases to it. */
  g_assert_true (_cc_window_select_event (window, "test-fomc"));
  g_assert_cmpint (cc_chart_get_base_date (_cc_window_get_chart (window)), ==,
                   cc_date_from_ymd (2026, 6, 16));

  /* A broken file: a clear error naming it, and nothing changes. */
  n = 0;
  g_assert_false (_cc_window_import_events (window, bad, &n, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (cc_dataset_get_events (dataset)->len, ==, n_before + 1);
  g_assert_true (g_file_load_contents (user_file, NULL, &saved_after, NULL, NULL, NULL));
  g_assert_cmpstr (saved, ==, saved_after);

  /* Deleting asks first; confirming removes the event and saves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-event", "s",
                                             "test-fomc"));
  cc_ui_test_iterate (100);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "delete");
  }
  /* The save runs in a thread. */
  for (guint i = 0; i < 200 && (i == 0 || window->saving_events); i++)
    cc_ui_test_iterate (25);
  g_assert_false (window->saving_events);
  g_assert_null (cc_dataset_find_event (dataset, "test-fomc"));
  g_clear_pointer (&saved_after, g_free);
  g_assert_true (g_file_load_contents (user_file, NULL, &saved_after, NULL, NULL, NULL));
  g_assert_null (strstr (saved_after, "FOMC holds rates"));

  g_unlink (good_path);
  g_unlink (bad_path);
  g_rmdir (dir);
  cc_ui_test_close_window (window);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_event_dialog (void)
{
  CcWindow *window;
  CcEventDialog *dialog;
  g_autoptr(CcEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *title, *date, *precision;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  dialog = cc_event_dialog_new (GTK_WINDOW (window), NULL, cc_date_from_ymd (2026, 8, 3));
  gtk_window_present (GTK_WINDOW (dialog));
  cc_ui_test_iterate (100);

  title = find_row (GTK_WIDGET (dialog), "Title");
  date = find_row (GTK_WIDGET (dialog), "Date (YYYY-MM-DD)");
  precision = find_row (GTK_WIDGET (dialog), "Precision");
  g_assert_nonnull (title);
  g_assert_nonnull (date);
  g_assert_nonnull (precision);

  /* An empty title is refused, naming the field. */
  event = cc_event_dialog_get_event (dialog, &error);
  g_assert_null (event);
  g_assert_nonnull (strstr (error->message, "title"));
  g_clear_error (&error);

  gtk_editable_set_text (GTK_EDITABLE (title), "HBM contract prices up");
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-13-01");
  event = cc_event_dialog_get_event (dialog, &error);
  g_assert_null (event);
  g_assert_nonnull (strstr (error->message, "2026-13-01"));
  g_clear_error (&error);

  /* A month-precision event starts on the first of its month. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-08-19");
  adw_combo_row_set_selected (ADW_COMBO_ROW (precision), CC_EVENT_PRECISION_MONTH);
  event = cc_event_dialog_get_event (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_event_get_title (event), ==, "HBM contract prices up");
  g_assert_cmpint (cc_event_get_date (event), ==, cc_date_from_ymd (2026, 8, 1));
  g_assert_true (cc_event_get_user (event));

  gtk_window_destroy (GTK_WINDOW (dialog));
  cc_ui_test_close_window (window);
}

static void
test_keyboard_zoom_actions (void)
{
  CcWindow *window;
  CcChart *chart;
  CcDate first, last, from, to;
  int span;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  chart = _cc_window_get_chart (window);
  g_assert_true (cc_chart_get_data_range (chart, &first, &last));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  cc_chart_get_range (chart, &from, &to);
  span = cc_calendar_trading_days_between (from, to);
  g_assert_cmpint (span, <, cc_calendar_trading_days_between (first, last));

  /* Panning left keeps the span and moves earlier. */
  cc_chart_view_pan (_cc_window_get_chart_view (window), -0.25);
  {
    CcDate from2, to2;

    cc_chart_get_range (chart, &from2, &to2);
    g_assert_cmpint (from2, <, from);
    g_assert_cmpint (cc_calendar_trading_days_between (from2, to2), ==, span);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-view", NULL));
  cc_chart_get_range (chart, &from, &to);
  g_assert_true (from == CC_DATE_INVALID || from == first);
  cc_ui_test_close_window (window);
}

/* The centre of the label box with @id in the chart's layout, in widget pixels. */
static gboolean
find_label (CcChartView *view,
            GArray      *boxes,
            const char  *id,
            double      *x,
            double      *y)
{
  double z = cc_chart_view_get_scale (view);

  for (guint i = 0; i < boxes->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (boxes, CcChartLabelBox, i);

      if (g_strcmp0 (box->id, id) == 0)
        {
          *x = (box->rect.x + box->rect.width / 2) * z;
          *y = (box->rect.y + box->rect.height / 2) * z;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_click_chart_labels (void)
{
  CcWindow *window;
  CcChartView *view;
  CcChart *chart;
  CcEvent *iren;
  g_autoptr(CcChartLayout) layout = NULL;
  g_autofree char *tooltip = NULL;
  double x, y, z;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  view = _cc_window_get_chart_view (window);
  chart = _cc_window_get_chart (window);
  iren = find_event_on (cc_application_get_dataset (app), cc_date_from_ymd (2025, 11, 3));
  z = cc_chart_view_get_scale (view);
  layout = cc_chart_layout (chart, gtk_widget_get_width (GTK_WIDGET (view)) / z,
                            gtk_widget_get_height (GTK_WIDGET (view)) / z);

  /* Hovering IREN's label describes the event; clicking it rebases the chart to it. */
  g_assert_true (find_label (view, layout->event_labels, cc_event_get_id (iren), &x, &y));
  tooltip = _cc_chart_view_describe_at (view, x, y);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "IREN"));
  g_assert_true (_cc_chart_view_activate_at (view, x, y));
  g_assert_true (cc_chart_get_event (chart) == iren);
  g_assert_cmpint (cc_chart_get_base_date (chart), ==, cc_date_from_ymd (2025, 10, 31));

  /* Clicking META's label at the end of its line hides META. */
  g_clear_pointer (&layout, cc_chart_layout_free);
  cc_ui_test_iterate (100);
  layout = cc_chart_layout (chart, gtk_widget_get_width (GTK_WIDGET (view)) / z,
                            gtk_widget_get_height (GTK_WIDGET (view)) / z);
  g_assert_true (find_label (view, layout->end_labels, "META", &x, &y));
  g_assert_true (_cc_chart_view_activate_at (view, x, y));
  g_assert_false (strv_contains (cc_chart_get_items (chart), "META"));
  g_assert_false (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (_cc_window_get_item_toggle (window, "META"))));

  /* Clicking the legend offers its series, META included, to show again. */
  g_clear_pointer (&layout, cc_chart_layout_free);
  cc_ui_test_iterate (100);
  layout = cc_chart_layout (chart, gtk_widget_get_width (GTK_WIDGET (view)) / z,
                            gtk_widget_get_height (GTK_WIDGET (view)) / z);
  x = (layout->legend.x + layout->legend.width / 2) * z;
  y = (layout->legend.y + layout->legend.height / 2) * z;
  g_assert_true (_cc_chart_view_activate_at (view, x, y));
  cc_ui_test_iterate (200);
  {
    GtkWidget *popover = NULL;
    GtkWidget *meta = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    for (GtkWidget *child = gtk_widget_get_first_child (
           gtk_popover_get_child (GTK_POPOVER (popover)));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_CHECK_BUTTON (child) &&
          g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), "META") == 0)
        meta = child;
    g_assert_nonnull (meta);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (meta)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (meta), TRUE);
    g_assert_true (strv_contains (cc_chart_get_items (chart), "META"));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* Empty paper does nothing. */
  g_assert_false (_cc_chart_view_activate_at (view, 2, 2));

  cc_ui_test_close_window (window);
}

static void
test_add_ticker_and_import_csv (void)
{
  CcWindow *window;
  CcDataset *dataset = cc_application_get_dataset (app);
  CcCatalogue *catalogue = cc_dataset_get_catalogue (dataset);
  g_autofree char *dir = g_dir_make_tmp ("cc-ui-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ASML.csv", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("Date,Close\n");
  CcDate day = cc_date_from_ymd (2026, 6, 1);
  CcSeries *asml;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);

  /* A ticker joins the user's group, is shown, and is remembered. */
  g_assert_true (_cc_window_add_ticker (window, "intc"));
  g_assert_nonnull (cc_catalogue_lookup (catalogue, "INTC"));
  g_assert_nonnull (_cc_window_get_item_toggle (window, "INTC"));
  g_assert_true (strv_contains (cc_chart_get_items (_cc_window_get_chart (window)), "INTC"));
  {
    g_auto(GStrv) saved = g_settings_get_strv (cc_application_get_settings (app),
                                               "user-tickers");

    g_assert_true (g_strv_contains ((const char * const *) saved, "INTC"));
  }
  /* Nonsense is refused. */
  g_assert_false (_cc_window_add_ticker (window, "not a ticker!"));

  /* A dropped price file: ASML, 40 trading days from June 2026. */
  for (guint i = 0; i < 40; i++)
    {
      char iso[11];

      day = cc_calendar_trading_day_on_or_after (day);
      cc_date_format_iso (day, iso);
      g_string_append_printf (csv, "%s,%.2f\n", iso, 700.0 + i);
      day = cc_calendar_next_trading_day (day);
    }
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  file = g_file_new_for_path (path);
  g_assert_true (_cc_window_import_csv (window, file, &error));
  g_assert_no_error (error);
  asml = cc_dataset_get_series (dataset, "ASML");
  g_assert_nonnull (asml);
  g_assert_cmpuint (cc_series_get_n_points (asml), ==, 40);
  g_assert_cmpint (cc_series_get_origin (asml), ==, CC_ORIGIN_IMPORTED);
  g_assert_true (strv_contains (cc_chart_get_items (_cc_window_get_chart (window)), "ASML"));

  /* A broken file changes nothing and says which line is wrong. */
  g_assert_true (g_file_set_contents (path, "Date,Close\n2026-06-01,abc\n", -1, NULL));
  g_assert_false (_cc_window_import_csv (window, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_assert_cmpuint (cc_series_get_n_points (cc_dataset_get_series (dataset, "ASML")), ==, 40);

  g_unlink (path);
  g_rmdir (dir);
  cc_ui_test_close_window (window);
}

/* The window imports every layout the one CSV reader knows: a German spreadsheet's wide file
 * (";" and decimal commas) gives one series per column, the same the reader gives. */
static void
test_import_wide_csv (void)
{
  CcWindow *window;
  CcDataset *dataset = cc_application_get_dataset (app);
  g_autofree char *path = g_build_filename (g_getenv ("CHIPCYCLE_SOURCE_ROOT"), "tests", "data",
                                            "layouts",
                                            "semicolon_decimal_comma_nvda_sox_2018-10.csv",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = cc_csv_import_file (file, NULL, NULL, &error);
  g_autoptr(CcSeries) old_sox = g_object_ref (cc_dataset_get_series (dataset, CC_SYMBOL_SOX));
  g_autoptr(CcSeries) old_nvda = g_object_ref (cc_dataset_get_series (dataset, "NVDA"));

  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, 2);
  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);

  g_assert_true (_cc_window_import_csv (window, file, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < expected->len; i++)
    {
      CcSeries *want = g_ptr_array_index (expected, i);
      CcSeries *got = cc_dataset_get_series (dataset, cc_series_get_symbol (want));
      const CcPoint *pw, *pg;
      guint nw, ng;

      g_assert_nonnull (got);
      g_assert_cmpint (cc_series_get_origin (got), ==, CC_ORIGIN_IMPORTED);
      pw = cc_series_get_points (want, &nw);
      pg = cc_series_get_points (got, &ng);
      g_assert_cmpuint (nw, ==, 25);
      g_assert_cmpuint (ng, ==, nw);
      for (guint p = 0; p < nw; p++)
        {
          g_assert_cmpint (pg[p].date, ==, pw[p].date);
          g_assert_cmpfloat (pg[p].close, ==, pw[p].close);
        }
      g_assert_true (strv_contains (cc_chart_get_items (_cc_window_get_chart (window)),
                                    cc_series_get_symbol (want)));
    }
  /* 1.370,439941 is 1370.439941. */
  {
    double close;

    g_assert_true (cc_series_get_close (cc_dataset_get_series (dataset, CC_SYMBOL_SOX),
                                        cc_date_from_ymd (2018, 10, 1), &close));
    g_assert_cmpfloat (close, ==, 1370.439941);
  }

  /* Leave the shared dataset as the other tests expect it. */
  cc_dataset_set_series (dataset, old_sox);
  cc_dataset_set_series (dataset, old_nvda);
  cc_ui_test_close_window (window);
}

static void
test_data_badges (void)
{
  CcWindow *window;
  CcDataset *dataset = cc_application_get_dataset (app);
  g_autoptr(CcSeries) old_meta = g_object_ref (cc_dataset_get_series (dataset, "META"));
  g_autoptr(CcSeries) fetched = NULL;
  gboolean reconstructed, stale;
  const CcPoint *points;
  guint n;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1400, 900);
  /* The offline dataset is reconstructed, and says so; it is never "stale". */
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_true (reconstructed);
  g_assert_false (stale);

  /* META fetched ten days ago, the only series shown: observed but stale. */
  fetched = cc_series_new ("META", CC_LEVEL_PRICE);
  points = cc_series_get_points (old_meta, &n);
  for (guint i = 0; i < n; i++)
    cc_series_append (fetched, points[i].date, points[i].close, CC_PROVENANCE_OBSERVED, 0);
  cc_series_set_origin (fetched, CC_ORIGIN_PROVIDER);
  cc_series_set_fetched_at (fetched, g_get_real_time () / G_USEC_PER_SEC - 10 * 24 * 3600);
  cc_dataset_set_series (dataset, fetched);
  {
    const char *items[] = { "^SOX", "basket:memory", "basket:gpu" };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (_cc_window_get_item_toggle (window,
                                                                                   items[i])),
                                   FALSE);
  }
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_false (reconstructed);
  g_assert_true (stale);

  cc_dataset_set_series (dataset, old_meta);
  cc_ui_test_close_window (window);
}

/* A damaged events file is moved aside, never overwritten, and the window is told why. */
static void
test_corrupt_user_events (void)
{
  g_autoptr(CcApplication) other = cc_application_new ();
  g_autoptr(GFile) file = cc_application_get_user_events_file ();
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir_path = g_file_get_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  const char *damaged = "{\"version\": 1, \"events\": [ {\"title\": ";
  gboolean kept = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, damaged, -1, NULL));

  g_assert_nonnull (cc_application_get_dataset (other));
  error = _cc_application_take_user_events_error (other);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "events.json"));
  g_assert_null (_cc_application_take_user_events_error (other));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir_path, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "events.json.corrupt"))
      {
        g_autofree char *aside = g_build_filename (dir_path, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, damaged);
        g_unlink (aside);
        kept = TRUE;
      }
  g_assert_true (kept);
}

/* A stand-in for Yahoo on 127.0.0.1: every symbol gets the recorded ^SOX response, except
 * WULF, which Yahoo "does not know". */
static void
yahoo_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  GBytes *body = user_data;

  if (strstr (path, "WULF") != NULL)
    {
      static const char not_found[] =
        "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\","
        "\"description\":\"No data found, symbol may be delisted\"}}}";

      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_refresh_from_loopback (void)
{
  CcWindow *window;
  CcDataset *dataset = cc_application_get_dataset (app);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "yahoo",
                                                    "chart_SOX_2026-09-08_to_2026-10-05_1d"
                                                    ".body.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  GtkWidget *refresh_button;
  CcSeries *mu;
  gsize length;
  gint64 deadline;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_no_error (error);
  body = g_bytes_new_take (g_steal_pointer (&contents), length);
  soup_server_add_handler (server, "/v8/finance/chart", yahoo_handler, body, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The base address comes from the setting alone (no CHIPCYCLE_YAHOO_URL): if the setting
   * were ignored, the refresh would go to the real Yahoo, which is out of reach here. */
  g_assert_null (g_getenv ("CHIPCYCLE_YAHOO_URL"));
  cc_ui_test_reset_settings (app);
  g_settings_set_string (cc_application_get_settings (app), "yahoo-url", url);
  window = cc_ui_test_new_window (app, 1400, 900);
  refresh_button = cc_ui_test_find_actionable (GTK_WIDGET (window), "win.refresh", NULL);
  g_assert_nonnull (refresh_button);
  g_assert_true (gtk_widget_get_sensitive (refresh_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  /* While it runs, refreshing again is off and the stop button is there. */
  g_assert_false (gtk_widget_get_sensitive (refresh_button));
  g_assert_nonnull (cc_ui_test_find_actionable (GTK_WIDGET (window), "win.cancel-refresh", NULL));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!gtk_widget_get_sensitive (refresh_button) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_sensitive (refresh_button));

  /* MU now holds the fetched bars: observed, from the provider. */
  mu = cc_dataset_get_series (dataset, "MU");
  g_assert_nonnull (mu);
  g_assert_cmpint (cc_series_get_last (mu)->provenance, ==, CC_PROVENANCE_OBSERVED);
  g_assert_cmpint (cc_series_get_last (mu)->date, >=, cc_date_from_ymd (2026, 10, 2));
  g_assert_cmpint (cc_series_get_origin (mu), !=, CC_ORIGIN_BUNDLED);
  /* WULF failed: it keeps its offline series. */
  g_assert_cmpint (cc_series_get_origin (cc_dataset_get_series (dataset, "WULF")), ==,
                   CC_ORIGIN_BUNDLED);

  cc_ui_test_close_window (window);

  /* Closing a window while it refreshes stops the refresh cleanly. */
  window = cc_ui_test_new_window (app, 1400, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (cc_refresher_is_running (cc_application_get_refresher (app)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cc_refresher_is_running (cc_application_get_refresher (app)));
  cc_ui_test_iterate (100);

  g_settings_reset (cc_application_get_settings (app), "yahoo-url");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* The test accessibility backend keeps the accessible properties where
   * gtk_test_accessible_has_property() can see them (and talks to no bus). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* A fresh home for every run: fetched series (the cache) and the user's events must not
   * leak from one run into the next. */
  home = cc_ui_test_make_home ("cc-ui-home-XXXXXX");

  if (!cc_ui_test_open_display ())
    return 77;

  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/window/default-view", test_default_view);
  g_test_add_func ("/ui/window/toggle-symbol", test_toggle_symbol);
  g_test_add_func ("/ui/window/range-preset", test_range_preset);
  g_test_add_func ("/ui/window/select-event", test_select_event);
  g_test_add_func ("/ui/window/settings-survive-restart", test_settings_survive_restart);
  g_test_add_func ("/ui/window/export-writes-file", test_export_writes_file);
  g_test_add_func ("/ui/window/rendered-series-pixels", test_rendered_series_pixels);
  g_test_add_func ("/ui/window/figure-texture-reused", test_figure_texture_reused);
  g_test_add_func ("/ui/window/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/window/empty-state", test_empty_state);
  g_test_add_func ("/ui/window/export-pdf-with-analysis", test_export_pdf_with_analysis);
  g_test_add_func ("/ui/window/import-events", test_import_events);
  g_test_add_func ("/ui/window/event-dialog", test_event_dialog);
  g_test_add_func ("/ui/window/keyboard-zoom-actions", test_keyboard_zoom_actions);
  g_test_add_func ("/ui/window/click-chart-labels", test_click_chart_labels);
  g_test_add_func ("/ui/window/data-badges", test_data_badges);
  g_test_add_func ("/ui/window/corrupt-user-events", test_corrupt_user_events);
  g_test_add_func ("/ui/window/add-ticker-and-import-csv", test_add_ticker_and_import_csv);
  g_test_add_func ("/ui/window/import-wide-csv", test_import_wide_csv);
  /* Last: it replaces series of the shared dataset with fetched ones. */
  g_test_add_func ("/ui/window/refresh-from-loopback", test_refresh_from_loopback);

  ret = g_test_run ();
  g_object_unref (app);
  cc_ui_test_remove_tree (home);
  return ret;
}
