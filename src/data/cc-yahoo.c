/* cc-yahoo.c: reads Yahoo Finance v8 chart replies (the shapes it meets are the yahoo_* files of
 * tests/data/providers, described in tests/data/README.md). */
#define G_LOG_DOMAIN "cc-yahoo"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-provider.h"

#define PROVIDER_NAME "Yahoo Finance"

static gboolean
text_contains (const char *haystack,
               const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_ascii_strdown (haystack, -1);
  n = g_ascii_strdown (needle, -1);
  return strstr (h, n) != NULL;
}

/* Turns chart.error / finance.error into a CC_DATA_ERROR. */
static void
set_envelope_error (JsonObject  *envelope_error,
                    const char  *symbol,
                    guint        http_status,
                    GError     **error)
{
  const char *code = _cc_data_get_string (envelope_error, "code");
  const char *description = _cc_data_get_string (envelope_error, "description");

  if (description == NULL)
    description = code ? code : "";

  if (text_contains (code, "Not Found") || http_status == 404)
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                 _("%s does not know the symbol “%s” (%s)"), PROVIDER_NAME, symbol, description);
  else if (text_contains (description, "doesn't exist") ||
           text_contains (description, "not available") ||
           text_contains (description, "no data"))
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                 _("%s has no prices for “%s” in the requested period (%s)"),
                 PROVIDER_NAME, symbol, description);
  else if (text_contains (code, "Unauthorized") || text_contains (description, "crumb") ||
           http_status == 401 || http_status == 403)
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                 _("%s refused the request for “%s” (%s)"), PROVIDER_NAME, symbol, description);
  else
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                 _("%s reported an error for “%s”: %s"), PROVIDER_NAME, symbol, description);
}

static GTimeZone *
exchange_zone (JsonObject *meta)
{
  const char *name = _cc_data_get_string (meta, "exchangeTimezoneName");
  GTimeZone *zone = NULL;

  /* The bars carry the DST offset of their own date; meta.gmtoffset is the offset at the time
   * of the request, so it is only a last resort. */
  if (name != NULL && *name != '\0')
    zone = g_time_zone_new_identifier (name);
  if (zone == NULL)
    {
      double offset;

      if (name == NULL && _cc_data_get_number (meta, "gmtoffset", &offset) &&
          fabs (offset) <= 18 * 3600)
        zone = g_time_zone_new_offset ((gint32) offset);
    }
  if (zone == NULL)
    zone = g_time_zone_new_identifier ("America/New_York");
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  return zone;
}

/* cc_date_from_unix_in_zone() without its two GDateTime allocations per bar: the offset of
 * the zone at that instant, then whole days since 1970-01-01 (what a CcDate counts). */
static CcDate
local_date (gint64     unix_seconds,
            GTimeZone *zone)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_seconds);
  gint64 local;

  if (interval < 0)
    return cc_date_from_unix_in_zone (unix_seconds, zone);
  local = unix_seconds + g_time_zone_get_offset (zone, interval);
  /* Floor division, for dates before 1970. */
  return (CcDate) (local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
}

static gboolean
get_epoch (JsonNode *node,
           gint64   *value)
{
  double d;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
    }
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      d = json_node_get_double (node);
      if (!isfinite (d) || fabs (d) > 1e12)
        return FALSE;
      *value = (gint64) d;
    }
  else
    return FALSE;
  /* Anything outside years 1800..2200 is not a bar of a price series. */
  return *value > -5364662400LL && *value < 7258118400LL;
}

static void
read_events (CcSeries   *series,
             JsonObject *result,
             GTimeZone  *zone)
{
  JsonNode *events_node = _cc_data_get_member_of_type (result, "events", JSON_NODE_OBJECT);
  JsonObject *events;
  JsonNode *node;

  if (events_node == NULL)
    return;
  events = json_node_get_object (events_node);

  node = _cc_data_get_member_of_type (events, "dividends", JSON_NODE_OBJECT);
  if (node != NULL)
    {
      JsonObject *dividends = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (dividends);

      for (const GList *l = members; l; l = l->next)
        {
          JsonNode *item = _cc_data_get_member_of_type (dividends, l->data, JSON_NODE_OBJECT);
          JsonObject *obj;
          CcAction action = { 0, };
          double amount;
          gint64 when;

          if (item == NULL)
            continue;
          obj = json_node_get_object (item);
          if (!_cc_data_get_number (obj, "amount", &amount) || amount <= 0 ||
              !get_epoch (json_object_get_member (obj, "date"), &when))
            continue;
          action.date = cc_date_from_unix_in_zone (when, zone);
          action.kind = CC_ACTION_DIVIDEND;
          action.numerator = cc_data_snap_float32 (amount);
          action.denominator = 1;
          if (action.date != CC_DATE_INVALID)
            cc_series_add_action (series, &action);
        }
    }

  node = _cc_data_get_member_of_type (events, "splits", JSON_NODE_OBJECT);
  if (node != NULL)
    {
      JsonObject *splits = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (splits);

      for (const GList *l = members; l; l = l->next)
        {
          JsonNode *item = _cc_data_get_member_of_type (splits, l->data, JSON_NODE_OBJECT);
          JsonObject *obj;
          CcAction action = { 0, };
          double numerator, denominator;
          gint64 when;

          if (item == NULL)
            continue;
          obj = json_node_get_object (item);
          if (!_cc_data_get_number (obj, "numerator", &numerator) ||
              !_cc_data_get_number (obj, "denominator", &denominator) ||
              numerator <= 0 || denominator <= 0 ||
              !get_epoch (json_object_get_member (obj, "date"), &when))
            continue;
          action.date = cc_date_from_unix_in_zone (when, zone);
          action.kind = CC_ACTION_SPLIT;
          action.numerator = numerator;
          action.denominator = denominator;
          if (action.date != CC_DATE_INVALID)
            cc_series_add_action (series, &action);
        }
    }
}

