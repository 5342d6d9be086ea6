/* test-csv.c: CSV import of real files in the Yahoo, Stooq and generic layouts, the quirks of
 * real-world files, errors with line numbers, and export that reads back the same. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cc-csv.h"
#include "cc-csv-reader.h"
#include "cc-data-error.h"
#include "cc-test-data.h"

static GPtrArray *
import_fixture (const char  *dir,
                const char  *name,
                GPtrArray  **notes,
                GError     **error)
{
  g_autoptr(GBytes) bytes = cc_test_load_fixture (dir, name, NULL);
  g_autofree char *symbol = cc_csv_guess_symbol (name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return cc_csv_parse (data, length, name, symbol, notes, error);
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

static int
point_flags (CcSeries   *series,
             const char *iso)
{
  int index = cc_series_find (series, cc_test_date (iso));

  g_assert_cmpint (index, >=, 0);
  return cc_series_get_point (series, (guint) index)->flags;
}

static gboolean
notes_mention (GPtrArray  *notes,
               const char *a,
               const char *b)
{
  for (guint i = 0; notes && i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), a) && strstr (g_ptr_array_index (notes, i), b))
      return TRUE;
  return FALSE;
}

/* BOM, YYYYMMDD dates newest first, "5,124.10" and a bogus Saturday row. */
static void
test_import_suweihsiang (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) list = import_fixture ("history", "sox_daily_2020_2024_suweihsiang.csv",
                                              &notes, &error);
  CcSeries *series;
  const CcPoint *points;
  guint n;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  series = g_ptr_array_index (list, 0);
  g_assert_cmpstr (cc_series_get_symbol (series), ==, "SOX");
  g_assert_cmpint (cc_series_get_origin (series), ==, CC_ORIGIN_IMPORTED);
  g_assert_cmpstr (cc_series_get_source (series), ==, "sox_daily_2020_2024_suweihsiang.csv");

  points = cc_series_get_points (series, &n);
  /* 1,172 rows less the Saturday. */
  g_assert_cmpuint (n, ==, 1171);
  g_assert_cmpint (points[0].date, ==, cc_test_date ("2020-01-02"));
  g_assert_cmpint (points[n - 1].date, ==, cc_test_date ("2024-08-27"));
  g_assert_cmpfloat (points[n - 1].close, ==, 5124.1);
  assert_close (series, "2021-12-27", 4039.5);
  assert_close (series, "2022-10-14", 2162.3);
  assert_close (series, "2024-05-17", 4983.0);
  g_assert_cmpint (cc_series_find (series, cc_test_date ("2024-05-18")), ==, -1);

  /* The skipped row is reported with its line (the header is line 1). */
  g_assert_true (notes_mention (notes, "line 71", "2024-05-18"));
  g_assert_true (notes_mention (notes, "2024-05-18", "skipped"));
}

static void
test_import_yahoo_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) list = import_fixture ("history",
                                              "sox_daily_2010_2020_davephlin_yahoo.csv",
                                              &notes, &error);
  CcSeries *series;

  g_assert_no_error (error);
  series = g_ptr_array_index (list, 0);
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 2517);
  /* The Close column, not Adj Close. */
  assert_close (series, "2010-05-17", 359.390015);
  g_assert_cmpint (cc_series_get_last (series)->date, ==, cc_test_date ("2020-05-14"));
  g_assert_cmpuint (notes->len, ==, 0);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = import_fixture ("layouts", "NVDA_2018-01-02_2018-11-02_yahoo_style.csv", NULL, &error);
  g_assert_no_error (error);
  series = g_ptr_array_index (list, 0);
  g_assert_cmpstr (cc_series_get_symbol (series), ==, "NVDA");
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 213);
  assert_close (series, "2018-11-02", 214.919998);
}

static void
test_import_stooq_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = import_fixture ("layouts",
                                              "nvda.us_2018-01-02_2018-11-02_stooq_style.csv",
                                              NULL, &error);
  CcSeries *series;

  g_assert_no_error (error);
  series = g_ptr_array_index (list, 0);
  g_assert_cmpstr (cc_series_get_symbol (series), ==, "NVDA");
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 213);
  assert_close (series, "2018-10-29", 185.62);
}

/* The 1995-07-24 step is the index's official 2:1 split, kept as it is; the 1995-07-04 row
 * is an interpolated holiday, kept with a note. */
