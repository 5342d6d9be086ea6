/* cc-edgar-client.h: SEC EDGAR over HTTP: ticker to CIK, a company's filings with their
 * acceptance times and event days, one XBRL concept, filing headers. Every request declares
 * the user's contact ("ChipCycle/VERSION (contact)", as the SEC asks), none is sent without
 * one, requests of the whole process start at most ten a second, and replies are cached on
 * disk with their fetch time and validators (ETag, Last-Modified).
 *
 * The calls block until done (each runs the fetcher in a main context of its own): call them
 * from a worker thread (GTask) in the window, directly from the command line. */
#pragma once

#include <gio/gio.h>

#include "cc-edgar.h"

G_BEGIN_DECLS

/* The SEC's fair-access limit is 10 requests a second; this keeps under it. */
#define CC_EDGAR_MIN_INTERVAL_MS 110

#define CC_TYPE_EDGAR_CLIENT (cc_edgar_client_get_type ())
G_DECLARE_FINAL_TYPE (CcEdgarClient, cc_edgar_client, CC, EDGAR_CLIENT, GObject)

/* @cache_dir: the cache's folder (EDGAR's files go to its "edgar" subfolder), or NULL for
 * g_get_user_cache_dir()/chipcycle. */
CcEdgarClient *cc_edgar_client_new              (const char     *cache_dir);
/* The contact sent with every request (a setting); NULL or "" falls back to
 * CHIPCYCLE_EDGAR_CONTACT. */
void           cc_edgar_client_set_contact      (CcEdgarClient  *self,
                                                 const char     *contact);
/* Whether a valid contact is set (here or in CHIPCYCLE_EDGAR_CONTACT): without one, no request
 * is ever sent, and only cached replies can be read. */
gboolean       cc_edgar_client_has_contact      (CcEdgarClient  *self);
/* Base URLs (settings): NULL or "" falls back to CHIPCYCLE_EDGAR_DATA_URL /
 * CHIPCYCLE_EDGAR_WWW_URL, then https://data.sec.gov and https://www.sec.gov. */
void           cc_edgar_client_set_base_urls    (CcEdgarClient  *self,
                                                 const char     *data_url,
                                                 const char     *www_url);
char          *cc_edgar_client_get_www_url      (CcEdgarClient  *self);
/* Cached replies younger than this are used without asking (default -1: a week for the
 * ticker list and older pages, an hour for filings, a day for facts, for ever for headers);
 * older ones are asked again with If-None-Match / If-Modified-Since. */
void           cc_edgar_client_set_max_age      (CcEdgarClient  *self,
                                                 gint64          seconds);
/* The same for a company's list of filings alone (the one reply a new filing changes): 0 asks
 * the SEC again at once, conditionally when cached, so an unchanged list costs a 304 (a
 * refresh); -1 (the default) follows cc_edgar_client_set_max_age(). */
void           cc_edgar_client_set_filings_max_age (CcEdgarClient *self,
                                                    gint64         seconds);
void           cc_edgar_client_set_retry_policy (CcEdgarClient  *self,
                                                 guint           max_retries,
                                                 guint           base_delay_ms,
                                                 guint           max_retry_after);
void           cc_edgar_client_set_timeout      (CcEdgarClient  *self,
                                                 guint           seconds);

/* Whether @contact names a reachable person: an e-mail address, optionally after a name. */
gboolean       cc_edgar_contact_is_valid        (const char     *contact);
/* "ChipCycle/VERSION (CONTACT)". */
char          *cc_edgar_user_agent              (const char     *contact);

/* The CIK of @symbol ("NVDA"; digits are taken as a CIK). 0 with an error. */
guint64        cc_edgar_client_lookup_cik       (CcEdgarClient  *self,
                                                 const char     *symbol,
                                                 GCancellable   *cancellable,
                                                 GError        **error);

typedef struct {
  CcDate       from;        /* filing dates, CC_DATE_INVALID for no bound */
  CcDate       to;
  const char **forms;       /* NULL-terminated, or NULL for every form */
  const char **items;       /* NULL-terminated, or NULL: a filing must carry one of them */
} CcEdgarQuery;

/* @symbol's filings matching @query, oldest first, each with its acceptance time and event
 * day resolved (CcEdgarFiling.time_source says from where). The submissions' older pages are
 * read only when @query reaches before the recent ones. */
CcEdgarSubmissions *cc_edgar_client_get_filings (CcEdgarClient      *self,
                                                 const char         *symbol,
                                                 const CcEdgarQuery *query,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
/* One filing's header. */
gboolean       cc_edgar_client_get_header       (CcEdgarClient  *self,
                                                 guint64         cik,
                                                 const char     *accession,
                                                 CcEdgarHeader  *header,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
/* @concept is "Tag" (us-gaap) or "taxonomy:Tag"; @unit as for cc_edgar_parse_concept(). */
CcEdgarConcept *cc_edgar_client_get_concept     (CcEdgarClient  *self,
                                                 const char     *symbol,
                                                 const char     *concept,
                                                 const char     *unit,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
/* When the last successful call's data that can change (the submissions of
 * cc_edgar_client_get_filings(), the facts of cc_edgar_client_get_concept()) was fetched from
 * the SEC (Unix time), whether it was then served from the cache or not: the age to show with
 * the data. Filing headers, which never change, the ticker list and the older pages of
 * filings do not count: an old copy of them makes nothing stale. 0 before any. */
gint64         cc_edgar_client_get_fetched_at   (CcEdgarClient  *self);
/* The filing's page on the SEC's site. */
char          *cc_edgar_client_filing_url       (CcEdgarClient       *self,
                                                 guint64              cik,
                                                 const CcEdgarFiling *filing);

G_END_DECLS
