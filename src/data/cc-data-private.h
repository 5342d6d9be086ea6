/* cc-data-private.h: helpers shared by the parsers of the data layer. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-series.h"

G_BEGIN_DECLS

/* Parses JSON after checking the nesting depth (deep nesting would exhaust the stack of the
 * recursive parser). On failure sets a CC_DATA_ERROR_FORMAT_CHANGED error naming @provider
 * and @symbol. */
JsonNode *_cc_data_load_json          (const char  *data,
                                       gsize        length,
                                       const char  *provider,
                                       const char  *symbol,
                                       GError     **error);
/* The same without naming anyone: the error message is only what is wrong. */
JsonNode *_cc_data_parse_json          (const char  *data,
                                       gsize        length,
                                       GError     **error);
/* A member of @object of JSON type @type, or NULL. */
JsonNode *_cc_data_get_member_of_type (JsonObject  *object,
                                       const char  *member,
                                       JsonNodeType type);
/* A number (integer or double) member, or FALSE when missing, null or not a number. */
gboolean  _cc_data_get_number         (JsonObject  *object,
                                       const char  *member,
                                       double      *value);
/* A string member, or NULL. */
const char *_cc_data_get_string       (JsonObject  *object,
                                       const char  *member);

/* FALSE, with a CC_DATA_ERROR_BLOCKED error naming @provider and @symbol, when the reply is
 * an HTML page (a consent, login or error page) rather than data; TRUE otherwise. */
gboolean  _cc_data_reject_web_page    (const char  *data,
                                       gsize        length,
                                       const char  *provider,
                                       const char  *symbol,
                                       GError     **error);
/* Case-insensitive substring test (NULL @haystack is empty). */
gboolean  _cc_data_contains_ci        (const char  *haystack,
                                       const char  *needle);
/* "2020-11-06T00:00:00.000Z" and "2020-02-03 09:30:00" both start with the trading date. */
gboolean  _cc_data_parse_leading_date (const char  *text,
                                       CcDate      *date);
/* A number sent as a JSON number or as a string ("125.2500"). */
gboolean  _cc_data_get_number_or_string (JsonObject *object,
                                         const char *member,
                                         double     *value);
/* Sorts @points (CcPoint, any order) and appends them as observed data; FALSE when two share
 * a date. */
gboolean  _cc_data_add_sorted_points  (CcSeries    *series,
                                       GArray      *points);
/* Reads the date (the start of member @date_member) and the close of the JSON row at
 * @position into @point; FALSE with a CC_DATA_ERROR naming @provider, @symbol and @position
 * when either is missing. */
gboolean  _cc_data_read_dated_close   (JsonObject  *row,
                                       const char  *date_member,
                                       guint        position,
                                       const char  *provider,
                                       const char  *symbol,
                                       CcPoint     *point,
                                       GError     **error);
/* Takes @series, adds @points as _cc_data_add_sorted_points() does and returns it; or NULL with
 * a CC_DATA_ERROR naming @provider and @symbol when two points share a date or none is left. */
CcSeries *_cc_data_finish_series      (CcSeries    *series,
                                       GArray      *points,
                                       const char  *provider,
                                       const char  *symbol,
                                       GError     **error);

G_END_DECLS