static void
test_import_split_and_holidays (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) list = import_fixture ("history",
                                              "sox_1995_split_stevenmichiels_slice.csv",
                                              &notes, &error);
  CcSeries *series;

  g_assert_no_error (error);
  series = g_ptr_array_index (list, 0);
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 87);
  assert_close (series, "1995-07-21", 526.95996);
  assert_close (series, "1995-07-24", 276.11987);
  assert_close (series, "1995-07-04", 488.56482000000005);
  g_assert_true (notes_mention (notes, "1995-07-04", "holiday"));
  /* Kept, but flagged: the chart and the analysis can tell it from a real close. */
  g_assert_cmpint (point_flags (series, "1995-07-04"), ==, CC_POINT_FLAG_NON_TRADING_DAY);
  g_assert_cmpint (point_flags (series, "1995-07-05"), ==, CC_POINT_FLAG_NONE);

  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&notes, g_ptr_array_unref);
  list = import_fixture ("history", "sox_2001_september_stevenmichiels_slice.csv", &notes,
                         &error);
  g_assert_no_error (error);
  for (int day = 11; day <= 14; day++)
    {
      g_autofree char *iso = g_strdup_printf ("2001-09-%02d", day);
      g_assert_true (notes_mention (notes, iso, "holiday"));
    }
}

