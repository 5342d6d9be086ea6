/* cc-dataset.c: the catalogue, one series per symbol, the events and the ^SOX history facts, and
 * the offline dataset bundled in the GResource (data/dataset/). */
#define G_LOG_DOMAIN "cc-dataset"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cc-dataset.h"

#define DATASET_RESOURCE_PATH "/io/github/chipcycle/ChipCycle/dataset/"

/* The event the default view opens on: Meta Compute, in data/dataset/events.json. */
#define DEFAULT_EVENT_ID "2026-07-01-meta-compute"

struct _CcDataset
{
  GObject      parent_instance;

  CcCatalogue *catalogue;
  GHashTable  *series;        /* symbol -> CcSeries */
  GPtrArray   *events;        /* CcEvent, sorted */
  CcSeries    *sox_monthly;
  GHashTable  *point_sources; /* "SYMBOL YYYY-MM-DD" -> where that point's value comes from */
  GHashTable  *observed_providers;  /* symbol -> provider of its bundled observed points */
};

G_DEFINE_FINAL_TYPE (CcDataset, cc_dataset, G_TYPE_OBJECT)

enum {
  SERIES_CHANGED,
  EVENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (cc-dataset-error-quark, cc_dataset_error)

/* The real ^SOX peak and trough closes (data/SOURCES.md, from the stevenmichiels SOX daily file;
 * interpolated market-closed rows excluded). Day numbers are filled in on first use. */
static CcCycleEpisode episodes[] = {
  { "2000", N_("Dot-com bust"), 0, 1332.73, 0, 214.06, 0.82 },
  { "2008", N_("Financial crisis"), 0, 546.59, 0, 171.32, 0.0 },
  { "2022", N_("2022 downturn"), 0, 4039.51, 0, 2162.32, 0.35 },
};

const CcCycleEpisode *
cc_dataset_get_episodes (guint *n_episodes)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      episodes[0].peak_date = cc_date_from_ymd (2000, 3, 10);
      episodes[0].trough_date = cc_date_from_ymd (2002, 10, 9);
      episodes[1].peak_date = cc_date_from_ymd (2007, 7, 17);
      episodes[1].trough_date = cc_date_from_ymd (2008, 11, 20);
      episodes[2].peak_date = cc_date_from_ymd (2021, 12, 27);
      episodes[2].trough_date = cc_date_from_ymd (2022, 10, 14);
      g_once_init_leave (&initialized, 1);
    }

  if (n_episodes)
    *n_episodes = G_N_ELEMENTS (episodes);
  return episodes;
}

static void
cc_dataset_dispose (GObject *object)
{
  CcDataset *self = (CcDataset *) object;

  if (self->events != NULL)
    {
      for (guint i = 0; i < self->events->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->events, i), self);
      g_clear_pointer (&self->events, g_ptr_array_unref);
    }
  g_clear_pointer (&self->series, g_hash_table_unref);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->sox_monthly);
  g_clear_pointer (&self->point_sources, g_hash_table_unref);
  g_clear_pointer (&self->observed_providers, g_hash_table_unref);

  G_OBJECT_CLASS (cc_dataset_parent_class)->dispose (object);
}

