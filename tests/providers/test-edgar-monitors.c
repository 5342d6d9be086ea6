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

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "cc-edgar-client.h"
#include "cc-edgar-monitors.h"
#include "cc-filing-study.h"
#include "cc-test-data.h"
#include "cc-test-edgar-server.h"

#define CONTACT "Jane Doe jane.doe@example.org"
#define FOLDER "edgar-monitors"

static char *cache_dir;
/* When set, the command reads the window's settings from a keyfile under this folder (as
 * XDG_CONFIG_HOME) instead of the memory backend, which no other process sees. */
static const char *settings_home;

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
  if (settings_home != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", settings_home, TRUE);
    }
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

/* The monitors fetched in this process from the loopback server, counting filings up to
 * 2026-10-05 (the bundled data's last day). */
static CcReportedMonitors *
fetch_monitors (CcTestEdgarServer *server)
{
  g_autofree char *dir = g_build_filename (cache_dir, "in-process", NULL);
  g_autoptr(CcEdgarClient) client = cc_edgar_client_new (dir);
  g_autoptr(GError) error = NULL;
  CcReportedMonitors *monitors;

  cc_edgar_client_set_contact (client, CONTACT);
  cc_edgar_client_set_base_urls (client, server->base_url, server->base_url);
  monitors = cc_edgar_fetch_monitors (client, cc_date_from_ymd (2026, 10, 5), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (monitors);
  for (CcMonitor m = CC_MONITOR_CAPEX; m < CC_N_MONITORS; m++)
    g_assert_nonnull (monitors->monitors[m]);
  return monitors;
}

static const CcReason *
find_reason (CcAssessment *a,
             const char   *rule_id,
             CcTarget      target)
{
  GPtrArray *reasons = cc_assessment_get_reasons (a, target);

  for (guint i = 0; i < reasons->len; i++)
    {
      const CcReason *r = g_ptr_array_index (reasons, i);

      if (g_str_equal (r->rule_id, rule_id))
        return r;
    }
  return NULL;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("expected “%s” in “%s”", part, text ? text : "(null)");
}

/* The built-in rules on the four monitors, as of 2026-10-05, checked by hand:
 *   capex: calendar 2026 Q1 125 bn on 75 bn = +66.67% (>= 30: edgar-capex-still-climbing,
 *     bull +1, overbuild +0.5); the last of its filings, META's 10-Q 0001326801-26-000105,
 *     was filed on 2026-04-30 (the first of the five with the latest date);
 *   Micron: fiscal 2026 Q2 60% against 37.5% = +22.5 points (>= 5: edgar-memory-margin-
 *     widening, absorption +1, bull +0.5);
 *   NVIDIA: fiscal 2027 Q2 92 on 46 = +100% (>= 50: edgar-ai-demand-strong, absorption +1,
 *     bull +1);
 *   miners: 2026 Q3 (the last quarter ended by then) has no item 1.01 (<= 1:
 *     edgar-miners-quiet, base +0.5).
 * So against the same day without EDGAR figures: overbuild +0.5, efficiency 0, absorption +2,
 * bull +2.5, base +0.5, bear 0, and each weight is its score over its card's sum. */
static void
test_rules_weights (void)
{
  static const double delta[CC_N_TARGETS] = { 0.5, 0, 2, 2.5, 0.5, 0 };
  CcTestEdgarServer *server = cc_test_edgar_server_start (FOLDER);
  g_autoptr(CcReportedMonitors) reported = fetch_monitors (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  const char *items[] = { "^SOX", NULL };
  CcDate event = cc_date_from_ymd (2026, 7, 1), as_of = cc_date_from_ymd (2026, 10, 5);
  g_autoptr(CcAnalysis) off = NULL;
  g_autoptr(CcAnalysis) on = NULL;
  CcAssessment *a;
  const CcReason *r;
  const CcIndicator *ind;

  g_assert_no_error (error);
  off = cc_analysis_new_with_edgar (dataset, event, as_of, items, rules, NULL, NULL);
  on = cc_analysis_new_with_edgar (dataset, event, as_of, items, rules, NULL, reported);
  a = on->assessment;

  ind = a->indicators.values;
  g_assert_true (ind[CC_INDICATOR_EDGAR_CAPEX_GROWTH].available);
  g_assert_cmpfloat_with_epsilon (ind[CC_INDICATOR_EDGAR_CAPEX_GROWTH].value,
                                  (125.0 / 75 - 1) * 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (ind[CC_INDICATOR_EDGAR_MEMORY_MARGIN_CHANGE].value, 22.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (ind[CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH].value, 100, 1e-9);
  g_assert_true (ind[CC_INDICATOR_EDGAR_MINER_AGREEMENTS].available);
  g_assert_cmpfloat (ind[CC_INDICATOR_EDGAR_MINER_AGREEMENTS].value, ==, 0);
  g_assert_cmpuint (a->n_matched, ==, off->assessment->n_matched + 4);

  for (CcTarget first = 0; first < CC_N_TARGETS; first += 3)
    {
      double sum = 0;

      for (CcTarget t = first; t < first + 3; t++)
        {
          g_test_message ("%s: %.2f without, %.2f with", cc_target_to_string (t),
                          off->assessment->score[t], a->score[t]);
          g_assert_cmpfloat_with_epsilon (a->score[t], off->assessment->score[t] + delta[t],
                                          1e-12);
          sum += off->assessment->score[t] + delta[t];
        }
      for (CcTarget t = first; t < first + 3; t++)
        g_assert_cmpfloat_with_epsilon (a->weight[t],
                                        (off->assessment->score[t] + delta[t]) / sum, 1e-12);
    }

  /* Each line names the monitor, the quarter and the filing. */
  r = find_reason (a, "edgar-capex-still-climbing", CC_TARGET_BULL);
  g_assert_nonnull (r);
  g_assert_cmpfloat (r->evidence, ==, 1);
  assert_contains (r->sentence, "The hyperscalers’ capex grew 66.7% on a year in 2026 Q1 (the "
                                "“Hyperscaler capex” monitor, from 10-Q 0001326801-26-000105 "
                                "filed 30 Apr 2026), which points to the bull case.");
  assert_contains (r->detail, "Rule “edgar-capex-still-climbing”: edgar_capex_growth = 66.67, "
                              "≥ 30 → bull +1.0");
  g_assert_nonnull (find_reason (a, "edgar-capex-still-climbing", CC_TARGET_OVERBUILD));
  r = find_reason (a, "edgar-memory-margin-widening", CC_TARGET_ABSORPTION);
  g_assert_nonnull (r);
  assert_contains (r->sentence, "rose 22.5 percentage points on a year in fiscal 2026 Q2 (the "
                                "“Memory pricing proxy” monitor, from 10-Q 0000723125-26-");
  r = find_reason (a, "edgar-ai-demand-strong", CC_TARGET_BULL);
  g_assert_nonnull (r);
  assert_contains (r->sentence, "NVIDIA’s revenue, a proxy for AI demand, grew 100.0% on a year "
                                "in fiscal 2027 Q2 (the “AI demand proxy” monitor, from 10-Q "
                                "0001045810-26-");
  assert_contains (r->sentence, "filed 25 Aug 2026)");
  r = find_reason (a, "edgar-miners-quiet", CC_TARGET_BASE);
  g_assert_nonnull (r);
  assert_contains (r->sentence, "filed no material agreement (8-K item 1.01) in 2026 Q3 (the "
                                "“Miners’ AI contracts” monitor, from the SEC EDGAR filings of "
                                "that quarter)");

  /* What each monitor adds, for its card. */
  {
    g_autoptr(GPtrArray) feeds = cc_assessment_get_monitor_reasons (a, CC_MONITOR_CAPEX);

    g_assert_cmpuint (feeds->len, ==, 2);
    g_assert_cmpstr (((CcReason *) g_ptr_array_index (feeds, 0))->rule_id, ==,
                     "edgar-capex-still-climbing");
  }

  /* The timeline agrees with a single evaluation on every day, figures included. */
  {
    g_autoptr(CcAssessor) assessor = cc_assessor_new_full (dataset, rules, reported);
    g_autoptr(CcTimeline) timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID,
                                                           CC_DATE_INVALID);

    for (guint i = 0; i < timeline->n_days; i++)
      {
        g_autoptr(CcAssessment) one = cc_assessor_evaluate (assessor, timeline->days[i].date);

        g_assert_cmpmem (timeline->days[i].weight, sizeof timeline->days[i].weight,
                         one->weight, sizeof one->weight);
      }
  }
  cc_test_edgar_server_stop (server);
}

/* Nothing filed after the as-of date counts: the figures appear on their filing dates. */
static void
test_rules_no_look_ahead (void)
{
  CcTestEdgarServer *server = cc_test_edgar_server_start (FOLDER);
  g_autoptr(CcReportedMonitors) reported = fetch_monitors (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcAssessor) assessor = cc_assessor_new_full (dataset, NULL, reported);
  g_autoptr(CcAssessment) a = NULL;
  const CcIndicator *ind;

  g_assert_no_error (error);
  /* Capex: calendar 2026 Q1 is complete once META, MSFT, GOOGL and AMZN filed their 10-Qs on
   * 2026-04-30; before, the latest complete quarter, 2025 Q4, has no year-before sum (META,
   * GOOGL and AMZN start in 2025 here). */
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 4, 29));
  ind = &a->indicators.values[CC_INDICATOR_EDGAR_CAPEX_GROWTH];
  g_assert_false (ind->available);
  assert_contains (ind->sentence, "not available (no quarter of it was filed on or before "
                                  "29 Apr 2026)");
  g_assert_null (find_reason (a, "edgar-capex-still-climbing", CC_TARGET_BULL));
  g_clear_pointer (&a, cc_assessment_free);
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 4, 30));
  ind = &a->indicators.values[CC_INDICATOR_EDGAR_CAPEX_GROWTH];
  g_assert_true (ind->available);
  g_assert_cmpfloat_with_epsilon (ind->value, (125.0 / 75 - 1) * 100, 1e-9);
  g_clear_pointer (&a, cc_assessment_free);

  /* NVIDIA: fiscal 2027 Q2 (92 on 46) is filed on 2026-08-25; the day before, Q1 (77 on 44,
   * +75%, filed 2026-05-26) is the latest known. */
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 8, 24));
  ind = &a->indicators.values[CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH];
  g_assert_cmpfloat_with_epsilon (ind->value, 75, 1e-9);
  assert_contains (ind->sentence, "fiscal 2027 Q1");
  g_clear_pointer (&a, cc_assessment_free);
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 8, 25));
  g_assert_cmpfloat_with_epsilon (a->indicators.values[CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH].value,
                                  100, 1e-9);
  g_clear_pointer (&a, cc_assessment_free);

  /* Miners: 2026 Q1 (3 filings) counts from its last day; in April 2026 it is the latest
   * quarter ended, so edgar-miners-signing (>= 2) weighs; Q2's 2 from 30 June. */
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 4, 15));
  g_assert_cmpfloat (a->indicators.values[CC_INDICATOR_EDGAR_MINER_AGREEMENTS].value, ==, 3);
  g_assert_nonnull (find_reason (a, "edgar-miners-signing", CC_TARGET_ABSORPTION));
  g_clear_pointer (&a, cc_assessment_free);
  /* Before 2026 Q1 has ended, the latest quarter ended, 2025 Q4, lies before the first
   * quarter with such a filing: not counted as none, left out. */
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 3, 30));
  g_assert_false (a->indicators.values[CC_INDICATOR_EDGAR_MINER_AGREEMENTS].available);
  g_clear_pointer (&a, cc_assessment_free);
  a = cc_assessor_evaluate (assessor, cc_date_from_ymd (2026, 3, 31));
  g_assert_cmpfloat (a->indicators.values[CC_INDICATOR_EDGAR_MINER_AGREEMENTS].value, ==, 3);
  cc_test_edgar_server_stop (server);
}

