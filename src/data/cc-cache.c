/* cc-cache.c: fetched series kept on disk as small JSON files. */
#define G_LOG_DOMAIN "cc-cache"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cc-cache.h"
#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-provider.h"
#include "cc-save-stream.h"

#define CACHE_FORMAT  "chipcycle-cache"
#define CACHE_VERSION 1

struct _CcCache
{
  GObject  parent_instance;

  char    *directory;
};

G_DEFINE_FINAL_TYPE (CcCache, cc_cache, G_TYPE_OBJECT)

enum {
  DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cc_cache_finalize (GObject *object)
{
  CcCache *self = (CcCache *) object;

  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (cc_cache_parent_class)->finalize (object);
}

static void
cc_cache_class_init (CcCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_cache_finalize;

  /**
   * CcCache::damaged:
   * @path: the damaged file
   * @error: what was wrong, and where the file was kept (CC_DATA_ERROR_CACHE_CORRUPT)
   *
   * Emitted whenever a damaged cache file is found and moved aside, including during a
   * refresh, so the window can say so.
   */
  signals[DAMAGED] = g_signal_new ("damaged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
cc_cache_init (CcCache *self)
{
}

CcCache *
cc_cache_new (const char *directory)
{
  CcCache *self = g_object_new (CC_TYPE_CACHE, NULL);

  if (directory != NULL)
    self->directory = g_strdup (directory);
  else
    self->directory = g_build_filename (g_get_user_cache_dir (), "chipcycle", NULL);
  return self;
}

const char *
cc_cache_get_directory (CcCache *self)
{
  g_return_val_if_fail (CC_IS_CACHE (self), NULL);
  return self->directory;
}

/* Symbols hold characters a file name must not ("^SOX", "BRK/B"): keep letters, digits, '-'
 * and '.', and write anything else as _XX, so every symbol maps to a distinct name. */
static char *
escape_symbol (const char *symbol)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) symbol; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || (*p == '.' && p != (const guchar *) symbol))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "_%02X", *p);
    }
  return g_string_free (out, FALSE);
}

char *
cc_cache_get_path (CcCache    *self,
                   const char *provider_key,
                   const char *symbol)
{
  g_autofree char *escaped = NULL;
  g_autofree char *name = NULL;
  g_autofree char *provider = NULL;

  g_return_val_if_fail (CC_IS_CACHE (self), NULL);
  g_return_val_if_fail (provider_key != NULL && symbol != NULL, NULL);

  escaped = escape_symbol (symbol);
  provider = escape_symbol (provider_key);
  name = g_strconcat (escaped, ".json", NULL);
  return g_build_filename (self->directory, provider, name, NULL);
}

char *
cc_cache_serialize (CcSeries   *series,
                    const char *provider_key,
                    gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const CcPoint *points;
  const CcAction *actions;
  guint n, n_actions;

  g_return_val_if_fail (CC_IS_SERIES (series), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CACHE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CACHE_VERSION);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, provider_key ? provider_key : "");
  json_builder_set_member_name (builder, "symbol");
  json_builder_add_string_value (builder, cc_series_get_symbol (series));
  if (cc_series_get_name (series))
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, cc_series_get_name (series));
    }
  if (cc_series_get_currency (series))
    {
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, cc_series_get_currency (series));
    }
  if (cc_series_get_source (series))
    {
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, cc_series_get_source (series));
    }
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, cc_series_get_level_kind (series) == CC_LEVEL_INDEX ?
                                          "index" : "price");
  json_builder_set_member_name (builder, "fetched_at");
  json_builder_add_int_value (builder, cc_series_get_fetched_at (series));

  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  points = cc_series_get_points (series, &n);
  for (guint i = 0; i < n; i++)
    {
      char date[11];

      cc_date_format_iso (points[i].date, date);
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, date);
      json_builder_add_double_value (builder, points[i].close);
      json_builder_add_string_value (builder, cc_provenance_to_string (points[i].provenance));
      json_builder_add_int_value (builder, points[i].flags);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  actions = cc_series_get_actions (series, &n_actions);
  for (guint i = 0; i < n_actions; i++)
    {
      char date[11];

      cc_date_format_iso (actions[i].date, date);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, actions[i].kind == CC_ACTION_SPLIT ? "split"
                                                                                 : "dividend");
      json_builder_set_member_name (builder, "numerator");
      json_builder_add_double_value (builder, actions[i].numerator);
      json_builder_set_member_name (builder, "denominator");
      json_builder_add_double_value (builder, actions[i].denominator);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