/* The last bar is the running session when the market's last trade is on the bar's date and
 * before the end of the regular session. */
static gboolean
last_bar_unfinished (JsonObject *meta,
                     CcDate      last_date,
                     GTimeZone  *zone)
{
  JsonNode *node;
  gint64 market_time, session_end;

  if (meta == NULL || !get_epoch (json_object_get_member (meta, "regularMarketTime"),
                                  &market_time))
    return FALSE;
  if (cc_date_from_unix_in_zone (market_time, zone) != last_date)
    return FALSE;

  node = _cc_data_get_member_of_type (meta, "currentTradingPeriod", JSON_NODE_OBJECT);
  if (node != NULL)
    {
      JsonNode *regular = _cc_data_get_member_of_type (json_node_get_object (node), "regular",
                                                       JSON_NODE_OBJECT);
      if (regular != NULL &&
          get_epoch (json_object_get_member (json_node_get_object (regular), "end"),
                     &session_end) &&
          cc_date_from_unix_in_zone (session_end, zone) == last_date)
        return market_time < session_end;
    }

  /* Without the session boundaries, assume the usual 16:00 close of the exchange's day. */
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (market_time);
    g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, zone) : NULL;

    return local != NULL && g_date_time_get_hour (local) < 16;
  }
}

CcSeries *
cc_yahoo_parse_chart (const char  *symbol,
                      guint        http_status,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(CcSeries) series = NULL;
  JsonObject *root_obj, *chart, *result, *meta = NULL, *quote;
  JsonNode *node;
  JsonArray *results, *timestamps, *quotes, *closes;
  guint n;
  CcDate last_date = CC_DATE_INVALID;
  int last_index = -1;
  const char *text;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (http_status == 429 || (length < 200 && data != NULL &&
                             g_strstr_len (data, length, "Too Many Requests") != NULL))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                   _("%s rate limited the request for “%s”: too many requests, try again later"),
                   PROVIDER_NAME, symbol);
      return NULL;
    }
  if (cc_data_looks_like_html (data, length))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                   _("%s sent a web page instead of prices for “%s” (a consent or "
                     "verification page)"), PROVIDER_NAME, symbol);
      return NULL;
    }

  root = _cc_data_load_json (data, length, PROVIDER_NAME, symbol, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto format_changed;
  root_obj = json_node_get_object (root);

  /* The crumb-protected endpoints answer with a finance.error envelope. */
  node = _cc_data_get_member_of_type (root_obj, "finance", JSON_NODE_OBJECT);
  if (node != NULL)
    {
      JsonNode *err = _cc_data_get_member_of_type (json_node_get_object (node), "error",
                                                   JSON_NODE_OBJECT);
      if (err != NULL)
        {
          set_envelope_error (json_node_get_object (err), symbol, http_status, error);
          return NULL;
        }
    }

  node = json_object_get_member (root_obj, "chart");
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      /* {"chart": null} is one of the shapes of an unknown ticker. */
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                   _("%s does not know the symbol “%s”"), PROVIDER_NAME, symbol);
      return NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto format_changed;
  chart = json_node_get_object (node);

  node = _cc_data_get_member_of_type (chart, "error", JSON_NODE_OBJECT);
  if (node != NULL)
    {
      set_envelope_error (json_node_get_object (node), symbol, http_status, error);
      return NULL;
    }

  node = json_object_get_member (chart, "result");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0))
    {
      if (http_status == 404 || node == NULL || JSON_NODE_HOLDS_NULL (node))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                     _("%s does not know the symbol “%s”"), PROVIDER_NAME, symbol);
      else
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                     _("%s has no prices for “%s” in the requested period"), PROVIDER_NAME,
                     symbol);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto format_changed;
  results = json_node_get_array (node);
  node = json_array_get_element (results, 0);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto format_changed;
  result = json_node_get_object (node);

  node = _cc_data_get_member_of_type (result, "meta", JSON_NODE_OBJECT);
  if (node != NULL)
    meta = json_node_get_object (node);
  zone = exchange_zone (meta);

  series = cc_series_new (symbol, CC_LEVEL_PRICE);
  cc_series_set_origin (series, CC_ORIGIN_PROVIDER);
  cc_series_set_source (series, PROVIDER_NAME);
  if ((text = _cc_data_get_string (meta, "longName")) != NULL ||
      (text = _cc_data_get_string (meta, "shortName")) != NULL)
    cc_series_set_name (series, text);
  if ((text = _cc_data_get_string (meta, "currency")) != NULL)
    cc_series_set_currency (series, text);

  node = _cc_data_get_member_of_type (result, "timestamp", JSON_NODE_ARRAY);
  if (node == NULL)
    {
      if (json_object_has_member (result, "timestamp") &&
          !JSON_NODE_HOLDS_NULL (json_object_get_member (result, "timestamp")))
        goto format_changed;
      /* An empty window: no timestamp key and indicators.quote = [{}]. */
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no prices for “%s” in the requested period"), PROVIDER_NAME,
                   symbol);
      return NULL;
    }
  timestamps = json_node_get_array (node);
  n = json_array_get_length (timestamps);

  node = _cc_data_get_member_of_type (result, "indicators", JSON_NODE_OBJECT);
  if (node == NULL)
    goto format_changed;
  node = _cc_data_get_member_of_type (json_node_get_object (node), "quote", JSON_NODE_ARRAY);
  if (node == NULL)
    goto format_changed;
  quotes = json_node_get_array (node);
  if (json_array_get_length (quotes) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (quotes, 0)))
    goto format_changed;
  quote = json_array_get_object_element (quotes, 0);
  node = _cc_data_get_member_of_type (quote, "close", JSON_NODE_ARRAY);
  if (node == NULL)
    goto format_changed;
  closes = json_node_get_array (node);
  if (json_array_get_length (closes) != n)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                   _("%s sent %u dates but %u closes for “%s”"), PROVIDER_NAME, n,
                   json_array_get_length (closes), symbol);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *ts_node = json_array_get_element (timestamps, i);
      JsonNode *close_node = json_array_get_element (closes, i);
      gint64 ts;
      double close;
      CcDate date;

      /* A null close is a gap (holidays, thin funds, the first minutes of a session):
       * json_node_get_double() would turn it into a 0.0 price, so skip it. */
      if (JSON_NODE_HOLDS_NULL (close_node) || JSON_NODE_HOLDS_NULL (ts_node))
        continue;
      if (!get_epoch (ts_node, &ts))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                       _("%s sent an invalid date at position %u for “%s”"), PROVIDER_NAME, i,
                       symbol);
          return NULL;
        }
      if (JSON_NODE_TYPE (close_node) != JSON_NODE_VALUE ||
          (json_node_get_value_type (close_node) != G_TYPE_DOUBLE &&
           json_node_get_value_type (close_node) != G_TYPE_INT64))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                       _("%s sent a close that is not a number at position %u for “%s”"),
                       PROVIDER_NAME, i, symbol);
          return NULL;
        }
      close = json_node_get_value_type (close_node) == G_TYPE_INT64 ?
              (double) json_node_get_int (close_node) : json_node_get_double (close_node);
      /* Thin instruments carry 0.0 placeholders: no price is zero or negative. */
      if (!isfinite (close) || close <= 0)
        continue;
      date = local_date (ts, zone);
      if (date == CC_DATE_INVALID)
        continue;
      close = cc_data_snap_float32 (close);
      /* Two stamps on one trading date (the running session stamped at the last trade):
       * the later one wins. */
      if (!cc_series_append (series, date, close, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE))
        cc_series_set_point (series, date, close, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE);
      if (last_date == CC_DATE_INVALID || date >= last_date)
        {
          last_date = date;
          last_index = (int) i;
        }
    }

  if (cc_series_get_n_points (series) == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no prices for “%s” in the requested period"), PROVIDER_NAME,
                   symbol);
      return NULL;
    }

  if (last_index >= 0 && last_bar_unfinished (meta, last_date, zone))
    {
      const CcPoint *last = cc_series_get_last (series);

      cc_series_set_point (series, last->date, last->close, CC_PROVENANCE_OBSERVED,
                           CC_POINT_FLAG_UNFINISHED);
    }

  read_events (series, result, zone);

  return g_steal_pointer (&series);

format_changed:
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
               _("%s changed the format of its reply for “%s”"), PROVIDER_NAME, symbol);
  return NULL;
}
