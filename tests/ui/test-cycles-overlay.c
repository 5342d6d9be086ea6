/* test-cycles-overlay.c: the chip cycles on the main chart, as a user finds them: the Cycles
 * toggle in the header bar and its item in the main menu switch the chart to today's ^SOX
 * decline over the 2000, 2008 and 2022 ones (drawn by the window's chart view), the controls
 * that do not apply to it go insensitive, and the choice is a setting a new window restores. */
#define G_LOG_DOMAIN "test-cycles-overlay"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cc-application.h"
#include "cc-chart-private.h"
#include "cc-compare-chart.h"
#include "cc-cycle.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"

static CcApplication *app;

/* Whether @model or one of its sections and submenus has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) child = g_menu_link_iter_get_value (links);

          if (menu_has_action (child, action))
            return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu (child);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
toggle_is_active (gpointer button)
{
  return gtk_toggle_button_get_active (button);
}

static gboolean
overlay_was_drawn (gpointer chart)
{
  return _cc_chart_get_cycle_layout (chart) != NULL;
}

/* What the chart view drew last: the overlay's four paths, "Today" among them. */
static void
assert_overlay_drawn (CcChart *chart)
{
  const CcCompareChartLayout *layout;
  const char *ids[] = { "2000", "2008", "2022", "current" };

  /* The chart view draws in the next frame, which a loaded machine may take a while to give. */
  g_assert_true (cc_ui_test_wait_until (overlay_was_drawn, chart, 20000));
  layout = _cc_chart_get_cycle_layout (chart);
  g_assert_cmpuint (layout->cycle_paths->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const CcCycleChartPath *p = g_ptr_array_index (layout->cycle_paths, i);

      g_assert_cmpstr (p->id, ==, ids[i]);
      g_assert_cmpuint (p->points->len, >, 2);
    }
  g_assert_true (g_str_has_prefix (((CcCycleChartPath *)
                                    g_ptr_array_index (layout->cycle_paths, 3))->end_label,
                                   "Today −"));
  g_assert_nonnull (strstr (layout->footer, "2000–02 dot-com bust: month-end closes"));
}

/* The row of decline @id in a read-out, or NULL. */
static const CcChartValue *
readout_row (GArray     *values,
             const char *id)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_array_index (values, CcChartValue, i).item, id) == 0)
      return &g_array_index (values, CcChartValue, i);
  return NULL;
}

/* What the crosshair reads off the overlay: on the 2000-02 low's ring, day 647 and −83.9% on
 * the recorded close of 9 Oct 2002; between month-ends, the last month-end close, said so;
 * nothing off the plot. */
static void
assert_overlay_readout (CcChart *chart)
{
  const CcCompareChartLayout *layout = _cc_chart_get_cycle_layout (chart);
  const CcCycleChartPath *dotcom = g_ptr_array_index (layout->cycle_paths, 0);
  g_autoptr(GArray) at_low = NULL;
  g_autoptr(GArray) between = NULL;
  const CcChartValue *row;
  CcChartRect plot;
  double day_x;
  int day = -1;

  g_assert_cmpstr (dotcom->id, ==, "2000");
  at_low = cc_chart_get_cycle_values_at (chart, dotcom->trough_x, &day, &day_x, &plot);
  g_assert_nonnull (at_low);
  g_assert_cmpint (day, ==, 647);
  g_assert_cmpfloat_with_epsilon (day_x, dotcom->trough_x, 0.5);
  g_assert_cmpfloat_with_epsilon (plot.x, layout->plot_x, 1e-9);
  row = readout_row (at_low, "2000");
  g_assert_nonnull (row);
  g_assert_true (row->has_value);
  g_assert_cmpfloat_with_epsilon (row->value, -83.9, 0.05);
  g_assert_cmpstr (row->text, ==, "−83.9%");
  g_assert_cmpint (row->provenance, ==, CC_PROVENANCE_OBSERVED);
  g_assert_nonnull (strstr (row->label, "9 Oct 2002"));
  g_assert_null (strstr (row->label, "month-end"));
  g_assert_cmpfloat_with_epsilon (row->y, dotcom->trough_y, 0.5);
  /* Today's decline is far shorter than 647 sessions: no row. */
  g_assert_null (readout_row (at_low, "current"));

  between = cc_chart_get_cycle_values_at (chart, layout->plot_x + (300 - layout->x_lo) /
                                                  (layout->x_hi - layout->x_lo) *
                                                  layout->plot_width, &day, NULL, NULL);
  g_assert_nonnull (between);
  g_assert_cmpint (day, ==, 300);
  row = readout_row (between, "2000");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (row->label, "month-end"));
  g_assert_cmpfloat (row->value, <, 0);

  g_assert_null (cc_chart_get_cycle_values_at (chart, layout->plot_x - 5, NULL, NULL, NULL));
}