static gboolean
fail (GError     **error,
      const char  *source_name,
      const char  *what)
{
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_CACHE_CORRUPT,
               _("The cache file %s is damaged: %s"), source_name, what);
  return FALSE;
}

CcSeries *
cc_cache_parse (const char  *data,
                gsize        length,
                const char  *source_name,
                char       **provider_key,
                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(CcSeries) series = NULL;
  JsonObject *obj;
  JsonNode *node;
  JsonArray *points;
  const char *text, *symbol;
  double number;

  g_return_val_if_fail (source_name != NULL, NULL);

  root = _cc_data_parse_json (data, length, &json_error);
  if (root == NULL)
    {
      fail (error, source_name, json_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, source_name, _("not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  text = _cc_data_get_string (obj, "format");
  if (text == NULL || !g_str_equal (text, CACHE_FORMAT) ||
      !_cc_data_get_number (obj, "version", &number) || number != CACHE_VERSION)
    {
      fail (error, source_name, _("unknown format or version"));
      return NULL;
    }
  symbol = _cc_data_get_string (obj, "symbol");
  if (symbol == NULL || *symbol == '\0')
    {
      fail (error, source_name, _("no symbol"));
      return NULL;
    }

  text = _cc_data_get_string (obj, "level");
  series = cc_series_new (symbol, text && g_str_equal (text, "index") ? CC_LEVEL_INDEX
                                                                      : CC_LEVEL_PRICE);
  cc_series_set_origin (series, CC_ORIGIN_CACHE);
  if ((text = _cc_data_get_string (obj, "name")) != NULL)
    cc_series_set_name (series, text);
  if ((text = _cc_data_get_string (obj, "currency")) != NULL)
    cc_series_set_currency (series, text);
  if ((text = _cc_data_get_string (obj, "source")) != NULL)
    cc_series_set_source (series, text);
  if (_cc_data_get_number (obj, "fetched_at", &number) && number >= 0 && number < 1e11)
    cc_series_set_fetched_at (series, (gint64) number);

  node = _cc_data_get_member_of_type (obj, "points", JSON_NODE_ARRAY);
  if (node == NULL)
    {
      fail (error, source_name, _("no points"));
      return NULL;
    }
  points = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonNode *item = json_array_get_element (points, i);
      JsonArray *fields;
      JsonNode *close_node, *flags_node;
      const char *date_text, *provenance_text;
      CcDate date;
      CcProvenance provenance;
      double close, flags;
      g_autofree char *what = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (item) ||
          json_array_get_length (fields = json_node_get_array (item)) != 4)
        goto bad_point;
      if (JSON_NODE_TYPE (json_array_get_element (fields, 0)) != JSON_NODE_VALUE ||
          json_node_get_value_type (json_array_get_element (fields, 0)) != G_TYPE_STRING ||
          JSON_NODE_TYPE (json_array_get_element (fields, 2)) != JSON_NODE_VALUE ||
          json_node_get_value_type (json_array_get_element (fields, 2)) != G_TYPE_STRING)
        goto bad_point;
      date_text = json_array_get_string_element (fields, 0);
      provenance_text = json_array_get_string_element (fields, 2);
      close_node = json_array_get_element (fields, 1);
      flags_node = json_array_get_element (fields, 3);
      if (JSON_NODE_TYPE (close_node) != JSON_NODE_VALUE ||
          JSON_NODE_TYPE (flags_node) != JSON_NODE_VALUE ||
          json_node_get_value_type (flags_node) != G_TYPE_INT64)
        goto bad_point;
      if (json_node_get_value_type (close_node) == G_TYPE_DOUBLE)
        close = json_node_get_double (close_node);
      else if (json_node_get_value_type (close_node) == G_TYPE_INT64)
        close = (double) json_node_get_int (close_node);
      else
        goto bad_point;
      flags = (double) json_node_get_int (flags_node);
      if (!cc_date_parse (date_text, FALSE, &date) ||
          !cc_provenance_from_string (provenance_text, &provenance) ||
          !isfinite (close) || close <= 0 || flags < 0 || flags > 255)
        goto bad_point;
      if (!cc_series_append (series, date, close, provenance, (CcPointFlags) flags))
        {
          what = g_strdup_printf (_("point %u is out of date order"), i + 1);
          fail (error, source_name, what);
          return NULL;
        }
      continue;

    bad_point:
      what = g_strdup_printf (_("point %u is not a [date, close, provenance, flags] entry"),
                              i + 1);
      fail (error, source_name, what);
      return NULL;
    }

  node = _cc_data_get_member_of_type (obj, "actions", JSON_NODE_ARRAY);
  if (node != NULL)
    {
      JsonArray *actions = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (actions); i++)
        {
          JsonNode *item = json_array_get_element (actions, i);
          JsonObject *a;
          CcAction action = { 0, };
          const char *kind, *date_text;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          a = json_node_get_object (item);
          kind = _cc_data_get_string (a, "kind");
          date_text = _cc_data_get_string (a, "date");
          if (kind == NULL || date_text == NULL ||
              !cc_date_parse (date_text, FALSE, &action.date) ||
              !_cc_data_get_number (a, "numerator", &action.numerator) ||
              !_cc_data_get_number (a, "denominator", &action.denominator) ||
              action.numerator <= 0 || action.denominator <= 0)
            {
              g_autofree char *what = g_strdup_printf (_("action %u is incomplete"), i + 1);
              fail (error, source_name, what);
              return NULL;
            }
          if (g_str_equal (kind, "split"))
            action.kind = CC_ACTION_SPLIT;
          else if (g_str_equal (kind, "dividend"))
            action.kind = CC_ACTION_DIVIDEND;
          else
            continue;
          cc_series_add_action (series, &action);
        }
    }

  if (provider_key != NULL)
    {
      /* A file without a provider is written back with an empty one: both read as none, so
       * what the cache accepts it writes back identically (fuzz-cache checks the round trip). */
      const char *provider = _cc_data_get_string (obj, "provider");

      *provider_key = provider != NULL && *provider != '\0' ? g_strdup (provider) : NULL;
    }
  return g_steal_pointer (&series);
}

