/* test-report-portfolio.c: the PDF report's portfolio page, read back with pdftotext, says what
 * `chipcycle analyze --portfolio --json` says: every holding's row, the exposure figures, the
 * scenario table and every sentence, for a portfolio weighted by cost (index levels offline)
 * and for one valued in dollars; and the event study's row of the open portfolio says what
 * `chipcycle analyze --item portfolio:NAME --json` says, in the window's report and the CLI's. */
#define G_LOG_DOMAIN "test-report-portfolio"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "cc-chart.h"
#include "cc-exposure.h"
#include "cc-portfolio-file.h"
#include "cc-report.h"

#include "../cc-test-cli.h"

static char *
flatten (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

static char *
spawn_out (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_has (const char *flat,
            const char *what,
            const char *text)
{
  g_autofree char *flat_text = flatten (text);

  if (strstr (flat, flat_text) == NULL)
    g_error ("The portfolio page does not say (%s):\n  %s\nIt says:\n%s", what, flat_text, flat);
}

static const char *
group_label (const char *id)
{
  for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
    if (g_str_equal (cc_exposure_group_to_string (g), id))
      return cc_exposure_group_get_label (g);
  g_error ("unknown group %s", id);
}

static char *
share (double fraction)
{
  return g_strdup_printf ("%.1f%%", fraction * 100);
}

static char *
signed_amount (JsonObject *object,
               const char *member,
               const char *currency)
{
  return cc_format_amount (json_object_get_double_member (object, member), currency);
}

/* Writes @csv, draws the report with it open, and checks the portfolio page against the CLI. */
static void
check_report (const char *csv_text,
              gboolean    valued)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autofree char *dir = g_dir_make_tmp ("cc-report-portfolio-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "holdings.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CcPortfolio) portfolio = NULL;
  g_autoptr(CcChart) chart = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *page = NULL;
  g_autofree char *note = NULL;
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  JsonObject *root, *exposure, *stress, *scenarios;
  JsonArray *holdings, *history;
  const char *currency, *start;
  char *end;

  g_assert_no_error (error);
  g_assert_nonnull (bin);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      return;
    }
  g_assert_true (g_file_set_contents (csv, csv_text, -1, NULL));

  /* The window's way: the holdings imported, set on the chart with its default event. */
  portfolio = cc_portfolio_import_csv (csv_text, -1, "holdings.csv", "holdings", dataset,
                                       problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  chart = cc_chart_new (dataset);
  g_assert_cmpint (cc_event_get_date (cc_chart_get_event (chart)), ==,
                   cc_date_from_ymd (2026, 7, 1));
  cc_chart_set_portfolio_holdings (chart, portfolio, NULL);
  g_assert_true (cc_report_export_pdf (chart, file, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT, NULL,
                                       &note, &error));
  g_assert_no_error (error);
  g_assert_null (note);
  if (g_getenv ("CC_REPORT_PDF"))
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (g_getenv ("CC_REPORT_PDF"), contents, length, NULL));
    }
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = spawn_out (argv);
  }
  /* The portfolio's page is the last, after the analysis. */
  start = strstr (text, "Portfolio: holdings, data to 2026-10-05");
  g_assert_nonnull (start);
  page = flatten (start);
  if ((end = strstr (page, "Page ")) == NULL)
    g_error ("no page number after the portfolio page:\n%s", page);

  /* The command line's numbers for the same holdings, event and data. */
  {
    const char *argv[] = { bin, "analyze", "--portfolio", csv, "--event", "2026-07-01",
                           "--json", NULL };

    json = spawn_out (argv);
  }
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (root, "problem"));
  exposure = json_object_get_object_member (root, "exposure");
  stress = json_object_get_object_member (root, "stress");
  scenarios = json_object_get_object_member (stress, "scenarios");
  holdings = json_object_get_array_member (root, "holdings");
  history = json_object_get_array_member (stress, "history");
  currency = json_object_get_null_member (root, "currency") ? NULL
             : json_object_get_string_member (root, "currency");
  g_assert_true (valued == (currency != NULL));

  assert_has (page, "weighting", json_object_get_string_member (root, "weighting_sentence"));
  assert_has (page, "provenance", json_object_get_string_member (root, "provenance_sentence"));
  if (valued)
    {
      g_autofree char *value = signed_amount (root, "value", currency);
      g_autofree char *line = g_strdup_printf ("Value: %s", value[0] == '+' ? value + 1 : value);

      assert_has (page, "value", line);
    }

  /* Each holding's row: ticker, group, weight, [value,] the three contributions. */
  g_assert_cmpuint (json_array_get_length (holdings), >, 0);
  for (guint i = 0; i < json_array_get_length (holdings); i++)
    {
      JsonObject *h = json_array_get_object_element (holdings, i);
      JsonObject *c = json_object_get_object_member (h, "contribution");
      g_autofree char *weight = share (json_object_get_double_member (h, "weight"));
      g_autofree char *bull = cc_format_return (json_object_get_double_member (c, "bull"));
      g_autofree char *base = cc_format_return (json_object_get_double_member (c, "base"));
      g_autofree char *bear = cc_format_return (json_object_get_double_member (c, "bear"));
      g_autofree char *value = valued ? signed_amount (h, "value", currency) : NULL;
      g_autofree char *row = g_strdup_printf ("%s %s %s %s%s%s %s %s",
                                              json_object_get_string_member (h, "ticker"),
                                              group_label (json_object_get_string_member (h,
                                                                                          "group")),
                                              weight, value ? (value[0] == '+' ? value + 1
                                                                               : value) : "",
                                              value ? " " : "", bull, base, bear);

      g_assert_true (g_utf8_validate (row, -1, NULL));
      assert_has (page, "holding row", g_strchomp (row));
    }

  /* Exposure: the group weights, the figures line and the sentences. */
  {
    JsonObject *groups = json_object_get_object_member (exposure, "groups");
    g_autofree char *beta = cc_format_beta (json_object_get_double_member (exposure, "beta"));
    g_autofree char *top3 = share (json_object_get_double_member (exposure, "top3"));
    g_autofree char *figures = g_strdup_printf ("Beta to ^SOX %s (%" G_GINT64_FORMAT " sessions) "
                                                "· Top 3 %s · Herfindahl %.2f", beta,
                                                json_object_get_int_member (exposure,
                                                                            "beta_sessions"),
                                                top3,
                                                json_object_get_double_member (exposure,
                                                                               "herfindahl"));

    for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
      {
        double w = json_object_get_double_member (groups, cc_exposure_group_to_string (g));
        g_autofree char *weight = share (w);
        g_autofree char *row = g_strdup_printf ("%s %s", cc_exposure_group_get_label (g), weight);

        if (w > 0)
          assert_has (page, "group row", row);
      }
    assert_has (page, "exposure figures", figures);
    assert_has (page, "groups", json_object_get_string_member (exposure, "groups_sentence"));
    assert_has (page, "beta", json_object_get_string_member (exposure, "beta_sentence"));
    assert_has (page, "concentration",
                json_object_get_string_member (exposure, "concentration_sentence"));
    assert_has (page, "event", json_object_get_string_member (exposure, "event_sentence"));
  }

  /* The stress table and its sentences. */
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    {
      JsonObject *scenario = json_object_get_object_member (scenarios, cc_scenario_to_string (s));
      g_autofree char *weight = cc_format_weight (json_object_get_double_member (scenario,
                                                                                "weight"));
      g_autofree char *change = cc_format_return (json_object_get_double_member (scenario,
                                                                                "change"));
      g_autofree char *amount = valued ? signed_amount (scenario, "amount", currency) : NULL;
      g_autofree char *row = g_strdup_printf ("%s %s %s%s%s", cc_scenario_get_label (s), weight,
                                              change, amount ? " " : "", amount ? amount : "");

      assert_has (page, "scenario row", row);
      assert_has (page, "scenario", json_object_get_string_member (scenario, "sentence"));
    }
  {
    g_autofree char *change = cc_format_return (json_object_get_double_member (stress,
                                                                              "expectation"));
    g_autofree char *amount = valued ? signed_amount (stress, "expectation_amount", currency)
                                     : NULL;
    g_autofree char *row = g_strdup_printf ("Weighted expectation %s%s%s", change,
                                            amount ? " " : "", amount ? amount : "");

    assert_has (page, "expectation row", row);
    assert_has (page, "expectation", json_object_get_string_member (stress,
                                                                   "expectation_sentence"));
  }
  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *h = json_array_get_object_element (history, i);
      g_autofree char *fall = share (json_object_get_double_member (h, "sox_decline"));
      g_autofree char *implied = cc_format_return (json_object_get_double_member (h, "implied"));
      g_autofree char *row = g_strdup_printf ("%s %s %s",
                                              json_object_get_string_member (h, "episode"), fall,
                                              implied);

      assert_has (page, "history row", row);
      assert_has (page, "history", json_object_get_string_member (h, "sentence"));
    }
  assert_has (page, "answer", json_object_get_string_member (root, "answer"));
  assert_has (page, "disclaimer", json_object_get_string_member (root, "disclaimer"));

  g_unlink (csv);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* Offline, NVDA and MU are index levels: the shares are weighted by cost, never valued. */
