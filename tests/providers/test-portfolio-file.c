/* test-portfolio-file.c: the saved portfolios file (round trip, errors, a corrupt file set
 * aside) and holdings imported from CSV, each bad line named while the rest loads. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-portfolio-file.h"

static CcDate
d (const char *iso)
{
  CcDate date = CC_DATE_INVALID;

  g_assert_true (cc_date_parse_iso (iso, &date));
  return date;
}

static GPtrArray *
two_portfolios (void)
{
  GPtrArray *portfolios = g_ptr_array_new_with_free_func (g_object_unref);
  CcPortfolio *shares = cc_portfolio_new ("Brokerage “main”", CC_HOLDING_SHARES);
  CcPortfolio *weights = cc_portfolio_new ("Model", CC_HOLDING_WEIGHT);
  g_autoptr(CcHolding) nvda = cc_holding_new ("nvda", 12.5);
  g_autoptr(CcHolding) mu = cc_holding_new ("MU", 3);
  g_autoptr(CcHolding) w = cc_holding_new ("KLAC", 0.1);

  nvda->cost = 120.25;
  nvda->date = d ("2025-11-03");
  cc_portfolio_set_holding (shares, nvda);
  cc_portfolio_set_holding (shares, mu);
  cc_portfolio_set_holding (weights, w);
  g_ptr_array_add (portfolios, shares);
  g_ptr_array_add (portfolios, weights);
  return portfolios;
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) portfolios = two_portfolios ();
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  gsize length, length2;

  g_assert_cmpstr (cc_portfolio_get_holding (g_ptr_array_index (portfolios, 0), 0)->ticker, ==,
                   "NVDA");
  text = cc_portfolios_to_json_data (portfolios, &length);
  again = cc_portfolios_from_json_data (text, (gssize) length, "p.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (cc_portfolio_equal (g_ptr_array_index (portfolios, i),
                                       g_ptr_array_index (again, i)));
  g_assert_cmpint (cc_portfolio_get_holding (g_ptr_array_index (again, 0), 0)->date, ==,
                   d ("2025-11-03"));
  text2 = cc_portfolios_to_json_data (again, &length2);
  g_assert_cmpstr (text, ==, text2);
}

static void
assert_invalid (const char *json,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *portfolios = cc_portfolios_from_json_data (json, -1, "p.json", &error);

  g_assert_null (portfolios);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” is not “%s”", error->message, message);
}

#define HEAD "{\"format\": \"chipcycle-portfolios\", \"version\": 1, \"portfolios\": "

static void
test_json_errors (void)
{
  assert_invalid ("{", "p.json: ");
  assert_invalid ("[]", "p.json: expected an object");
  assert_invalid ("{\"format\": \"x\"}", "p.json: “format” must be “chipcycle-portfolios”");
  assert_invalid (HEAD "[], \"extra\": 1}", "p.json: unknown field “extra”");
  assert_invalid (HEAD "[{\"name\": \"A\", \"kind\": \"shares\", \"holdings\": "
                  "[{\"ticker\": \"NVDA\", \"amount\": -1}]}]}",
                  "p.json: portfolio 1, position 1 (NVDA): “amount” must be a number above 0");
  assert_invalid (HEAD "[{\"name\": \"A\", \"kind\": \"shares\", \"holdings\": "
                  "[{\"ticker\": \"NVDA\", \"amount\": 1}, {\"ticker\": \"nvda\", "
                  "\"amount\": 2}]}]}", "p.json: portfolio 1, position 2: NVDA is held twice");
  assert_invalid (HEAD "[{\"name\": \"A\", \"kind\": \"shares\", \"holdings\": []}, "
                  "{\"name\": \"A\", \"kind\": \"weights\", \"holdings\": []}]}",
                  "p.json: portfolio 2: the name “A” is taken by portfolio 1");
  assert_invalid (HEAD "[{\"name\": \"A\", \"kind\": \"lots\", \"holdings\": []}]}",
                  "p.json: portfolio 1: “kind” must be “shares” or “weights”");
  assert_invalid (HEAD "[{\"name\": \"A\", \"kind\": \"shares\", \"holdings\": "
                  "[{\"ticker\": \"NVDA\", \"amount\": 1, \"date\": \"2025-02-30\"}]}]}",
                  "p.json: portfolio 1, position 1 (NVDA): “date” must be a date");
}

/* A file that cannot be read is moved aside, never overwritten by the next save; a second one
 * goes beside the first. */
