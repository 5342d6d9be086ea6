/* test-edgar-monitors.c: what is built on SEC EDGAR's replies, against a loopback SoupServer
 * serving tests/data/edgar-monitors (invented filings and round figures, written by
 * make-fixtures.py there): `chipcycle analyze --filings`, the event study over a company's
 * results days, with its numbers checked independently (check-study.py there); and `chipcycle
 * monitors`, the four monitors fed by reported numbers, each figure checked by hand. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "cc-bundled-dataset.h"
#include "cc-edgar-client.h"
#include "cc-filing-study.h"
#include "cc-test-data.h"
#include "cc-test-edgar-server.h"

#define CONTACT "Jane Doe jane.doe@example.org"
#define FOLDER "edgar-monitors"

static char *cache_dir;

static int
run_cli (char       **out,
         char       **err,
         const char  *contact,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CHIPCYCLE_BIN"));
  va_start (args, contact);
  for (const char *arg = va_arg (args, const char *); arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (contact != NULL)
    g_subprocess_launcher_setenv (launcher, "CHIPCYCLE_EDGAR_CONTACT", contact, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CHIPCYCLE_EDGAR_CONTACT");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("chipcycle did not exit: %s", *err);
  return g_subprocess_get_exit_status (process);
}

static void
test_average (void)
{
  /* By hand: mean 2, deviations -1 0 1, s = 1, t = 2 / (1 / sqrt 3) = 3.4641 */
  static const double values[] = { 1, 2, 3 };
  double mean, t;

  g_assert_true (cc_filing_study_average (values, 3, &mean, &t));
  g_assert_cmpfloat_with_epsilon (mean, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (t, 2 * sqrt (3), 1e-12);
  g_assert_true (cc_filing_study_average (values, 1, &mean, &t));
  g_assert_cmpfloat (mean, ==, 1);
  g_assert_true (isnan (t));
  g_assert_false (cc_filing_study_average (values, 0, &mean, &t));
}

static void
test_cli_study (void)
{
  CcTestEdgarServer *server;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *windows, *events;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  server = cc_test_edgar_server_start (FOLDER);

  /* No contact: a clear message, a usage status and not one request. */
  status = run_cli (&out, &err, NULL, "analyze", "--filings", "MU", "--items", "2.02", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "chipcycle analyze: --filings: SEC EDGAR asks"));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, 0);

  /* MU's last three results days (2.02): 2026-03-19, 06-25, 09-24 (each accepted after the
   * close the day before). Expected numbers from check-study.py. */
  status = run_cli (&out, &err, CONTACT, "analyze", "--filings", "MU", "--items", "2.02",
                    "--last", "3", "--json", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "symbol"), ==, "MU");
  events = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0),
                                                  "event_day"), ==, "2026-03-19");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2),
                                                  "event_day"), ==, "2026-09-24");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2),
                                                  "items"), ==, "2.02 9.01");
  {
    JsonObject *first = json_array_get_object_element (events, 0);
    JsonArray *cars = json_object_get_array_member (first, "cars");

    g_assert_cmpint (json_object_get_int_member (first, "estimation_days"), ==, 102);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "beta"), 1.321662,
                                    1e-6);
    g_assert_cmpfloat_with_epsilon (
      json_object_get_double_member (json_array_get_object_element (cars, 1), "car"),
      0.04727769, 1e-8);
  }
  /* The last event has no CAR[0,+20]: its twentieth day is after the data. */
  g_assert_true (json_object_get_null_member (
    json_array_get_object_element (json_object_get_array_member (
      json_array_get_object_element (events, 2), "cars"), 3), "car"));

  windows = json_object_get_array_member (root, "windows");
  {
    static const struct { guint n; double mean, t; } expected[] = {
      { 3, 0.01715778, 1.120631 },
      { 3, 0.02287083, 0.962949 },
      { 3, 0.00505570, 0.193958 },
      { 2, 0.02415569, 0.247335 },
    };

    for (guint w = 0; w < G_N_ELEMENTS (expected); w++)
      {
        JsonObject *o = json_array_get_object_element (windows, w);

        g_assert_cmpint (json_object_get_int_member (o, "events"), ==, expected[w].n);
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "mean_car"),
                                        expected[w].mean, 1e-8);
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "t"),
                                        expected[w].t, 1e-6);
      }
  }

  /* The text table says the same. */
  status = run_cli (&out, &err, CONTACT, "analyze", "--filings", "MU", "--items", "2.02",
                    "--last", "3", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Event study over 3 filings of MU"));
  g_assert_nonnull (strstr (out, "CAR[-1,+1]     3           +2.29%     +0.96\n"));
  g_assert_nonnull (strstr (out, "2026-06-25 8-K    2.02 9.01"));

  /* --forms alone: MU's three 10-Qs. */
  status = run_cli (&out, &err, CONTACT, "analyze", "--filings", "MU", "--forms", "10-Q",
                    "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"event_day\" : \"2025-12-22\""));
  g_assert_null (strstr (out, "2.02"));

  /* A symbol the offline prices do not have. */
  status = run_cli (&out, &err, CONTACT, "analyze", "--filings", "MSFT", "--items", "2.02",
                    NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "no prices of MSFT"));

  cc_test_edgar_server_stop (server);
}

static JsonObject *
find_monitor (JsonObject *root,
              const char *id)
{
  JsonArray *monitors = json_object_get_array_member (root, "monitors");

  for (guint i = 0; i < json_array_get_length (monitors); i++)
    {
      JsonObject *m = json_array_get_object_element (monitors, i);

      if (g_str_equal (json_object_get_string_member (m, "id"), id))
        return m;
    }
  g_assert_not_reached ();
}

