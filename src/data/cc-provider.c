/* cc-provider.c: the provider table, request URLs, and number and series helpers the parsers
 * share. */
#define G_LOG_DOMAIN "cc-provider"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-provider.h"

gboolean
_cc_data_read_dated_close (JsonObject  *row,
                           const char  *date_member,
                           guint        position,
                           const char  *provider,
                           const char  *symbol,
                           CcPoint     *point,
                           GError     **error)
{
  if (!_cc_data_parse_leading_date (_cc_data_get_string (row, date_member), &point->date) ||
      !_cc_data_get_number_or_string (row, "close", &point->close))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                   _("%s sent a row without a date or close at position %u for “%s”"),
                   provider, position, symbol);
      return FALSE;
    }
  return TRUE;
}

CcSeries *
_cc_data_finish_series (CcSeries    *series,
                        GArray      *points,
                        const char  *provider,
                        const char  *symbol,
                        GError     **error)
{
  g_autoptr(CcSeries) owned = series;

  if (!_cc_data_add_sorted_points (owned, points))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                   _("%s changed the format of its reply for “%s”"), provider, symbol);
      return NULL;
    }
  if (cc_series_get_n_points (owned) == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no prices for “%s” in the requested period"), provider, symbol);
      return NULL;
    }
  return g_steal_pointer (&owned);
}

static void
format_compact_date (CcDate date,
                     char   buf[9])
{
  int y, m, d;

  cc_date_to_ymd (date, &y, &m, &d);
  g_snprintf (buf, 9, "%04d%02d%02d", y, m, d);
}

static char *
yahoo_build_url (const CcProvider *provider,
                 const char       *base_url,
                 const char       *symbol,
                 CcDate            from,
                 CcDate            to,
                 const char       *api_key)
{
  g_autofree char *escaped = g_uri_escape_string (symbol, NULL, FALSE);
  GString *url = g_string_new (base_url);

  g_string_append_printf (url, "/v8/finance/chart/%s?interval=1d&events=div%%2Csplits"
                          "&includeAdjustedClose=true", escaped);
  if (from != CC_DATE_INVALID && from <= CC_PROVIDER_FROM_START)
    g_string_append (url, "&range=max");
  else if (from != CC_DATE_INVALID && to != CC_DATE_INVALID)
    {
      /* Midnight UTC of the first day to midnight UTC after the last: every exchange's
       * session on those dates starts inside that span or within a day of it. */
      gint64 period1 = (gint64) from * 86400;
      gint64 period2 = ((gint64) to + 1) * 86400;

      g_string_append_printf (url, "&period1=%" G_GINT64_FORMAT "&period2=%" G_GINT64_FORMAT,
                              period1, period2);
    }
  else
    g_string_append (url, "&range=1y");
  return g_string_free (url, FALSE);
}

char *
cc_stooq_symbol (const char *symbol)
{
  g_autofree char *lower = g_ascii_strdown (symbol, -1);

  /* Stooq names US listings "nvda.us"; indices ("^sox") and symbols that already carry a
   * market suffix are used as they are. */
  if (lower[0] == '^' || strchr (lower, '.') != NULL)
    return g_steal_pointer (&lower);
  return g_strconcat (lower, ".us", NULL);
}

static char *
stooq_build_url (const CcProvider *provider,
                 const char       *base_url,
                 const char       *symbol,
                 CcDate            from,
                 CcDate            to,
                 const char       *api_key)
{
  g_autofree char *stooq_symbol = cc_stooq_symbol (symbol);
  g_autofree char *escaped = g_uri_escape_string (stooq_symbol, NULL, FALSE);
  GString *url = g_string_new (base_url);

  g_string_append_printf (url, "/q/d/l/?s=%s&i=d", escaped);
  if (from != CC_DATE_INVALID && to != CC_DATE_INVALID)
    {
      char d1[9], d2[9];

      format_compact_date (from, d1);
      format_compact_date (to, d2);
      g_string_append_printf (url, "&d1=%s&d2=%s", d1, d2);
    }
  if (api_key != NULL && *api_key != '\0')
    {
      g_autofree char *key = g_uri_escape_string (api_key, NULL, FALSE);
      g_string_append_printf (url, "&apikey=%s", key);
    }
  return g_string_free (url, FALSE);
}

static char *
alphavantage_build_url (const CcProvider *provider,
                        const char       *base_url,
                        const char       *symbol,
                        CcDate            from,
                        CcDate            to,
                        const char       *api_key)
{
  g_autofree char *escaped = g_uri_escape_string (symbol, NULL, FALSE);
  g_autofree char *key = g_uri_escape_string (api_key ? api_key : "", NULL, FALSE);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CcDate today = cc_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now));
  const char *size = "full";

  /* "compact" is the last 100 bars and works on every plan; only ask for the whole history
   * when the window reaches further back than that (about 140 calendar days). */
  if (from != CC_DATE_INVALID && today - from < 140)
    size = "compact";

  return g_strdup_printf ("%s/query?function=TIME_SERIES_DAILY&symbol=%s&outputsize=%s"
                          "&datatype=json&apikey=%s", base_url, escaped, size, key);
}