static void
test_corrupt_set_aside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-portfolios-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "portfolios.json", NULL);
  g_autofree char *aside = g_build_filename (dir, "portfolios.json.corrupt", NULL);
  g_autofree char *aside2 = g_build_filename (dir, "portfolios.json.corrupt-2", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) mine = two_portfolios ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *kept = NULL;
  const char *damaged = HEAD "[{\"name\": \"A\", \"kind\": \"shares\", \"holdings\": [{\"tick";

  /* No file yet: nothing to say. */
  missing = cc_portfolios_load_user (file, &problem);
  g_assert_cmpuint (missing->len, ==, 0);
  g_assert_null (problem);

  g_assert_true (g_file_set_contents (path, damaged, -1, NULL));
  loaded = cc_portfolios_load_user (file, &problem);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "portfolios.json.corrupt"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, damaged);

  /* The next save writes a new file and leaves the damaged one alone. */
  g_assert_true (cc_portfolios_save_file (mine, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&problem, g_free);
  back = cc_portfolios_load_user (file, &problem);
  g_assert_null (problem);
  g_assert_cmpuint (back->len, ==, 2);
  g_clear_pointer (&kept, g_free);
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, damaged);

  g_assert_true (g_file_set_contents (path, "not json", -1, NULL));
  g_clear_pointer (&loaded, g_ptr_array_unref);
  g_clear_pointer (&problem, g_free);
  loaded = cc_portfolios_load_user (file, &problem);
  g_assert_nonnull (strstr (problem, "portfolios.json.corrupt-2"));
  g_assert_true (g_file_test (aside2, G_FILE_TEST_EXISTS));

  g_unlink (aside);
  g_unlink (aside2);
  g_unlink (path);
  g_rmdir (dir);
}

static CcDataset *
dataset_with (const char * const *symbols)
{
  CcDataset *dataset = cc_dataset_new ();

  for (guint i = 0; symbols[i]; i++)
    {
      g_autoptr(CcSeries) s = cc_series_new (symbols[i], CC_LEVEL_PRICE);

      cc_series_append (s, d ("2026-07-01"), 10, CC_PROVENANCE_OBSERVED, 0);
      cc_dataset_set_series (dataset, s);
    }
  return dataset;
}

static void
assert_problem (GPtrArray  *problems,
                guint       index,
                const char *message)
{
  g_assert_cmpuint (index, <, problems->len);
  g_assert_cmpstr (g_ptr_array_index (problems, index), ==, message);
}

