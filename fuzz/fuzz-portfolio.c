/* fuzz-portfolio.c: libFuzzer target for the saved portfolios file and the holdings CSV import
 * (src/data/cc-portfolio-file.c). Every input goes through both. The JSON reader gives exactly
 * one of portfolios or an error naming the file, and whatever it reads is written, read back
 * equal and written again byte for byte the same. The CSV import gives a portfolio or an error
 * naming the file, every problem names the file and a line, and what it imports is written
 * and read back equal. */
#include "config.h"

#include <string.h>

#include "cc-portfolio-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_round_trip (GPtrArray *portfolios)
{
  GError *error = NULL;
  gsize length, length2;
  char *text = cc_portfolios_to_json_data (portfolios, &length);
  GPtrArray *again = cc_portfolios_from_json_data (text, (gssize) length, "again.json", &error);
  char *text2;

  g_assert_no_error (error);
  g_assert (again != NULL && again->len == portfolios->len);
  for (guint i = 0; i < portfolios->len; i++)
    g_assert (cc_portfolio_equal (g_ptr_array_index (portfolios, i),
                                  g_ptr_array_index (again, i)));
  text2 = cc_portfolios_to_json_data (again, &length2);
  g_assert (length2 == length && memcmp (text, text2, length) == 0);
  g_free (text2);
  g_ptr_array_unref (again);
  g_free (text);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static CcDataset *dataset;
  GError *error = NULL;
  GPtrArray *portfolios;
  GPtrArray *problems;
  CcPortfolio *portfolio;

  if (dataset == NULL)
    {
      CcSeries *nvda = cc_series_new ("NVDA", CC_LEVEL_PRICE);

      dataset = cc_dataset_new ();
      cc_series_append (nvda, cc_date_from_ymd (2026, 7, 1), 10, CC_PROVENANCE_OBSERVED, 0);
      cc_dataset_set_series (dataset, nvda);
      g_object_unref (nvda);
    }

  portfolios = cc_portfolios_from_json_data ((const char *) data, (gssize) size, "fuzz.json",
                                             &error);
  g_assert ((portfolios != NULL) != (error != NULL));
  if (portfolios != NULL)
    {
      check_round_trip (portfolios);
      g_ptr_array_unref (portfolios);
    }
  else
    g_assert (g_utf8_validate (error->message, -1, NULL) &&
              g_str_has_prefix (error->message, "fuzz.json"));
  g_clear_error (&error);

  problems = g_ptr_array_new_with_free_func (g_free);
  portfolio = cc_portfolio_import_csv ((const char *) data, (gssize) size, "fuzz.csv", "Fuzz",
                                       dataset, problems, &error);
  g_assert ((portfolio != NULL) != (error != NULL));
  for (guint i = 0; i < problems->len; i++)
    g_assert (g_str_has_prefix (g_ptr_array_index (problems, i), "fuzz.csv, line "));
  if (portfolio != NULL)
    {
      GPtrArray *one = g_ptr_array_new ();

      g_assert (cc_portfolio_get_n_holdings (portfolio) > 0);
      g_ptr_array_add (one, portfolio);
      check_round_trip (one);
      g_ptr_array_unref (one);
      g_object_unref (portfolio);
    }
  else
    g_assert (g_utf8_validate (error->message, -1, NULL) &&
              g_str_has_prefix (error->message, "fuzz.csv"));
  g_clear_error (&error);
  g_ptr_array_unref (problems);
  return 0;
}
