/* cc-stooq.c: reads Stooq CSV downloads (tests/data/providers/stooq_*). Stooq answers
 * everything with HTTP 200, so its plain-text and HTML replies are told apart before the CSV
 * parser sees them. */
#define G_LOG_DOMAIN "cc-stooq"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-csv.h"
#include "cc-data-error.h"
#include "cc-provider.h"

#define PROVIDER_NAME "Stooq"

static gboolean
body_contains (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (g_ascii_strncasecmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
body_is (const char *data,
         gsize       length,
         const char *text)
{
  gsize n = strlen (text);

  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  while (length > 0 && g_ascii_isspace (data[length - 1]))
    length--;
  return length == n && g_ascii_strncasecmp (data, text, n) == 0;
}

CcSeries *
cc_stooq_parse_csv (const char  *symbol,
                    guint        http_status,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = NULL;
  CcSeries *series;
  gsize head = MIN (length, 4096);

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (http_status == 429 || body_contains (data, head, "Exceeded the daily hits limit"))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                   _("%s rate limited the request for “%s”: the daily limit is used up"),
                   PROVIDER_NAME, symbol);
      return NULL;
    }
  if (cc_data_looks_like_html (data, length))
    {
      /* Since 2026 Stooq shows a proof-of-work page to programs, and a page explaining how
       * to get an API key when the key is missing. */
      if (body_contains (data, length, "__verify") || body_contains (data, length, "sha-256") ||
          body_contains (data, length, "proof"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                     _("%s answered the request for “%s” with a browser check instead of "
                       "prices"), PROVIDER_NAME, symbol);
      else if (body_contains (data, length, "apikey") || body_contains (data, length, "api key"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY,
                     _("%s needs a valid API key to send prices for “%s”"), PROVIDER_NAME,
                     symbol);
      else
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                     _("%s sent a web page instead of prices for “%s”"), PROVIDER_NAME, symbol);
      return NULL;
    }
  if (body_is (data, length, "No data") || body_is (data, length, "Brak danych") ||
      body_is (data, length, "N/D"))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no prices for “%s” (an unknown symbol or an empty period)"),
                   PROVIDER_NAME, symbol);
      return NULL;
    }
  if (http_status == 404)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                   _("%s does not know the symbol “%s”"), PROVIDER_NAME, symbol);
      return NULL;
    }
  if (http_status >= 400)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_SERVER,
                   _("%s refused the request for “%s” (HTTP %u)"), PROVIDER_NAME, symbol,
                   http_status);
      return NULL;
    }

  source = g_strdup_printf ("%s reply for %s", PROVIDER_NAME, symbol);
  parsed = cc_csv_parse (data, length, source, symbol, NULL, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                   _("%s changed the format of its reply for “%s”: %s"), PROVIDER_NAME, symbol,
                   local_error->message);
      return NULL;
    }
  if (parsed->len != 1)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                   _("%s sent prices for several symbols when asked for “%s”"), PROVIDER_NAME,
                   symbol);
      return NULL;
    }

  series = g_object_ref (g_ptr_array_index (parsed, 0));
  cc_series_set_origin (series, CC_ORIGIN_PROVIDER);
  cc_series_set_source (series, PROVIDER_NAME);
  return series;
}