/* A fresh cache for the test: nothing of SEC EDGAR's read before. */
static void
fresh_cache (void)
{
  g_autofree char *edgar = g_build_filename (cache_dir, "chipcycle", NULL);

  cc_test_remove_tree (edgar);
}

/* `chipcycle analyze` gets the monitors as `chipcycle monitors` does: with a contact from the
 * server, without one from the cache alone, never asking; --no-edgar leaves them out. */
static void
test_rules_cli (void)
{
  CcTestEdgarServer *server;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *offline = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *m;
  JsonArray *feeds;
  guint hits;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  server = cc_test_edgar_server_start (FOLDER);
  fresh_cache ();

  /* No contact, no cache: not one request, and the offline answer. */
  status = run_cli (&offline, &err, NULL, "analyze", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, 0);
  json_parser_load_from_data (parser, offline, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (root, "edgar_monitors"));

  status = run_cli (&out, &err, CONTACT, "analyze", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), >, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  m = json_object_get_object_member (json_object_get_object_member (root, "edgar_monitors"),
                                     "capex");
  g_assert_true (json_object_get_boolean_member (m, "available"));
  g_assert_cmpstr (json_object_get_string_member (m, "indicator"), ==, "edgar_capex_growth");
  feeds = json_object_get_array_member (m, "feeds");
  g_assert_cmpuint (json_array_get_length (feeds), ==, 2);
  assert_contains (json_object_get_string_member (json_array_get_object_element (feeds, 0),
                                                  "sentence"),
                   "from 10-Q 0001326801-26-000105 filed 30 Apr 2026");
  /* The same evidence is in the verdict's own lines. */
  assert_contains (out, "\"rule\" : \"edgar-ai-demand-strong\"");

  /* Without a contact now: the cache alone, asked nothing. */
  hits = cc_test_edgar_server_get_hits (server);
  {
    g_autofree char *cached = NULL;

    status = run_cli (&cached, &err, NULL, "analyze", "--json", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);
    /* (Compared whole: the output runs to thousands of lines.) */
    g_assert_true (g_str_equal (cached, out));
  }

  /* --no-edgar: the offline answer again, byte for byte. */
  status = run_cli (&out, &err, CONTACT, "analyze", "--json", "--no-edgar", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, offline);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);

  /* The text names the monitors' figures among the indicators. */
  status = run_cli (&out, &err, CONTACT, "analyze", NULL);
  g_assert_cmpint (status, ==, 0);
  assert_contains (out, "edgar_capex_growth");
  assert_contains (out, "+66.7%");
  cc_test_edgar_server_stop (server);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The scenario weights of `analyze --json` (scenarios.NAME.weight) or of `analyze --portfolio
 * --json` (stress.scenarios.NAME.weight), bull, base, bear. */
