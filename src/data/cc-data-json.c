/* cc-data-json.c: a careful JSON loader for provider replies. */
#define G_LOG_DOMAIN "cc-data-json"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-json-shape.h"
#include "cc-provider.h"

JsonNode *
_cc_data_parse_json (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *problem;
  JsonNode *root;

  if (length == 0)
    {
      g_set_error_literal (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED, _("it is empty"));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                           _("it is not text"));
      return NULL;
    }
  if ((problem = cc_json_shape_problem (data, length, NULL)) != NULL)
    {
      g_set_error_literal (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED, problem);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    {
      /* json-glib quotes the token it stopped at as it decoded it: keep the message text. */
      if (error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
        {
          char *valid = g_utf8_make_valid ((*error)->message, -1);

          g_free ((*error)->message);
          (*error)->message = valid;
        }
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED, _("it is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

JsonNode *
_cc_data_load_json (const char  *data,
                    gsize        length,
                    const char  *provider,
                    const char  *symbol,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = _cc_data_parse_json (data, length, &local_error);

  if (root == NULL)
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                 _("%s sent a reply for “%s” that is not valid JSON: %s"),
                 provider, symbol, local_error->message);
  return root;
}

JsonNode *
_cc_data_get_member_of_type (JsonObject   *object,
                             const char   *member,
                             JsonNodeType  type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != type)
    return NULL;
  return node;
}

gboolean
_cc_data_get_number (JsonObject *object,
                     const char *member,
                     double     *value)
{
  JsonNode *node = _cc_data_get_member_of_type (object, member, JSON_NODE_VALUE);
  GType type;

  if (node == NULL)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*value);
}

const char *
_cc_data_get_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node = _cc_data_get_member_of_type (object, member, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_cc_data_reject_web_page (const char  *data,
                          gsize        length,
                          const char  *provider,
                          const char  *symbol,
                          GError     **error)
{
  if (!cc_data_looks_like_html (data, length))
    return TRUE;
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
               _("%s sent a web page instead of prices for “%s”"), provider, symbol);
  return FALSE;
}

gboolean
_cc_data_contains_ci (const char *haystack,
                      const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack ? haystack : "", -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

gboolean
_cc_data_parse_leading_date (const char *text,
                             CcDate     *date)
{
  char buf[11];

  if (text == NULL || strlen (text) < 10 ||
      (text[10] != '\0' && text[10] != 'T' && text[10] != ' '))
    return FALSE;
  memcpy (buf, text, 10);
  buf[10] = '\0';
  return cc_date_parse (buf, FALSE, date);
}

gboolean
_cc_data_get_number_or_string (JsonObject *object,
                               const char *member,
                               double     *value)
{
  const char *text = _cc_data_get_string (object, member);

  if (text != NULL)
    return cc_data_parse_double (text, value);
  return _cc_data_get_number (object, member, value);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const CcPoint *pa = a, *pb = b;

  return (pa->date > pb->date) - (pa->date < pb->date);
}

gboolean
_cc_data_add_sorted_points (CcSeries *series,
                            GArray   *points)
{
  g_array_sort (points, compare_points);
  for (guint i = 0; i < points->len; i++)
    {
      const CcPoint *p = &g_array_index (points, CcPoint, i);

      if (!cc_series_append (series, p->date, p->close, CC_PROVENANCE_OBSERVED,
                             CC_POINT_FLAG_NONE))
        return FALSE;
    }
  return TRUE;
}
