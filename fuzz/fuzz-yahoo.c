/* fuzz-yahoo.c: libFuzzer target for the Yahoo v8 chart JSON parser. */
#include "fuzz-provider.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The HTTP status steers the error classification: exercise the common ones. */
  static const guint statuses[] = { 200, 404, 400, 401 };

  return fuzz_provider_reply (cc_yahoo_parse_chart, statuses, G_N_ELEMENTS (statuses), data, size);
}
