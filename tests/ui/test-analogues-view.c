/* test-analogues-view.c: the Analogues page of the main window: its table and the side
 * panel's Analogues section say what `chipcycle compare --json` says for the same item and
 * events, and where today sits; an event before the loaded data is left out and named, and
 * Load Full History fetches range=max from a loopback Yahoo for that item only (nothing is
 * fetched at start), after which the event is lined up. */
#define G_LOG_DOMAIN "test-analogues-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/wait.h>

#include "cc-analogue-summary.h"
#include "cc-application.h"
#include "cc-compare-view.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "../cc-test-cli.h"

static CcApplication *app;

static void
linger (void)
{
  /* Time to take a screenshot by hand (CC_TEST_LINGER_MS=8000 under Xvfb). */
  if (g_getenv ("CC_TEST_LINGER_MS"))
    cc_ui_test_iterate ((guint) g_ascii_strtoull (g_getenv ("CC_TEST_LINGER_MS"), NULL, 10));
}

static void
reset_settings (void)
{
  GSettings *settings = cc_application_get_settings (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static CcWindow *
new_window (void)
{
  CcWindow *window = cc_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  cc_ui_test_iterate (300);
  return window;
}

static JsonNode *
run_cli_json (const char * const *args)
{
  return cc_test_run_chipcycle_json ("compare", args);
}

/* The page's table and the panel's section against the CLI's JSON, cell by cell. */
static void
assert_same_as_cli (CcWindow *window,
                    JsonNode *root)
{
  g_autoptr(GPtrArray) table = cc_compare_view_get_table (window->compare_view);
  g_autoptr(GPtrArray) summary = NULL;
  JsonObject *obj = json_node_get_object (root);
  JsonArray *headings = json_object_get_array_member (obj, "table_headings");
  JsonArray *events = json_object_get_array_member (obj, "events");
  guint n_columns = json_array_get_length (headings);
  char **shown;

  summary = cc_analogue_summary_get_rows (cc_side_panel_get_analogue_summary (window->side_panel));
  g_assert_cmpuint (table->len, ==, 1 + json_array_get_length (events));
  g_assert_cmpuint (summary->len, ==, 1 + json_array_get_length (events));
  shown = g_ptr_array_index (table, 0);
  g_assert_cmpuint (g_strv_length (shown), ==, n_columns);
  for (guint c = 0; shown[c]; c++)
    g_assert_cmpstr (shown[c], ==, json_array_get_string_element (headings, c));
  for (guint e = 0; e < json_array_get_length (events); e++)
    {
      JsonArray *row = json_object_get_array_member (json_array_get_object_element (events, e),
                                                     "table");
      char **panel = g_ptr_array_index (summary, e + 1);

      shown = g_ptr_array_index (table, e + 1);
      g_assert_cmpuint (g_strv_length (shown), ==, json_array_get_length (row));
      for (guint c = 0; shown[c]; c++)
        g_assert_cmpstr (shown[c], ==, json_array_get_string_element (row, c));
      /* The panel: the event, its largest drawdown, its day back at t-1. */
      g_assert_cmpstr (panel[0], ==, json_array_get_string_element (row, 0));
      g_assert_cmpstr (panel[1], ==, json_array_get_string_element (row, n_columns - 2));
      g_assert_cmpstr (panel[2], ==, json_array_get_string_element (row, n_columns - 1));
    }
}

static void
show_analogues (CcWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s",
                                             "analogues"));
  cc_ui_test_iterate (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->chart_stack), ==, "analogues");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->compare_view)));
}