/* The point of @m's headline series for @year Q@quarter. */
static JsonObject *
find_point (JsonObject *m,
            int         year,
            int         quarter)
{
  JsonArray *points = json_object_get_array_member (m, "points");

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *p = json_array_get_object_element (points, i);

      if (json_object_get_int_member (p, "year") == year &&
          json_object_get_int_member (p, "quarter") == quarter)
        return p;
    }
  return NULL;
}

static void
test_cli_monitors (void)
{
  CcTestEdgarServer *server;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *m, *p;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  server = cc_test_edgar_server_start (FOLDER);

  status = run_cli (&out, &err, NULL, "monitors", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "chipcycle monitors: SEC EDGAR asks"));
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, 0);

  status = run_cli (&out, &err, CONTACT, "monitors", "--as-of", "2026-10-05", "--json", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, "SEC EDGAR");
  g_assert_false (json_object_get_null_member (root, "fetched_at"));

  /* Capex, calendar 2026 Q1: META 20 + MSFT 25 (its fiscal Q3) + GOOGL 30 + AMZN 40 + ORCL 10
   * (December to February, its fiscal Q3: the middle is in January) = 125 bn; a year before
   * 13 + 16 + 17 + 24 + 5 = 75 bn, so +66.67%. */
  m = find_monitor (root, "capex");
  p = find_point (m, 2026, 1);
  g_assert_cmpfloat (json_object_get_double_member (p, "value"), ==, 125e9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "change"), 125.0 / 75 - 1,
                                  1e-12);
  /* Calendar 2025 Q2: MSFT's fiscal Q4 is its year (64) minus nine months (47) = 17, ORCL's
   * 19 − 10 = 9: 16 + 17 + 22 + 31 + 9 = 95 bn. */
  g_assert_cmpfloat (json_object_get_double_member (find_point (m, 2025, 2), "value"), ==, 95e9);
  /* Before 2025 only MSFT and ORCL have figures here: no sum, and who is missing. */
  p = find_point (m, 2024, 4);
  g_assert_true (json_object_get_null_member (p, "value"));
  g_assert_cmpstr (json_object_get_string_member (p, "missing"), ==, "META, GOOGL, AMZN");
  g_assert_cmpstr (json_object_get_string_member (m, "last_guidance"), ==, "2026-09-10");
  g_assert_cmpstr (json_object_get_string_member (m, "last_guidance_symbol"), ==, "ORCL");
  /* GOOGL's results of 2026-07-23 after the close (day 07-24), thirteen weeks on. */
  g_assert_cmpstr (json_object_get_string_member (m, "next_guidance_estimate"), ==,
                   "2026-10-23");
  g_assert_nonnull (strstr (json_object_get_string_member (m, "sentence"), "$125.0 bn"));

  /* Micron, fiscal 2026 Q2 (to 2026-02-26): 9600 / 16000 = 60%; fiscal 2025 Q2 3000 / 8000 =
   * 37.5%: +22.5 points. Fiscal 2025 Q4: (14800 − 9800) / (36000 − 25000) = 45.45%. */
  m = find_monitor (root, "memory-prices");
  g_assert_true (json_object_get_boolean_member (m, "proxy"));
  g_assert_nonnull (strstr (json_object_get_string_member (m, "source"),
                            "RevenueFromContractWithCustomerExcludingAssessedTax"));
  p = find_point (m, 2026, 2);
  g_assert_cmpstr (json_object_get_string_member (p, "end"), ==, "2026-02-26");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "value"), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "change"), 0.225, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (find_point (m, 2025, 4),
                                                                 "value"), 5.0 / 11, 1e-12);

  /* NVIDIA, fiscal 2027 Q2 (to 2026-07-26): 92 / 46 − 1 = +100%; fiscal 2026 Q4 (to
   * 2026-01-25): (215 − 147) / (130 − 91) − 1 = 68 / 39 − 1. */
  m = find_monitor (root, "ai-adoption");
  p = find_point (m, 2027, 2);
  g_assert_cmpstr (json_object_get_string_member (p, "end"), ==, "2026-07-26");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "value"), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (find_point (m, 2026, 4),
                                                                 "value"), 68.0 / 39 - 1, 1e-12);

  /* Miners' 8-K item 1.01: 2026 Q1 IREN twice, CORZ once; Q2 IREN and WULF. */
  m = find_monitor (root, "miner-contracts");
  g_assert_cmpfloat (json_object_get_double_member (find_point (m, 2026, 1), "value"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (find_point (m, 2026, 2), "value"), ==, 2);
  g_assert_null (find_point (m, 2026, 3));

  status = run_cli (&out, &err, CONTACT, "monitors", "--as-of", "2026-10-05", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Memory pricing proxy (a proxy)"));
  g_assert_nonnull (strstr (out, "2024 Q4  2024-12-31  no sum: no figure from META, GOOGL, AMZN"));

  cc_test_edgar_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cache_dir = g_dir_make_tmp ("chipcycle-monitors-XXXXXX", NULL);

  g_test_add_func ("/edgar-monitors/study/average", test_average);
  g_test_add_func ("/edgar-monitors/study/cli", test_cli_study);
  g_test_add_func ("/edgar-monitors/monitors/cli", test_cli_monitors);

  status = g_test_run ();
  cc_test_remove_tree (cache_dir);
  g_free (cache_dir);
  return status;
}