static void
test_toggle (void)
{
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  CcChart *chart;
  GtkWidget *button, *menu;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  chart = _cc_window_get_chart (window);

  /* In the header bar, next to Log; and in the main menu. */
  button = cc_ui_test_find_actionable (GTK_WIDGET (window->header_bar), "win.cycle-overlay",
                                       NULL);
  g_assert_nonnull (button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Cycles");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  menu = find_primary_menu (GTK_WIDGET (window->header_bar));
  g_assert_nonnull (menu);
  /* The main menu is built when it first opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)),
                                  "win.cycle-overlay"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  g_assert_cmpint (cc_chart_get_overlay (chart), ==, CC_CHART_OVERLAY_NONE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->mode_box)));

  /* A click: the chart view draws the cycles; mode, log scale and rebasing do not apply. */
  gtk_widget_activate (button);
  /* GTK shows an activated button pressed for a quarter of a second before it clicks. */
  g_assert_true (cc_ui_test_wait_until (toggle_is_active, button, 20000));
  g_assert_true (g_settings_get_boolean (settings, "cycle-overlay"));
  g_assert_cmpint (cc_chart_get_overlay (chart), ==, CC_CHART_OVERLAY_CYCLES);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->mode_box)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->log_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->rebase_button)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->chart_stack), ==, "chart");
  assert_overlay_drawn (chart);
  assert_overlay_readout (chart);

  /* Export Data writes what is on screen: the declines, one row per trading day since the
   * peak, not the items' series; the 2000-02 low at day 647, 83.9% below the peak. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("cc-cycles-csv-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "cycles.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    const char *header = NULL;
    const char *low = NULL;

    g_assert_no_error (error);
    g_assert_true (_cc_window_export_csv (window, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    for (guint i = 0; lines[i]; i++)
      {
        if (header == NULL && lines[i][0] != '#')
          header = lines[i];
        if (g_str_has_prefix (lines[i], "647,2002-10-09,-83.9"))
          low = lines[i];
      }
    g_assert_nonnull (header);
    g_assert_true (g_str_has_prefix (header, "day,2000 date,2000 drawdown %,2000 close,"
                                             "2000 resolution,2000 provenance,2008 date,"));
    g_assert_null (strstr (header, "META"));
    g_assert_nonnull (low);
    g_assert_nonnull (strstr (low, ",daily,observed,"));
    g_unlink (path);
    g_rmdir (dir);
  }

  /* "Today" is the day the side panel assesses: set its as-of date to the current decline's
   * low, a Thursday, and the overlay's current path ends there. */
  {
    CcDate low = cc_date_from_ymd (2026, 8, 13);
    GPtrArray *cycles;
    const CcCycle *current = NULL;

    cc_side_panel_set_as_of (window->side_panel, low);
    cc_ui_test_iterate (100);
    g_assert_cmpint (cc_chart_get_as_of (chart), ==, low);
    assert_overlay_drawn (chart);
    cycles = _cc_chart_get_cycles (chart);
    for (guint i = 0; i < cycles->len; i++)
      if (((const CcCycle *) g_ptr_array_index (cycles, i))->is_current)
        current = g_ptr_array_index (cycles, i);
    g_assert_nonnull (current);
    g_assert_cmpint (g_array_index (current->path, CcCyclePoint, current->path->len - 1).date,
                     ==, low);
    g_assert_true (g_str_has_prefix (((CcCycleChartPath *) g_ptr_array_index (
                                        _cc_chart_get_cycle_layout (chart)->cycle_paths,
                                        3))->end_label, "Today −34.0%"));
    cc_side_panel_set_as_of (window->side_panel, CC_DATE_INVALID);
    cc_ui_test_iterate (100);
  }

  /* The menu's action turns it off again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-overlay", NULL));
  cc_ui_test_iterate (100);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (g_settings_get_boolean (settings, "cycle-overlay"));
  g_assert_cmpint (cc_chart_get_overlay (chart), ==, CC_CHART_OVERLAY_NONE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->mode_box)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->log_button)));
  /* Off, the overlay reads nothing: the crosshair reads the items again. */
  g_assert_null (cc_chart_get_cycle_values_at (chart, 400, NULL, NULL, NULL));
  cc_ui_test_close_window (window);

  /* A setting: a new window opens on the cycles. */
  g_settings_set_boolean (settings, "cycle-overlay", TRUE);
  window = cc_ui_test_new_window (app, 1280, 800);
  chart = _cc_window_get_chart (window);
  button = cc_ui_test_find_actionable (GTK_WIDGET (window->header_bar), "win.cycle-overlay",
                                       NULL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpint (cc_chart_get_overlay (chart), ==, CC_CHART_OVERLAY_CYCLES);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->mode_box)));
  assert_overlay_drawn (chart);
  if (g_getenv ("CC_TEST_LINGER_MS"))
    cc_ui_test_iterate ((guint) g_ascii_strtoull (g_getenv ("CC_TEST_LINGER_MS"), NULL, 10));
  cc_ui_test_close_window (window);
  cc_ui_test_reset_settings (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "test", TRUE);
  home = cc_ui_test_make_home ("cc-ui-home-XXXXXX");
  g_setenv ("LANGUAGE", "C", TRUE);

  if (!cc_ui_test_open_display ())
    return 77;

  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/cycles/toggle", test_toggle);

  ret = g_test_run ();
  g_object_unref (app);
  cc_ui_test_remove_tree (home);
  return ret;
}
