/* test-export-filings.c: `chipcycle export --filings`, against a SoupServer on 127.0.0.1
 * serving tests/data/edgar: the markers and their key are in the layout of the figure written
 * (PNG, PDF and SVG alike) at each filing's event day, on the company's line; without a
 * contact the cache is drawn and nothing is asked, and with neither the export fails clearly
 * without writing. The command runs in this process (cc_cli_run_network(), as
 * `chipcycle-app` runs it) so the chart it drew can be read back; once more through the built
 * `chipcycle`, which hands it over. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "../cc-test-cli.h"
#include "cc-chart-private.h"
#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-cli.h"
#include "cc-test-data.h"
#include "cc-test-edgar-server.h"

#define CONTACT "Jane Doe jane.doe@example.org"
#define D(y, m, d) cc_date_from_ymd (y, m, d)

static CcTestEdgarServer *server;
static char *home;

typedef struct {
  CcDate       day;
  CcFilingKind kind;
  char        *form;
  double       x, y, line_y, expected_x, expected_y;
} Marker;

static GArray *written;      /* Marker of the last export */
static char *written_key;

static void
marker_clear (gpointer p)
{
  g_free (((Marker *) p)->form);
}

/* What the export drew, read back from the chart it has just written. */
static void
written_cb (CcChart *chart)
{
  g_autoptr(GArray) drawn = _cc_chart_get_drawn_filings (chart);

  g_clear_pointer (&written, g_array_unref);
  written = g_array_new (FALSE, TRUE, sizeof (Marker));
  g_array_set_clear_func (written, marker_clear);
  for (guint i = 0; i < drawn->len; i++)
    {
      CcChartDrawnFiling *d = &g_array_index (drawn, CcChartDrawnFiling, i);
      g_autoptr(GArray) values = cc_chart_get_values_at (chart, d->event_day);
      Marker m = { d->event_day, d->kind, g_strdup (d->form), d->x, d->y, d->line_y,
                   cc_chart_x_for_date (chart, d->event_day), NAN };

      g_assert_true (d->drawn);
      g_assert_cmpstr (d->item, ==, "MU");
      for (guint j = 0; j < values->len; j++)
        {
          CcChartValue *v = &g_array_index (values, CcChartValue, j);

          if (g_str_equal (v->item, "MU") && v->has_value)
            m.expected_y = v->y;
        }
      g_array_append_val (written, m);
    }
  g_free (written_key);
  written_key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
}

/* `chipcycle export --output FILE --symbols MU,^SOX --filings[=KINDS]`, in this process. */
static int
run_export (const char *output,
            const char *kinds)
{
  g_autofree char *filings = kinds ? g_strconcat ("--filings=", kinds, NULL)
                                   : g_strdup ("--filings");
  char *argv[] = { (char *) "chipcycle", (char *) "export", (char *) "--output",
                   (char *) output, (char *) "--symbols", (char *) "MU,^SOX", filings, NULL };

  g_clear_pointer (&written, g_array_unref);
  g_clear_pointer (&written_key, g_free);
  _cc_cli_export_written = written_cb;
  return cc_cli_run_network (G_N_ELEMENTS (argv) - 1, argv);
}

/* The markers of @kind drawn, each at its day's bar and on MU's line there. */
static GArray *
markers_of (CcFilingKind kind)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (CcDate));

  g_assert_nonnull (written);
  for (guint i = 0; i < written->len; i++)
    {
      Marker *m = &g_array_index (written, Marker, i);

      if (m->kind != kind)
        continue;
      g_assert_false (isnan (m->expected_x));
      g_assert_cmpfloat_with_epsilon (m->x, m->expected_x, 0.01);
      g_assert_false (isnan (m->expected_y));
      g_assert_cmpfloat_with_epsilon (m->line_y, m->expected_y, 0.01);
      g_array_append_val (days, m->day);
    }
  return days;
}

/* MU's results: the 10-K accepted on Friday 31 October 2025 at 16:30 New York time reacts on
 * Monday 3 November; the 8-K 2.02 of 2 July 2026, 16:30, before the 3 July holiday, on 6 July.
 * Its agreement of 2025 is before the line, and other 8-Ks are not asked for. */
