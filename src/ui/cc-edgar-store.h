/* cc-edgar-store.h: the window's side of SEC EDGAR: each visible company's filings, fetched
 * in a worker thread through CcEdgarClient (which caches them on disk) and kept in memory as
 * the chart's plain filing records. No request is made without the user's contact. */
#pragma once

#include <gio/gio.h>

#include "cc-date.h"
#include "cc-edgar-client.h"

G_BEGIN_DECLS

#define CC_TYPE_EDGAR_STORE (cc_edgar_store_get_type ())
G_DECLARE_FINAL_TYPE (CcEdgarStore, cc_edgar_store, CC, EDGAR_STORE, GObject)

/* Reads the contact and base addresses from @settings (edgar-contact, edgar-data-url,
 * edgar-www-url) at each fetch. @cache_dir as for cc_edgar_client_new(). */
CcEdgarStore *cc_edgar_store_new          (GSettings           *settings,
                                               const char          *cache_dir);
/* Whether a valid contact is set (without one nothing is fetched). */
gboolean        cc_edgar_store_has_contact  (CcEdgarStore      *self);
/* Whether @symbol can have SEC filings: a plain US ticker ("MU"), not an index ("^SOX"), a
 * basket, a pair or a foreign listing ("000660.KS"). */
gboolean        cc_edgar_store_can_fetch    (const char          *symbol);
/* @symbol's filings fetched so far as CcChartFiling (the chart's records; an empty array for a
 * company the SEC does not know), or NULL when not fetched since @from. */
GPtrArray      *cc_edgar_store_get_filings  (CcEdgarStore      *self,
                                               const char          *symbol,
                                               CcDate               from);
/* Fetches, one after another in a thread, the filings since @from (CC_DATE_INVALID: all) of
 * those @symbols not in memory yet. Fails with CC_DATA_ERROR_NEEDS_CONTACT, without a
 * request, when no contact is set; else with the first failure, naming its symbol, after
 * keeping what the others brought. */
void            cc_edgar_store_fetch_async  (CcEdgarStore      *self,
                                               const char * const  *symbols,
                                               CcDate               from,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The same for every one of @symbols, in memory or not, asking SEC EDGAR again for each
 * company's list of filings (conditionally: unchanged lists cost a 304); what arrives replaces
 * what was in memory. The window's Refresh. Finish with cc_edgar_store_fetch_finish(). */
void            cc_edgar_store_refresh_async (CcEdgarStore      *self,
                                              const char * const  *symbols,
                                              CcDate               from,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* The symbols that were fetched (a new vector; free with g_strfreev()), or NULL on error. */
GStrv           cc_edgar_store_fetch_finish (CcEdgarStore      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Forgets what is in memory (the contact or the addresses changed). */
void            cc_edgar_store_reset        (CcEdgarStore      *self);

/* An EDGAR client as the settings say (edgar-contact, edgar-data-url, edgar-www-url, trimmed),
 * caching in @cache_dir (NULL: the user's cache). Make it on the main thread and hand it to
 * one worker thread, which alone uses it. */
CcEdgarClient *cc_edgar_store_new_client (GSettings  *settings,
                                          const char *cache_dir);

G_END_DECLS
