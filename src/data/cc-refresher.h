/* cc-refresher.h: refreshes a list of symbols for the window: fetches each (the fetcher caps
 * concurrency), merges it into the cache, and puts it into the dataset. A failure never
 * replaces good data: the dataset keeps the cached or bundled series and the error is
 * reported. */
#pragma once

#include <gio/gio.h>

#include "cc-cache.h"
#include "cc-dataset.h"
#include "cc-fetcher.h"

G_BEGIN_DECLS

#define CC_TYPE_REFRESHER (cc_refresher_get_type ())
G_DECLARE_FINAL_TYPE (CcRefresher, cc_refresher, CC, REFRESHER, GObject)

/* @cache may be NULL (nothing is kept on disk). */
CcRefresher  *cc_refresher_new           (CcFetcher           *fetcher,
                                          CcCache             *cache);
CcFetcher    *cc_refresher_get_fetcher   (CcRefresher         *self);
CcCache      *cc_refresher_get_cache     (CcRefresher         *self);
CcProviderId  cc_refresher_get_provider  (CcRefresher         *self);
void          cc_refresher_set_provider  (CcRefresher         *self,
                                          CcProviderId         provider);
gboolean      cc_refresher_is_running    (CcRefresher         *self);

/* Puts every cached series of @symbols (current provider) into @dataset, for start-up and
 * offline use. Damaged cache files are moved aside; their errors are added to @errors
 * (a GPtrArray of GError, may be NULL). Returns how many series were loaded. */
/* Where a key the fetcher was not given comes from: the keyring (cc_keys_lookup_async and
 * cc_keys_lookup_finish) unless replaced. Tests replace it, so that they never read the
 * user's keyring. The finish function returns the key (freed with cc_keys_free), or NULL
 * with or without an error. */
typedef void  (*CcRefresherKeyLookup) (CcProviderId         provider,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
typedef char *(*CcRefresherKeyFinish) (GAsyncResult        *result,
                                       GError             **error);
/* NULL for both restores the keyring. */
void          cc_refresher_set_key_source (CcRefresher          *self,
                                           CcRefresherKeyLookup  lookup,
                                           CcRefresherKeyFinish  finish);

guint         cc_refresher_load_cached   (CcRefresher         *self,
                                          CcDataset           *dataset,
                                          const char * const  *symbols,
                                          GPtrArray          **errors);

/* Fetches @symbols over [@from, @to]. Emits ::progress (done, total) after each symbol,
 * ::symbol-updated (symbol) when its new series is in @dataset and ::symbol-failed (symbol,
 * GError) when not. Cancel with @cancellable: finished symbols keep their new data.
 * Only one refresh runs at a time (a second fails with G_IO_ERROR_PENDING). For a provider
 * that needs a key, a key not yet given to the fetcher is looked up in the keyring first. */
void          cc_refresher_refresh_async (CcRefresher         *self,
                                          CcDataset           *dataset,
                                          const char * const  *symbols,
                                          CcDate               from,
                                          CcDate               to,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* TRUE when every symbol was refreshed. Otherwise the error is G_IO_ERROR_CANCELLED, the
 * single failure's CC_DATA_ERROR, or for several failures the first failure's code with a
 * message counting them ("3 of 16 symbols could not be refreshed: …"). @n_updated gets the
 * number of symbols refreshed either way. */
gboolean      cc_refresher_refresh_finish (CcRefresher        *self,
                                           GAsyncResult       *result,
                                           guint              *n_updated,
                                           GError            **error);

G_END_DECLS