static void
test_formats (void)
{
  static const char * const formats[] = { "png", "pdf", "svg" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%-d %b %Y");
  g_autofree char *key = g_strdup_printf ("Filings (SEC EDGAR, fetched %s): E results (10-Q, "
                                          "10-K, 20-F, 8-K 2.02)", today);

  g_setenv ("CHIPCYCLE_EDGAR_CONTACT", CONTACT, TRUE);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("mu.%s", formats[f]);
      g_autofree char *output = g_build_filename (home, name, NULL);
      g_autoptr(GArray) results = NULL;
      g_autoptr(GArray) other = NULL;

      g_test_message ("%s", name);
      g_assert_cmpint (run_export (output, NULL), ==, 0);
      g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
      results = markers_of (CC_FILING_RESULTS);
      other = markers_of (CC_FILING_OTHER);
      g_assert_cmpuint (results->len, ==, 2);
      g_assert_cmpint (g_array_index (results, CcDate, 0), ==, D (2025, 11, 3));
      g_assert_cmpint (g_array_index (results, CcDate, 1), ==, D (2026, 7, 6));
      g_assert_cmpuint (other->len, ==, 0);
      g_assert_cmpstr (written_key, ==, key);
    }
  /* Asked once: the other formats drew from the cache. */
  g_assert_cmpuint (cc_test_edgar_server_count_path (server, "/submissions/CIK0000723125.json"),
                    ==, 1);
}

/* "other": the 8-K 2.05 accepted during the session of 3 November 2025 and the 8-K 8.01 of
 * Good Friday 3 April 2026, which reacts on 6 April; no results. */
static void
test_kinds (void)
{
  g_autofree char *output = g_build_filename (home, "other.png", NULL);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GArray) other = NULL;

  g_setenv ("CHIPCYCLE_EDGAR_CONTACT", CONTACT, TRUE);
  g_assert_cmpint (run_export (output, "other"), ==, 0);
  results = markers_of (CC_FILING_RESULTS);
  other = markers_of (CC_FILING_OTHER);
  g_assert_cmpuint (results->len, ==, 0);
  g_assert_cmpuint (other->len, ==, 2);
  g_assert_cmpint (g_array_index (other, CcDate, 0), ==, D (2025, 11, 3));
  g_assert_cmpint (g_array_index (other, CcDate, 1), ==, D (2026, 4, 6));
  g_assert_nonnull (strstr (written_key, "other 8-K"));

  g_assert_cmpint (run_export (output, "results,other"), ==, 0);
  g_assert_cmpuint (written->len, ==, 4);
}

/* Without a contact: what is cached is drawn and nothing is asked; with nothing cached, a
 * clear error, a usage status and no file. */
static void
test_no_contact (void)
{
  g_autofree char *output = g_build_filename (home, "cached.png", NULL);
  g_autofree char *empty_cache = g_build_filename (home, "empty-cache", NULL);
  g_autofree char *cache_env = g_strconcat ("XDG_CACHE_HOME=", empty_cache, NULL);
  g_autofree char *nowhere = g_build_filename (home, "nowhere.png", NULL);
  const char *env[] = { cache_env, NULL };
  const char *args[] = { "export", "--output", nowhere, "--symbols", "MU", "--filings",
                         "results", NULL };
  g_autofree char *err = NULL;
  g_autoptr(GArray) results = NULL;
  guint hits;

  g_unsetenv ("CHIPCYCLE_EDGAR_CONTACT");
  hits = cc_test_edgar_server_get_hits (server);
  g_assert_cmpint (run_export (output, "results"), ==, 0);
  results = markers_of (CC_FILING_RESULTS);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);

  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, NULL, &err, args), ==, 2);
  g_assert_nonnull (strstr (err, "chipcycle export: --filings: SEC EDGAR asks every program"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);
}

/* Through the built `chipcycle`, which hands `export --filings` to `chipcycle-app`. */
static void
test_dispatch (void)
{
  g_autofree char *output = g_build_filename (home, "dispatch.pdf", NULL);
  const char *env[] = { "CHIPCYCLE_EDGAR_CONTACT=" CONTACT, NULL };
  const char *args[] = { "export", "--output", output, "--symbols", "MU", "--filings",
                         "results", NULL };
  const char *bad[] = { "export", "--output", output, "--filings=results,nonsense", NULL };
  const char *csv[] = { "export", "--output", "view.csv", "--filings", NULL };
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, NULL, &err, args), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (output, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, NULL, &err, bad), ==, 2);
  g_assert_nonnull (strstr (err, "“results,nonsense” is not a list of kinds of filing"));
  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, NULL, &err, csv), ==, 2);
  g_assert_nonnull (strstr (err, "does not go with a .csv output"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  home = g_dir_make_tmp ("cc-export-filings-XXXXXX", NULL);
  cache_dir = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  /* Event days and acceptance times do not depend on the tester's zone. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  server = cc_test_edgar_server_start ("edgar");

  g_test_add_func ("/export-filings/formats", test_formats);
  g_test_add_func ("/export-filings/kinds", test_kinds);
  g_test_add_func ("/export-filings/no-contact", test_no_contact);
  g_test_add_func ("/export-filings/dispatch", test_dispatch);

  ret = g_test_run ();
  cc_test_edgar_server_stop (server);
  g_clear_pointer (&written, g_array_unref);
  g_free (written_key);
  cc_test_remove_tree (home);
  g_free (home);
  return ret;
}