static void
test_import_generic (void)
{
  const char *text = "\xEF\xBB\xBF# closes typed by hand\r\n"
                     "Date,Close\r\n"
                     "\r\n"
                     "2024-01-03,\"1,234.50\"\r\n"
                     "   \r\n"
                     "20240102, 1200\r\n"
                     "2024-01-04 00:00:00,null\r\n"
                     "2024-01-05,1250.25";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) list = cc_csv_parse (text, strlen (text), "hand.csv", "MINE", &notes,
                                            &error);
  CcSeries *series;
  const CcPoint *points;
  guint n;

  g_assert_no_error (error);
  series = g_ptr_array_index (list, 0);
  g_assert_cmpstr (cc_series_get_symbol (series), ==, "MINE");
  points = cc_series_get_points (series, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (points[0].close, ==, 1200);
  g_assert_cmpfloat (points[1].close, ==, 1234.5);
  g_assert_cmpfloat (points[2].close, ==, 1250.25);
  g_assert_true (notes_mention (notes, "line 7", "no close"));

  /* No header at all. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cc_csv_parse ("2024-01-02,10\n2024-01-03,11\n", 28, "bare.csv", "BARE", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (g_ptr_array_index (list, 0)), ==, 2);
}

typedef struct {
  const char *text;
  const char *expect_a;
  const char *expect_b;
} BadCase;

static void
test_import_errors (void)
{
  static const BadCase cases[] = {
    { "Date,Close\n2024-01-02,10\n2024-13-02,11\n", "line 3", "2024-13-02" },
    { "Date,Close\n2024-01-02,10\n2024-01-03,abc\n", "line 3", "abc" },
    { "Date,Close\n2024-01-02,-5\n", "line 2", "positive" },
    { "Date,Close\n2024-01-02,\"10\n", "line 2", "quoted" },
    { "Date,Open,High,Low,Close\n2024-01-02,1,2\n", "line 2", "fields" },
    { "Day of trade;Close\n2024-01-02;10\n", "line 1", "Date" },
    { "Date,Volume\n2024-01-02,10\n", "line 1", "Close" },
    { "Date,Close\n", "holds no prices", NULL },
    { "", "holds no prices", NULL },
    { "Date,Close\n2024-01-02,1,2\n2024-01-03,\"1,2\"\n", "line 3", "1,2" },
    { "Date,Close\n2024-01-02,1e999\n", "line 2", "1e999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = cc_csv_parse (cases[i].text, strlen (cases[i].text),
                                                "bad.csv", "BAD", NULL, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (list);
      g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "bad.csv"));
      g_assert_nonnull (strstr (error->message, cases[i].expect_a));
      if (cases[i].expect_b)
        g_assert_nonnull (strstr (error->message, cases[i].expect_b));
    }

  {
    const char binary[] = "Date,Close\n\0\xff\xfe";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) list = cc_csv_parse (binary, sizeof binary, "blob.bin", "X", NULL,
                                              &error);
    g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
  }
}

static void
test_export_round_trip (void)
{
  g_autoptr(CcSeries) observed = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) rebuilt = cc_series_new ("MU", CC_LEVEL_INDEX);
  g_autoptr(GPtrArray) series = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;

  cc_series_set_source (observed, "Yahoo Finance");
  cc_series_set_fetched_at (observed, 1791215934);
  cc_series_append (observed, cc_test_date ("2026-10-02"), 13136.67, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (observed, cc_test_date ("2026-10-05"), 13128.23, CC_PROVENANCE_OBSERVED,
                    CC_POINT_FLAG_UNFINISHED);
  cc_series_set_source (rebuilt, "offline dataset, reconstructed from \"anchors\", 2026");
  cc_series_append (rebuilt, cc_test_date ("2026-06-30"), 100, CC_PROVENANCE_ANCHORED, 0);
  cc_series_append (rebuilt, cc_test_date ("2026-07-01"), 89.7, CC_PROVENANCE_RECONSTRUCTED, 0);
  cc_series_append (rebuilt, cc_test_date ("2026-07-02"), 0.1 + 0.2, CC_PROVENANCE_RECONSTRUCTED,
                    0);
  cc_series_append (rebuilt, cc_test_date ("2026-07-03"), 90.1, CC_PROVENANCE_RECONSTRUCTED,
                    CC_POINT_FLAG_NON_TRADING_DAY | CC_POINT_FLAG_UNFINISHED);
  g_ptr_array_add (series, observed);
  g_ptr_array_add (series, rebuilt);

  text = cc_csv_export (series, CC_DATE_INVALID, CC_DATE_INVALID, &length);
  g_assert_true (g_str_has_prefix (text, "Date,Symbol,Close,Provenance,Flags,Source\n"
                                         "2026-10-02,^SOX,13136.67,observed,,"
                                         "Yahoo Finance 2026-10-05T15:58:54Z\n"
                                         "2026-10-05,^SOX,13128.23,observed,unfinished,"));
  g_assert_nonnull (strstr (text,
                            "2026-07-01,MU,89.7,reconstructed,,"
                            "\"offline dataset, reconstructed from \"\"anchors\"\", 2026\"\n"));

  back = cc_csv_parse (text, length, "export.csv", "UNUSED", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  for (guint s = 0; s < 2; s++)
    {
      CcSeries *a = g_ptr_array_index (series, s);
      CcSeries *b = g_ptr_array_index (back, s);
      const CcPoint *pa, *pb;
      guint na, nb;

      g_assert_cmpstr (cc_series_get_symbol (a), ==, cc_series_get_symbol (b));
      pa = cc_series_get_points (a, &na);
      pb = cc_series_get_points (b, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpint (pa[i].date, ==, pb[i].date);
          g_assert_cmpfloat (pa[i].close, ==, pb[i].close);
          g_assert_cmpint (pa[i].provenance, ==, pb[i].provenance);
          g_assert_cmpint (pa[i].flags, ==, pb[i].flags);
        }
    }

  /* A window, written to a file atomically. */
  dir = g_dir_make_tmp ("cc-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "visible.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (cc_csv_export_file (series, cc_test_date ("2026-07-01"),
                                     cc_test_date ("2026-10-02"), file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, "Date,Symbol,Close,Provenance,Flags,Source\n"
                                "2026-10-02,^SOX,13136.67,observed,,"
                                "Yahoo Finance 2026-10-05T15:58:54Z\n"
                                "2026-07-01,MU,89.7,reconstructed,,"
                                "\"offline dataset, reconstructed from \"\"anchors\"\", 2026\"\n"
                                "2026-07-02,MU,0.30000000000000004,reconstructed,,"
                                "\"offline dataset, reconstructed from \"\"anchors\"\", 2026\"\n"
                                "2026-07-03,MU,90.1,reconstructed,unfinished non-trading-day,"
                                "\"offline dataset, reconstructed from \"\"anchors\"\", 2026\"\n");
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The tokenizer on its own: quotes, escapes, line breaks in quotes, separators, line ends. */
static void
test_reader_tokens (void)
{
  const char *text = "\xEF\xBB\xBF" "a; \"b;c\" ;\"say \"\"hi\"\"\"\r\n"
                     "# a comment\r"
                     "\r\n"
                     "\"two\nlines\";;last \r"
                     "x";
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCsvReader) reader = cc_csv_reader_new (text, -1, "t.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (cc_csv_reader_get_separator (reader), ==, ';');
  g_assert_true (cc_csv_reader_next (reader, &error));
  g_assert_cmpuint (cc_csv_reader_get_line (reader), ==, 1);
  g_assert_cmpuint (cc_csv_reader_get_n_fields (reader), ==, 3);
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 0), ==, "a");
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 1), ==, "b;c");
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 2), ==, "say \"hi\"");
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 3), ==, "");
  g_assert_true (cc_csv_reader_next (reader, &error));
  g_assert_cmpuint (cc_csv_reader_get_line (reader), ==, 4);
  g_assert_cmpuint (cc_csv_reader_get_n_fields (reader), ==, 3);
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 0), ==, "two\nlines");
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 1), ==, "");
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 2), ==, "last");
  g_assert_true (cc_csv_reader_next (reader, &error));
  g_assert_cmpuint (cc_csv_reader_get_line (reader), ==, 6);
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 0), ==, "x");
  g_assert_false (cc_csv_reader_next (reader, &error));
  g_assert_no_error (error);

  /* Excel's "sep=" line, and tabs. */
  {
    g_autoptr(CcCsvReader) excel = cc_csv_reader_new ("sep=,\nDate;x,Close\n", -1, "e.csv",
                                                      &error);
    g_autoptr(CcCsvReader) tabs = cc_csv_reader_new ("Date\tClose, USD\n", -1, "t.tsv",
                                                     &error);

    g_assert_true (cc_csv_reader_next (excel, &error));
    g_assert_cmpuint (cc_csv_reader_get_line (excel), ==, 2);
    g_assert_cmpstr (cc_csv_reader_get_field (excel, 0), ==, "Date;x");
    g_assert_true (cc_csv_reader_next (tabs, &error));
    g_assert_cmpstr (cc_csv_reader_get_field (tabs, 1), ==, "Close, USD");
  }

  /* Broken records name the file, the line and the column. */
  {
    g_autoptr(CcCsvReader) bad = cc_csv_reader_new ("a,b\n1,\"2\"x,3\n", -1, "q.csv", &error);

    g_assert_true (cc_csv_reader_next (bad, &error));
    g_assert_false (cc_csv_reader_next (bad, &error));
    g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "q.csv, line 2"));
    g_assert_nonnull (strstr (error->message, "column 2"));
  }
}

