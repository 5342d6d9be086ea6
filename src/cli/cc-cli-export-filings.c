/* cc-cli-export-filings.c: the filings `chipcycle export --filings` marks on its figure, read
 * from SEC EDGAR (or, without a contact, from the cache the window and the other commands
 * share) and turned into the chart's records as the window's store does. */
#define G_LOG_DOMAIN "cc-cli-export-filings"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-data-error.h"
#include "cc-edgar-client.h"

static GPtrArray *
chart_filings (CcEdgarClient      *client,
               const char         *symbol,
               CcEdgarSubmissions *submissions)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_chart_filing_free);
  gint64 fetched_at = cc_edgar_client_get_fetched_at (client);

  for (guint i = 0; i < submissions->filings->len; i++)
    {
      CcEdgarFiling *f = g_ptr_array_index (submissions->filings, i);
      g_autofree char *items = NULL;
      g_autofree char *url = NULL;
      CcChartFiling *record;
      CcFilingKind kind;

      if (f->event_day == CC_DATE_INVALID ||
          !cc_filing_kind_classify (f->form, (const char * const *) f->items, &kind))
        continue;
      items = g_strjoinv (", ", f->items);
      url = submissions->cik != 0 ? cc_edgar_client_filing_url (client, submissions->cik, f)
                                  : NULL;
      record = cc_chart_filing_new (symbol, f->event_day, kind, f->form, items, f->accepted_at,
                                    url);
      record->fetched_at = fetched_at > 0 ? fetched_at : G_MININT64;
      g_ptr_array_add (out, record);
    }
  return out;
}

GHashTable *
_cc_cli_export_filings_fetch (const char * const  *symbols,
                              CcDate               from,
                              GError             **error)
{
  g_autoptr(CcEdgarClient) client = _cc_cli_new_edgar_client ();
  g_autoptr(GHashTable) result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  CcEdgarQuery query = { from, CC_DATE_INVALID, NULL, NULL };
  gboolean cache_only = FALSE;

  for (guint i = 0; symbols != NULL && symbols[i] != NULL; i++)
    {
      g_autoptr(CcEdgarSubmissions) submissions = NULL;
      g_autoptr(GError) local_error = NULL;

      submissions = cc_edgar_client_get_filings (client, symbols[i], &query, NULL,
                                                 &local_error);
      /* No contact: nothing may be asked, but what is cached may be drawn, however old (the
       * key dates it). */
      if (submissions == NULL && !cache_only &&
          g_error_matches (local_error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT))
        {
          cache_only = TRUE;
          cc_edgar_client_set_max_age (client, G_MAXINT64);
          g_clear_error (&local_error);
          submissions = cc_edgar_client_get_filings (client, symbols[i], &query, NULL,
                                                     &local_error);
        }
      if (submissions != NULL)
        g_hash_table_insert (result, g_strdup (symbols[i]),
                             chart_filings (client, symbols[i], submissions));
      else if (g_error_matches (local_error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL))
        /* Not an SEC filer (a foreign company): no markers, as in the window. */
        g_hash_table_insert (result, g_strdup (symbols[i]),
                             g_ptr_array_new_with_free_func ((GDestroyNotify) cc_chart_filing_free));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&result);
}
