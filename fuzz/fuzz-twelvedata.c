/* fuzz-twelvedata.c: libFuzzer target for the Twelve Data time series JSON parser. */
#include "fuzz-provider.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The HTTP status steers the error classification: exercise the common ones. */
  static const guint statuses[] = { 200, 404, 429, 401 };

  return fuzz_provider_reply (cc_twelvedata_parse_series, statuses, G_N_ELEMENTS (statuses), data, size);
}
