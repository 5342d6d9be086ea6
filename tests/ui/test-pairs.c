/* test-pairs.c: ratios and spreads in the real window: a preset in the sidebar draws, reads
 * out, exports and survives a restart; a pair typed in the search is charted, a bad one is
 * explained; "Compare With" adds a pair. */
#define G_LOG_DOMAIN "test-pairs"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cc-application-private.h"
#include "cc-application.h"
#include "cc-assessment.h"
#include "cc-chart.h"
#include "cc-derived.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"

#define MEMORY_MINUS_GPU "basket:memory - basket:gpu"

static CcApplication *app;

static gboolean
chart_shows (CcChart    *chart,
             const char *item)
{
  const char * const *items = cc_chart_get_items (chart);

  return items != NULL && g_strv_contains (items, item);
}

/* The read-out of @item on @date, or NULL. */
static CcChartValue *
find_value (GArray     *values,
            const char *item)
{
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      if (g_strcmp0 (v->item, item) == 0)
        return v;
    }
  return NULL;
}

static void
test_preset (void)
{
  CcWindow *window;
  CcChart *chart;
  GtkWidget *toggle, *row;
  g_autoptr(GArray) values = NULL;
  g_autoptr(CcChartLayout) layout = NULL;
  g_autoptr(CcAssessment) assessment = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cc-ui-pairs-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "pair.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "pair.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  CcChartValue *v;
  gboolean labelled = FALSE;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  chart = _cc_window_get_chart (window);

  /* Every preset has a row under "Relative Strength"; none is drawn by default. */
  for (guint i = 0; i < cc_derived_n_presets; i++)
    {
      toggle = _cc_window_get_item_toggle (window, cc_derived_presets[i].item);
      g_assert_nonnull (toggle);
      row = gtk_widget_get_ancestor (toggle, GTK_TYPE_LIST_BOX_ROW);
      g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "cc-group"), ==,
                       CC_CHART_DERIVED_GROUP);
      g_assert_false (chart_shows (chart, cc_derived_presets[i].item));
    }

  toggle = _cc_window_get_item_toggle (window, MEMORY_MINUS_GPU);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), TRUE);
  cc_ui_test_iterate (100);
  g_assert_true (chart_shows (chart, MEMORY_MINUS_GPU));

  /* It draws: an end label naming both sides, and a read-out in points on the event day
   * equal to the assessment's "memory minus GPU designers" to the last digit. */
  layout = cc_chart_layout (chart, 1280, 720);
  for (guint i = 0; i < layout->end_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->end_labels, CcChartLabelBox, i);

      if (g_strcmp0 (box->id, MEMORY_MINUS_GPU) == 0)
        {
          g_test_message ("end label: %s", box->text);
          g_assert_nonnull (strstr (box->text, "Memory basket − GPU"));
          g_assert_nonnull (strstr (box->text, "pts"));
          labelled = TRUE;
        }
    }
  g_assert_true (labelled);

  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2026, 7, 1));
  v = find_value (values, MEMORY_MINUS_GPU);
  g_assert_nonnull (v);
  g_assert_true (v->has_value);
  assessment = cc_assessment_evaluate (cc_chart_get_dataset (chart), NULL,
                                       cc_date_from_ymd (2026, 7, 1));
  g_test_message ("read-out %s (%.15f), assessment %.15f", v->text, v->value,
                  assessment->indicators.values[CC_INDICATOR_MEMORY_MINUS_GPU_EVENT].value);
  g_assert_cmpfloat (v->value, ==,
                     assessment->indicators.values[CC_INDICATOR_MEMORY_MINUS_GPU_EVENT].value);
  g_assert_cmpint (v->provenance, !=, CC_PROVENANCE_OBSERVED);
  g_assert_nonnull (strstr (v->text, "pts"));

  /* It exports: the figure, and the data behind it. */
  g_assert_true (_cc_window_export_to_path (window, png, 800, 450, 1, &error));
  g_assert_no_error (error);
  g_assert_true (_cc_window_export_csv (window, csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  /* One column of the spread as drawn, in points, and its value on the event day. */
  g_assert_nonnull (strstr (contents, ",MEMORY-GPU pts,"));
  {
    const char *day = strstr (contents, "\n2026-07-01,");
    g_autofree char *line = NULL;

    g_assert_nonnull (day);
    line = g_strndup (day + 1, strcspn (day + 1, "\n"));
    g_assert_nonnull (strstr (line, ",-7.7499769,"));
  }

  /* It is saved with the view, and comes back after a restart. */
  {
    g_auto(GStrv) saved = g_settings_get_strv (cc_application_get_settings (app), "items");

    g_assert_true (g_strv_contains ((const char * const *) saved, MEMORY_MINUS_GPU));
  }
  cc_ui_test_close_window (window);
  window = cc_ui_test_new_window (app, 1280, 800);
  chart = _cc_window_get_chart (window);
  g_assert_true (chart_shows (chart, MEMORY_MINUS_GPU));
  toggle = _cc_window_get_item_toggle (window, MEMORY_MINUS_GPU);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle)));
  cc_ui_test_close_window (window);

  g_unlink (png);
  g_unlink (csv);
  g_rmdir (dir);
}

static void
test_typed_and_compared (void)
{
  CcWindow *window;
  CcChart *chart;
  GtkLabel *placeholder;
  GtkEditable *search;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  chart = _cc_window_get_chart (window);
  search = GTK_EDITABLE (window->search_entry);
  placeholder = g_object_get_data (G_OBJECT (window->symbol_list), "cc-placeholder");
  g_assert_nonnull (placeholder);

  /* A pair typed in any spelling says what Enter will do, and Enter charts it. */
  gtk_editable_set_text (search, "mu/^sox");
  cc_ui_test_iterate (300);
  g_assert_cmpstr (gtk_label_get_text (placeholder), ==, "Press Enter to chart MU / ^SOX.");
  g_signal_emit_by_name (window->search_entry, "activate");
  cc_ui_test_iterate (100);
  g_assert_true (chart_shows (chart, "MU/^SOX"));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_nonnull (_cc_window_get_item_toggle (window, "MU/^SOX"));

  /* A pair with itself is explained, not charted. */
  gtk_editable_set_text (search, "MU/mu");
  cc_ui_test_iterate (300);
  g_assert_nonnull (strstr (gtk_label_get_text (placeholder), "with itself"));
  g_signal_emit_by_name (window->search_entry, "activate");
  cc_ui_test_iterate (100);
  g_assert_false (chart_shows (chart, "MU/MU"));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "MU/mu");

  /* A ticker with a hyphen is a ticker, not a spread. */
  gtk_editable_set_text (search, "BRK-B");
  cc_ui_test_iterate (300);
  g_assert_null (strstr (gtk_label_get_text (placeholder), "Enter"));
  gtk_editable_set_text (search, "");

  /* A side without data: nothing is added. */
  g_assert_false (_cc_window_add_pair (window, "MU - NOSUCH"));
  g_assert_false (chart_shows (chart, "MU - NOSUCH"));

  /* "Compare With" in a row's menu. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-pair", "s", "NVDA - basket:memory");
  cc_ui_test_iterate (100);
  g_assert_true (chart_shows (chart, "NVDA - basket:memory"));

  cc_ui_test_close_window (window);
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

  g_test_add_func ("/ui/pairs/preset", test_preset);
  g_test_add_func ("/ui/pairs/typed-and-compared", test_typed_and_compared);

  ret = g_test_run ();
  g_object_unref (app);
  cc_ui_test_remove_tree (home);
  return ret;
}
