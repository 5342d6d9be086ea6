/* fuzz-edgar-concept.c: libFuzzer target for SEC EDGAR's companyconcept reader and the
 * quarterly derivation over what it reads. */
#include "config.h"

#include "cc-edgar.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  CcEdgarConcept *concept;

  concept = cc_edgar_parse_concept ((const char *) data, size, NULL, "fuzz", &error);
  g_assert ((concept != NULL) != (error != NULL));
  if (concept == NULL)
    {
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  for (CcEdgarRevision r = CC_EDGAR_AS_LAST_REPORTED; r <= CC_EDGAR_AS_FIRST_REPORTED; r++)
    {
      GArray *quarters = cc_edgar_quarters (concept, r);

      for (guint i = 0; i < quarters->len; i++)
        {
          CcEdgarQuarter *q = &g_array_index (quarters, CcEdgarQuarter, i);

          /* Sorted by end; a duration is about a quarter long; labels in range. */
          g_assert (i == 0 || g_array_index (quarters, CcEdgarQuarter, i - 1).end <= q->end);
          g_assert (q->start == CC_DATE_INVALID ||
                    (q->end - q->start >= 74 && q->end - q->start <= 104));
          g_assert (q->fiscal_quarter >= 0 && q->fiscal_quarter <= 4);
          g_assert (q->accession != NULL && q->form != NULL);
        }
      g_array_unref (quarters);
    }
  cc_edgar_concept_free (concept);
  return 0;
}
