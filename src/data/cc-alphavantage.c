/* cc-alphavantage.c: reads Alpha Vantage TIME_SERIES_DAILY (and _ADJUSTED) JSON
 * (tests/data/providers/av_*). Numbers come as strings, dates as object keys, and
 * every error comes with HTTP 200, told apart by its key and its text. */
#define G_LOG_DOMAIN "cc-alphavantage"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-provider.h"

#define PROVIDER_NAME "Alpha Vantage"

static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack, -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

static void
classify_message (const char  *message,
                  const char  *symbol,
                  GError     **error)
{
  if (contains_ci (message, "rate limit") || contains_ci (message, "call frequency") ||
      contains_ci (message, "requests per day") || contains_ci (message, "per minute"))
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                 _("%s rate limited the request for “%s”: the free quota is used up"),
                 PROVIDER_NAME, symbol);
  else if (contains_ci (message, "premium") || contains_ci (message, "apikey") ||
           contains_ci (message, "api key"))
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY,
                 _("%s refused the request for “%s”: it needs a valid API key or a paid "
                   "plan"), PROVIDER_NAME, symbol);
  else if (contains_ci (message, "Invalid API call"))
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                 _("%s does not know the symbol “%s”"), PROVIDER_NAME, symbol);
  else
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                 _("%s sent a message instead of prices for “%s”: %s"), PROVIDER_NAME, symbol,
                 message);
}

static gboolean
get_string_number (JsonObject *bar,
                   const char *member,
                   double     *value)
{
  const char *text = _cc_data_get_string (bar, member);

  if (text != NULL)
    return cc_data_parse_double (text, value);
  /* Tolerate real JSON numbers too, should they ever switch. */
  return _cc_data_get_number (bar, member, value);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const CcPoint *pa = a, *pb = b;

  return (pa->date > pb->date) - (pa->date < pb->date);
}

CcSeries *
cc_alphavantage_parse_daily (const char  *symbol,
                             guint        http_status,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  static const char * const message_keys[] = { "Error Message", "Information", "Note", NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(GList) dates = NULL;
  g_autoptr(GArray) points = NULL;
  JsonObject *root_obj, *bars = NULL, *meta;
  JsonNode *node;
  const char *text;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (http_status == 429)
    {
      classify_message ("rate limit", symbol, error);
      return NULL;
    }
  if (!_cc_data_reject_web_page (data, length, PROVIDER_NAME, symbol, error))
    return NULL;

  root = _cc_data_load_json (data, length, PROVIDER_NAME, symbol, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto format_changed;
  root_obj = json_node_get_object (root);

  /* Find the series object: "Time Series (Daily)" today, but match the prefix so a renamed
   * variant still reads. */
  {
    g_autoptr(GList) members = json_object_get_members (root_obj);

    for (const GList *l = members; l; l = l->next)
      if (g_str_has_prefix (l->data, "Time Series") &&
          (node = _cc_data_get_member_of_type (root_obj, l->data, JSON_NODE_OBJECT)) != NULL)
        {
          bars = json_node_get_object (node);
          break;
        }
  }

  if (bars == NULL)
    {
      for (guint i = 0; message_keys[i]; i++)
        if ((text = _cc_data_get_string (root_obj, message_keys[i])) != NULL)
          {
            classify_message (text, symbol, error);
            return NULL;
          }
      goto format_changed;
    }

  series = cc_series_new (symbol, CC_LEVEL_PRICE);
  cc_series_set_origin (series, CC_ORIGIN_PROVIDER);
  cc_series_set_source (series, PROVIDER_NAME);
  node = _cc_data_get_member_of_type (root_obj, "Meta Data", JSON_NODE_OBJECT);
  meta = node ? json_node_get_object (node) : NULL;
  (void) meta;

  /* Newest first in the reply; collect, then add in date order. */
  points = g_array_new (FALSE, FALSE, sizeof (CcPoint));
  dates = json_object_get_members (bars);
  for (const GList *l = dates; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *bar_node = _cc_data_get_member_of_type (bars, key, JSON_NODE_OBJECT);
      JsonObject *bar;
      CcPoint point = { 0, };
      double value;

      if (bar_node == NULL || !cc_date_parse (key, FALSE, &point.date))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                       _("%s sent an entry “%s” that is not a dated bar for “%s”"),
                       PROVIDER_NAME, key, symbol);
          return NULL;
        }
      bar = json_node_get_object (bar_node);
      if (!get_string_number (bar, "4. close", &point.close))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                       _("%s sent no readable close on %s for “%s”"), PROVIDER_NAME, key,
                       symbol);
          return NULL;
        }
      if (point.close <= 0)
        continue;
      point.provenance = CC_PROVENANCE_OBSERVED;
      g_array_append_val (points, point);

      /* _ADJUSTED carries dividends and split coefficients per bar. */
      if (get_string_number (bar, "7. dividend amount", &value) && value > 0)
        {
          CcAction action = { point.date, CC_ACTION_DIVIDEND, value, 1 };
          cc_series_add_action (series, &action);
        }
      if (get_string_number (bar, "8. split coefficient", &value) && value > 0 &&
          fabs (value - 1.0) > 1e-9)
        {
          CcAction action = { point.date, CC_ACTION_SPLIT, value, 1 };
          cc_series_add_action (series, &action);
        }
    }

  g_array_sort (points, compare_points);
  for (guint i = 0; i < points->len; i++)
    {
      const CcPoint *p = &g_array_index (points, CcPoint, i);
      cc_series_append (series, p->date, p->close, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE);
    }

  if (cc_series_get_n_points (series) == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no prices for “%s”"), PROVIDER_NAME, symbol);
      return NULL;
    }
  return g_steal_pointer (&series);

format_changed:
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
               _("%s changed the format of its reply for “%s”"), PROVIDER_NAME, symbol);
  return NULL;
}