static void
scenario_weights (JsonObject *root,
                  gboolean    portfolio,
                  double      weights[3])
{
  static const char * const names[] = { "bull", "base", "bear" };
  JsonObject *scenarios = portfolio
    ? json_object_get_object_member (json_object_get_object_member (root, "stress"),
                                     "scenarios")
    : json_object_get_object_member (root, "scenarios");

  for (guint s = 0; s < 3; s++)
    weights[s] = json_object_get_double_member (json_object_get_object_member (scenarios,
                                                                               names[s]),
                                                "weight");
}

#define WINDOW_CONTACT "Window User window.user@example.org"

/* The contact typed into the window (the edgar-contact setting) serves `chipcycle analyze` as
 * CHIPCYCLE_EDGAR_CONTACT does, so the window and the command give one assessment; the
 * variable, when set, wins. `analyze --portfolio` stresses the holdings with the scenario
 * weights of that same assessment. */
static void
test_rules_cli_window_contact (void)
{
  CcTestEdgarServer *server;
  g_autofree char *home = g_build_filename (cache_dir, "config", NULL);
  g_autofree char *dir = g_build_filename (home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *holdings = g_test_build_filename (G_TEST_DIST, "data", "portfolio",
                                                     "holdings.csv", NULL);
  g_autofree char *window = NULL;
  g_autofree char *variable = NULL;
  g_autofree char *offline = NULL;
  g_autofree char *stressed = NULL;
  g_autofree char *stressed_offline = NULL;
  g_autofree char *err = NULL;
  g_autofree char *agent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) window_root = NULL;
  g_autoptr(JsonNode) stressed_root = NULL;
  g_autoptr(JsonNode) offline_root = NULL;
  g_autoptr(JsonNode) stressed_offline_root = NULL;
  double analyze_w[3], portfolio_w[3], offline_w[3], portfolio_offline_w[3];
  JsonObject *m;
  gboolean moved = FALSE;
  guint hits;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  server = cc_test_edgar_server_start (FOLDER);
  fresh_cache ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* As the window saves it, with the spaces a paste may bring (the window trims them). */
  g_file_set_contents (keyfile, "[io/github/chipcycle/ChipCycle]\n"
                                "edgar-contact='  " WINDOW_CONTACT " '\n", -1, &error);
  g_assert_no_error (error);
  settings_home = home;

  /* No variable, no cache: the window's contact fetches the monitors. */
  status = run_cli (&window, &err, NULL, "analyze", "--json", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), >, 0);
  agent = cc_test_edgar_server_dup_user_agent (server);
  g_assert_cmpstr (agent, ==, "ChipCycle/" PACKAGE_VERSION " (" WINDOW_CONTACT ")");
  window_root = parse_json (window);
  m = json_object_get_object_member (json_object_get_object_member (
                                       json_node_get_object (window_root), "edgar_monitors"),
                                     "capex");
  g_assert_true (json_object_get_boolean_member (m, "available"));

  /* The same answer as with the variable, from the same cache. */
  settings_home = NULL;
  status = run_cli (&variable, &err, CONTACT, "analyze", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_equal (variable, window));
  settings_home = home;

  /* --portfolio: the stress test weighs the scenarios as analyze does, EDGAR included. */
  status = run_cli (&stressed, &err, NULL, "analyze", "--portfolio", holdings, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  stressed_root = parse_json (stressed);
  scenario_weights (json_node_get_object (window_root), FALSE, analyze_w);
  scenario_weights (json_node_get_object (stressed_root), TRUE, portfolio_w);
  for (guint s = 0; s < 3; s++)
    g_assert_cmpfloat_with_epsilon (portfolio_w[s], analyze_w[s], 1e-12);
  /* Without the monitors both move, together: the figures do weigh on the scenarios. */
  status = run_cli (&offline, &err, NULL, "analyze", "--json", "--no-edgar", NULL);
  g_assert_cmpint (status, ==, 0);
  status = run_cli (&stressed_offline, &err, NULL, "analyze", "--portfolio", holdings,
                    "--json", "--no-edgar", NULL);
  g_assert_cmpint (status, ==, 0);
  offline_root = parse_json (offline);
  stressed_offline_root = parse_json (stressed_offline);
  scenario_weights (json_node_get_object (offline_root), FALSE, offline_w);
  scenario_weights (json_node_get_object (stressed_offline_root), TRUE, portfolio_offline_w);
  for (guint s = 0; s < 3; s++)
    {
      g_assert_cmpfloat_with_epsilon (portfolio_offline_w[s], offline_w[s], 1e-12);
      moved = moved || fabs (offline_w[s] - analyze_w[s]) > 1e-6;
    }
  g_assert_true (moved);

  /* The variable overrides the window's contact. */
  fresh_cache ();
  status = run_cli (&variable, &err, CONTACT, "analyze", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&agent, g_free);
  agent = cc_test_edgar_server_dup_user_agent (server);
  g_assert_cmpstr (agent, ==, "ChipCycle/" PACKAGE_VERSION " (" CONTACT ")");

  /* With the window's contact blank, nothing is asked: the cache alone. */
  fresh_cache ();
  g_file_set_contents (keyfile, "[io/github/chipcycle/ChipCycle]\nedgar-contact='  '\n", -1,
                       &error);
  g_assert_no_error (error);
  hits = cc_test_edgar_server_get_hits (server);
  status = run_cli (&variable, &err, NULL, "analyze", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);
  g_assert_cmpstr (variable, ==, offline);

  settings_home = NULL;
  cc_test_edgar_server_stop (server);
}

