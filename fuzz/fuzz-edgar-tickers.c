/* fuzz-edgar-tickers.c: libFuzzer target for SEC EDGAR's ticker list (company_tickers.json). */
#include "config.h"

#include "cc-edgar.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  GHashTable *table = cc_edgar_parse_tickers ((const char *) data, size, &error);
  GHashTableIter iter;
  gpointer key, value;

  g_assert ((table != NULL) != (error != NULL));
  if (table == NULL)
    {
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  /* Every ticker upper case, every CIK a real one (1 to ten digits). */
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 cik = *(guint64 *) value;
      char *upper = g_ascii_strup (key, -1);

      g_assert (g_str_equal (upper, key));
      g_assert (cik > 0 && cik <= G_GUINT64_CONSTANT (9999999999));
      g_free (upper);
    }
  g_hash_table_unref (table);
  return 0;
}
