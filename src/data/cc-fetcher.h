/* cc-fetcher.h: asks a provider for one symbol's daily closes over HTTP (libsoup), with a
 * timeout, a cap on concurrent requests, retries with exponential backoff on timeouts, lost
 * connections and 5xx replies, and Retry-After honoured on 429. */
#pragma once

#include <gio/gio.h>

#include "cc-provider.h"
#include "cc-series.h"

G_BEGIN_DECLS

/* No real daily history comes near this; a larger reply is garbage or an attack. */
#define CC_FETCHER_MAX_BODY (8 * 1024 * 1024)

#define CC_TYPE_FETCHER (cc_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (CcFetcher, cc_fetcher, CC, FETCHER, GObject)

CcFetcher *cc_fetcher_new                (void);
/* A base URL replacing the provider's (a setting); NULL falls back to the environment
 * variable, then the provider's own. */
void       cc_fetcher_set_base_url       (CcFetcher            *self,
                                          CcProviderId          provider,
                                          const char           *base_url);
char      *cc_fetcher_get_base_url       (CcFetcher            *self,
                                          CcProviderId          provider);
void       cc_fetcher_set_api_key        (CcFetcher            *self,
                                          CcProviderId          provider,
                                          const char           *api_key);
gboolean   cc_fetcher_has_api_key        (CcFetcher            *self,
                                          CcProviderId          provider);
/* Seconds a socket may stay silent (default 20); a whole attempt may take four times that. */
void       cc_fetcher_set_timeout        (CcFetcher            *self,
                                          guint                 seconds);
/* At most this many requests in flight (default 3); the others wait their turn. */
void       cc_fetcher_set_max_concurrent (CcFetcher            *self,
                                          guint                 max_concurrent);
guint      cc_fetcher_get_n_active       (CcFetcher            *self);
/* Retries after a timeout, a lost connection or a 5xx (default 2, waiting base_delay_ms,
 * then twice that, …; default 1000 ms); a 429 is retried only when its Retry-After is at
 * most @max_retry_after seconds (default 30). */
void       cc_fetcher_set_retry_policy   (CcFetcher            *self,
                                          guint                 max_retries,
                                          guint                 base_delay_ms,
                                          guint                 max_retry_after);

/* Fetches @symbol's daily closes in [@from, @to] (CC_DATE_INVALID for the provider's default
 * window of a year). The series is observed data with origin CC_ORIGIN_PROVIDER and its
 * fetch time set. Errors are CC_DATA_ERROR (naming provider and symbol), or
 * G_IO_ERROR_CANCELLED. */
void       cc_fetcher_fetch_async        (CcFetcher            *self,
                                          CcProviderId          provider,
                                          const char           *symbol,
                                          CcDate                from,
                                          CcDate                to,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
CcSeries  *cc_fetcher_fetch_finish       (CcFetcher            *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
