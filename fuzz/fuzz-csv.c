/* fuzz-csv.c: libFuzzer target for CSV import (every layout and quirk). */
#include "config.h"

#include "cc-csv.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GPtrArray *notes = NULL;
  GPtrArray *series;
  GError *error = NULL;

  series = cc_csv_parse ((const char *) data, size, "fuzz.csv", "FUZZ", &notes, &error);
  g_assert ((series != NULL) != (error != NULL));
  if (series != NULL)
    {
      gsize length;
      char *text = cc_csv_export (series, CC_DATE_INVALID, CC_DATE_INVALID, &length);
      GPtrArray *again = cc_csv_parse (text, length, "export.csv", "FUZZ", NULL, &error);

      /* What we export we can always read back. */
      g_assert_no_error (error);
      g_assert (again != NULL);
      g_ptr_array_unref (again);
      g_free (text);
      g_ptr_array_unref (series);
    }
  g_clear_pointer (&notes, g_ptr_array_unref);
  g_clear_error (&error);
  return 0;
}
