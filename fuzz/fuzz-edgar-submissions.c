/* fuzz-edgar-submissions.c: libFuzzer target for SEC EDGAR's submissions reader (the reply
 * and an older page, chosen by the first byte), and the event days of what it reads. */
#include "config.h"

#include <string.h>

#include "cc-edgar.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  CcEdgarSubmissions *s;
  gboolean is_page;

  if (size == 0)
    return 0;
  is_page = data[0] & 1;
  s = cc_edgar_parse_submissions ((const char *) data + 1, size - 1, is_page, "fuzz", &error);
  g_assert ((s != NULL) != (error != NULL));
  if (s == NULL)
    {
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  g_assert (!is_page || s->pages->len == 0);
  for (guint i = 0; i < s->filings->len; i++)
    {
      CcEdgarFiling *f = g_ptr_array_index (s->filings, i);

      /* Accession numbers go into URLs and file names: only digits and two dashes. */
      g_assert (strlen (f->accession) == 20 && strspn (f->accession, "0123456789-") == 20);
      g_assert (f->items != NULL);
      for (CcEdgarTimeSource c = CC_EDGAR_TIME_JSON_UTC; c <= CC_EDGAR_TIME_JSON_NEW_YORK; c++)
        {
          cc_edgar_filing_resolve (f, c, G_MININT64);
          g_assert ((f->accepted_at == G_MININT64) == (*f->acceptance == '\0'));
          if (f->event_day != CC_DATE_INVALID)
            g_assert (cc_calendar_is_trading_day (f->event_day));
        }
    }
  for (guint i = 0; i < s->pages->len; i++)
    {
      CcEdgarPage *page = g_ptr_array_index (s->pages, i);

      /* Page names are joined to a folder: never a path. */
      g_assert (strchr (page->name, '/') == NULL && page->name[0] != '.');
    }
  cc_edgar_submissions_free (s);
  return 0;
}