static void
test_cost_weighted (void)
{
  check_report ("Symbol,Shares,Cost\nNVDA,10,120\nMU,25,90\nKLAC,2,600\nMETA,3,600\n", FALSE);
}

/* META is a price series in dollars: the page gives the value and each scenario's amount. */
static void
test_valued (void)
{
  check_report ("Symbol,Shares\nMETA,3\n", TRUE);
}

/* The line of pdftotext's layout that starts with @start, and the one under it (the t
 * statistics), flattened; fails when there is none or more than one. */
static char *
study_row (const char *text,
           const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char *found = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      {
        g_autofree char *both = NULL;

        if (found != NULL)
          g_error ("two rows start with “%s”:\n%s", start, text);
        both = g_strconcat (lines[i], " ", lines[i + 1] ? lines[i + 1] : "", NULL);
        found = flatten (g_strstrip (both));
      }
  if (found == NULL)
    g_error ("no event study row starts with “%s”:\n%s", start, text);
  return found;
}

/* The row the report's table must hold for @row, an event study row of analyze's JSON: the
 * label († when not observed), day 0, AR, the three CARs, β and the days, then the three t
 * statistics under their CARs. */
static char *
expected_study_row (JsonObject *row)
{
  static const char * const windows[] = { "-1,+1", "0,+5", "0,+20" };
  JsonObject *car = json_object_get_object_member (row, "car");
  g_autoptr(GString) line = g_string_new (json_object_get_string_member (row, "label"));
  g_autoptr(GString) t = g_string_new (NULL);

  if (!g_str_equal (json_object_get_string_member (row, "provenance"), "observed"))
    g_string_append (line, " †");
  for (guint k = 0; k < 2; k++)
    {
      const char *member = k == 0 ? "event_return_pct" : "abnormal_return_pct";
      g_autofree char *cell = cc_format_return (json_object_get_double_member (row, member)
                                                / 100);

      g_string_append_printf (line, " %s", cell);
    }
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      JsonObject *window = json_object_get_object_member (car, windows[w]);
      g_autofree char *cell = cc_format_return (json_object_get_double_member (window,
                                                                               "car_pct")
                                                / 100);
      g_autofree char *stat = cc_format_t_stat (json_object_get_double_member (window, "t"));

      g_string_append_printf (line, " %s", cell);
      g_string_append_printf (t, " (%s)", stat);
    }
  g_string_append_printf (line, " %.2f %" G_GINT64_FORMAT "%s%s",
                          json_object_get_double_member (row, "beta"),
                          json_object_get_int_member (row, "estimation_days"),
                          json_object_get_boolean_member (row, "short_estimation") ? "*" : "",
                          t->str);
  return g_strdup (line->str);
}

