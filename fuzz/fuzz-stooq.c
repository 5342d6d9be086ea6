/* fuzz-stooq.c: libFuzzer target for the Stooq reply parser (interstitial checks, then CSV). */
#include "fuzz-provider.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The HTTP status steers the error classification: exercise the common ones. */
  static const guint statuses[] = { 200, 404, 400, 401 };

  return fuzz_provider_reply (cc_stooq_parse_csv, statuses, G_N_ELEMENTS (statuses), data, size);
}