static void
test_table_equals_cli (void)
{
  const CcDate dates[] = { cc_date_from_ymd (2025, 11, 3), cc_date_from_ymd (2026, 7, 1) };
  const char *mu[] = { "--item", "MU", "--event", "2025-11-03", "--event", "2026-07-01",
                       "--window", "-20,+120", NULL };
  const char *ratio[] = { "--item", "basket:memory/basket:gpu", "--event", "2025-11-03",
                          "--event", "2026-07-01", "--window",
                          "-20,+120", NULL };
  g_autoptr(JsonNode) mu_json = NULL;
  g_autoptr(JsonNode) ratio_json = NULL;
  CcAnalogueSummary *summary;
  const CcAnalogueSet *set;
  const CcAnaloguePath *latest;
  g_autofree char *expected_now = NULL;
  CcWindow *window;

  reset_settings ();
  window = new_window ();
  summary = cc_side_panel_get_analogue_summary (window->side_panel);
  /* The chart is the default; the page is one switch away. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->chart_stack), ==, "chart");
  show_analogues (window);

  cc_compare_view_set_item (window->compare_view, "MU");
  cc_compare_view_set_events (window->compare_view, dates, G_N_ELEMENTS (dates));
  /* The window end drop-down is the page's own: t+120. */
  {
    GtkWidget *w;

    for (w = gtk_widget_get_first_child (GTK_WIDGET (window->compare_view)); w;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BOX (w))
        break;
    for (w = gtk_widget_get_first_child (w); w; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_DROP_DOWN (w) &&
          g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (w))) == 3)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (w), 1);
  }
  cc_ui_test_iterate (100);
  mu_json = run_cli_json (mu);
  assert_same_as_cli (window, mu_json);

  /* Where today sits: 1 July 2026 is t+66 on 5 October, inside t+120; the November event is
   * whole there. */
  set = cc_compare_view_get_set (window->compare_view);
  latest = g_ptr_array_index (set->paths, 1);
  g_assert_cmpint (latest->last_day, ==, 66);
  {
    const CcAnaloguePath *other = g_ptr_array_index (set->paths, 0);
    g_autofree char *value = cc_format_return (latest->value[66 + 20]);
    g_autofree char *then = cc_format_return (other->value[66 + 20]);

    expected_now = g_strdup_printf ("Today: t+66 after %s: %s, against %s for the one other "
                                    "event at t+66", latest->label, value, then);
  }
  g_assert_cmpstr (cc_analogue_summary_get_now (summary), ==, expected_now);
  /* The CLI's JSON carries the same line and its numbers: days since the latest event, its
   * path today, its largest drawdown so far, whether it is back at t-1. */
  {
    JsonObject *today = json_object_get_object_member (json_node_get_object (mu_json), "today");
    g_autofree char *date = cc_date_to_iso (cc_calendar_add_trading_days (latest->day0, 66));

    g_assert_nonnull (today);
    g_assert_cmpstr (json_object_get_string_member (today, "text"), ==,
                     cc_analogue_summary_get_now (summary));
    g_assert_cmpint (json_object_get_int_member (today, "event_index"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (today, "days_since"), ==, 66);
    g_assert_cmpstr (json_object_get_string_member (today, "day0"), ==, "2026-07-01");
    g_assert_cmpstr (json_object_get_string_member (today, "date"), ==, date);
    g_assert_cmpstr (date, ==, "2026-10-05");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (today, "value"),
                                    latest->value[66 + 20], 1e-12);
    g_assert_true (latest->has_drawdown);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (today, "drawdown_so_far"),
                                    latest->drawdown, 1e-12);
    g_assert_cmpint (json_object_get_boolean_member (today, "recovered"), ==,
                     latest->recovered);
    g_assert_cmpint (json_object_get_int_member (today, "others"), ==, 1);
  }

  /* A ratio is an item too, with plain returns, and the panel follows. */
  cc_compare_view_set_item (window->compare_view, "basket:memory/basket:gpu");
  cc_ui_test_iterate (100);
  ratio_json = run_cli_json (ratio);
  assert_same_as_cli (window, ratio_json);
  g_assert_nonnull (strstr (cc_compare_view_get_notes (window->compare_view),
                            "A ratio is already measured against its second side"));
  cc_compare_view_set_item (window->compare_view, "MU");
  cc_ui_test_iterate (100);
  linger ();

  /* Back to the chart. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "chart"));
  cc_ui_test_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->chart_stack), ==, "chart");
  gtk_window_close (GTK_WINDOW (window));
  cc_ui_test_iterate (50);
}

/* A loopback Yahoo with MU's daily closes from 2006 on; it counts and keeps the requests. */
typedef struct
{
  GBytes    *body;
  GPtrArray *requests;   /* "SYMBOL?query" */
} Server;

static void
yahoo_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *state = user_data;
  GUri *uri = soup_server_message_get_uri (msg);

  g_ptr_array_add (state->requests, g_strdup_printf ("%s?%s", g_uri_get_path (uri),
                                                     g_uri_get_query (uri)));
  if (!g_str_has_suffix (path, "/MU"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (state->body, NULL),
                                    g_bytes_get_size (state->body));
}

