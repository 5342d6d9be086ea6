/* test-filing-study.c: the side panel's event study over a company's filings, fed by a
 * SoupServer on 127.0.0.1 serving tests/data/edgar-monitors: nothing asked of EDGAR without a
 * contact (the card says so and offers the contact dialog), and with one, "results of MU"
 * shows, cell by cell, what `chipcycle analyze --filings MU --kind results --json` prints. */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "../cc-test-cli.h"
#include "cc-application.h"
#include "cc-filing-study-card.h"
#include "cc-format.h"
#include "cc-side-panel.h"
#include "cc-test-edgar-server.h"
#include "cc-ui-test.h"
#include "cc-window-private.h"
#include "cc-window.h"

#define CONTACT "Jane Doe jane.doe@example.org"

static CcApplication *app;
static CcTestEdgarServer *server;

static CcWindow *
new_window (void)
{
  static const char * const items[] = { "MU", "NVDA", "^SOX", NULL };
  GSettings *settings = cc_application_get_settings (app);

  cc_ui_test_reset_settings (app);
  g_settings_set_string (settings, "edgar-data-url", server->base_url);
  g_settings_set_string (settings, "edgar-www-url", server->base_url);
  g_settings_set_strv (settings, "items", items);
  return cc_ui_test_new_window (app, 1280, 800);
}

/* The button labelled @label under @widget, shown or scrolled out of sight. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_idle (CcFilingStudyCard *card)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  cc_ui_test_iterate (20);
  while (cc_filing_study_card_is_busy (card) && g_get_monotonic_time () < end)
    cc_ui_test_iterate (20);
  g_assert_false (cc_filing_study_card_is_busy (card));
  cc_ui_test_iterate (50);
}

static void
assert_cell (CcFilingStudyCard *card,
             const char        *key,
             const char        *expected)
{
  g_autofree char *shown = cc_filing_study_card_dup_cell (card, key);

  if (g_strcmp0 (shown, expected) != 0)
    g_error ("%s: the panel shows “%s”, the command line “%s”", key, shown, expected);
}

static char *
json_return (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return cc_format_return (JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node));
}

/* Without a contact the card says why it cannot study, offers the dialog, and sends
 * nothing, even when asked to study. */
static void
test_needs_contact (void)
{
  CcWindow *window = new_window ();
  CcFilingStudyCard *card = cc_side_panel_get_filing_study (window->side_panel);
  guint hits = cc_test_edgar_server_get_hits (server);
  g_autofree char *status = NULL;
  GtkWidget *button;

  g_assert_true (cc_filing_study_card_select (card, "MU", CC_FILING_RESULTS, 8));
  g_assert_false (cc_filing_study_card_select (card, "^SOX", CC_FILING_RESULTS, 8));
  cc_filing_study_card_run (card);
  cc_ui_test_iterate (200);
  g_assert_false (cc_filing_study_card_is_busy (card));
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);
  status = cc_filing_study_card_dup_cell (card, "status");
  g_assert_nonnull (strstr (status, "asks every program for a contact address first"));
  g_assert_null (cc_filing_study_card_dup_cell (card, "summary"));
  button = cc_ui_test_find_actionable (GTK_WIDGET (card), "app.edgar-contact", NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  button = find_button (GTK_WIDGET (card), "_Study");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  cc_ui_test_close_window (window);
}

/* Results of MU over its last 8 results days (10-Q and 8-K 2.02 alike, as the chart's "E"
 * markers): each window's events, mean CAR and t, and each event's day, form and CARs, as
 * the command line prints them. */
