/* test-parsers.c: the provider parsers on real recorded replies and on every reply shape listed in
 * tests/data/README.md (read straight from tests/data, no network). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-provider.h"
#include "cc-test-data.h"

static CcSeries *
parse_fixture (CcSeries  *(*parse) (const char *, guint, const char *, gsize, GError **),
               const char  *symbol,
               guint        status,
               const char  *dir,
               const char  *name,
               GError     **error)
{
  g_autoptr(GBytes) bytes = cc_test_load_fixture (dir, name, NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return parse (symbol, status, data, length, error);
}

static void
assert_close (CcSeries   *series,
              const char *iso,
              double      expected)
{
  double close = 0;

  g_assert_true (cc_series_get_close (series, cc_test_date (iso), &close));
  g_assert_cmpfloat (close, ==, expected);
}

static void
test_yahoo_aapl (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) series = parse_fixture (cc_yahoo_parse_chart, "AAPL", 200, "yahoo",
                                              "chart_AAPL_2020-08-31_to_2020-11-07.body.json",
                                              &error);
  const CcAction *actions;
  const CcPoint *points;
  guint n, n_actions;

  g_assert_no_error (error);
  g_assert_nonnull (series);
  g_assert_cmpstr (cc_series_get_symbol (series), ==, "AAPL");
  g_assert_cmpstr (cc_series_get_currency (series), ==, "USD");
  g_assert_cmpstr (cc_series_get_source (series), ==, "Yahoo Finance");
  g_assert_cmpint (cc_series_get_origin (series), ==, CC_ORIGIN_PROVIDER);

  points = cc_series_get_points (series, &n);
  g_assert_cmpuint (n, ==, 49);
  g_assert_cmpint (points[0].date, ==, cc_test_date ("2020-08-31"));
  /* 129.0399932861328 on the wire is the float32 of 129.04. */
  g_assert_cmpfloat (points[0].close, ==, 129.04);
  assert_close (series, "2020-09-01", 134.18);
  assert_close (series, "2020-11-06", 118.69);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (cc_calendar_is_trading_day (points[i].date));
      g_assert_cmpint (points[i].provenance, ==, CC_PROVENANCE_OBSERVED);
      g_assert_cmpint (points[i].flags, ==, CC_POINT_FLAG_NONE);
    }
  /* The request's gmtoffset is EST; bars across the 2020-11-01 DST change keep their dates. */
  g_assert_cmpint (cc_series_find (series, cc_test_date ("2020-10-30")), >=, 0);
  g_assert_cmpint (cc_series_find (series, cc_test_date ("2020-11-02")), >=, 0);
  g_assert_cmpint (cc_series_find (series, cc_test_date ("2020-11-01")), ==, -1);

  actions = cc_series_get_actions (series, &n_actions);
  g_assert_cmpuint (n_actions, ==, 2);
  g_assert_cmpint (actions[0].date, ==, cc_test_date ("2020-08-31"));
  g_assert_cmpint (actions[0].kind, ==, CC_ACTION_SPLIT);
  g_assert_cmpfloat (actions[0].numerator, ==, 4);
  g_assert_cmpfloat (actions[0].denominator, ==, 1);
  g_assert_cmpint (actions[1].date, ==, cc_test_date ("2020-11-06"));
  g_assert_cmpint (actions[1].kind, ==, CC_ACTION_DIVIDEND);
  g_assert_cmpfloat (actions[1].numerator, ==, 0.205);
}

static void
test_yahoo_sox_unfinished (void)
{
  static const double closes[20] = {
    11887.87, 11931.32, 11614.17, 11824.0, 11131.28, 11175.55, 11246.11, 11599.49, 11921.69,
    12433.17, 12689.82, 12534.28, 12492.54, 12668.93, 12465.24, 12629.16, 12628.62, 12829.0,
    13136.67, 13128.23,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) series = parse_fixture (cc_yahoo_parse_chart, "^SOX", 200, "yahoo",
                                              "chart_SOX_2026-09-08_to_2026-10-05_1d.body.json",
                                              &error);
  g_autoptr(GArray) days = NULL;
  const CcPoint *points;
  guint n, n_actions;

  g_assert_no_error (error);
  points = cc_series_get_points (series, &n);
  g_assert_cmpuint (n, ==, 20);
  g_assert_cmpstr (cc_series_get_name (series), ==, "PHLX Semiconductor");
  /* Exactly the NYSE trading days of the window (2026-09-07, Labor Day, is not in it). */
  days = cc_calendar_trading_days (cc_test_date ("2026-09-08"), cc_test_date ("2026-10-05"));
  g_assert_cmpuint (days->len, ==, 20);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (points[i].date, ==, g_array_index (days, CcDate, i));
      g_assert_cmpfloat (points[i].close, ==, closes[i]);
      /* Only the session still running at 11:58 EDT on 2026-10-05 is unfinished. */
      g_assert_cmpint (points[i].flags, ==, i == 19 ? CC_POINT_FLAG_UNFINISHED
                                                     : CC_POINT_FLAG_NONE);
    }
  cc_series_get_actions (series, &n_actions);
  g_assert_cmpuint (n_actions, ==, 0);
}

