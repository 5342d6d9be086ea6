/* bench-parse.c: how long the data layer takes to read a 10-year daily history: a Yahoo v8
 * chart reply, the same closes as CSV, and as a cache file. Target: a 10-year Yahoo reply
 * well under 50 ms.
 *
 *   bench-parse [TESTS_DATA_DIR] [ITERATIONS]
 *
 * The reply is built from the real ^SOX closes 2010-05-17 .. 2020-05-14 (2,517 bars, the Yahoo
 * CSV in tests/data/history) in the exact shape of the recorded replies: bars stamped at the
 * 09:30 New York open, prices printed as float32 artefacts, OHLC, volume 0, adjclose. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cc-cache.h"
#include "cc-csv.h"
#include "cc-provider.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
append_float32 (GString *out,
                double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Yahoo prints the float32 of each price at double precision: 129.0399932861328. */
  g_ascii_dtostr (buf, sizeof buf, (double) (float) value);
  g_string_append (out, buf);
}

static char *
build_yahoo_reply (CcSeries *series,
                   gsize    *length)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  GString *out = g_string_new ("{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\","
                               "\"symbol\":\"^SOX\",\"exchangeName\":\"NIM\","
                               "\"fullExchangeName\":\"Nasdaq GIDS\",\"instrumentType\":"
                               "\"INDEX\",\"firstTradeDate\":768058200,\"regularMarketTime\":"
                               "1589486400,\"hasPrePostMarketData\":false,\"gmtoffset\":-14400,"
                               "\"timezone\":\"EDT\",\"exchangeTimezoneName\":"
                               "\"America/New_York\",\"priceHint\":2,\"dataGranularity\":\"1d\","
                               "\"range\":\"10y\",\"validRanges\":[\"1d\",\"5d\",\"1mo\",\"3mo\","
                               "\"6mo\",\"1y\",\"2y\",\"5y\",\"10y\",\"ytd\",\"max\"]},"
                               "\"timestamp\":[");
  static const char *fields[] = { "low", "close", "high", "open" };
  static const double factors[] = { 0.99, 1.0, 1.01, 0.995 };
  const CcPoint *points;
  guint n;

  points = cc_series_get_points (series, &n);
  for (guint i = 0; i < n; i++)
    {
      int y, m, d;
      g_autoptr(GDateTime) open = NULL;

      cc_date_to_ymd (points[i].date, &y, &m, &d);
      open = g_date_time_new (zone, y, m, d, 9, 30, 0);
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "",
                              g_date_time_to_unix (open));
    }
  g_string_append (out, "],\"indicators\":{\"quote\":[{");
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_string_append_printf (out, "%s\"%s\":[", f ? "," : "", fields[f]);
      for (guint i = 0; i < n; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          append_float32 (out, points[i].close * factors[f]);
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, ",\"volume\":[");
  for (guint i = 0; i < n; i++)
    g_string_append (out, i ? ",0" : "0");
  g_string_append (out, "]}],\"adjclose\":[{\"adjclose\":[");
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      append_float32 (out, points[i].close);
    }
  g_string_append (out, "]}]}}],\"error\":null}}");
  *length = out->len;
  return g_string_free (out, FALSE);
}

typedef CcSeries *(*ParseFunc) (const char *data, gsize length);

static CcSeries *
parse_yahoo (const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  CcSeries *series = cc_yahoo_parse_chart ("^SOX", 200, data, length, &error);

  g_assert_no_error (error);
  return series;
}

static CcSeries *
parse_csv (const char *data,
           gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cc_csv_parse (data, length, "bench.csv", "^SOX", NULL, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static CcSeries *
parse_cache (const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  CcSeries *series = cc_cache_parse (data, length, "bench.json", NULL, &error);

  g_assert_no_error (error);
  return series;
}

static void
run (const char *name,
     ParseFunc   parse,
     const char *data,
     gsize       length,
     guint       expected_points,
     guint       iterations)
{
  g_autofree double *ms = g_new (double, iterations);

  for (guint i = 0; i < iterations; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CcSeries) series = parse (data, length);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (cc_series_get_n_points (series), ==, expected_points);
    }
  qsort (ms, iterations, sizeof (double), compare_doubles);
  printf ("%-22s %5u bars  %7.1f kB  median %7.2f ms  min %7.2f ms  max %7.2f ms\n", name,
          expected_points, length / 1024.0, ms[iterations / 2], ms[0], ms[iterations - 1]);
}

int
main (int    argc,
      char **argv)
{
  const char *data_dir = argc > 1 ? argv[1] : "tests/data";
  guint iterations = argc > 2 ? (guint) atoi (argv[2]) : 50;
  g_autofree char *csv_path = g_build_filename (data_dir, "history",
                                                "sox_daily_2010_2020_davephlin_yahoo.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CcSeries) check = NULL;
  CcSeries *series;
  gsize csv_length, reply_length, cache_length;
  guint n;

  iterations = MAX (iterations, 1);
  if (!g_file_get_contents (csv_path, &csv, &csv_length, &error))
    {
      fprintf (stderr, "bench-parse: %s\n", error->message);
      return 1;
    }
  list = cc_csv_parse (csv, csv_length, "sox.csv", "^SOX", NULL, &error);
  g_assert_no_error (error);
  series = g_ptr_array_index (list, 0);
  n = cc_series_get_n_points (series);

  reply = build_yahoo_reply (series, &reply_length);
  /* The reply must read back to the same closes, or the timing means nothing. */
  check = parse_yahoo (reply, reply_length);
  g_assert_cmpuint (cc_series_get_n_points (check), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (fabs (cc_series_get_point (check, i)->close -
                             cc_series_get_point (series, i)->close), <, 1e-3);
  cache = cc_cache_serialize (series, "yahoo", &cache_length);

  printf ("bench-parse: %u iterations each, 10 years of daily ^SOX closes\n", iterations);
  run ("yahoo-v8-json-10y", parse_yahoo, reply, reply_length, n, iterations);
  run ("csv-yahoo-layout-10y", parse_csv, csv, csv_length, n, iterations);
  run ("cache-json-10y", parse_cache, cache, cache_length, n, iterations);
  return 0;
}
