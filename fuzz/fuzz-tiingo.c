/* fuzz-tiingo.c: libFuzzer target for the Tiingo end-of-day JSON parser. */
#include "config.h"

#include "cc-provider.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The HTTP status steers the error classification: exercise the common ones. */
  static const guint statuses[] = { 200, 404, 429, 401 };
  GError *error = NULL;
  CcSeries *series;

  series = cc_tiingo_parse_prices ("FUZZ", statuses[size % G_N_ELEMENTS (statuses)],
                                   (const char *) data, size, &error);
  /* Exactly one of a series or an error. */
  g_assert ((series != NULL) != (error != NULL));
  if (series != NULL)
    {
      g_assert (cc_series_get_n_points (series) > 0);
      g_object_unref (series);
    }
  g_clear_error (&error);
  return 0;
}