/* Appends "&@from_param=YYYY-MM-DD&@to_param=YYYY-MM-DD" when both dates are set. */
static void
append_iso_range (GString    *url,
                  const char *from_param,
                  CcDate      from,
                  const char *to_param,
                  CcDate      to)
{
  char d1[11], d2[11];

  if (from == CC_DATE_INVALID || to == CC_DATE_INVALID)
    return;
  cc_date_format_iso (from, d1);
  cc_date_format_iso (to, d2);
  g_string_append_printf (url, "&%s=%s&%s=%s", from_param, d1, to_param, d2);
}

static char *
tiingo_build_url (const CcProvider *provider,
                  const char       *base_url,
                  const char       *symbol,
                  CcDate            from,
                  CcDate            to,
                  const char       *api_key)
{
  g_autofree char *escaped = g_uri_escape_string (symbol, NULL, FALSE);
  g_autofree char *key = g_uri_escape_string (api_key ? api_key : "", NULL, FALSE);
  GString *url = g_string_new (base_url);

  g_string_append_printf (url, "/tiingo/daily/%s/prices?format=json", escaped);
  append_iso_range (url, "startDate", from, "endDate", to);
  g_string_append_printf (url, "&token=%s", key);
  return g_string_free (url, FALSE);
}

static char *
twelvedata_build_url (const CcProvider *provider,
                      const char       *base_url,
                      const char       *symbol,
                      CcDate            from,
                      CcDate            to,
                      const char       *api_key)
{
  g_autofree char *escaped = g_uri_escape_string (symbol, NULL, FALSE);
  g_autofree char *key = g_uri_escape_string (api_key ? api_key : "", NULL, FALSE);
  GString *url = g_string_new (base_url);

  g_string_append_printf (url, "/time_series?symbol=%s&interval=1day&outputsize=5000"
                          "&order=ASC", escaped);
  append_iso_range (url, "start_date", from, "end_date", to);
  g_string_append_printf (url, "&apikey=%s", key);
  return g_string_free (url, FALSE);
}

/* Every provider's parser takes the same arguments; the table's parse slot only adds the
 * provider, so one function serves them all. */
typedef CcSeries *(*CcProviderParser) (const char  *symbol,
                                       guint        http_status,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);

static const CcProviderParser parsers[CC_N_PROVIDERS] = {
  [CC_PROVIDER_YAHOO] = cc_yahoo_parse_chart,
  [CC_PROVIDER_STOOQ] = cc_stooq_parse_csv,
  [CC_PROVIDER_ALPHAVANTAGE] = cc_alphavantage_parse_daily,
  [CC_PROVIDER_TIINGO] = cc_tiingo_parse_prices,
  [CC_PROVIDER_TWELVEDATA] = cc_twelvedata_parse_series,
};

static CcSeries *
provider_parse (const CcProvider *provider,
                const char       *symbol,
                guint             http_status,
                const char       *data,
                gsize             length,
                GError          **error)
{
  return parsers[provider->id] (symbol, http_status, data, length, error);
}

/* Every provider is told who asks, with a link to what the program is. */
#define CC_USER_AGENT "ChipCycle/" PACKAGE_VERSION " (+" PACKAGE_URL ")"

/* Yahoo's chart API refuses programs by their User-Agent: python-requests' gets 403
 * (beancount/beancount#668), none at all gets 404 or 429 (mcdallas/wallstreet#31,
 * karlwancl/YahooFinanceApi#73), and an old Firefox's 429 while a current Chrome's is served
 * (moneymanagerex/moneymanagerex#7497, May 2025). So Yahoo alone is sent a current desktop
 * browser's agent; the other providers, keyed APIs among them, are sent ours. README.md says
 * so. */
#define YAHOO_USER_AGENT \
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " \
  "Chrome/131.0.0.0 Safari/537.36"

