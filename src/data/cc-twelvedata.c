/* cc-twelvedata.c: reads Twelve Data time series (tests/data/providers/twelvedata_*): numbers as
 * strings, newest first unless asked otherwise, errors as status "error" with a code, often
 * with HTTP 200. */
#define G_LOG_DOMAIN "cc-twelvedata"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-provider.h"

CcSeries *
cc_twelvedata_parse_series (const char  *symbol,
                            guint        http_status,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  static const char *name = "Twelve Data";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(GArray) points = NULL;
  JsonObject *obj, *meta = NULL;
  JsonNode *node;
  JsonArray *values;
  const char *status, *text;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!_cc_data_reject_web_page (data, length, name, symbol, error))
    return NULL;
  root = _cc_data_load_json (data, length, name, symbol, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto format_changed;
  obj = json_node_get_object (root);

  status = _cc_data_get_string (obj, "status");
  if (g_strcmp0 (status, "error") == 0 || http_status == 429)
    {
      /* The HTTP status may be 200: the code in the body is what counts. */
      const char *message = _cc_data_get_string (obj, "message");
      double code = 0;

      _cc_data_get_number (obj, "code", &code);
      if (message == NULL)
        message = "";
      if (code == 429 || http_status == 429 || _cc_data_contains_ci (message, "run out of API credits"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                     _("%s rate limited the request for “%s”: the credits for this minute are "
                       "used up"), name, symbol);
      else if (code == 401 || code == 403 || _cc_data_contains_ci (message, "apikey"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY,
                     _("%s refused the request for “%s”: it needs a valid API key or a paid "
                       "plan"), name, symbol);
      else if (code == 400 || code == 404 || _cc_data_contains_ci (message, "not found"))
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                     _("%s does not know the symbol “%s” (%s)"), name, symbol, message);
      else
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                     _("%s sent a message instead of prices for “%s”: %s"), name, symbol,
                     message);
      return NULL;
    }

  node = _cc_data_get_member_of_type (obj, "values", JSON_NODE_ARRAY);
  if (node == NULL)
    goto format_changed;
  values = json_node_get_array (node);

  series = cc_series_new (symbol, CC_LEVEL_PRICE);
  cc_series_set_origin (series, CC_ORIGIN_PROVIDER);
  cc_series_set_source (series, name);
  node = _cc_data_get_member_of_type (obj, "meta", JSON_NODE_OBJECT);
  if (node != NULL)
    meta = json_node_get_object (node);
  if ((text = _cc_data_get_string (meta, "currency")) != NULL)
    cc_series_set_currency (series, text);

  points = g_array_new (FALSE, FALSE, sizeof (CcPoint));
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *item = json_array_get_element (values, i);
      JsonObject *row;
      CcPoint point = { 0, };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        goto format_changed;
      row = json_node_get_object (item);
      if (!_cc_data_read_dated_close (row, "datetime", i, name, symbol, &point, error))
        return NULL;
      if (point.close > 0)
        g_array_append_val (points, point);
    }
  return _cc_data_finish_series (g_steal_pointer (&series), points, name, symbol, error);

format_changed:
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
               _("%s changed the format of its reply for “%s”"), name, symbol);
  return NULL;
}
