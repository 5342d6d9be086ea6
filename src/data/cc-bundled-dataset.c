/* cc-bundled-dataset.c: reads the offline dataset shipped in the GResource (data/dataset/):
 * its two CSV files through the one CSV reader, the anchors and the curated events as JSON. */
#define G_LOG_DOMAIN "cc-bundled-dataset"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cc-bundled-dataset.h"
#include "cc-csv-reader.h"
#include "cc-data-error.h"
#include "cc-events-file.h"

#define DATASET_RESOURCE_PATH "/io/github/chipcycle/ChipCycle/dataset/"

#define SERIES_HEADER "date,symbol,level,close,provenance,flags"
#define MONTHLY_HEADER "month,last_trading_date,close"

/* ------------------------------------------------------------------------------------------ */
/* The two CSV files */

/* TRUE when the current record is exactly @header (comma-separated names). */
static gboolean
record_is (CcCsvReader *reader,
           const char  *header)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  guint n = g_strv_length (names);

  if (cc_csv_reader_get_n_fields (reader) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (cc_csv_reader_get_field (reader, i), names[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Reads the header @header; FALSE with an error naming the line when the first record is
 * something else or there is none. */
static gboolean
read_header (CcCsvReader  *reader,
             const char   *header,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!cc_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                     /* Translators: %1$s is a file name, %2$s the expected first line. */
                     _("%1$s: no header line “%2$s”"), cc_csv_reader_get_source_name (reader),
                     header);
      return FALSE;
    }
  if (!record_is (reader, header))
    {
      cc_csv_reader_set_error (reader, error, NULL, _("expected the header “%s”"), header);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_close (CcCsvReader *reader,
             const char  *text,
             double      *value)
{
  return cc_csv_reader_parse_number (reader, text, value) && *value > 0;
}

/* The source of a bundled series: observed from when (by which provider), reconstructed
 * before. */
static char *
describe_bundled_source (CcSeries   *series,
                         const char *provider)
{
  guint n_points;
  const CcPoint *points = cc_series_get_points (series, &n_points);
  const CcPoint *point = NULL;
  char first[11];

  for (guint i = 0; i < n_points && point == NULL; i++)
    if (points[i].provenance == CC_PROVENANCE_OBSERVED)
      point = &points[i];
  if (point == NULL)
    return g_strdup (_("Chip Cycle offline dataset (reconstructed)"));

  cc_date_format_iso (point->date, first);
  if (point == cc_series_get_first (series))
    /* Translators: the source of a series in the offline dataset that is all real data. */
    return g_strdup (_("Chip Cycle offline dataset (observed)"));
  if (provider != NULL)
    /* Translators: the source of a series in the offline dataset; %1$s is a data provider,
     * %2$s a date. */
    return g_strdup_printf (_("Chip Cycle offline dataset (%1$s closes from %2$s, reconstructed "
                              "before)"), provider, first);
  /* Translators: the source of a series in the offline dataset; %s is a date. */
  return g_strdup_printf (_("Chip Cycle offline dataset (observed from %s, reconstructed "
                            "before)"), first);
}

gboolean
cc_bundled_dataset_load_series_csv (CcDataset   *dataset,
                                    const char  *data,
                                    gssize       length,
                                    const char  *source_name,
                                    GError     **error)
{
  g_autoptr(CcCsvReader) reader = NULL;
  g_autoptr(GHashTable) parsed = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GError) local_error = NULL;
  CcSeries *last_series = NULL;

  g_return_val_if_fail (CC_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (data != NULL || length <= 0, FALSE);

  if (source_name == NULL)
    source_name = "offline-series.csv";
  reader = cc_csv_reader_new (data, length, source_name, error);
  if (reader == NULL || !read_header (reader, SERIES_HEADER, error))
    return FALSE;

  parsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  order = g_ptr_array_new ();
  while (cc_csv_reader_next (reader, &local_error))
    {
      const char *date_text = cc_csv_reader_get_field (reader, 0);
      const char *symbol = cc_csv_reader_get_field (reader, 1);
      const char *level_text = cc_csv_reader_get_field (reader, 2);
      const char *close_text = cc_csv_reader_get_field (reader, 3);
      const char *provenance_text = cc_csv_reader_get_field (reader, 4);
      const char *flags_text = cc_csv_reader_get_field (reader, 5);
      guint n_fields = cc_csv_reader_get_n_fields (reader);
      CcSeries *series;
      CcDate date;
      CcLevelKind level;
      CcProvenance provenance;
      CcPointFlags flags = CC_POINT_FLAG_NONE;
      double close;

      if (n_fields != 6)
        {
          cc_csv_reader_set_error (reader, error, NULL, _("expected 6 fields, found %u"),
                                   n_fields);
          return FALSE;
        }
      if (!cc_date_parse_iso (date_text, &date))
        {
          cc_csv_reader_set_error (reader, error, "date", _("“%s” is not a valid date"),
                                   date_text);
          return FALSE;
        }
      if (!cc_ticker_is_valid (symbol))
        {
          cc_csv_reader_set_error (reader, error, "symbol", _("“%s” is not a ticker"), symbol);
          return FALSE;
        }
      if (strcmp (level_text, "price") == 0)
        level = CC_LEVEL_PRICE;
      else if (strcmp (level_text, "index") == 0)
        level = CC_LEVEL_INDEX;
      else
        {
          cc_csv_reader_set_error (reader, error, "level",
                                   _("“%s” is neither price nor index"), level_text);
          return FALSE;
        }
      if (!parse_close (reader, close_text, &close))
        {
          cc_csv_reader_set_error (reader, error, "close", _("“%s” is not a positive number"),
                                   close_text);
          return FALSE;
        }
      if (!cc_provenance_from_string (provenance_text, &provenance))
        {
          cc_csv_reader_set_error (reader, error, "provenance",
                                   _("“%s” is not one of observed, anchored, reconstructed"),
                                   provenance_text);
          return FALSE;
        }
      if (strcmp (flags_text, "unfinished") == 0)
        flags = CC_POINT_FLAG_UNFINISHED;
      else if (flags_text[0] != '\0')
        {
          cc_csv_reader_set_error (reader, error, "flags", _("unknown flag “%s”"), flags_text);
          return FALSE;
        }

      /* Rows come grouped by symbol: most rows continue the previous row's series. */
      if (last_series != NULL && strcmp (cc_series_get_symbol (last_series), symbol) == 0)
        series = last_series;
      else
        series = g_hash_table_lookup (parsed, symbol);
      if (series == NULL)
        {
          series = cc_series_new (symbol, level);
          g_hash_table_insert (parsed, g_strdup (symbol), series);
          g_ptr_array_add (order, series);
        }
      else if (cc_series_get_level_kind (series) != level)
        {
          cc_csv_reader_set_error (reader, error, "level",
                                   _("“%s” differs from the earlier rows of %s"), level_text,
                                   symbol);
          return FALSE;
        }
      if (!cc_series_append (series, date, close, provenance, flags))
        {
          cc_csv_reader_set_error (reader, error, "date",
                                   _("%s is not later than the previous row of %s"),
                                   date_text, symbol);
          return FALSE;
        }
      last_series = series;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < order->len; i++)
    {
      CcSeries *series = g_ptr_array_index (order, i);
      g_autofree char *source = describe_bundled_source (series, NULL);

      cc_series_set_source (series, source);
      cc_dataset_add_bundled_series (dataset, series);
    }
  return TRUE;
}

CcSeries *
cc_bundled_dataset_parse_monthly_csv (const char  *data,
                                      gssize       length,
                                      const char  *source_name,
                                      GError     **error)
{
  g_autoptr(CcCsvReader) reader = NULL;
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);

  if (source_name == NULL)
    source_name = "sox-monthly.csv";
  reader = cc_csv_reader_new (data, length, source_name, error);
  if (reader == NULL || !read_header (reader, MONTHLY_HEADER, error))
    return NULL;

  series = cc_series_new (CC_SYMBOL_SOX, CC_LEVEL_PRICE);
  while (cc_csv_reader_next (reader, &local_error))
    {
      const char *month_text = cc_csv_reader_get_field (reader, 0);
      const char *date_text = cc_csv_reader_get_field (reader, 1);
      const char *close_text = cc_csv_reader_get_field (reader, 2);
      guint n_fields = cc_csv_reader_get_n_fields (reader);
      g_autofree char *first_day = NULL;
      CcDate date, month;
      double close;

      if (n_fields != 3)
        {
          cc_csv_reader_set_error (reader, error, NULL, _("expected 3 fields, found %u"),
                                   n_fields);
          return NULL;
        }
      first_day = g_strconcat (month_text, "-01", NULL);
      if (strlen (month_text) != 7 || !cc_date_parse_iso (first_day, &month))
        {
          cc_csv_reader_set_error (reader, error, "month", _("“%s” is not a month"),
                                   month_text);
          return NULL;
        }
      if (!cc_date_parse_iso (date_text, &date) ||
          date < month || date >= cc_date_add_months (month, 1))
        {
          cc_csv_reader_set_error (reader, error, "last_trading_date",
                                   _("“%s” is not a date in %s"), date_text, month_text);
          return NULL;
        }
      if (!parse_close (reader, close_text, &close))
        {
          cc_csv_reader_set_error (reader, error, "close", _("“%s” is not a positive number"),
                                   close_text);
          return NULL;
        }
      if (!cc_series_append (series, date, close, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE))
        {
          cc_csv_reader_set_error (reader, error, "last_trading_date",
                                   _("%s is not later than the previous row"), date_text);
          return NULL;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  cc_series_set_name (series, "PHLX Semiconductor Index");
  cc_series_set_origin (series, CC_ORIGIN_BUNDLED);
  cc_series_set_source (series, _("^SOX month-end closes 1994–2025 (stevenmichiels SOX.csv)"));
  return g_steal_pointer (&series);
}

/* ------------------------------------------------------------------------------------------ */
/* Where single points come from: anchors.json */

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static CcDate
date_member (JsonObject *object,
             const char *member)
{
  CcDate date;

  if (!cc_date_parse_iso (string_member (object, member), &date))
    return CC_DATE_INVALID;
  return date;
}

/* Reads the bundled anchors.json so that each anchored or observed point can say which
 * reported figure or recorded response it comes from. */
static gboolean
load_point_sources (CcDataset   *self,
                    GBytes      *bytes,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!json_parser_load_from_data (parser, data, length, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                   /* Translators: %s is what went wrong. */
                   _("anchors.json: %s"), local_error ? local_error->message
                                                      : _("expected an object"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  node = json_object_get_member (root, "anchors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *anchors = json_node_get_array (node);
      guint n = json_array_get_length (anchors);

      /* Three passes: reported levels, then reported moves, then the base of a move, which
       * gets a note only when no anchor gave it one: META's close on 30 June follows from its
       * reported close and move on 1 July. */
      for (guint step = 0; step < 3 * n; step++)
        {
          guint pass = step / n;
          JsonNode *element = json_array_get_element (anchors, step % n);
          JsonObject *anchor;
          const char *symbol, *kind, *source;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          anchor = json_node_get_object (element);
          symbol = string_member (anchor, "symbol");
          kind = string_member (anchor, "kind");
          source = string_member (anchor, "source");
          if (symbol == NULL || kind == NULL || source == NULL)
            continue;

          if (pass == 2)
            {
              if (g_str_equal (kind, "return"))
                {
                  g_autofree char *to_note = cc_dataset_get_point_source (
                    self, symbol, date_member (anchor, "to"));
                  g_autofree char *both = NULL;

                  if (to_note != NULL && !g_str_equal (to_note, source))
                    both = g_strconcat (source, "; ", to_note, NULL);
                  cc_dataset_note_point_source (self, symbol, date_member (anchor, "from"),
                                                CC_PROVENANCE_ANCHORED, both ? both : source);
                }
            }
          else if (pass == 1)
            {
              if (g_str_equal (kind, "return"))
                cc_dataset_note_point_source (self, symbol, date_member (anchor, "to"),
                                              CC_PROVENANCE_ANCHORED, source);
            }
          else if (g_str_equal (kind, "close"))
            cc_dataset_note_point_source (self, symbol, date_member (anchor, "date"),
                                          CC_PROVENANCE_ANCHORED, source);
          else if (g_str_equal (kind, "max-close") || g_str_equal (kind, "min-close"))
            cc_dataset_note_point_source (self, symbol, date_member (anchor, "place-on"),
                                          CC_PROVENANCE_ANCHORED, source);
        }
    }

  node = json_object_get_member (root, "observed");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *observed = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (observed); i++)
        {
          JsonNode *element = json_array_get_element (observed, i);
          const char *symbol, *source, *provider;
          CcSeries *series;
          guint n_points;
          const CcPoint *points;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          symbol = string_member (json_node_get_object (element), "symbol");
          source = string_member (json_node_get_object (element), "source");
          provider = string_member (json_node_get_object (element), "provider");
          if (symbol == NULL || (series = cc_dataset_get_series (self, symbol)) == NULL)
            continue;
          if (provider != NULL)
            {
              g_autofree char *text = describe_bundled_source (series, provider);

              cc_series_set_source (series, text);
            }
          points = cc_series_get_points (series, &n_points);
          for (guint p = 0; p < n_points; p++)
            cc_dataset_note_point_source (self, symbol, points[p].date,
                                          CC_PROVENANCE_OBSERVED, source);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* The bundled dataset */

static GBytes *
lookup_resource (const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_strconcat (DATASET_RESOURCE_PATH, name, NULL);

  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

CcDataset *
cc_bundled_dataset_new (GError **error)
{
  g_autoptr(CcDataset) self = cc_dataset_new ();
  g_autoptr(GBytes) series_bytes = NULL;
  g_autoptr(GBytes) events_bytes = NULL;
  g_autoptr(GBytes) monthly_bytes = NULL;
  g_autoptr(GBytes) anchors_bytes = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(CcSeries) monthly = NULL;
  const char *data;
  gsize length;

  if (!(series_bytes = lookup_resource ("offline-series.csv", error)) ||
      !(events_bytes = lookup_resource ("events.json", error)) ||
      !(monthly_bytes = lookup_resource ("sox-monthly.csv", error)) ||
      !(anchors_bytes = lookup_resource ("anchors.json", error)))
    return NULL;

  data = g_bytes_get_data (series_bytes, &length);
  if (!cc_bundled_dataset_load_series_csv (self, data, length, "offline-series.csv", error))
    return NULL;

  if (!load_point_sources (self, anchors_bytes, error))
    return NULL;

  data = g_bytes_get_data (events_bytes, &length);
  events = cc_events_from_json_data (data, length, "events.json", error);
  if (events == NULL)
    return NULL;
  cc_dataset_merge_events (self, events);

  data = g_bytes_get_data (monthly_bytes, &length);
  monthly = cc_bundled_dataset_parse_monthly_csv (data, length, "sox-monthly.csv", error);
  if (monthly == NULL)
    return NULL;
  cc_dataset_set_sox_monthly (self, monthly);

  return g_steal_pointer (&self);
}