static void
test_yahoo_nulls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) series = parse_fixture (cc_yahoo_parse_chart, "AAPL", 200, "providers",
                                              "yahoo_aapl_with_nulls.json", &error);
  const CcPoint *points;
  guint n;

  g_assert_no_error (error);
  points = cc_series_get_points (series, &n);
  /* The two blanked bars are gaps, never 0.0 prices. */
  g_assert_cmpuint (n, ==, 47);
  g_assert_cmpint (cc_series_find (series, cc_test_date ("2020-09-02")), ==, -1);
  g_assert_cmpint (cc_series_find (series, cc_test_date ("2020-09-04")), ==, -1);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (points[i].close, >, 100);
  assert_close (series, "2020-09-03", 120.88);
}

static void
test_yahoo_zero_placeholders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) kospi = NULL;
  g_autoptr(CcSeries) aapl = NULL;

  kospi = parse_fixture (cc_yahoo_parse_chart, "KOSPI-25.KS", 200, "providers",
                         "yahoo_zero_placeholders.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (kospi), ==, 1);
  assert_close (kospi, "2026-09-29", 10455);
  g_assert_cmpstr (cc_series_get_currency (kospi), ==, "KRW");

  aapl = parse_fixture (cc_yahoo_parse_chart, "AAPL", 200, "providers",
                        "yahoo_aapl_zero_close.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (aapl), ==, 48);
  g_assert_cmpint (cc_series_find (aapl, cc_test_date ("2020-09-08")), ==, -1);
}

static void
test_yahoo_time_zones (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) sydney = NULL;
  g_autoptr(CcSeries) london = NULL;

  /* 23:00 UTC on the 14th is 10:00 on the 15th in Sydney (AEDT, +11). */
  sydney = parse_fixture (cc_yahoo_parse_chart, "BHP.AX", 200, "providers",
                          "yahoo_sydney_dst.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (sydney), ==, 3);
  g_assert_cmpint (cc_series_get_first (sydney)->date, ==, cc_test_date ("2024-01-15"));
  assert_close (sydney, "2024-01-17", 44.5);

  /* Midnight BST; the request's gmtoffset (0) would put each bar on the day before. */
  london = parse_fixture (cc_yahoo_parse_chart, "VUSA.L", 200, "providers",
                          "yahoo_london_midnight.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (london), ==, 3);
  assert_close (london, "2024-07-01", 7875.25);
  assert_close (london, "2024-07-03", 7920);
}

typedef struct {
  const char *file;
  guint       status;
  int         code;
} ErrorCase;

static void
test_yahoo_errors (void)
{
  static const ErrorCase cases[] = {
    { "yahoo_empty_window.json", 200, CC_DATA_ERROR_NO_DATA },
    { "yahoo_404.json", 404, CC_DATA_ERROR_UNKNOWN_SYMBOL },
    { "yahoo_400.json", 400, CC_DATA_ERROR_NO_DATA },
    { "yahoo_401_crumb.json", 401, CC_DATA_ERROR_BLOCKED },
    { "yahoo_429.txt", 429, CC_DATA_ERROR_RATE_LIMITED },
    { "yahoo_429.txt", 200, CC_DATA_ERROR_RATE_LIMITED },
    { "yahoo_chart_null.json", 404, CC_DATA_ERROR_UNKNOWN_SYMBOL },
    { "stooq_verify.html", 200, CC_DATA_ERROR_BLOCKED },
    { "stooq_no_data.txt", 200, CC_DATA_ERROR_FORMAT_CHANGED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = parse_fixture (cc_yahoo_parse_chart, "ZZZZ", cases[i].status,
                                                  "providers", cases[i].file, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (series);
      g_assert_error (error, CC_DATA_ERROR, cases[i].code);
      /* Every message names the symbol and the provider. */
      g_assert_nonnull (strstr (error->message, "ZZZZ"));
      g_assert_nonnull (strstr (error->message, "Yahoo Finance"));
      if (cases[i].code == CC_DATA_ERROR_RATE_LIMITED)
        g_assert_nonnull (strstr (error->message, "rate limited"));
    }
}

static void
test_yahoo_damaged (void)
{
  g_autoptr(GBytes) bytes = cc_test_load_fixture ("yahoo",
                                                  "chart_AAPL_2020-08-31_to_2020-11-07.body.json",
                                                  NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *mismatch = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);

  /* Every prefix of a real reply is an error, never a crash or a half series. */
  for (gsize cut = 0; cut < length; cut += 97)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = cc_yahoo_parse_chart ("AAPL", 200, data, cut, &error);

      g_assert_null (series);
      g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED);
    }

  /* More closes than dates. */
  mismatch = g_strdup ("{\"chart\":{\"result\":[{\"meta\":{},\"timestamp\":[1598880600],"
                       "\"indicators\":{\"quote\":[{\"close\":[1.0,2.0]}]}}],\"error\":null}}");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CcSeries) series = cc_yahoo_parse_chart ("AAPL", 200, mismatch, strlen (mismatch),
                                                       &error);
    g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED);
  }

  /* Deep nesting is refused before the recursive JSON parser sees it. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CcSeries) series = cc_yahoo_parse_chart ("AAPL", 200, deep->str, deep->len,
                                                       &error);
    g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED);
  }
}

static void
test_yahoo_url (void)
{
  const CcProvider *yahoo = cc_provider_get (CC_PROVIDER_YAHOO);
  g_autofree char *url = yahoo->build_url (yahoo, "https://query1.finance.yahoo.com", "^SOX",
                                           cc_test_date ("2020-08-31"),
                                           cc_test_date ("2020-11-06"), NULL);
  g_autofree char *base = NULL;
  g_autofree char *overridden = NULL;

  g_assert_cmpstr (url, ==, "https://query1.finance.yahoo.com/v8/finance/chart/%5ESOX?"
                            "interval=1d&events=div%2Csplits&includeAdjustedClose=true"
                            "&period1=1598832000&period2=1604707200");

  /* All the history, as the Analogues view asks for it. */
  {
    g_autofree char *all = yahoo->build_url (yahoo, "https://query1.finance.yahoo.com", "MU",
                                             CC_PROVIDER_FROM_START, cc_test_date ("2026-10-05"),
                                             NULL);

    g_assert_cmpint (CC_PROVIDER_FROM_START, ==, cc_date_from_ymd (1900, 1, 1));
    g_assert_cmpstr (all, ==, "https://query1.finance.yahoo.com/v8/finance/chart/MU?"
                              "interval=1d&events=div%2Csplits&includeAdjustedClose=true"
                              "&range=max");
  }

  g_unsetenv ("CHIPCYCLE_YAHOO_URL");
  base = cc_provider_get_base_url (yahoo, NULL);
  g_assert_cmpstr (base, ==, "https://query1.finance.yahoo.com");
  g_setenv ("CHIPCYCLE_YAHOO_URL", "http://127.0.0.1:8080/", TRUE);
  g_clear_pointer (&base, g_free);
  base = cc_provider_get_base_url (yahoo, NULL);
  g_assert_cmpstr (base, ==, "http://127.0.0.1:8080");
  /* A setting wins over the environment. */
  overridden = cc_provider_get_base_url (yahoo, "https://mirror.example/");
  g_assert_cmpstr (overridden, ==, "https://mirror.example");
  g_unsetenv ("CHIPCYCLE_YAHOO_URL");

  g_assert_true (cc_provider_lookup ("stooq") == cc_provider_get (CC_PROVIDER_STOOQ));
  g_assert_true (cc_provider_lookup ("AlphaVantage") == cc_provider_get (CC_PROVIDER_ALPHAVANTAGE));
  g_assert_true (cc_provider_lookup ("tiingo") == cc_provider_get (CC_PROVIDER_TIINGO));
  g_assert_true (cc_provider_lookup ("twelvedata") == cc_provider_get (CC_PROVIDER_TWELVEDATA));
  g_assert_null (cc_provider_lookup ("nasdaq"));
}

