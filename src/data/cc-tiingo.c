/* cc-tiingo.c: reads Tiingo end-of-day prices (tests/data/providers/tiingo_*): a JSON array
 * of daily rows, dividends and splits inline, errors as {"detail": …}. */
#define G_LOG_DOMAIN "cc-tiingo"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-provider.h"

CcSeries *
cc_tiingo_parse_prices (const char  *symbol,
                        guint        http_status,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  static const char *name = "Tiingo";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(GArray) points = NULL;
  JsonArray *rows;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (http_status == 429)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                   _("%s rate limited the request for “%s”: too many requests, try again later"),
                   name, symbol);
      return NULL;
    }
  if (!_cc_data_reject_web_page (data, length, name, symbol, error))
    return NULL;
  root = _cc_data_load_json (data, length, name, symbol, error);
  if (root == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Errors: {"detail": "Error: Ticker 'ZZZZ' not found"}. */
      const char *detail = _cc_data_get_string (json_node_get_object (root), "detail");

      if (detail == NULL)
        goto format_changed;
      if (http_status == 404 || _cc_data_contains_ci (detail, "not found"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                     _("%s does not know the symbol “%s” (%s)"), name, symbol, detail);
      else if (_cc_data_contains_ci (detail, "token") || _cc_data_contains_ci (detail, "authoriz") ||
               http_status == 401 || http_status == 403)
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY,
                     _("%s refused the request for “%s”: it needs a valid API key or a paid "
                       "plan"), name, symbol);
      else if (_cc_data_contains_ci (detail, "limit") || _cc_data_contains_ci (detail, "too many"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                     _("%s rate limited the request for “%s”: too many requests, try again "
                       "later"), name, symbol);
      else
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                     _("%s sent a message instead of prices for “%s”: %s"), name, symbol,
                     detail);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    goto format_changed;

  rows = json_node_get_array (root);
  if (json_array_get_length (rows) == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no prices for “%s” in the requested period"), name, symbol);
      return NULL;
    }

  series = cc_series_new (symbol, CC_LEVEL_PRICE);
  cc_series_set_origin (series, CC_ORIGIN_PROVIDER);
  cc_series_set_source (series, name);
  points = g_array_new (FALSE, FALSE, sizeof (CcPoint));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row;
      CcPoint point = { 0, };
      double value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto format_changed;
      row = json_node_get_object (node);
      if (!_cc_data_read_dated_close (row, "date", i, name, symbol, &point, error))
        return NULL;
      if (point.close <= 0)
        continue;
      g_array_append_val (points, point);

      /* Dividends and splits come inline, per row. */
      if (_cc_data_get_number_or_string (row, "divCash", &value) && value > 0)
        {
          CcAction action = { point.date, CC_ACTION_DIVIDEND, value, 1 };
          cc_series_add_action (series, &action);
        }
      if (_cc_data_get_number_or_string (row, "splitFactor", &value) && value > 0 &&
          fabs (value - 1.0) > 1e-9)
        {
          CcAction action = { point.date, CC_ACTION_SPLIT, value, 1 };
          cc_series_add_action (series, &action);
        }
    }
  return _cc_data_finish_series (g_steal_pointer (&series), points, name, symbol, error);

format_changed:
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
               _("%s changed the format of its reply for “%s”"), name, symbol);
  return NULL;
}