/* Daily closes of MU over [2006-01-03, 2026-10-05], trading days only, in Yahoo's layout. */
static GBytes *
long_history_body (void)
{
  GString *ts = g_string_new (NULL);
  GString *closes = g_string_new (NULL);
  CcDate day = cc_calendar_trading_day_on_or_after (cc_date_from_ymd (2006, 1, 3));
  CcDate last = cc_date_from_ymd (2026, 10, 5);
  guint i = 0;
  g_autofree char *ts_text = NULL;
  g_autofree char *close_text = NULL;
  char *body;

  for (; day <= last; day = cc_calendar_add_trading_days (day, 1), i++)
    {
      /* 14:30 UTC: the New York open. */
      g_string_append_printf (ts, "%s%" G_GINT64_FORMAT, i ? "," : "",
                              (gint64) day * 86400 + 14 * 3600 + 30 * 60);
      g_string_append_printf (closes, "%s%.2f", i ? "," : "", 20.0 + (i % 500) * 0.05);
    }
  ts_text = g_string_free (ts, FALSE);
  close_text = g_string_free (closes, FALSE);
  body = g_strdup_printf ("{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\","
                          "\"symbol\":\"MU\",\"exchangeTimezoneName\":\"America/New_York\","
                          "\"gmtoffset\":-14400,\"timezone\":\"EDT\",\"instrumentType\":"
                          "\"EQUITY\",\"dataGranularity\":\"1d\"},\"timestamp\":[%s],"
                          "\"indicators\":{\"quote\":[{\"close\":[%s]}],\"adjclose\":"
                          "[{\"adjclose\":[%s]}]}}],\"error\":null}}",
                          ts_text, close_text, close_text);
  return g_bytes_new_take (body, strlen (body));
}

static void
test_history_on_demand (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CcEvent) crash = cc_event_new (cc_date_from_ymd (2008, 10, 6), CC_EVENT_PRECISION_DAY,
                                           "October 2008 sell-off");
  CcDataset *dataset = cc_application_get_dataset (app);
  const CcDate dates[] = { cc_date_from_ymd (2008, 10, 6), cc_date_from_ymd (2026, 7, 1) };
  Server state = { long_history_body (), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) table = NULL;
  gint64 deadline;
  CcWindow *window;
  GSList *uris;

  soup_server_add_handler (server, "/v8/finance/chart", yahoo_handler, &state, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  reset_settings ();
  g_settings_set_string (cc_application_get_settings (app), "yahoo-url", url);
  cc_event_set_user (crash, TRUE);
  cc_dataset_add_event (dataset, crash);
  window = new_window ();
  show_analogues (window);
  cc_compare_view_set_item (window->compare_view, "MU");
  cc_compare_view_set_events (window->compare_view, dates, G_N_ELEMENTS (dates));
  cc_ui_test_iterate (100);

  /* Offline, with the bundled year: the 2008 event is named as left out, the other drawn. */
  g_assert_true (cc_compare_view_needs_history (window->compare_view));
  g_assert_nonnull (strstr (cc_compare_view_get_notes (window->compare_view),
                            "October 2008 sell-off: left out, outside the data for MU "
                            "(2025-10-06 to 2026-10-05)"));
  table = cc_compare_view_get_table (window->compare_view);
  g_assert_cmpuint (table->len, ==, 2);
  g_clear_pointer (&table, g_ptr_array_unref);
  /* Nothing was fetched at start. */
  g_assert_cmpuint (state.requests->len, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-history", "s",
                                             "MU"));
  g_assert_true (_cc_window_is_loading_history (window));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (_cc_window_is_loading_history (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cc_window_is_loading_history (window));
  cc_ui_test_iterate (200);

  /* One request, for MU only, asking for everything. */
  g_assert_cmpuint (state.requests->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (state.requests, 0),
                                   "/v8/finance/chart/MU?"));
  g_assert_nonnull (strstr (g_ptr_array_index (state.requests, 0), "range=max"));
  g_assert_null (window->last_error);

  /* The 2008 event is lined up now, from the fetched closes. */
  g_assert_false (cc_compare_view_needs_history (window->compare_view));
  g_assert_null (strstr (cc_compare_view_get_notes (window->compare_view), "left out"));
  table = cc_compare_view_get_table (window->compare_view);
  g_assert_cmpuint (table->len, ==, 3);
  g_assert_cmpstr (((char **) g_ptr_array_index (table, 1))[0], ==, "October 2008 sell-off");
  g_assert_cmpstr (((char **) g_ptr_array_index (table, 1))[1], ==, "6 Oct 2008");

  cc_dataset_remove_event (dataset, cc_event_get_id (crash));
  gtk_window_close (GTK_WINDOW (window));
  cc_ui_test_iterate (50);
  g_ptr_array_unref (state.requests);
  g_bytes_unref (state.body);
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
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (!cc_ui_test_open_display ())
    return 77;

  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/analogues/table-equals-cli", test_table_equals_cli);
  g_test_add_func ("/ui/analogues/history-on-demand", test_history_on_demand);

  ret = g_test_run ();
  g_object_unref (app);
  cc_ui_test_remove_tree (home);
  return ret;
}
