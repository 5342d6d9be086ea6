/* fuzz-edgar-header.c: libFuzzer target for a filing's SGML header (acceptance time). */
#include "config.h"

#include "cc-edgar.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  CcEdgarHeader header;
  gboolean ok = cc_edgar_parse_header ((const char *) data, size, "fuzz", &header, &error);

  g_assert (ok != (error != NULL));
  if (!ok)
    {
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  /* The time read is the wall clock written, in New York. */
  g_assert (header.accepted_at != G_MININT64);
  g_assert (cc_date_ymd_is_valid (header.year, header.month, header.day));
  g_assert (header.hour < 24 && header.minute < 60 && header.second < 60);
  return 0;
}