static void
test_equals_cli (void)
{
  static const char * const env[] = { "CHIPCYCLE_EDGAR_CONTACT=" CONTACT, NULL };
  CcWindow *window = new_window ();
  CcFilingStudyCard *card = cc_side_panel_get_filing_study (window->side_panel);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *shown_events = NULL;
  JsonArray *windows, *events;
  GtkWidget *button;

  g_settings_set_string (cc_application_get_settings (app), "edgar-contact", CONTACT);
  cc_ui_test_iterate (50);
  {
    GtkWidget *contact = cc_ui_test_find_actionable (GTK_WIDGET (card), "app.edgar-contact",
                                                     NULL);

    g_assert_true (contact == NULL || !gtk_widget_get_visible (contact));
  }
  g_assert_true (cc_filing_study_card_select (card, "MU", CC_FILING_RESULTS, 8));
  button = find_button (GTK_WIDGET (card), "_Study");
  g_assert_true (gtk_widget_get_sensitive (button));
  /* As a click does. */
  g_signal_emit_by_name (button, "clicked");
  wait_idle (card);
  g_assert_null (cc_filing_study_card_dup_cell (card, "status"));

  {
    const char *argv[] = { "analyze", "--filings", "MU", "--kind", "results", "--last", "8",
                           "--json", NULL };

    g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &out, &err, argv), ==, 0);
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    root = json_node_ref (json_parser_get_root (parser));
  }
  windows = json_object_get_array_member (json_node_get_object (root), "windows");
  events = json_object_get_array_member (json_node_get_object (root), "events");

  /* 7 results filings on 7 event days: 8-Ks 2.02 and the 10-Qs after them. */
  g_assert_cmpuint (json_array_get_length (events), ==, 7);
  shown_events = cc_filing_study_card_dup_cell (card, "events");
  g_assert_cmpstr (shown_events, ==, "7");
  summary = cc_filing_study_card_dup_cell (card, "summary");
  g_assert_cmpstr (summary, ==, "MU, Results: 7 event days, market model against the SOX, data "
                                "up to 2026-10-05");

  for (guint w = 0; w < json_array_get_length (windows); w++)
    {
      JsonObject *o = json_array_get_object_element (windows, w);
      g_autofree char *key_n = g_strdup_printf ("window:%u:events", w);
      g_autofree char *key_mean = g_strdup_printf ("window:%u:mean", w);
      g_autofree char *key_t = g_strdup_printf ("window:%u:t", w);
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            json_object_get_int_member (o, "events"));
      g_autofree char *mean = json_return (o, "mean_car");
      JsonNode *t_node = json_object_get_member (o, "t");
      g_autofree char *t = cc_format_t_stat (JSON_NODE_HOLDS_NULL (t_node)
                                               ? NAN : json_node_get_double (t_node));

      assert_cell (card, key_n, n);
      assert_cell (card, key_mean, mean);
      assert_cell (card, key_t, t);
      /* A real number, not a dash on both sides. */
      g_assert_cmpstr (mean, !=, "—");
    }

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      JsonArray *cars = json_object_get_array_member (e, "cars");
      g_autofree char *key_day = g_strdup_printf ("event:%u:day", i);
      g_autofree char *key_form = g_strdup_printf ("event:%u:form", i);
      gboolean observed = g_str_equal (json_object_get_string_member (e, "provenance"),
                                       "observed");
      g_autofree char *day = g_strdup_printf ("%s%s%s",
                                              json_object_get_string_member (e, "event_day"),
                                              json_object_get_boolean_member (e, "intraday")
                                                ? "*" : "",
                                              observed ? "" : " †");

      assert_cell (card, key_day, day);
      assert_cell (card, key_form, json_object_get_string_member (e, "form"));
      for (guint w = 0; w < json_array_get_length (cars); w++)
        {
          g_autofree char *key = g_strdup_printf ("event:%u:car:%u", i, w);
          g_autofree char *car = json_return (json_array_get_object_element (cars, w), "car");

          assert_cell (card, key, car);
        }
      /* The day-0 CAR is the abnormal return the command line names so. */
      {
        g_autofree char *key = g_strdup_printf ("event:%u:ar", i);
        g_autofree char *ar = json_return (e, "abnormal_return");

        assert_cell (card, key, ar);
      }
    }

  /* Fewer days: the last three, newest kept. */
  g_assert_true (cc_filing_study_card_select (card, "MU", CC_FILING_RESULTS, 3));
  cc_filing_study_card_run (card);
  wait_idle (card);
  {
    g_autofree char *n = cc_filing_study_card_dup_cell (card, "events");
    g_autofree char *first = cc_filing_study_card_dup_cell (card, "event:0:day");

    g_assert_cmpstr (n, ==, "3");
    g_assert_cmpstr (first, ==, "2026-06-25 †");
  }
  {
    g_autofree char *fetched = cc_filing_study_card_dup_cell (card, "fetched");
    g_autofree char *stale = cc_filing_study_card_dup_cell (card, "stale");

    g_assert_true (g_str_has_prefix (fetched, "Filings fetched from SEC EDGAR 20"));
    g_assert_cmpstr (stale, ==, "fresh");
  }
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
  /* A fresh home: no EDGAR reply cached by an earlier run. */
  home = cc_ui_test_make_home ("cc-ui-filing-study-XXXXXX");
  g_unsetenv ("CHIPCYCLE_EDGAR_CONTACT");

  if (!cc_ui_test_open_display ())
    return 77;

  server = cc_test_edgar_server_start ("edgar-monitors");
  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/filing-study/needs-contact", test_needs_contact);
  g_test_add_func ("/ui/filing-study/equals-cli", test_equals_cli);

  ret = g_test_run ();
  g_clear_object (&app);
  cc_test_edgar_server_stop (server);
  cc_ui_test_remove_tree (home);
  return ret;
}