static void
test_reader_numbers (void)
{
  static const struct {
    const char *first_line;
    const char *text;
    double      value;   /* 0: not a number */
  } cases[] = {
    { "a,b", "1234.5", 1234.5 },
    { "a,b", "1,234.50", 1234.5 },
    { "a,b", "12,345,678", 12345678 },
    { "a,b", "-1,234", -1234 },
    { "a,b", "1,23", 0 },
    { "a,b", "1234,5", 0 },
    { "a,b", ",123", 0 },
    { "a,b", "1,234.5,6", 0 },
    { "a;b", "1234,5", 1234.5 },
    { "a;b", "1.234,50", 1234.5 },
    { "a;b", "1234.5", 1234.5 },
    { "a;b", "1.23,4", 0 },
    { "a;b", "1,2,3", 0 },
    { "a;b", "1,234.5", 0 },
    { "a\tb", "1,234.50", 1234.5 },
    { "a,b", "nan", 0 },
    { "a,b", "0x10", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CcCsvReader) reader = cc_csv_reader_new (cases[i].first_line, -1, "n.csv",
                                                         NULL);
      double value = 0;
      gboolean ok = cc_csv_reader_parse_number (reader, cases[i].text, &value);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].value != 0);
      if (ok)
        g_assert_cmpfloat (value, ==, cases[i].value);
    }
}