static void
cc_dataset_class_init (CcDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_dataset_dispose;

  /**
   * CcDataset::series-changed:
   * @symbol: the symbol whose series was replaced or added
   */
  signals[SERIES_CHANGED] = g_signal_new ("series-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1,
                                          G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * CcDataset::events-changed:
   *
   * An event was added, removed or edited.
   */
  signals[EVENTS_CHANGED] = g_signal_new ("events-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
cc_dataset_init (CcDataset *self)
{
  self->catalogue = cc_catalogue_new_default ();
  self->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->point_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->observed_providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CcDataset *
cc_dataset_new (void)
{
  return g_object_new (CC_TYPE_DATASET, NULL);
}

static GHashTable *
copy_string_table (GHashTable *table)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  const char *key, *value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

CcDataset *
cc_dataset_copy (CcDataset *self)
{
  CcDataset *copy;
  GHashTableIter iter;
  const char *symbol;
  CcSeries *series;

  g_return_val_if_fail (CC_IS_DATASET (self), NULL);

  copy = cc_dataset_new ();
  g_clear_object (&copy->catalogue);
  copy->catalogue = cc_catalogue_copy (self->catalogue);
  /* A series in a dataset is never changed, only replaced: sharing them is safe. */
  g_hash_table_iter_init (&iter, self->series);
  while (g_hash_table_iter_next (&iter, (gpointer *) &symbol, (gpointer *) &series))
    g_hash_table_insert (copy->series, g_strdup (symbol), g_object_ref (series));
  /* Events are edited in place: the copy gets its own. */
  for (guint i = 0; i < self->events->len; i++)
    g_ptr_array_add (copy->events, cc_event_copy (g_ptr_array_index (self->events, i)));
  g_set_object (&copy->sox_monthly, self->sox_monthly);
  g_hash_table_unref (copy->point_sources);
  copy->point_sources = copy_string_table (self->point_sources);
  g_hash_table_unref (copy->observed_providers);
  copy->observed_providers = copy_string_table (self->observed_providers);
  return copy;
}

CcCatalogue *
cc_dataset_get_catalogue (CcDataset *self)
{
  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  return self->catalogue;
}

CcSeries *
cc_dataset_get_series (CcDataset  *self,
                       const char *symbol)
{
  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  return g_hash_table_lookup (self->series, symbol);
}

void
cc_dataset_set_series (CcDataset *self,
                       CcSeries  *series)
{
  const char *symbol;

  g_return_if_fail (CC_IS_DATASET (self));
  g_return_if_fail (CC_IS_SERIES (series));

  symbol = cc_series_get_symbol (series);
  if (g_hash_table_lookup (self->series, symbol) != series)
    {
      g_autofree char *prefix = g_strconcat (symbol, " ", NULL);
      GHashTableIter iter;
      const char *key;

      /* The notes described the points of the series being replaced. */
      g_hash_table_iter_init (&iter, self->point_sources);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        if (g_str_has_prefix (key, prefix))
          g_hash_table_iter_remove (&iter);
      g_hash_table_remove (self->observed_providers, symbol);
    }
  g_hash_table_replace (self->series, g_strdup (symbol), g_object_ref (series));
  g_signal_emit (self, signals[SERIES_CHANGED], 0, symbol);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cc_dataset_list_symbols (CcDataset *self)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) others = NULL;
  GPtrArray *result;
  GListModel *symbols;
  GHashTableIter iter;
  const char *key;

  g_return_val_if_fail (CC_IS_DATASET (self), NULL);

  result = g_ptr_array_new_with_free_func (g_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  symbols = cc_catalogue_get_symbols (self->catalogue);
  for (guint i = 0; i < g_list_model_get_n_items (symbols); i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (symbols, i);
      const char *ticker = cc_symbol_get_ticker (symbol);

      if (g_hash_table_contains (self->series, ticker) && g_hash_table_add (seen, (char *) ticker))
        g_ptr_array_add (result, g_strdup (ticker));
    }

  others = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->series);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_ptr_array_add (others, (char *) key);
  g_ptr_array_sort (others, compare_strings);
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (result, g_strdup (g_ptr_array_index (others, i)));
  return result;
}

GPtrArray *
cc_dataset_get_events (CcDataset *self)
{
  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  return self->events;
}

static void
event_notify_cb (CcDataset  *self,
                 GParamSpec *pspec,
                 CcEvent    *event)
{
  cc_events_sort (self->events);
  g_signal_emit (self, signals[EVENTS_CHANGED], 0);
}

static void
add_event_internal (CcDataset *self,
                    CcEvent   *event)
{
  const char *id = cc_event_get_id (event);

  /* Ids must stay unique within a dataset: a user event that happens to share a date and title
   * with another one gets a numbered id. */
  if (cc_dataset_find_event (self, id) != NULL)
    {
      g_autofree char *base = g_strdup (id);

      for (guint n = 2; ; n++)
        {
          g_autofree char *candidate = g_strdup_printf ("%s-%u", base, n);

          if (cc_dataset_find_event (self, candidate) == NULL)
            {
              cc_event_set_id (event, candidate);
              break;
            }
        }
    }

  g_ptr_array_add (self->events, g_object_ref (event));
  g_signal_connect_object (event, "notify", G_CALLBACK (event_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

void
cc_dataset_add_event (CcDataset *self,
                      CcEvent   *event)
{
  g_return_if_fail (CC_IS_DATASET (self));
  g_return_if_fail (CC_IS_EVENT (event));

  add_event_internal (self, event);
  cc_events_sort (self->events);
  g_signal_emit (self, signals[EVENTS_CHANGED], 0);
}

void
cc_dataset_merge_events (CcDataset *self,
                         GPtrArray *events)
{
  g_return_if_fail (CC_IS_DATASET (self));
  g_return_if_fail (events != NULL);

  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);

      for (guint j = 0; j < self->events->len; j++)
        {
          CcEvent *held = g_ptr_array_index (self->events, j);

          if (held == event)
            break;
          if (g_strcmp0 (cc_event_get_id (held), cc_event_get_id (event)) == 0)
            {
              g_signal_handlers_disconnect_by_data (held, self);
              g_ptr_array_remove_index (self->events, j);
              break;
            }
        }
      if (!g_ptr_array_find (self->events, event, NULL))
        add_event_internal (self, event);
    }
  cc_events_sort (self->events);
  g_signal_emit (self, signals[EVENTS_CHANGED], 0);
}

gboolean
cc_dataset_remove_event (CcDataset  *self,
                         const char *event_id)
{
  g_return_val_if_fail (CC_IS_DATASET (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  for (guint i = 0; i < self->events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (self->events, i);

      if (g_strcmp0 (cc_event_get_id (event), event_id) == 0)
        {
          g_signal_handlers_disconnect_by_data (event, self);
          g_ptr_array_remove_index (self->events, i);
          g_signal_emit (self, signals[EVENTS_CHANGED], 0);
          return TRUE;
        }
    }
  return FALSE;
}

CcEvent *
cc_dataset_find_event (CcDataset  *self,
                       const char *event_id)
{
  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  for (guint i = 0; i < self->events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (self->events, i);

      if (g_strcmp0 (cc_event_get_id (event), event_id) == 0)
        return event;
    }
  return NULL;
}

CcEvent *
cc_dataset_find_event_on (CcDataset *self,
                          CcDate     date)
{
  g_return_val_if_fail (CC_IS_DATASET (self), NULL);

  for (guint i = 0; i < self->events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (self->events, i);

      if (cc_event_get_precision (event) == CC_EVENT_PRECISION_DAY &&
          cc_event_get_date (event) == date)
        return event;
    }
  return NULL;
}

CcEvent *
cc_dataset_get_default_event (CcDataset *self)
{
  CcEvent *event;

  g_return_val_if_fail (CC_IS_DATASET (self), NULL);

  event = cc_dataset_find_event (self, DEFAULT_EVENT_ID);
  if (event == NULL)
    event = cc_dataset_find_event_on (self, cc_date_from_ymd (2026, 7, 1));
  if (event == NULL)
    {
      /* Otherwise the latest visible day-precision event. */
      for (guint i = self->events->len; i > 0; i--)
        {
          CcEvent *candidate = g_ptr_array_index (self->events, i - 1);

          if (!cc_event_get_hidden (candidate) &&
              cc_event_get_precision (candidate) == CC_EVENT_PRECISION_DAY)
            return candidate;
        }
    }
  return event;
}

CcSeries *
cc_dataset_get_sox_monthly (CcDataset *self)
{
  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  return self->sox_monthly;
}

/* The first observed point of @series, or NULL. */
static const CcPoint *
first_observed (CcSeries *series)
{
  guint n_points;
  const CcPoint *points = cc_series_get_points (series, &n_points);

  for (guint i = 0; i < n_points; i++)
    if (points[i].provenance == CC_PROVENANCE_OBSERVED)
      return &points[i];
  return NULL;
}

char *
cc_dataset_describe_sources (CcDataset          *self,
                             const char * const *symbols)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GString) observed = g_string_new (NULL);
  g_autofree char *joined = NULL;
  gboolean bundled = FALSE, reconstructed = FALSE;

  g_return_val_if_fail (CC_IS_DATASET (self), NULL);

  if (symbols == NULL)
    {
      all = cc_dataset_list_symbols (self);
      g_ptr_array_add (all, NULL);
      symbols = (const char * const *) all->pdata;
    }

  for (guint i = 0; symbols[i] != NULL; i++)
    {
      CcSeries *series = g_hash_table_lookup (self->series, symbols[i]);
      const char *source;
      gboolean known = FALSE;

      if (series == NULL || cc_series_get_n_points (series) == 0)
        continue;

      if (cc_series_get_origin (series) == CC_ORIGIN_BUNDLED)
        {
          const CcPoint *point = first_observed (series);

          bundled = TRUE;
          if (cc_series_has_provenance (series, CC_PROVENANCE_RECONSTRUCTED,
                                        cc_series_get_first (series)->date,
                                        cc_series_get_last (series)->date))
            reconstructed = TRUE;
          if (point != NULL)
            {
              const char *provider = g_hash_table_lookup (self->observed_providers, symbols[i]);
              char first[11];

              cc_date_format_iso (point->date, first);
              if (observed->len > 0)
                g_string_append (observed, ", ");
              if (provider != NULL)
                /* Translators: part of a chart footer: a symbol, a date and a data provider,
                 * e.g. "^SOX from 2026-09-08 (Yahoo Finance)". */
                g_string_append_printf (observed, _("%1$s from %2$s (%3$s)"), symbols[i], first,
                                        provider);
              else
                /* Translators: part of a chart footer: a symbol and a date. */
                g_string_append_printf (observed, _("%1$s from %2$s"), symbols[i], first);
            }
          continue;
        }

      source = cc_series_get_source (series);
      if (source == NULL || *source == '\0')
        source = _("unknown source");
      for (guint j = 0; j < sources->len && !known; j++)
        known = g_strcmp0 (g_ptr_array_index (sources, j), source) == 0;
      if (!known)
        g_ptr_array_add (sources, g_strdup (source));
    }

  if (bundled)
    {
      char *phrase;

      if (observed->len > 0 && reconstructed)
        /* Translators: a chart footer part; %s lists observed stretches, e.g. "^SOX from
         * 2026-09-08 (Yahoo Finance)". */
        phrase = g_strdup_printf (_("Chip Cycle offline dataset: %s observed, the rest "
                                    "reconstructed from reported figures (not market data)"),
                                  observed->str);
      else if (observed->len > 0)
        /* Translators: a chart footer part; %s lists observed stretches. */
        phrase = g_strdup_printf (_("Chip Cycle offline dataset: %s observed"), observed->str);
      else
        phrase = g_strdup (_("Chip Cycle offline dataset: reconstructed from reported figures "
                             "(not market data)"));
      g_ptr_array_insert (sources, 0, phrase);
    }

  if (sources->len == 0)
    return g_strdup (_("No data"));

  g_ptr_array_add (sources, NULL);
  joined = g_strjoinv ("; ", (char **) sources->pdata);
  /* Translators: a chart footer naming the data sources; %s is the list. */
  return g_strdup_printf (_("Data: %s"), joined);
}

/* ------------------------------------------------------------------------------------------ */
/* The offline dataset's CSV files */

#define SERIES_HEADER "date,symbol,level,close,provenance,flags"
#define MONTHLY_HEADER "month,last_trading_date,close"

G_GNUC_PRINTF (5, 6)
static void
set_line_error (GError     **error,
                const char  *source_name,
                guint        line,
                const char  *field,
                const char  *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    g_set_error (error, CC_DATASET_ERROR, CC_DATASET_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u a line number, %3$s a column name,
                  * %4$s what is wrong. */
                 _("%1$s: line %2$u: field “%3$s”: %4$s"), source_name, line, field, reason);
  else
    g_set_error (error, CC_DATASET_ERROR, CC_DATASET_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u a line number, %3$s what is wrong. */
                 _("%1$s: line %2$u: %3$s"), source_name, line, reason);
}

/* Cuts @line at its commas in place; returns the number of fields (at most @max are stored,
 * but all are counted). */
static guint
split_fields (char  *line,
              char **fields,
              guint  max)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      char *comma = strchr (p, ',');

      if (n < max)
        fields[n] = p;
      n++;
      if (comma == NULL)
        break;
      *comma = '\0';
      p = comma + 1;
    }
  return n;
}

/* The line of the first NUL byte in @data, or 0 when there is none. */
static guint
find_nul_line (const char *data,
               gsize       length)
{
  const char *nul = memchr (data, '\0', length);
  guint line = 1;

  if (nul == NULL)
    return 0;
  for (const char *p = data; p < nul; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* Splits @data (free of NUL bytes) into lines, without their \n or \r\n. */
static char **
split_lines (const char *data,
             gsize       length)
{
  GPtrArray *lines = g_ptr_array_new ();
  gsize start = 0;

  for (gsize i = 0; i <= length; i++)
    {
      if (i == length || data[i] == '\n')
        {
          gsize end = i;

          if (i == length && start == length)
            break;
          if (end > start && data[end - 1] == '\r')
            end--;
          g_ptr_array_add (lines, g_strndup (data + start, end - start));
          start = i + 1;
        }
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

static gboolean
parse_close (const char *text,
             double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v <= 0)
    return FALSE;
  *value = v;
  return TRUE;
}

static char *
describe_bundled_source (CcSeries   *series,
                         const char *provider)
{
  const CcPoint *point = first_observed (series);
  char first[11];

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
cc_dataset_load_series_csv (CcDataset   *self,
                            const char  *data,
                            gssize       length,
                            const char  *source_name,
                            GError     **error)
{
  g_autoptr(GHashTable) parsed = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean have_header = FALSE;
  CcSeries *last_series = NULL;

  g_return_val_if_fail (CC_IS_DATASET (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (source_name == NULL)
    source_name = "offline-series.csv";
  if (length < 0)
    length = strlen (data);

  {
    guint nul_line = find_nul_line (data, length);

    if (nul_line > 0)
      {
        set_line_error (error, source_name, nul_line, NULL, _("unexpected NUL byte"));
        return FALSE;
      }
  }

  parsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  order = g_ptr_array_new ();
  lines = split_lines (data, length);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      guint line_no = i + 1;
      char *fields[6];
      guint n_fields;
      CcSeries *series;
      CcDate date;
      CcLevelKind level;
      CcProvenance provenance;
      CcPointFlags flags = CC_POINT_FLAG_NONE;
      double close;

      if (line[0] == '#' || (line[0] == '\0' && !have_header))
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          set_line_error (error, source_name, line_no, NULL, _("the text is not valid UTF-8"));
          return FALSE;
        }
      if (!have_header)
        {
          if (strcmp (line, SERIES_HEADER) != 0)
            {
              set_line_error (error, source_name, line_no, NULL,
                              _("expected the header “%s”"), SERIES_HEADER);
              return FALSE;
            }
          have_header = TRUE;
          continue;
        }
      if (line[0] == '\0')
        continue;

      n_fields = split_fields (line, fields, G_N_ELEMENTS (fields));
      if (n_fields != 6)
        {
          set_line_error (error, source_name, line_no, NULL,
                          _("expected 6 fields, found %u"), n_fields);
          return FALSE;
        }
      if (!cc_date_parse_iso (fields[0], &date))
        {
          set_line_error (error, source_name, line_no, "date", _("“%s” is not a valid date"),
                          fields[0]);
          return FALSE;
        }
      if (!cc_ticker_is_valid (fields[1]))
        {
          set_line_error (error, source_name, line_no, "symbol", _("“%s” is not a ticker"),
                          fields[1]);
          return FALSE;
        }
      if (strcmp (fields[2], "price") == 0)
        level = CC_LEVEL_PRICE;
      else if (strcmp (fields[2], "index") == 0)
        level = CC_LEVEL_INDEX;
      else
        {
          set_line_error (error, source_name, line_no, "level",
                          _("“%s” is neither price nor index"), fields[2]);
          return FALSE;
        }
      if (!parse_close (fields[3], &close))
        {
          set_line_error (error, source_name, line_no, "close",
                          _("“%s” is not a positive number"), fields[3]);
          return FALSE;
        }
      if (!cc_provenance_from_string (fields[4], &provenance))
        {
          set_line_error (error, source_name, line_no, "provenance",
                          _("“%s” is not one of observed, anchored, reconstructed"), fields[4]);
          return FALSE;
        }
      if (strcmp (fields[5], "unfinished") == 0)
        flags = CC_POINT_FLAG_UNFINISHED;
      else if (fields[5][0] != '\0')
        {
          set_line_error (error, source_name, line_no, "flags", _("unknown flag “%s”"),
                          fields[5]);
          return FALSE;
        }

      /* Rows come grouped by symbol: most rows continue the previous row's series. */
      if (last_series != NULL && strcmp (cc_series_get_symbol (last_series), fields[1]) == 0)
        series = last_series;
      else
        series = g_hash_table_lookup (parsed, fields[1]);
      if (series == NULL)
        {
          series = cc_series_new (fields[1], level);
          g_hash_table_insert (parsed, g_strdup (fields[1]), series);
          g_ptr_array_add (order, series);
        }
      else if (cc_series_get_level_kind (series) != level)
        {
          set_line_error (error, source_name, line_no, "level",
                          _("“%s” differs from the earlier rows of %s"), fields[2], fields[1]);
          return FALSE;
        }
      if (!cc_series_append (series, date, close, provenance, flags))
        {
          set_line_error (error, source_name, line_no, "date",
                          _("%s is not later than the previous row of %s"), fields[0],
                          fields[1]);
          return FALSE;
        }
      last_series = series;
    }

  if (!have_header)
    {
      g_set_error (error, CC_DATASET_ERROR, CC_DATASET_ERROR_INVALID,
                   /* Translators: %1$s is a file name, %2$s the expected first line. */
                   _("%1$s: no header line “%2$s”"), source_name, SERIES_HEADER);
      return FALSE;
    }

  for (guint i = 0; i < order->len; i++)
    {
      CcSeries *series = g_ptr_array_index (order, i);
      CcSymbol *symbol = cc_catalogue_lookup (self->catalogue, cc_series_get_symbol (series));
      g_autofree char *source = describe_bundled_source (series, NULL);

      if (symbol != NULL)
        cc_series_set_name (series, cc_symbol_get_name (symbol));
      if (cc_series_get_level_kind (series) == CC_LEVEL_PRICE &&
          !g_str_has_prefix (cc_series_get_symbol (series), "^"))
        cc_series_set_currency (series, "USD");
      cc_series_set_origin (series, CC_ORIGIN_BUNDLED);
      cc_series_set_source (series, source);
      cc_dataset_set_series (self, series);
    }
  return TRUE;
}

CcSeries *
cc_dataset_parse_monthly_csv (const char  *data,
                              gssize       length,
                              const char  *source_name,
                              GError     **error)
{
  g_autoptr(CcSeries) series = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean have_header = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (source_name == NULL)
    source_name = "sox-monthly.csv";
  if (length < 0)
    length = strlen (data);

  {
    guint nul_line = find_nul_line (data, length);

    if (nul_line > 0)
      {
        set_line_error (error, source_name, nul_line, NULL, _("unexpected NUL byte"));
        return NULL;
      }
  }

  series = cc_series_new (CC_SYMBOL_SOX, CC_LEVEL_PRICE);
  lines = split_lines (data, length);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *fields[3];
      guint n_fields;
      CcDate date, month;
      double close;

      if (line[0] == '#' || line[0] == '\0')
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          set_line_error (error, source_name, i + 1, NULL, _("the text is not valid UTF-8"));
          return NULL;
        }
      if (!have_header)
        {
          if (strcmp (line, MONTHLY_HEADER) != 0)
            {
              set_line_error (error, source_name, i + 1, NULL, _("expected the header “%s”"),
                              MONTHLY_HEADER);
              return NULL;
            }
          have_header = TRUE;
          continue;
        }
      n_fields = split_fields (line, fields, G_N_ELEMENTS (fields));
      if (n_fields != 3)
        {
          set_line_error (error, source_name, i + 1, NULL, _("expected 3 fields, found %u"),
                          n_fields);
          return NULL;
        }
      {
        g_autofree char *first_day = g_strconcat (fields[0], "-01", NULL);

        if (strlen (fields[0]) != 7 || !cc_date_parse_iso (first_day, &month))
          {
            set_line_error (error, source_name, i + 1, "month", _("“%s” is not a month"),
                            fields[0]);
            return NULL;
          }
      }
      if (!cc_date_parse_iso (fields[1], &date) ||
          date < month || date >= cc_date_add_months (month, 1))
        {
          set_line_error (error, source_name, i + 1, "last_trading_date",
                          _("“%s” is not a date in %s"), fields[1], fields[0]);
          return NULL;
        }
      if (!parse_close (fields[2], &close))
        {
          set_line_error (error, source_name, i + 1, "close", _("“%s” is not a positive number"),
                          fields[2]);
          return NULL;
        }
      if (!cc_series_append (series, date, close, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE))
        {
          set_line_error (error, source_name, i + 1, "last_trading_date",
                          _("%s is not later than the previous row"), fields[1]);
          return NULL;
        }
    }

  cc_series_set_name (series, "PHLX Semiconductor Index");
  cc_series_set_origin (series, CC_ORIGIN_BUNDLED);
  cc_series_set_source (series, _("^SOX month-end closes 1994–2025 (stevenmichiels SOX.csv)"));
  return g_steal_pointer (&series);
}

/* ------------------------------------------------------------------------------------------ */
/* Where single points come from */

static char *
point_key (const char *symbol,
           CcDate      date)
{
  char iso[11];

  cc_date_format_iso (date, iso);
  return g_strconcat (symbol, " ", iso, NULL);
}

char *
cc_dataset_describe_point (CcDataset  *self,
                           const char *symbol,
                           CcDate      date)
{
  g_autofree char *key = NULL;
  const char *source;

  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  key = point_key (symbol, date);
  source = g_hash_table_lookup (self->point_sources, key);
  return g_strdup (source);
}

/* Only when @symbol's point at @date still carries @provenance: live data that replaced the
 * bundled series must not inherit the bundled explanations. */
static void
note_point (CcDataset    *self,
            const char   *symbol,
            CcDate        date,
            CcProvenance  provenance,
            const char   *source)
{
  CcSeries *series = g_hash_table_lookup (self->series, symbol);
  g_autofree char *key = NULL;
  int i;

  if (series == NULL || source == NULL)
    return;
  i = cc_series_find (series, date);
  if (i < 0 || cc_series_get_point (series, i)->provenance != provenance)
    return;
  key = point_key (symbol, date);
  if (!g_hash_table_contains (self->point_sources, key))
    g_hash_table_insert (self->point_sources, g_steal_pointer (&key), g_strdup (source));
}

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
      g_set_error (error, CC_DATASET_ERROR, CC_DATASET_ERROR_INVALID,
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
                  g_autofree char *to_note = cc_dataset_describe_point (
                    self, symbol, date_member (anchor, "to"));
                  g_autofree char *both = NULL;

                  if (to_note != NULL && !g_str_equal (to_note, source))
                    both = g_strconcat (source, "; ", to_note, NULL);
                  note_point (self, symbol, date_member (anchor, "from"), CC_PROVENANCE_ANCHORED,
                              both ? both : source);
                }
            }
          else if (pass == 1)
            {
              if (g_str_equal (kind, "return"))
                note_point (self, symbol, date_member (anchor, "to"), CC_PROVENANCE_ANCHORED,
                            source);
            }
          else if (g_str_equal (kind, "close"))
            note_point (self, symbol, date_member (anchor, "date"), CC_PROVENANCE_ANCHORED,
                        source);
          else if (g_str_equal (kind, "max-close") || g_str_equal (kind, "min-close"))
            note_point (self, symbol, date_member (anchor, "place-on"), CC_PROVENANCE_ANCHORED,
                        source);
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
          if (symbol == NULL || (series = g_hash_table_lookup (self->series, symbol)) == NULL)
            continue;
          if (provider != NULL)
            {
              g_autofree char *text = describe_bundled_source (series, provider);

              g_hash_table_replace (self->observed_providers, g_strdup (symbol),
                                    g_strdup (provider));
              cc_series_set_source (series, text);
            }
          points = cc_series_get_points (series, &n_points);
          for (guint p = 0; p < n_points; p++)
            note_point (self, symbol, points[p].date, CC_PROVENANCE_OBSERVED, source);
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
cc_dataset_new_bundled (GError **error)
{
  g_autoptr(CcDataset) self = cc_dataset_new ();
  g_autoptr(GBytes) series_bytes = NULL;
  g_autoptr(GBytes) events_bytes = NULL;
  g_autoptr(GBytes) monthly_bytes = NULL;
  g_autoptr(GBytes) anchors_bytes = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *data;
  gsize length;

  if (!(series_bytes = lookup_resource ("offline-series.csv", error)) ||
      !(events_bytes = lookup_resource ("events.json", error)) ||
      !(monthly_bytes = lookup_resource ("sox-monthly.csv", error)) ||
      !(anchors_bytes = lookup_resource ("anchors.json", error)))
    return NULL;

  data = g_bytes_get_data (series_bytes, &length);
  if (!cc_dataset_load_series_csv (self, data, length, "offline-series.csv", error))
    return NULL;

  if (!load_point_sources (self, anchors_bytes, error))
    return NULL;

  data = g_bytes_get_data (events_bytes, &length);
  events = cc_events_from_json_data (data, length, "events.json", error);
  if (events == NULL)
    return NULL;
  for (guint i = 0; i < events->len; i++)
    add_event_internal (self, g_ptr_array_index (events, i));
  cc_events_sort (self->events);

  data = g_bytes_get_data (monthly_bytes, &length);
  self->sox_monthly = cc_dataset_parse_monthly_csv (data, length, "sox-monthly.csv", error);
  if (self->sox_monthly == NULL)
    return NULL;

  return g_steal_pointer (&self);
}
