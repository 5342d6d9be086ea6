/* fuzz-cache.c: libFuzzer target for the cache file parser, with a round-trip check. */
#include "config.h"

#include "cc-cache.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  char *provider = NULL;
  CcSeries *series;

  series = cc_cache_parse ((const char *) data, size, "fuzz.json", &provider, &error);
  g_assert ((series != NULL) != (error != NULL));
  if (series != NULL)
    {
      gsize length;
      char *text = cc_cache_serialize (series, provider, &length);
      char *provider_again = NULL;
      CcSeries *again = cc_cache_parse (text, length, "again.json", &provider_again, &error);
      const CcPoint *a, *b;
      guint na, nb;

      /* Whatever the cache accepts, it writes back identically. */
      g_assert_no_error (error);
      g_assert (g_strcmp0 (provider, provider_again) == 0);
      g_assert (g_strcmp0 (cc_series_get_symbol (series), cc_series_get_symbol (again)) == 0);
      a = cc_series_get_points (series, &na);
      b = cc_series_get_points (again, &nb);
      g_assert (na == nb);
      for (guint i = 0; i < na; i++)
        g_assert (a[i].date == b[i].date && a[i].close == b[i].close &&
                  a[i].provenance == b[i].provenance && a[i].flags == b[i].flags);
      g_free (provider_again);
      g_object_unref (again);
      g_free (text);
      g_object_unref (series);
    }
  g_free (provider);
  g_clear_error (&error);
  return 0;
}