static const CcProvider providers[CC_N_PROVIDERS] = {
  {
    CC_PROVIDER_YAHOO, "yahoo", "Yahoo Finance", "CHIPCYCLE_YAHOO_URL",
    "https://query1.finance.yahoo.com", FALSE, yahoo_build_url, provider_parse,
    YAHOO_USER_AGENT,
  },
  {
    CC_PROVIDER_STOOQ, "stooq", "Stooq", "CHIPCYCLE_STOOQ_URL",
    "https://stooq.com", TRUE, stooq_build_url, provider_parse,
  },
  {
    CC_PROVIDER_ALPHAVANTAGE, "alphavantage", "Alpha Vantage", "CHIPCYCLE_ALPHAVANTAGE_URL",
    "https://www.alphavantage.co", TRUE, alphavantage_build_url, provider_parse,
  },
  {
    CC_PROVIDER_TIINGO, "tiingo", "Tiingo", "CHIPCYCLE_TIINGO_URL",
    "https://api.tiingo.com", TRUE, tiingo_build_url, provider_parse,
  },
  {
    CC_PROVIDER_TWELVEDATA, "twelvedata", "Twelve Data", "CHIPCYCLE_TWELVEDATA_URL",
    "https://api.twelvedata.com", TRUE, twelvedata_build_url, provider_parse,
  },
};

const CcProvider *
cc_provider_get (CcProviderId id)
{
  g_return_val_if_fail (id < CC_N_PROVIDERS, NULL);
  return &providers[id];
}

const char *
cc_provider_get_user_agent (const CcProvider *provider)
{
  g_return_val_if_fail (provider != NULL, CC_USER_AGENT);
  return provider->user_agent ? provider->user_agent : CC_USER_AGENT;
}

const CcProvider *
cc_provider_lookup (const char *key)
{
  if (key == NULL)
    return NULL;
  for (guint i = 0; i < CC_N_PROVIDERS; i++)
    if (g_ascii_strcasecmp (providers[i].key, key) == 0)
      return &providers[i];
  return NULL;
}

static char *
strip_trailing_slashes (const char *url)
{
  char *copy = g_strstrip (g_strdup (url));
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
}

char *
cc_provider_get_base_url (const CcProvider *provider,
                          const char       *override)
{
  const char *env;

  g_return_val_if_fail (provider != NULL, NULL);

  if (override != NULL && *override != '\0')
    return strip_trailing_slashes (override);
  env = g_getenv (provider->env_var);
  if (env != NULL && *env != '\0')
    return strip_trailing_slashes (env);
  return g_strdup (provider->default_base_url);
}

double
cc_data_snap_float32 (double value)
{
  float f = (float) value;
  double scale = 1;
  char buf[32];

  if (!isfinite (value) || (double) f != value)
    return value;

  /* Fast path, no text: the fewest decimals whose rounding reads back to the same float.
   * k / 10^d is correctly rounded, so it equals strtod() of the same decimal. */
  for (int decimals = 0; decimals <= 10; decimals++, scale *= 10)
    {
      double scaled = (double) f * scale;
      double candidate;

      if (fabs (scaled) >= 9007199254740992.0)   /* 2^53: no longer exact */
        break;
      candidate = nearbyint (scaled) / scale;
      if ((float) candidate == f)
        return candidate;
    }

  for (int precision = 1; precision <= 9; precision++)
    {
      double candidate;

      g_snprintf (buf, sizeof buf, "%.*g", precision, (double) f);
      candidate = g_ascii_strtod (buf, NULL);
      if ((float) candidate == f)
        return candidate;
    }
  return value;
}

void
cc_data_format_double (double value,
                       char   buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  /* %.15g is exact for every price with up to 15 significant digits; fall back to %.17g for
   * the rare value that needs it, so an export always reads back to the same number. */
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", value);
}

gboolean
cc_data_parse_double (const char *text,
                      double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  /* g_ascii_strtod also reads "nan", "inf" and hex floats; no price is written like that. */
  for (const char *p = text; *p; p++)
    if (!(g_ascii_isdigit (*p) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' ||
          *p == 'E' || g_ascii_isspace (*p)))
      return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
cc_data_looks_like_html (const char *data,
                         gsize       length)
{
  gsize i = 0;
  gsize window = MIN (length, 4096);

  /* Skip a BOM and blank space: interstitial pages start with "<!DOCTYPE" or "<html". */
  if (window >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < window && g_ascii_isspace (data[i]))
    i++;
  if (i < window && data[i] == '<')
    return TRUE;
  /* A page may begin with a stray line of text; look for the tell-tale markers too. */
  for (gsize j = 0; j + 5 <= window; j++)
    if (g_ascii_strncasecmp (data + j, "<html", 5) == 0 ||
        (j + 8 <= window && memcmp (data + j, "__verify", 8) == 0))
      return TRUE;
  return FALSE;
}

void
cc_data_flag_running_session (CcSeries *series,
                              gint64    now)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;
  const CcPoint *last;
  CcDate today;

  g_return_if_fail (CC_IS_SERIES (series));

  last = cc_series_get_last (series);
  if (last == NULL || zone == NULL || utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, zone);
  today = cc_date_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local));
  if (last->date == today && g_date_time_get_hour (local) < 16)
    cc_series_set_point (series, last->date, last->close, last->provenance,
                         last->flags | CC_POINT_FLAG_UNFINISHED);
}