/* The event study's "Winners: …. Losers: …." sentence must not rank the portfolio. */
static void
assert_not_ranked (const char *text,
                   const char *label)
{
  const char *winners = strstr (text, "Winners: ");
  g_autofree char *line = NULL;

  g_assert_nonnull (winners);
  line = g_strndup (winners, strcspn (winners, "\n"));
  g_assert_nonnull (strstr (line, "Losers: "));
  if (strstr (line, label) != NULL)
    g_error ("the portfolio is ranked: %s", line);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

  return spawn_out (argv);
}

/* A saved portfolio of 60% MU and 40% KLAC: its row in the report's event study, with its line
 * drawn or not, holds analyze's figures for it, once and unranked, as the side panel does. */
static void
test_event_study_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autofree char *dir = g_dir_make_tmp ("cc-report-portfolio-XXXXXX", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "chipcycle", NULL);
  g_autofree char *saved = g_build_filename (data_dir, "portfolios.json", NULL);
  g_autofree char *xdg = g_strconcat ("XDG_DATA_HOME=", dir, NULL);
  g_autofree char *window_pdf = g_build_filename (dir, "window.pdf", NULL);
  g_autofree char *cli_pdf = g_build_filename (dir, "cli.pdf", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "portfolio",
                                                   "portfolios.json", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row = NULL;
  g_autoptr(GPtrArray) portfolios = NULL;
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) exposure = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) file = g_file_new_for_path (window_pdf);
  g_autoptr(CcChart) chart = NULL;
  const char *env[] = { xdg, NULL };
  const char *analyze[] = { "analyze", "--item", "MU", "--item", "KLAC", "--item",
                            "portfolio:Model", "--event", "2026-07-01", "--json", NULL };
  const char *export[] = { "export", "--symbols", "MU,KLAC,portfolio:Model", "--analysis",
                           "--event", "2026-07-01", "--output", cli_pdf, NULL };
  const char *drawn[] = { "MU", "KLAC", NULL };
  CcPortfolio *model = NULL;
  JsonArray *rows;
  JsonObject *pf = NULL;

  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      return;
    }
  g_assert_true (g_file_get_contents (source, &json, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (saved, json, -1, NULL));

  /* What analyze says of the portfolio. */
  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &out, &err, analyze), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "event_study");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (rows, i), "portfolio"))
      {
        g_assert_null (pf);
        pf = json_array_get_object_element (rows, i);
      }
  g_assert_nonnull (pf);
  g_assert_cmpstr (json_object_get_string_member (pf, "label"), ==, "Portfolio Model");
  expected = expected_study_row (pf);

  /* The window's way: the portfolio open, its line not drawn, its series and holdings on the
   * chart as the window sets them. */
  portfolios = cc_portfolios_from_json_data (json, -1, "portfolios.json", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < portfolios->len; i++)
    if (g_str_equal (cc_portfolio_get_name (g_ptr_array_index (portfolios, i)), "Model"))
      model = g_ptr_array_index (portfolios, i);
  g_assert_nonnull (model);
  exposure = cc_exposure_compute (dataset, model, scenarios, NULL, CC_DATE_INVALID,
                                  CC_DATE_INVALID);
  g_assert_null (exposure->problem);
  chart = cc_chart_new (dataset);
  g_assert_cmpint (cc_event_get_date (cc_chart_get_event (chart)), ==,
                   cc_date_from_ymd (2026, 7, 1));
  cc_chart_set_items (chart, drawn);
  cc_chart_set_portfolio (chart, exposure->series);
  cc_chart_set_portfolio_holdings (chart, model, NULL);
  g_assert_true (cc_report_export_pdf (chart, file, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT, NULL,
                                       NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (window_pdf);
  row = study_row (text, "Portfolio Model");
  g_assert_cmpstr (row, ==, expected);
  assert_not_ranked (text, "Portfolio");
  g_assert_nonnull (strstr (text, "Portfolio: Model, data to 2026-10-05"));

  /* The command line's way: the saved portfolio named among the symbols. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&row, g_free);
  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, NULL, &err, export), ==, 0);
  text = pdf_text (cli_pdf);
  row = study_row (text, "Portfolio Model");
  g_assert_cmpstr (row, ==, expected);
  assert_not_ranked (text, "Portfolio");
  g_assert_nonnull (strstr (text, "Portfolio: Model, data to 2026-10-05"));

  g_unlink (window_pdf);
  g_unlink (cli_pdf);
  g_unlink (saved);
  g_rmdir (data_dir);
  g_rmdir (dir);
}

/* No portfolio open, no portfolio page. */
static void
test_none (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  g_autofree char *dir = g_dir_make_tmp ("cc-report-portfolio-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      return;
    }
  g_assert_true (cc_report_export_pdf (chart, file, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT, NULL,
                                       NULL, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };

    text = spawn_out (argv);
  }
  g_assert_nonnull (strstr (text, "Event study"));
  g_assert_null (strstr (text, "Portfolio:"));
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/report/portfolio/cost-weighted", test_cost_weighted);
  g_test_add_func ("/report/portfolio/valued", test_valued);
  g_test_add_func ("/report/portfolio/event-study-row", test_event_study_row);
  g_test_add_func ("/report/portfolio/none", test_none);
  return g_test_run ();
}