/* @pdf's text as pdftotext reads it, on one line: runs of white space as one space, and none
 * after a hyphen where Pango broke a line (accession numbers break there). NULL without
 * pdftotext (the caller skips). */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) space = NULL;
  g_autoptr(GRegex) hyphen = NULL;
  g_autofree char *spaced = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  space = g_regex_new ("\\s+", 0, 0, &error);
  g_assert_no_error (error);
  hyphen = g_regex_new ("-\\s+(?=[0-9])", 0, 0, &error);
  g_assert_no_error (error);
  spaced = g_regex_replace_literal (hyphen, out, -1, 0, "-", 0, &error);
  g_assert_no_error (error);
  return g_regex_replace_literal (space, spaced, -1, 0, " ", 0, &error);
}

/* The bull, base and bear weights as the report prints them ("45%"), from `analyze --json`. */
static char *
scenario_line (JsonObject *root)
{
  double w[3];
  g_autofree char *bull = NULL;
  g_autofree char *base = NULL;
  g_autofree char *bear = NULL;

  scenario_weights (root, FALSE, w);
  bull = cc_format_weight (w[0]);
  base = cc_format_weight (w[1]);
  bear = cc_format_weight (w[2]);
  return g_strdup_printf ("%s / %s / %s", bull, base, bear);
}

