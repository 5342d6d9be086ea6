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

/* A plain GET for services that are not price providers (SEC EDGAR): the body and its
 * validators, with the same queue, timeout, retries, backoff and Retry-After handling. */
typedef struct {
  const char *url;
  const char *service;         /* "SEC EDGAR": messages, and the rate limit's key */
  const char *what;            /* what is asked for, for messages: "NVDA filings" */
  const char *user_agent;
  const char *etag;            /* sent as If-None-Match, or NULL */
  const char *last_modified;   /* sent as If-Modified-Since, or NULL */
  guint       min_interval_ms; /* at least this long between the starts of any two requests
                                * to @service in the whole process; 0 for no limit */
} CcFetchSpec;

typedef struct {
  guint   status;              /* any but 429 and 5xx, which end in errors; 304 has no body */
  GBytes *body;
  char   *etag;
  char   *last_modified;
  gint64  fetched_at;          /* Unix time */
} CcFetchReply;

void          cc_fetch_reply_free   (CcFetchReply        *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcFetchReply, cc_fetch_reply_free)

void          cc_fetcher_get_async  (CcFetcher           *self,
                                     const CcFetchSpec   *spec,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
CcFetchReply *cc_fetcher_get_finish (CcFetcher           *self,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
