/* cc-provider.h: the market data providers behind one small interface: how to ask (a URL) and
 * how to read the answer (a parser). No networking here, so parsers can be fuzzed on their own.
 */
#pragma once

#include <glib.h>

#include "cc-date.h"
#include "cc-series.h"

G_BEGIN_DECLS

typedef enum {
  CC_PROVIDER_YAHOO,
  CC_PROVIDER_STOOQ,
  CC_PROVIDER_ALPHAVANTAGE,
  CC_PROVIDER_TIINGO,
  CC_PROVIDER_TWELVEDATA,
  CC_N_PROVIDERS,
} CcProviderId;

/* A @from this early (1900-01-01) asks for all the history a provider has: Yahoo's
 * range=max; the others are given the date itself. */
#define CC_PROVIDER_FROM_START ((CcDate) -25567)

typedef struct _CcProvider CcProvider;

struct _CcProvider
{
  CcProviderId  id;
  const char   *key;               /* "yahoo": cache file names, CLI, settings */
  const char   *name;              /* "Yahoo Finance", untranslated brand name */
  const char   *env_var;           /* overrides the base URL, e.g. CHIPCYCLE_YAHOO_URL */
  const char   *default_base_url;  /* scheme and host, no trailing slash */
  gboolean      needs_api_key;

  /* Builds the request URL. @from and @to may be CC_DATE_INVALID (the provider's default
   * window). @api_key is NULL for providers without keys. */
  char      *(*build_url) (const CcProvider *provider,
                           const char       *base_url,
                           const char       *symbol,
                           CcDate            from,
                           CcDate            to,
                           const char       *api_key);

  /* Reads a reply body (any HTTP status but 429 and 5xx, which the fetcher handles). Returns
   * an observed series, or NULL with a CC_DATA_ERROR naming the symbol and the provider. */
  CcSeries  *(*parse)     (const CcProvider *provider,
                           const char       *symbol,
                           guint             http_status,
                           const char       *data,
                           gsize             length,
                           GError          **error);

  /* The User-Agent this provider is sent instead of ours, or NULL for ours
   * (cc_provider_get_user_agent); set only where the provider is known to refuse ours. */
  const char   *user_agent;
};

const CcProvider *cc_provider_get          (CcProviderId      id);
/* By key ("yahoo", "stooq", "alphavantage", "tiingo", "twelvedata"), or NULL. */
const CcProvider *cc_provider_lookup       (const char       *key);
/* What requests to @provider say they come from: "ChipCycle/VERSION (+HOMEPAGE)", or the
 * provider's own user_agent where it refuses that. */
const char       *cc_provider_get_user_agent (const CcProvider *provider);
/* @override (a setting) if set, else the environment variable, else the default. */
char             *cc_provider_get_base_url (const CcProvider *provider,
                                            const char       *override);

/* The parsers, also used directly by tests, fuzzers and the benchmark. */
CcSeries *cc_yahoo_parse_chart        (const char  *symbol,
                                       guint        http_status,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);
CcSeries *cc_stooq_parse_csv          (const char  *symbol,
                                       guint        http_status,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);
CcSeries *cc_alphavantage_parse_daily (const char  *symbol,
                                       guint        http_status,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);
CcSeries *cc_tiingo_parse_prices     (const char  *symbol,
                                       guint        http_status,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);
CcSeries *cc_twelvedata_parse_series  (const char  *symbol,
                                       guint        http_status,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);
/* Stooq's ticker for @symbol: "NVDA" -> "nvda.us", "^SOX" -> "^sox". */
char     *cc_stooq_symbol             (const char  *symbol);

/* Yahoo sends prices as float32 values printed as doubles (129.0399932861328). This returns
 * the shortest decimal that reads back to the same float (129.04) when @value is such a float,
 * and @value unchanged otherwise. */
double    cc_data_snap_float32        (double       value);
/* Formats @value as the shortest text that reads back to the same double, in the C locale. */
void      cc_data_format_double       (double       value,
                                       char         buf[G_ASCII_DTOSTR_BUF_SIZE]);
/* Parses a whole string as a finite double in the C locale (g_ascii_strtod, refusing "nan",
 * "inf" and hex floats). */
gboolean  cc_data_parse_double        (const char  *text,
                                       double      *value);
/* Providers without session times (all but Yahoo) send the running session as an ordinary bar:
 * flags the last point CC_POINT_FLAG_UNFINISHED when it is dated today in New York and @now
 * (Unix time) is before the 16:00 close. */
void      cc_data_flag_running_session (CcSeries   *series,
                                        gint64      now);
/* Whether @data looks like a web page (an HTML interstitial) rather than data. */
gboolean  cc_data_looks_like_html     (const char  *data,
                                       gsize        length);

G_END_DECLS