/* Every bad case names its line; the good rows load. */
static void
test_import_bad_rows (void)
{
  const char *symbols[] = { "NVDA", "MU", "KLAC", "IREN", NULL };
  g_autoptr(CcDataset) dataset = dataset_with (symbols);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcPortfolio) portfolio = NULL;
  const char *csv =
    "Symbol,Shares,Cost,Date\n"
    "NVDA,10,120.5,2025-11-03\n"       /* 2 */
    "MU,0\n"                           /* 3: zero */
    "KLAC,-4,500\n"                    /* 4: negative */
    "NVDA,5\n"                         /* 5: duplicate */
    "ZZZZ,1\n"                         /* 6: unknown */
    "AMD,2\n"                          /* 7: known, no prices: kept */
    "IREN,lots\n"                      /* 8: not a number */
    "MU,7,abc\n"                       /* 9: bad cost */
    "KLAC,1,,03/11/2025\n"             /* 10: bad date */
    "bad ticker,1\n"                   /* 11 */
    "IREN,\"1,000\",$9.50\n";          /* 12: quoted thousands, a dollar sign */

  portfolio = cc_portfolio_import_csv (csv, -1, "holdings.csv", "Holdings", dataset, problems,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_portfolio_get_kind (portfolio), ==, CC_HOLDING_SHARES);
  g_assert_cmpuint (cc_portfolio_get_n_holdings (portfolio), ==, 3);
  g_assert_cmpfloat (cc_portfolio_get_holding (portfolio, 0)->cost, ==, 120.5);
  g_assert_cmpuint (cc_portfolio_get_holding (portfolio, 0)->line, ==, 2);
  g_assert_cmpstr (cc_portfolio_get_holding (portfolio, 1)->ticker, ==, "AMD");
  g_assert_cmpfloat (cc_portfolio_get_holding (portfolio, 2)->amount, ==, 1000);
  g_assert_cmpfloat (cc_portfolio_get_holding (portfolio, 2)->cost, ==, 9.5);

  g_assert_cmpuint (problems->len, ==, 9);
  assert_problem (problems, 0, "holdings.csv, line 3, column “Shares”: MU has 0 shares, but a "
                  "position needs more than 0; this line is left out");
  assert_problem (problems, 1, "holdings.csv, line 4, column “Shares”: KLAC has -4 shares, but "
                  "a position needs more than 0; this line is left out");
  assert_problem (problems, 2, "holdings.csv, line 5, column “Symbol”: NVDA is already held on "
                  "line 2; this second row is left out");
  assert_problem (problems, 3, "holdings.csv, line 6, column “Symbol”: ZZZZ is an unknown "
                  "ticker: add it to the chart first so its prices can be fetched; this line is "
                  "left out");
  assert_problem (problems, 4, "holdings.csv, line 7, column “Symbol”: no prices are loaded for "
                  "AMD; it is kept, but left out of the analysis until they are fetched");
  assert_problem (problems, 5, "holdings.csv, line 8, column “Shares”: “lots” is not a number; "
                  "this line is left out");
  assert_problem (problems, 6, "holdings.csv, line 9, column “Cost”: “abc” is not a cost above "
                  "0; this line is left out");
  assert_problem (problems, 7, "holdings.csv, line 10, column “Date”: “03/11/2025” is not a "
                  "date (YYYY-MM-DD); this line is left out");
  assert_problem (problems, 8, "holdings.csv, line 11, column “Symbol”: “bad ticker” is not a "
                  "ticker; this line is left out");
  /* Line 12 loads: line 8's IREN was left out, so it is no duplicate. */
}

/* Weights, semicolons and decimal commas, a byte order mark, no header. */
static void
test_import_layouts (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcPortfolio) weights = NULL;
  g_autoptr(CcPortfolio) semicolon = NULL;
  g_autoptr(CcPortfolio) bare = NULL;
  CcPortfolio *none;

  weights = cc_portfolio_import_csv ("\xef\xbb\xbfTicker,Weight %\nNVDA,60%\nMU,40%\n", -1,
                                     "w.csv", "W", NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_portfolio_get_kind (weights), ==, CC_HOLDING_WEIGHT);
  g_assert_cmpfloat (cc_portfolio_get_holding (weights, 1)->amount, ==, 40);

  semicolon = cc_portfolio_import_csv ("Symbol;Quantity;Average cost\nNVDA;1,5;1.234,50\n", -1,
                                       "s.csv", "S", NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cc_portfolio_get_holding (semicolon, 0)->amount, ==, 1.5);
  g_assert_cmpfloat (cc_portfolio_get_holding (semicolon, 0)->cost, ==, 1234.5);

  bare = cc_portfolio_import_csv ("NVDA,10,100,2026-01-02\r\nMU,5\r\n", -1, "b.csv", "B", NULL,
                                  problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_portfolio_get_n_holdings (bare), ==, 2);
  g_assert_cmpint (cc_portfolio_get_holding (bare, 0)->date, ==, d ("2026-01-02"));
  g_assert_cmpuint (problems->len, ==, 0);

  none = cc_portfolio_import_csv ("Symbol,Price\nNVDA,1\n", -1, "x.csv", "X", NULL, problems,
                                  &error);
  g_assert_null (none);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "x.csv, line 1: the header needs a Symbol column and a "
                   "Shares or a Weight column");
  g_clear_error (&error);
  none = cc_portfolio_import_csv ("Symbol,Shares\nNVDA,-1\n", -1, "y.csv", "Y", NULL, problems,
                                  &error);
  g_assert_null (none);
  g_assert_cmpstr (error->message, ==, "y.csv: no holding could be read");
  g_assert_cmpuint (problems->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/portfolio/round-trip", test_round_trip);
  g_test_add_func ("/data/portfolio/json-errors", test_json_errors);
  g_test_add_func ("/data/portfolio/corrupt-set-aside", test_corrupt_set_aside);
  g_test_add_func ("/data/portfolio/import-bad-rows", test_import_bad_rows);
  g_test_add_func ("/data/portfolio/import-layouts", test_import_layouts);
  return g_test_run ();
}
