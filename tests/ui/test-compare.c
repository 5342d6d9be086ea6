/* test-compare.c: compare mode under a display: the analogue table the window shows equals
 * what `chipcycle compare --json` prints for the same item and events, heading by heading and
 * cell by cell; the window's events are the dataset's, the user's included. */
#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cc-bundled-dataset.h"
#include "cc-compare-window.h"

#include "cc-ui-test.h"
#include "../cc-test-cli.h"

static JsonNode *
run_cli_json (const char * const *args)
{
  return cc_test_run_chipcycle_json ("compare", args);
}

static void
assert_same_table (CcCompareWindow *window,
                   JsonNode        *root)
{
  g_autoptr(GPtrArray) table = cc_compare_window_get_table (window);
  JsonObject *obj = json_node_get_object (root);
  JsonArray *headings = json_object_get_array_member (obj, "table_headings");
  JsonArray *events = json_object_get_array_member (obj, "events");
  char **shown;

  g_assert_cmpuint (table->len, ==, 1 + json_array_get_length (events));
  shown = g_ptr_array_index (table, 0);
  g_assert_cmpuint (g_strv_length (shown), ==, json_array_get_length (headings));
  for (guint c = 0; shown[c]; c++)
    g_assert_cmpstr (shown[c], ==, json_array_get_string_element (headings, c));
  for (guint e = 0; e < json_array_get_length (events); e++)
    {
      JsonArray *row = json_object_get_array_member (json_array_get_object_element (events, e),
                                                     "table");

      shown = g_ptr_array_index (table, e + 1);
      g_assert_cmpuint (g_strv_length (shown), ==, json_array_get_length (row));
      for (guint c = 0; shown[c]; c++)
        g_assert_cmpstr (shown[c], ==, json_array_get_string_element (row, c));
    }
}

static void
test_table_equals_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  const CcDate dates[] = { cc_date_from_ymd (2025, 11, 3), cc_date_from_ymd (2026, 7, 1) };
  const char *mu[] = { "--item", "MU", "--event", "2025-11-03", "--event", "2026-07-01", NULL };
  const char *sox[] = { "--event", "2025-11-03", "--event", "2026-07-01", NULL };
  g_autoptr(JsonNode) mu_json = NULL;
  g_autoptr(JsonNode) sox_json = NULL;
  CcCompareWindow *window;

  g_assert_no_error (error);
  window = cc_compare_window_new (dataset, "MU", "2026-07-01-meta-compute");
  gtk_window_present (GTK_WINDOW (window));
  cc_compare_window_set_events (window, dates, G_N_ELEMENTS (dates));
  cc_ui_test_iterate (200);

  mu_json = run_cli_json (mu);
  assert_same_table (window, mu_json);
  /* The CARs are abnormal returns for a stock. */
  {
    g_autoptr(GPtrArray) table = cc_compare_window_get_table (window);

    g_assert_cmpstr (((char **) g_ptr_array_index (table, 0))[3], ==, "CAR [0]");
    g_assert_cmpstr (((char **) g_ptr_array_index (table, 2))[0], ==,
                     "Meta Compute announced †");
  }

  cc_compare_window_set_item (window, "^SOX");
  cc_ui_test_iterate (100);
  sox_json = run_cli_json (sox);
  assert_same_table (window, sox_json);

  /* Time to take a screenshot by hand (CC_TEST_LINGER_MS=8000 under Xvfb). */
  if (g_getenv ("CC_TEST_LINGER_MS"))
    {
      cc_compare_window_set_item (window, "MU");
      cc_ui_test_iterate ((guint) g_ascii_strtoull (g_getenv ("CC_TEST_LINGER_MS"), NULL, 10));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  cc_ui_test_iterate (50);
}

static void
test_user_events_listed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcEvent) mine = cc_event_new (cc_date_from_ymd (2026, 4, 6), CC_EVENT_PRECISION_DAY,
                                          "My April event");
  const CcDate dates[] = { cc_date_from_ymd (2025, 11, 3), cc_date_from_ymd (2026, 4, 6),
                           cc_date_from_ymd (2026, 7, 1) };
  CcCompareWindow *window;
  g_autoptr(GPtrArray) table = NULL;

  cc_event_set_user (mine, TRUE);
  cc_dataset_add_event (dataset, mine);
  window = cc_compare_window_new (dataset, "MU", NULL);
  gtk_window_present (GTK_WINDOW (window));
  cc_compare_window_set_events (window, dates, G_N_ELEMENTS (dates));
  cc_ui_test_iterate (100);
  if (g_getenv ("CC_TEST_LINGER_MS"))
    cc_ui_test_iterate ((guint) g_ascii_strtoull (g_getenv ("CC_TEST_LINGER_MS"), NULL, 10));
  table = cc_compare_window_get_table (window);
  g_assert_cmpuint (table->len, ==, 4);
  g_assert_cmpstr (((char **) g_ptr_array_index (table, 2))[0], ==, "My April event †");
  gtk_window_destroy (GTK_WINDOW (window));
  cc_ui_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!cc_ui_test_open_display ())
    return 77;
  adw_init ();

  g_test_add_func ("/compare/table-equals-cli", test_table_equals_cli);
  g_test_add_func ("/compare/user-events-listed", test_user_events_listed);
  return g_test_run ();
}