static void
test_stooq (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) nvda = NULL;
  g_autoptr(CcSeries) sox = NULL;

  nvda = parse_fixture (cc_stooq_parse_csv, "NVDA", 200, "layouts",
                        "nvda.us_2018-01-02_2018-11-02_stooq_style.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (nvda), ==, 213);
  g_assert_cmpstr (cc_series_get_source (nvda), ==, "Stooq");
  g_assert_cmpint (cc_series_get_origin (nvda), ==, CC_ORIGIN_PROVIDER);
  assert_close (nvda, "2018-01-02", 199.35);
  assert_close (nvda, "2018-10-29", 185.62);
  assert_close (nvda, "2018-11-02", 214.92);

  /* Indices come without a Volume column. */
  sox = parse_fixture (cc_stooq_parse_csv, "^SOX", 200, "providers",
                       "stooq_sox_index_no_volume.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (sox), ==, 22);
  assert_close (sox, "2024-05-17", 4983.0);
  g_assert_cmpint (cc_series_find (sox, cc_test_date ("2024-05-27")), ==, -1);
}

static void
test_stooq_errors (void)
{
  static const ErrorCase cases[] = {
    { "stooq_no_data.txt", 200, CC_DATA_ERROR_NO_DATA },
    { "stooq_exceeded.txt", 200, CC_DATA_ERROR_RATE_LIMITED },
    { "stooq_apikey.html", 200, CC_DATA_ERROR_NEEDS_KEY },
    { "stooq_verify.html", 200, CC_DATA_ERROR_BLOCKED },
    { "yahoo_404.json", 200, CC_DATA_ERROR_FORMAT_CHANGED },
    { "yahoo_429.txt", 429, CC_DATA_ERROR_RATE_LIMITED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = parse_fixture (cc_stooq_parse_csv, "NVDA", cases[i].status,
                                                  "providers", cases[i].file, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (series);
      g_assert_error (error, CC_DATA_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "NVDA"));
      g_assert_nonnull (strstr (error->message, "Stooq"));
    }
}

static void
test_stooq_url (void)
{
  const CcProvider *stooq = cc_provider_get (CC_PROVIDER_STOOQ);
  g_autofree char *url = stooq->build_url (stooq, "https://stooq.com", "NVDA",
                                           cc_test_date ("2018-01-02"),
                                           cc_test_date ("2018-11-02"), "k3y");
  g_autofree char *sym1 = cc_stooq_symbol ("NVDA");
  g_autofree char *sym2 = cc_stooq_symbol ("^SOX");
  g_autofree char *sym3 = cc_stooq_symbol ("sap.de");

  g_assert_cmpstr (url, ==, "https://stooq.com/q/d/l/?s=nvda.us&i=d&d1=20180102&d2=20181102"
                            "&apikey=k3y");
  g_assert_cmpstr (sym1, ==, "nvda.us");
  g_assert_cmpstr (sym2, ==, "^sox");
  g_assert_cmpstr (sym3, ==, "sap.de");
}

static void
test_alphavantage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) nvda = NULL;
  g_autoptr(CcSeries) aapl = NULL;
  const CcPoint *points;
  const CcAction *actions;
  guint n, n_actions;

  nvda = parse_fixture (cc_alphavantage_parse_daily, "NVDA", 200, "providers",
                        "av_nvda_daily.json", &error);
  g_assert_no_error (error);
  points = cc_series_get_points (nvda, &n);
  g_assert_cmpuint (n, ==, 5);
  /* Newest first on the wire, oldest first in the series. */
  g_assert_cmpint (points[0].date, ==, cc_test_date ("2018-10-29"));
  g_assert_cmpfloat (points[0].close, ==, 185.62);
  g_assert_cmpint (points[4].date, ==, cc_test_date ("2018-11-02"));
  g_assert_cmpfloat (points[4].close, ==, 214.92);
  g_assert_cmpstr (cc_series_get_source (nvda), ==, "Alpha Vantage");

  aapl = parse_fixture (cc_alphavantage_parse_daily, "AAPL", 200, "providers",
                        "av_aapl_adjusted.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (aapl), ==, 49);
  assert_close (aapl, "2020-08-31", 129.04);
  actions = cc_series_get_actions (aapl, &n_actions);
  g_assert_cmpuint (n_actions, ==, 2);
  g_assert_cmpint (actions[0].kind, ==, CC_ACTION_SPLIT);
  g_assert_cmpint (actions[0].date, ==, cc_test_date ("2020-08-31"));
  g_assert_cmpfloat (actions[0].numerator, ==, 4);
  g_assert_cmpint (actions[1].kind, ==, CC_ACTION_DIVIDEND);
  g_assert_cmpint (actions[1].date, ==, cc_test_date ("2020-11-06"));
  g_assert_cmpfloat (actions[1].numerator, ==, 0.205);
}

static void
test_alphavantage_errors (void)
{
  static const ErrorCase cases[] = {
    { "av_invalid_key.json", 200, CC_DATA_ERROR_NEEDS_KEY },
    { "av_invalid_call.json", 200, CC_DATA_ERROR_UNKNOWN_SYMBOL },
    { "av_rate_limit_day.json", 200, CC_DATA_ERROR_RATE_LIMITED },
    { "av_note_legacy.json", 200, CC_DATA_ERROR_RATE_LIMITED },
    { "av_premium.json", 200, CC_DATA_ERROR_NEEDS_KEY },
    { "av_demo.json", 200, CC_DATA_ERROR_NEEDS_KEY },
    { "stooq_verify.html", 200, CC_DATA_ERROR_BLOCKED },
    { "yahoo_404.json", 200, CC_DATA_ERROR_FORMAT_CHANGED },
    { "stooq_no_data.txt", 200, CC_DATA_ERROR_FORMAT_CHANGED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = parse_fixture (cc_alphavantage_parse_daily, "IBM",
                                                  cases[i].status, "providers", cases[i].file,
                                                  &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (series);
      g_assert_error (error, CC_DATA_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "IBM"));
      g_assert_nonnull (strstr (error->message, "Alpha Vantage"));
    }
}

static void
test_tiingo_twelvedata (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) tiingo = NULL;
  g_autoptr(CcSeries) twelve = NULL;
  const CcAction *actions;
  guint n_actions;

  tiingo = parse_fixture (cc_tiingo_parse_prices, "AAPL", 200, "providers", "tiingo_aapl.json",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (tiingo), ==, 49);
  assert_close (tiingo, "2020-08-31", 129.04);
  g_assert_cmpstr (cc_series_get_source (tiingo), ==, "Tiingo");
  actions = cc_series_get_actions (tiingo, &n_actions);
  g_assert_cmpuint (n_actions, ==, 2);
  g_assert_cmpint (actions[0].kind, ==, CC_ACTION_SPLIT);
  g_assert_cmpfloat (actions[0].numerator, ==, 4);
  g_assert_cmpint (actions[1].kind, ==, CC_ACTION_DIVIDEND);
  g_assert_cmpfloat (actions[1].numerator, ==, 0.205);

  /* Newest first on the wire. */
  twelve = parse_fixture (cc_twelvedata_parse_series, "AAPL", 200, "providers",
                          "twelvedata_aapl.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (twelve), ==, 49);
  g_assert_cmpint (cc_series_get_first (twelve)->date, ==, cc_test_date ("2020-08-31"));
  assert_close (twelve, "2020-11-06", 118.69);
  g_assert_cmpstr (cc_series_get_currency (twelve), ==, "USD");
}

static void
test_tiingo_twelvedata_errors (void)
{
  static const ErrorCase tiingo_cases[] = {
    { "tiingo_404.json", 404, CC_DATA_ERROR_UNKNOWN_SYMBOL },
    { "tiingo_empty.json", 200, CC_DATA_ERROR_NO_DATA },
    { "stooq_verify.html", 200, CC_DATA_ERROR_BLOCKED },
    { "yahoo_429.txt", 429, CC_DATA_ERROR_RATE_LIMITED },
  };
  static const ErrorCase twelve_cases[] = {
    { "twelvedata_401.json", 200, CC_DATA_ERROR_NEEDS_KEY },
    { "twelvedata_400.json", 200, CC_DATA_ERROR_UNKNOWN_SYMBOL },
    { "twelvedata_403.json", 200, CC_DATA_ERROR_NEEDS_KEY },
    { "twelvedata_429.json", 200, CC_DATA_ERROR_RATE_LIMITED },
    { "tiingo_empty.json", 200, CC_DATA_ERROR_FORMAT_CHANGED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tiingo_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = parse_fixture (cc_tiingo_parse_prices, "ZZZZ",
                                                  tiingo_cases[i].status, "providers",
                                                  tiingo_cases[i].file, &error);

      g_test_message ("%s: %s", tiingo_cases[i].file, error ? error->message : "(no error)");
      g_assert_error (error, CC_DATA_ERROR, tiingo_cases[i].code);
      g_assert_nonnull (strstr (error->message, "ZZZZ"));
      g_assert_nonnull (strstr (error->message, "Tiingo"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (twelve_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = parse_fixture (cc_twelvedata_parse_series, "ABC",
                                                  twelve_cases[i].status, "providers",
                                                  twelve_cases[i].file, &error);

      g_test_message ("%s: %s", twelve_cases[i].file, error ? error->message : "(no error)");
      g_assert_error (error, CC_DATA_ERROR, twelve_cases[i].code);
      g_assert_nonnull (strstr (error->message, "ABC"));
      g_assert_nonnull (strstr (error->message, "Twelve Data"));
    }
}

static gint64
new_york_time (const char *iso_local)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso_local, zone);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

static void
test_running_session (void)
{
  g_autoptr(CcSeries) series = cc_series_new ("NVDA", CC_LEVEL_PRICE);

  cc_series_append (series, cc_test_date ("2018-11-01"), 218.11, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (series, cc_test_date ("2018-11-02"), 214.92, CC_PROVENANCE_OBSERVED, 0);
  /* The next morning: yesterday's bar is complete. */
  cc_data_flag_running_session (series, new_york_time ("2018-11-03T10:00:00"));
  g_assert_cmpint (cc_series_get_last (series)->flags, ==, CC_POINT_FLAG_NONE);
  /* After the close: complete. */
  cc_data_flag_running_session (series, new_york_time ("2018-11-02T16:05:00"));
  g_assert_cmpint (cc_series_get_last (series)->flags, ==, CC_POINT_FLAG_NONE);
  /* During the session (14:30 UTC is 10:30 in New York): still running. */
  cc_data_flag_running_session (series, new_york_time ("2018-11-02T10:30:00"));
  g_assert_cmpint (cc_series_get_last (series)->flags, ==, CC_POINT_FLAG_UNFINISHED);
  g_assert_cmpfloat (cc_series_get_last (series)->close, ==, 214.92);
  g_assert_cmpint (cc_series_get_first (series)->flags, ==, CC_POINT_FLAG_NONE);
}

static void
test_numbers (void)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value = 0;

  g_assert_cmpfloat (cc_data_snap_float32 (129.0399932861328), ==, 129.04);
  g_assert_cmpfloat (cc_data_snap_float32 (13128.23046875), ==, 13128.23);
  /* A value that is not a float32 is left alone. */
  g_assert_cmpfloat (cc_data_snap_float32 (12345.6789), ==, 12345.6789);
  cc_data_format_double (129.04, buf);
  g_assert_cmpstr (buf, ==, "129.04");
  cc_data_format_double (0.1 + 0.2, buf);
  g_assert_cmpfloat (g_ascii_strtod (buf, NULL), ==, 0.1 + 0.2);
  g_assert_true (cc_data_parse_double (" 125.2500 ", &value));
  g_assert_cmpfloat (value, ==, 125.25);
  g_assert_false (cc_data_parse_double ("nan", &value));
  g_assert_false (cc_data_parse_double ("inf", &value));
  g_assert_false (cc_data_parse_double ("0x10", &value));
  g_assert_false (cc_data_parse_double ("12abc", &value));
  g_assert_false (cc_data_parse_double ("", &value));
}

/* Prices are read with g_ascii_strtod (cc-provider.c): every number comes out as the very
 * double strtod gives, and only what no file writes as a price (nan, inf, hex) is refused
 * though strtod reads it. The edges of the exact range (19 digits, 2^53, 10^22, subnormals,
 * overflow) and a sample of random decimals in the shapes files write. */
static void
check_against_strtod (const char *text)
{
  double fast = 0, slow;
  char *end = NULL;
  gboolean ok = cc_data_parse_double (text, &fast);
  gboolean converted;

  slow = g_ascii_strtod (text, &end);
  converted = end != text;
  while (g_ascii_isspace (*end))
    end++;
  if (ok)
    {
      if (memcmp (&fast, &slow, sizeof (double)) != 0)
        g_error ("[%s]: read %.17g, strtod gives %.17g", text, fast, slow);
    }
  else if (converted && *end == '\0' && isfinite (slow))
    {
      /* Refused though strtod reads it: only nan, inf and hex, which are no prices. */
      if (strpbrk (text, "nNiIxX") == NULL)
        g_error ("[%s]: refused, but strtod reads %.17g", text, slow);
    }
}

static void
test_numbers_exact (void)
{
  static const char *edges[] = {
    "0", "-0", "+0", "0.0", ".5", "5.", "-.5", "00012.5000", "1e0", "1E+2", "1e-2", "-1.5e3",
    "9007199254740992", "9007199254740993", "9007199254740991.5", "1234567890123456789",
    "12345678901234567890", "0.1234567890123456789", "1e22", "1e23", "1e-22", "1e-23",
    "123.456e20", "4.9e-324", "1.7976931348623157e308", "1e309", "2.2250738585072014e-308",
    "0.30000000000000004", "0.1", "0.2", "0.3", "3.14159265358979323846", "  7.25  ", "\t42\t",
    "", " ", "-", "+", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "--1", "+-1", "1 2", "1,5",
    "nan", "inf", "-inf", "0x1p3", "0x10", "12abc", "1e99999999999", "1e-99999999999",
  };
  GRand *rand = g_rand_new_with_seed (20261128);
  char buf[64];

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    check_against_strtod (edges[i]);

  for (guint i = 0; i < 20000; i++)
    {
      int int_digits = g_rand_int_range (rand, 0, 12);
      int frac_digits = g_rand_int_range (rand, 0, 12);
      int len = 0;

      if (g_rand_int_range (rand, 0, 4) == 0)
        buf[len++] = g_rand_boolean (rand) ? '-' : '+';
      for (int d = 0; d < int_digits; d++)
        buf[len++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
      if (frac_digits > 0 || g_rand_int_range (rand, 0, 8) == 0)
        buf[len++] = '.';
      for (int d = 0; d < frac_digits; d++)
        buf[len++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
      if (g_rand_int_range (rand, 0, 6) == 0)
        len += g_snprintf (buf + len, sizeof buf - len, "e%d", g_rand_int_range (rand, -30, 30));
      buf[len] = '\0';
      check_against_strtod (buf);

      /* The way files write prices: %.4f and %.17g of a random double. */
      g_snprintf (buf, sizeof buf, "%.4f", g_rand_double_range (rand, 0, 5000));
      check_against_strtod (buf);
      g_snprintf (buf, sizeof buf, "%.17g", g_rand_double_range (rand, -1e6, 1e6));
      check_against_strtod (buf);
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/yahoo/aapl-split-dividend", test_yahoo_aapl);
  g_test_add_func ("/data/yahoo/sox-unfinished-last-bar", test_yahoo_sox_unfinished);
  g_test_add_func ("/data/yahoo/nulls", test_yahoo_nulls);
  g_test_add_func ("/data/yahoo/zero-placeholders", test_yahoo_zero_placeholders);
  g_test_add_func ("/data/yahoo/time-zones", test_yahoo_time_zones);
  g_test_add_func ("/data/yahoo/errors", test_yahoo_errors);
  g_test_add_func ("/data/yahoo/damaged", test_yahoo_damaged);
  g_test_add_func ("/data/yahoo/url", test_yahoo_url);
  g_test_add_func ("/data/stooq/csv", test_stooq);
  g_test_add_func ("/data/stooq/errors", test_stooq_errors);
  g_test_add_func ("/data/stooq/url", test_stooq_url);
  g_test_add_func ("/data/alphavantage/daily", test_alphavantage);
  g_test_add_func ("/data/alphavantage/errors", test_alphavantage_errors);
  g_test_add_func ("/data/tiingo-twelvedata/series", test_tiingo_twelvedata);
  g_test_add_func ("/data/tiingo-twelvedata/errors", test_tiingo_twelvedata_errors);
  g_test_add_func ("/data/running-session", test_running_session);
  g_test_add_func ("/data/numbers", test_numbers);
  g_test_add_func ("/data/numbers/exact", test_numbers_exact);

  return g_test_run ();
}
