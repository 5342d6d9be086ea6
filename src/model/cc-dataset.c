/* cc-dataset.c: the catalogue, one series per symbol, the events and the ^SOX history facts.
 * No file formats: the data layer reads the offline dataset (cc-bundled-dataset.c). */
#define G_LOG_DOMAIN "cc-dataset"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-dataset.h"

/* The event the default view opens on: Meta Compute, in data/dataset/events.json. */
#define DEFAULT_EVENT_ID "2026-07-01-meta-compute"

struct _CcDataset
{
  GObject      parent_instance;

  CcCatalogue *catalogue;
  GHashTable  *series;        /* symbol -> CcSeries */
  GPtrArray   *events;        /* CcEvent, sorted */
  CcSeries    *sox_monthly;
  CcSeries    *sox_history;   /* sox_monthly joined to history_daily, built on demand */
  CcSeries    *history_daily; /* the daily ^SOX series sox_history was built from */
  GHashTable  *point_sources; /* "SYMBOL YYYY-MM-DD" -> where that point's value comes from */
};

G_DEFINE_FINAL_TYPE (CcDataset, cc_dataset, G_TYPE_OBJECT)

enum {
  SERIES_CHANGED,
  EVENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The real ^SOX peak and trough closes (from the stevenmichiels SOX daily file named in
 * data/dataset/README.md; interpolated market-closed rows excluded). Day numbers are filled in
 * on first use. */
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
  g_clear_object (&self->sox_history);
  g_clear_object (&self->history_daily);
  g_clear_pointer (&self->point_sources, g_hash_table_unref);

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

/* ------------------------------------------------------------------------------------------ */
/* The bundled series (read by the data layer, cc-bundled-dataset.c) */

void
cc_dataset_add_bundled_series (CcDataset *self,
                               CcSeries  *series)
{
  CcSymbol *symbol;

  g_return_if_fail (CC_IS_DATASET (self));
  g_return_if_fail (CC_IS_SERIES (series));

  symbol = cc_catalogue_lookup (self->catalogue, cc_series_get_symbol (series));
  if (symbol != NULL)
    cc_series_set_name (series, cc_symbol_get_name (symbol));
  if (cc_series_get_level_kind (series) == CC_LEVEL_PRICE &&
      !g_str_has_prefix (cc_series_get_symbol (series), "^"))
    cc_series_set_currency (series, "USD");
  cc_series_set_origin (series, CC_ORIGIN_BUNDLED);
  cc_dataset_set_series (self, series);
}

void
cc_dataset_set_sox_monthly (CcDataset *self,
                            CcSeries  *series)
{
  g_return_if_fail (CC_IS_DATASET (self));
  g_return_if_fail (series == NULL || CC_IS_SERIES (series));

  g_set_object (&self->sox_monthly, series);
  g_clear_object (&self->sox_history);
  g_clear_object (&self->history_daily);
}

CcSeries *
cc_dataset_get_history (CcDataset  *self,
                        const char *symbol)
{
  CcSeries *daily;
  const CcPoint *points;
  guint n;
  CcDate daily_first;

  g_return_val_if_fail (CC_IS_DATASET (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  daily = g_hash_table_lookup (self->series, symbol);
  if (!g_str_equal (symbol, CC_SYMBOL_SOX) || self->sox_monthly == NULL)
    return daily;
  if (self->sox_history != NULL && self->history_daily == daily)
    return self->sox_history;

  g_clear_object (&self->sox_history);
  g_set_object (&self->history_daily, daily);
  daily_first = daily != NULL && cc_series_get_n_points (daily) > 0
                ? cc_series_get_first (daily)->date : G_MAXINT32;
  if (daily != NULL)
    {
      self->sox_history = cc_series_copy (daily);
      cc_series_clear (self->sox_history);
    }
  else
    {
      self->sox_history = cc_series_copy (self->sox_monthly);
      cc_series_clear (self->sox_history);
    }
  points = cc_series_get_points (self->sox_monthly, &n);
  cc_series_reserve (self->sox_history, n + (daily ? cc_series_get_n_points (daily) : 0));
  for (guint i = 0; i < n && points[i].date < daily_first; i++)
    cc_series_append (self->sox_history, points[i].date, points[i].close,
                      points[i].provenance, points[i].flags | CC_POINT_FLAG_MONTHLY);
  if (daily != NULL)
    {
      points = cc_series_get_points (daily, &n);
      for (guint i = 0; i < n; i++)
        cc_series_append (self->sox_history, points[i].date, points[i].close,
                          points[i].provenance, points[i].flags);
    }
  return self->sox_history;
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
cc_dataset_get_point_source (CcDataset  *self,
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
void
cc_dataset_note_point_source (CcDataset    *self,
                              const char   *symbol,
                              CcDate        date,
                              CcProvenance  provenance,
                              const char   *source)
{
  CcSeries *series;
  g_autofree char *key = NULL;
  int i;

  g_return_if_fail (CC_IS_DATASET (self));
  g_return_if_fail (symbol != NULL);

  series = g_hash_table_lookup (self->series, symbol);
  if (series == NULL || source == NULL)
    return;
  i = cc_series_find (series, date);
  if (i < 0 || cc_series_get_point (series, i)->provenance != provenance)
    return;
  key = point_key (symbol, date);
  if (!g_hash_table_contains (self->point_sources, key))
    g_hash_table_insert (self->point_sources, g_steal_pointer (&key), g_strdup (source));
}