/* Each scenario of `analyze --json` @root as the report prints it: "Bull case 45%". */
static void
assert_weights_shown (const char *text,
                      JsonObject *root)
{
  static const char * const names[] = { "bull", "base", "bear" };
  JsonObject *scenarios = json_object_get_object_member (root, "scenarios");

  for (guint s = 0; s < 3; s++)
    {
      JsonObject *o = json_object_get_object_member (scenarios, names[s]);
      g_autofree char *weight = cc_format_weight (json_object_get_double_member (o, "weight"));
      g_autofree char *shown = g_strdup_printf ("%s %s",
                                                json_object_get_string_member (o, "label"),
                                                weight);

      assert_contains (text, shown);
    }
}

/* The PDF report (`chipcycle export --analysis`) shows the figures from SEC EDGAR that fed its
 * assessment, each with the filing it came from and the rule it fed, and weighs the scenarios
 * as `analyze` does; without any figures it says they were not used and shows none. */
static void
test_report_cli (void)
{
  CcTestEdgarServer *server;
  g_autofree char *off_pdf = g_build_filename (cache_dir, "off.pdf", NULL);
  g_autofree char *on_pdf = g_build_filename (cache_dir, "on.pdf", NULL);
  g_autofree char *no_edgar_pdf = g_build_filename (cache_dir, "no-edgar.pdf", NULL);
  g_autofree char *off = NULL;
  g_autofree char *on = NULL;
  g_autofree char *no_edgar = NULL;
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *monitors;
  guint n_sentences = 0;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  server = cc_test_edgar_server_start (FOLDER);
  fresh_cache ();

  /* No contact, no cache: not one request, and the report says so. */
  status = run_cli (&out, &err, NULL, "export", "--analysis", "-o", off_pdf, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, 0);
  off = pdf_text (off_pdf);
  if (off == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      cc_test_edgar_server_stop (server);
      return;
    }
  assert_contains (off, "Figures reported to SEC EDGAR Not used: no figures from SEC EDGAR "
                        "were loaded");
  g_assert_null (strstr (off, "Fetched from SEC EDGAR"));
  g_assert_null (strstr (off, "0001326801-26-000105"));

  /* With a contact: the figures analyze uses, each sentence naming its filing. */
  status = run_cli (&json, &err, CONTACT, "analyze", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  status = run_cli (&out, &err, CONTACT, "export", "--analysis", "-o", on_pdf, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  on = pdf_text (on_pdf);
  assert_contains (on, "Figures reported to SEC EDGAR Fetched from SEC EDGAR on ");
  g_assert_null (strstr (on, "Not used: no figures from SEC EDGAR"));
  root = parse_json (json);
  monitors = json_object_get_object_member (json_node_get_object (root), "edgar_monitors");
  for (CcIndicatorId id = CC_INDICATOR_FIRST_EDGAR; id < CC_N_INDICATORS; id++)
    {
      const char *name = cc_monitor_to_string (cc_indicator_get_monitor (id));
      JsonObject *m = json_object_get_object_member (monitors, name);
      JsonArray *feeds = json_object_get_array_member (m, "feeds");

      g_assert_cmpuint (json_array_get_length (feeds), >, 0);
      for (guint i = 0; i < json_array_get_length (feeds); i++)
        {
          const char *sentence = json_object_get_string_member (
                                   json_array_get_object_element (feeds, i), "sentence");

          assert_contains (on, sentence);
          n_sentences++;
        }
    }
  g_assert_cmpuint (n_sentences, >=, 4);
  /* Where each figure came from, by the filing's accession number and date. */
  assert_contains (on, "Hyperscaler capex on a year (SEC EDGAR): +66.7% The hyperscalers’ capex "
                       "grew 66.7%");
  assert_contains (on, "from 10-Q 0001326801-26-000105 filed 30 Apr 2026");
  /* The scenario weights are analyze's, not the offline ones. */
  {
    g_autofree char *offline_json = NULL;
    g_autoptr(JsonNode) offline_root = NULL;
    g_autofree char *with = scenario_line (json_node_get_object (root));
    g_autofree char *without = NULL;

    status = run_cli (&offline_json, &err, CONTACT, "analyze", "--json", "--no-edgar", NULL);
    g_assert_cmpint (status, ==, 0);
    offline_root = parse_json (offline_json);
    without = scenario_line (json_node_get_object (offline_root));
    g_test_message ("scenario weights: %s with EDGAR, %s without", with, without);
    g_assert_cmpstr (with, !=, without);
    assert_weights_shown (on, json_node_get_object (root));
    assert_weights_shown (off, json_node_get_object (offline_root));
  }

  /* --no-edgar: the offline report again. */
  status = run_cli (&out, &err, CONTACT, "export", "--analysis", "--no-edgar", "-o",
                    no_edgar_pdf, NULL);
  g_assert_cmpint (status, ==, 0);
  no_edgar = pdf_text (no_edgar_pdf);
  assert_contains (no_edgar, "Not used: no figures from SEC EDGAR were loaded");
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
  g_test_add_func ("/edgar-monitors/rules/weights", test_rules_weights);
  g_test_add_func ("/edgar-monitors/rules/no-look-ahead", test_rules_no_look_ahead);
  g_test_add_func ("/edgar-monitors/rules/cli", test_rules_cli);
  g_test_add_func ("/edgar-monitors/rules/cli-window-contact", test_rules_cli_window_contact);
  g_test_add_func ("/edgar-monitors/report/cli", test_report_cli);

  status = g_test_run ();
  cc_test_remove_tree (cache_dir);
  g_free (cache_dir);
  return status;
}