/* Keeps a damaged file for the user (or a bug report) instead of overwriting it. */
static char *
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 1; g_file_test (target, G_FILE_TEST_EXISTS) && i < 1000; i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  if (g_rename (path, target) != 0)
    {
      g_free (target);
      return NULL;
    }
  return target;
}

CcSeries *
cc_cache_load (CcCache     *self,
               const char  *provider_key,
               const char  *symbol,
               GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *stored_provider = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CcSeries) series = NULL;
  gsize length;

  g_return_val_if_fail (CC_IS_CACHE (self), NULL);

  path = cc_cache_get_path (self, provider_key, symbol);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  series = cc_cache_parse (contents, length, path, &stored_provider, &local_error);
  if (series != NULL && g_strcmp0 (cc_series_get_symbol (series), symbol) != 0)
    {
      g_clear_object (&series);
      g_set_error (&local_error, CC_DATA_ERROR, CC_DATA_ERROR_CACHE_CORRUPT,
                   _("The cache file %s holds another symbol than “%s”"), path, symbol);
    }
  if (series == NULL)
    {
      g_autofree char *aside = move_aside (path);
      g_autoptr(GError) report = NULL;

      if (aside != NULL)
        report = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_CACHE_CORRUPT,
                              _("%s; it was kept as %s and will be fetched again"),
                              local_error->message, aside);
      else
        report = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_CACHE_CORRUPT,
                              _("%s; it could not be moved aside: %s"), local_error->message,
                              g_strerror (errno));
      g_signal_emit (self, signals[DAMAGED], 0, path, report);
      g_propagate_error (error, g_steal_pointer (&report));
      return NULL;
    }
  return g_steal_pointer (&series);
}

