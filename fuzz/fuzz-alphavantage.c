/* fuzz-alphavantage.c: libFuzzer target for the Alpha Vantage TIME_SERIES_DAILY JSON parser. */
#include "fuzz-provider.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The HTTP status steers the error classification: exercise the common ones. */
  static const guint statuses[] = { 200, 404, 400, 401 };

  return fuzz_provider_reply (cc_alphavantage_parse_daily, statuses, G_N_ELEMENTS (statuses), data, size);
}
