/* test-monitors.c: the side panel's monitor cards in the real window, against a loopback
 * SoupServer serving tests/data/edgar-monitors: without a contact they say where their numbers
 * would come from and offer the contact dialog, with no request; with one, the capex card
 * shows the hand-checked sum of calendar 2026 Q1 (20 + 25 + 30 + 40 + 10 = $125.0 bn, +66.7%
 * on 75). */
#define G_LOG_DOMAIN "test-monitors"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cc-application.h"
#include "cc-monitor-card.h"
#include "cc-side-panel.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "../providers/cc-test-edgar-server.h"

static CcApplication *app;
static CcTestEdgarServer *server;

static GtkWidget *
find_cards (GtkWidget *widget)
{
  return cc_ui_test_find_type (widget, CC_TYPE_MONITOR_CARDS);
}

static void
test_offline (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  CcWindow *window;
  GtkWidget *cards;
  g_autofree char *text = NULL;

  g_settings_set_string (settings, "edgar-contact", "");
  window = cc_ui_test_new_window (app, 1280, 800);
  cards = find_cards (GTK_WIDGET (window));
  g_assert_nonnull (cards);
  cc_ui_test_iterate (200);
  text = cc_monitor_cards_describe (CC_MONITOR_CARDS (cards), CC_MONITOR_CAPEX);
  g_assert_nonnull (strstr (text, "From SEC EDGAR: the capital expenditure Meta"));
  g_assert_nonnull (cc_ui_test_find_actionable (cards, "app.edgar-contact", NULL));
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, 0);
  cc_ui_test_close_window (window);
}

static void
test_capex_sum (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  CcWindow *window;
  GtkWidget *cards;
  g_autofree char *text = NULL;
  gint64 deadline;

  g_settings_set_string (settings, "edgar-contact", "Jane Doe jane.doe@example.org");
  window = cc_ui_test_new_window (app, 1280, 800);
  cards = find_cards (GTK_WIDGET (window));
  g_assert_nonnull (cards);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (cc_monitor_cards_is_busy (CC_MONITOR_CARDS (cards)) &&
         g_get_monotonic_time () < deadline)
    cc_ui_test_iterate (50);
  g_assert_false (cc_monitor_cards_is_busy (CC_MONITOR_CARDS (cards)));
  text = cc_monitor_cards_describe (CC_MONITOR_CARDS (cards), CC_MONITOR_CAPEX);
  g_test_message ("%s", text);
  /* The quarter the figure is of, then its change. */
  g_assert_nonnull (strstr (text, "\n$125.0 bn\n2026 Q1 · +66.7% on a year\n"));
  g_assert_nonnull (strstr (text, "Fetched from SEC EDGAR "));
  g_assert_null (strstr (text, "Stale"));
  g_assert_true (cc_ui_test_shows_text (cards, "$125.0 bn"));
  g_clear_pointer (&text, g_free);
  text = cc_monitor_cards_describe (CC_MONITOR_CARDS (cards), CC_MONITOR_MEMORY_PRICES);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\n60.0%\nfiscal 2026 Q2 · +22.5 pts on a year\n"));
  g_assert_nonnull (strstr (text, "not a spot price"));

  /* The figures feed the assessment (as of the data's last day, 5 Oct 2026), and each card
   * says what its rule adds, naming the quarter and the filing: capex +66.7% in 2026 Q1 is at
   * least 30%, so edgar-capex-still-climbing weighs for the bull case and overbuilding. */
  {
    CcSidePanel *panel = CC_SIDE_PANEL (cc_ui_test_find_type (GTK_WIDGET (window),
                                                              CC_TYPE_SIDE_PANEL));
    CcAnalysis *analysis;
    GPtrArray *reasons;
    gboolean found = FALSE;
    g_autofree char *capex = NULL;
    g_autofree char *shown = NULL;

    g_assert_nonnull (panel);
    cc_ui_test_iterate (100);
    cc_side_panel_update_now (panel);
    analysis = cc_side_panel_get_analysis (panel);
    g_assert_nonnull (analysis);
    reasons = cc_assessment_get_reasons (analysis->assessment, CC_TARGET_BULL);
    for (guint i = 0; i < reasons->len; i++)
      found |= g_str_equal (((CcReason *) g_ptr_array_index (reasons, i))->rule_id,
                            "edgar-capex-still-climbing");
    g_assert_true (found);
    capex = cc_monitor_cards_describe (CC_MONITOR_CARDS (cards), CC_MONITOR_CAPEX);
    g_test_message ("%s", capex);
    g_assert_nonnull (strstr (capex, "\nIn the assessment: The hyperscalers’ capex grew 66.7% on "
                                     "a year in 2026 Q1 (the “Hyperscaler capex” monitor, from "
                                     "10-Q 0001326801-26-000105 filed 30 Apr 2026), which points "
                                     "to the bull case. "));
    g_assert_true (cc_ui_test_shows_text (cards, "which points to speculative overbuild."));
    /* The phase card's indicator list now has the monitor's row. */
    shown = cc_side_panel_dup_shown_text (panel, "indicator:edgar_capex_growth");
    g_assert_cmpstr (shown, ==, "+66.7%");
  }

  /* The window's PDF report shows the same figures with their filings. */
  {
    g_autofree char *dir = g_dir_make_tmp ("cc-ui-monitors-report-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *note = NULL;
    g_autofree char *out = NULL;
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    const char *argv[] = { "pdftotext", path, "-", NULL };
    int status;

    g_assert_true (_cc_window_export_pdf_with_report (window, file, 842, 595, &note, &error));
    g_assert_no_error (error);
    g_assert_null (note);
    if (pdftotext != NULL)
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                     NULL, &out, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_nonnull (strstr (out, "Figures reported to SEC EDGAR\nFetched from SEC EDGAR on "));
        g_assert_nonnull (strstr (out, "Hyperscaler capex on a year (SEC EDGAR): +66.7%"));
        g_assert_nonnull (strstr (out, "from 10-Q 0001326801-26-000105 filed 30 Apr 2026"));
        g_assert_null (strstr (out, "Not used: no figures from SEC EDGAR"));
      }
    else
      g_test_message ("pdftotext not installed: the report's text is not checked");
    g_unlink (path);
    g_rmdir (dir);
  }
  g_settings_set_string (settings, "edgar-contact", "");
  cc_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  home = g_dir_make_tmp ("cc-ui-monitors-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("CHIPCYCLE_EDGAR_CONTACT");
  if (!cc_ui_test_open_display ())
    return 77;
  server = cc_test_edgar_server_start ("edgar-monitors");
  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/monitors/offline", test_offline);
  g_test_add_func ("/ui/monitors/capex-sum", test_capex_sum);

  ret = g_test_run ();
  g_clear_object (&app);
  cc_test_edgar_server_stop (server);
  return ret;
}