/* Wide files: one series per column, gaps, a holiday row, and errors naming the column. */
static void
test_import_wide (void)
{
  const char *text = "date,mu,NVDA,^SOX\n"
                     "2026-06-29,100,200,\n"
                     "2026-06-30,101,,7000.5\n"
                     "2026-07-03,102,202,7001\n"
                     "2026-07-04,1,1,1\n"
                     "2026-07-01,103,203,7002\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  CcCsvLayout layout;
  g_autoptr(GPtrArray) list = cc_csv_read (text, strlen (text), "w.csv", "W", &layout, &notes,
                                           &error);
  CcSeries *mu, *nvda, *sox;

  g_assert_no_error (error);
  g_assert_cmpint (layout, ==, CC_CSV_LAYOUT_WIDE);
  g_assert_cmpuint (list->len, ==, 3);
  mu = g_ptr_array_index (list, 0);
  nvda = g_ptr_array_index (list, 1);
  sox = g_ptr_array_index (list, 2);
  /* Symbols are tickers, upper-cased. */
  g_assert_cmpstr (cc_series_get_symbol (mu), ==, "MU");
  g_assert_cmpstr (cc_series_get_symbol (nvda), ==, "NVDA");
  g_assert_cmpstr (cc_series_get_symbol (sox), ==, "^SOX");
  /* The Saturday row is skipped; empty cells are gaps. */
  g_assert_cmpuint (cc_series_get_n_points (mu), ==, 4);
  g_assert_cmpuint (cc_series_get_n_points (nvda), ==, 3);
  g_assert_cmpuint (cc_series_get_n_points (sox), ==, 3);
  assert_close (mu, "2026-07-01", 103);
  assert_close (sox, "2026-06-30", 7000.5);
  g_assert_true (notes_mention (notes, "line 5", "skipped"));
  /* 3 July 2026 is the observed Independence Day holiday. */
  g_assert_true (notes_mention (notes, "line 4", "holiday"));
  g_assert_cmpint (point_flags (nvda, "2026-07-03"), ==, CC_POINT_FLAG_NON_TRADING_DAY);
  g_assert_cmpint (point_flags (nvda, "2026-07-01"), ==, CC_POINT_FLAG_NONE);

  {
    static const BadCase cases[] = {
      { "date,AAA,BBB\n2024-01-02,1,abc\n", "line 2, column “BBB”", "abc" },
      { "date,AAA,BBB\n2024-01-02,1\n", "line 2", "header has 3" },
      { "date,AAA,not a ticker\n2024-01-02,1,2\n", "line 1, column “3”", "not a ticker" },
      { "date,AAA,\n2024-01-02,1,2\n", "line 1, column “3”", "no symbol" },
      { "date,AAA,aaa\n2024-01-02,1,2\n", "line 1", "two columns" },
      { "Datum;AAA\n2024-01-02;-1,5\n", "line 2, column “AAA”", "positive" },
      { "date,AAA\n2024-01-02,\n", "holds no prices", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GPtrArray) bad = cc_csv_parse (cases[i].text, strlen (cases[i].text),
                                                 "bad.csv", "BAD", NULL, &error);

        g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
        g_assert_null (bad);
        g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, "bad.csv"));
        g_assert_nonnull (strstr (error->message, cases[i].expect_a));
        if (cases[i].expect_b)
          g_assert_nonnull (strstr (error->message, cases[i].expect_b));
        g_clear_error (&error);
      }
  }
}

static void
test_import_file (void)
{
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_DIST), "data", "layouts",
                                            "nvda.us_2018-01-02_2018-11-02_stooq_style.csv",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/prices.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cc_csv_import_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cc_series_get_symbol (g_ptr_array_index (list, 0)), ==, "NVDA");
  g_assert_null (cc_csv_import_file (missing, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_guess_symbol (void)
{
  static const char *cases[][2] = {
    { "NVDA_2018-01-02_2018-11-02_yahoo_style.csv", "NVDA" },
    { "nvda.us_2018-01-02_2018-11-02_stooq_style.csv", "NVDA" },
    { "^SOX.csv", "^SOX" },
    { "sox_daily_1994_stevenmichiels.csv", "SOX" },
    { "brk.b.csv", "BRK.B" },
    { "my prices.csv", "MY-PRICES" },
    { "a-very-long-name-for-a-file.csv", "A-VERY-LONG-NAM" },
    { ".csv", "IMPORTED" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *symbol = cc_csv_guess_symbol (cases[i][0]);
      g_assert_cmpstr (symbol, ==, cases[i][1]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/csv/import/bom-descending-thousands-saturday", test_import_suweihsiang);
  g_test_add_func ("/data/csv/import/yahoo-layout", test_import_yahoo_layout);
  g_test_add_func ("/data/csv/import/stooq-layout", test_import_stooq_layout);
  g_test_add_func ("/data/csv/import/split-and-holidays", test_import_split_and_holidays);
  g_test_add_func ("/data/csv/import/generic", test_import_generic);
  g_test_add_func ("/data/csv/import/errors", test_import_errors);
  g_test_add_func ("/data/csv/import/file", test_import_file);
  g_test_add_func ("/data/csv/import/wide", test_import_wide);
  g_test_add_func ("/data/csv/reader/tokens", test_reader_tokens);
  g_test_add_func ("/data/csv/reader/numbers", test_reader_numbers);
  g_test_add_func ("/data/csv/guess-symbol", test_guess_symbol);
  g_test_add_func ("/data/csv/export/round-trip", test_export_round_trip);

  return g_test_run ();
}