static gboolean
has_new_split (CcSeries *old_series,
               CcSeries *new_series)
{
  const CcAction *old_actions, *new_actions;
  guint n_old, n_new;

  old_actions = cc_series_get_actions (old_series, &n_old);
  new_actions = cc_series_get_actions (new_series, &n_new);
  for (guint i = 0; i < n_new; i++)
    {
      gboolean known = FALSE;

      if (new_actions[i].kind != CC_ACTION_SPLIT)
        continue;
      for (guint j = 0; j < n_old && !known; j++)
        known = old_actions[j].kind == CC_ACTION_SPLIT &&
                old_actions[j].date == new_actions[i].date;
      /* A split inside the old data's span was already applied to it. */
      if (!known && cc_series_get_n_points (old_series) > 0 &&
          new_actions[i].date > cc_series_get_last (old_series)->date)
        return TRUE;
    }
  return FALSE;
}

CcSeries *
cc_cache_store (CcCache     *self,
                const char  *provider_key,
                CcSeries    *series,
                GError     **error)
{
  g_autoptr(CcSeries) merged = NULL;
  g_autoptr(CcSeries) existing = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (CC_IS_CACHE (self), NULL);
  g_return_val_if_fail (CC_IS_SERIES (series), NULL);

  path = cc_cache_get_path (self, provider_key, cc_series_get_symbol (series));
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the cache folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  /* A damaged old file has been moved aside by the load; the new data stands alone. */
  existing = cc_cache_load (self, provider_key, cc_series_get_symbol (series), &load_error);
  if (load_error != NULL)
    g_debug ("%s", load_error->message);

  if (existing != NULL && !has_new_split (existing, series))
    {
      merged = cc_series_copy (existing);
      cc_series_merge (merged, series);
    }
  else
    merged = cc_series_copy (series);

  if (cc_series_get_name (series) != NULL)
    cc_series_set_name (merged, cc_series_get_name (series));
  if (cc_series_get_currency (series) != NULL)
    cc_series_set_currency (merged, cc_series_get_currency (series));
  cc_series_set_source (merged, cc_series_get_source (series));
  cc_series_set_fetched_at (merged, cc_series_get_fetched_at (series));
  cc_series_set_level_kind (merged, cc_series_get_level_kind (series));
  cc_series_set_origin (merged, CC_ORIGIN_PROVIDER);

  text = cc_cache_serialize (merged, provider_key, &length);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    if (!cc_save_contents (file, text, length, 0600, NULL, error))
      return NULL;
  }
  return g_steal_pointer (&merged);
}

gboolean
cc_cache_series_is_stale (CcSeries *series,
                          gint64    now)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  const CcPoint *last;
  CcDate today, latest_closed, last_complete;

  g_return_val_if_fail (CC_IS_SERIES (series), TRUE);

  last = cc_series_get_last (series);
  if (last == NULL)
    return TRUE;

  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    return TRUE;
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  today = cc_date_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local));

  if (cc_calendar_is_trading_day (today) && g_date_time_get_hour (local) >= 16)
    latest_closed = today;
  else
    latest_closed = cc_calendar_previous_trading_day (today);

  last_complete = last->date;
  if (last->flags & CC_POINT_FLAG_UNFINISHED)
    last_complete = cc_calendar_previous_trading_day (last->date);

  return cc_calendar_trading_days_between (last_complete, latest_closed) > 1;
}
