/* cc-refresher.c: refreshes the window's symbols with progress and cancellation. */
#define G_LOG_DOMAIN "cc-refresher"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-data-error.h"
#include "cc-keys.h"
#include "cc-refresher.h"

struct _CcRefresher
{
  GObject       parent_instance;

  CcFetcher    *fetcher;
  CcCache      *cache;
  CcProviderId  provider;
  gboolean      running;

  CcRefresherKeyLookup  key_lookup;
  CcRefresherKeyFinish  key_finish;
};

G_DEFINE_FINAL_TYPE (CcRefresher, cc_refresher, G_TYPE_OBJECT)

enum {
  PROGRESS,
  SYMBOL_UPDATED,
  SYMBOL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  CcDataset *dataset;
  GStrv      symbols;
  CcDate     from;
  CcDate     to;
  guint      total;
  guint      done;
  guint      n_updated;
  guint      n_failed;
  gboolean   cancelled;
  GError    *first_error;
  GError    *key_error;    /* why the keyring gave no key, if it failed */
} Refresh;

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  g_clear_object (&refresh->dataset);
  g_clear_pointer (&refresh->symbols, g_strfreev);
  g_clear_error (&refresh->first_error);
  g_clear_error (&refresh->key_error);
  g_free (refresh);
}

typedef struct {
  GTask *task;
  char  *symbol;
} Item;

static void
cc_refresher_dispose (GObject *object)
{
  CcRefresher *self = (CcRefresher *) object;

  g_clear_object (&self->fetcher);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (cc_refresher_parent_class)->dispose (object);
}

static void
cc_refresher_class_init (CcRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_refresher_dispose;

  /**
   * CcRefresher::progress:
   * @done: symbols finished (refreshed or failed)
   * @total: symbols in this refresh
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_UINT, G_TYPE_UINT);
  signals[SYMBOL_UPDATED] = g_signal_new ("symbol-updated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SYMBOL_FAILED] = g_signal_new ("symbol-failed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
cc_refresher_init (CcRefresher *self)
{
  self->provider = CC_PROVIDER_YAHOO;
  self->key_lookup = cc_keys_lookup_async;
  self->key_finish = cc_keys_lookup_finish;
}

void
cc_refresher_set_key_source (CcRefresher          *self,
                             CcRefresherKeyLookup  lookup,
                             CcRefresherKeyFinish  finish)
{
  g_return_if_fail (CC_IS_REFRESHER (self));
  g_return_if_fail ((lookup == NULL) == (finish == NULL));
  g_return_if_fail (!self->running);

  self->key_lookup = lookup ? lookup : cc_keys_lookup_async;
  self->key_finish = finish ? finish : cc_keys_lookup_finish;
}

CcRefresher *
cc_refresher_new (CcFetcher *fetcher,
                  CcCache   *cache)
{
  CcRefresher *self;

  g_return_val_if_fail (CC_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (cache == NULL || CC_IS_CACHE (cache), NULL);

  self = g_object_new (CC_TYPE_REFRESHER, NULL);
  self->fetcher = g_object_ref (fetcher);
  self->cache = cache ? g_object_ref (cache) : NULL;
  return self;
}

CcFetcher *
cc_refresher_get_fetcher (CcRefresher *self)
{
  g_return_val_if_fail (CC_IS_REFRESHER (self), NULL);
  return self->fetcher;
}

CcCache *
cc_refresher_get_cache (CcRefresher *self)
{
  g_return_val_if_fail (CC_IS_REFRESHER (self), NULL);
  return self->cache;
}

CcProviderId
cc_refresher_get_provider (CcRefresher *self)
{
  g_return_val_if_fail (CC_IS_REFRESHER (self), CC_PROVIDER_YAHOO);
  return self->provider;
}

void
cc_refresher_set_provider (CcRefresher  *self,
                           CcProviderId  provider)
{
  g_return_if_fail (CC_IS_REFRESHER (self));
  g_return_if_fail (provider < CC_N_PROVIDERS);
  self->provider = provider;
}

gboolean
cc_refresher_is_running (CcRefresher *self)
{
  g_return_val_if_fail (CC_IS_REFRESHER (self), FALSE);
  return self->running;
}

guint
cc_refresher_load_cached (CcRefresher         *self,
                          CcDataset           *dataset,
                          const char * const  *symbols,
                          GPtrArray          **errors)
{
  const CcProvider *provider;
  guint n_loaded = 0;

  g_return_val_if_fail (CC_IS_REFRESHER (self), 0);
  g_return_val_if_fail (CC_IS_DATASET (dataset), 0);

  if (self->cache == NULL || symbols == NULL)
    return 0;

  provider = cc_provider_get (self->provider);
  for (guint i = 0; symbols[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = cc_cache_load (self->cache, provider->key, symbols[i],
                                                  &error);

      if (series != NULL && cc_series_get_n_points (series) > 0)
        {
          cc_dataset_set_series (dataset, series);
          n_loaded++;
        }
      else if (error != NULL && errors != NULL)
        {
          if (*errors == NULL)
            *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          g_ptr_array_add (*errors, g_steal_pointer (&error));
        }
    }
  return n_loaded;
}

static void
item_done (CcRefresher *self,
           GTask       *task)
{
  Refresh *refresh = g_task_get_task_data (task);

  refresh->done++;
  g_signal_emit (self, signals[PROGRESS], 0, refresh->done, refresh->total);
  if (refresh->done < refresh->total)
    return;

  self->running = FALSE;
  if (refresh->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The refresh was cancelled"));
  else if (refresh->n_failed == 0)
    g_task_return_boolean (task, TRUE);
  else if (refresh->n_failed == 1)
    g_task_return_error (task, g_steal_pointer (&refresh->first_error));
  else
    g_task_return_new_error (task, refresh->first_error->domain, refresh->first_error->code,
                             ngettext ("%u of %u symbol could not be refreshed: %s",
                                       "%u of %u symbols could not be refreshed: %s",
                                       refresh->total),
                             refresh->n_failed, refresh->total, refresh->first_error->message);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Item *item = user_data;
  GTask *task = item->task;
  CcRefresher *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(GError) error = NULL;

  series = cc_fetcher_fetch_finish (CC_FETCHER (object), result, &error);
  if (series != NULL && self->cache != NULL)
    {
      g_autoptr(GError) cache_error = NULL;
      const CcProvider *provider = cc_provider_get (self->provider);
      g_autoptr(CcSeries) merged = cc_cache_store (self->cache, provider->key, series,
                                                   &cache_error);

      /* The fetch worked even if the disk is full: show the data, log the cache failure. */
      if (merged != NULL)
        g_set_object (&series, merged);
      else
        g_message ("%s", cache_error->message);
    }

  if (series != NULL)
    {
      cc_dataset_set_series (refresh->dataset, series);
      refresh->n_updated++;
      g_signal_emit (self, signals[SYMBOL_UPDATED], 0, item->symbol);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      refresh->cancelled = TRUE;
    }
  else
    {
      /* "Needs a key" when the keyring failed: say what is wrong with the keyring instead. */
      if (refresh->key_error != NULL &&
          g_error_matches (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY))
        {
          g_clear_error (&error);
          error = g_error_copy (refresh->key_error);
        }
      refresh->n_failed++;
      g_signal_emit (self, signals[SYMBOL_FAILED], 0, item->symbol, error);
      if (refresh->first_error == NULL)
        refresh->first_error = g_steal_pointer (&error);
    }

  item_done (self, task);
  g_object_unref (task);
  g_free (item->symbol);
  g_free (item);
}

static void
start_fetches (GTask *task)
{
  CcRefresher *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);

  for (guint i = 0; refresh->symbols[i]; i++)
    {
      Item *item = g_new0 (Item, 1);

      item->task = g_object_ref (task);
      item->symbol = g_strdup (refresh->symbols[i]);
      cc_fetcher_fetch_async (self->fetcher, self->provider, refresh->symbols[i], refresh->from,
                              refresh->to, g_task_get_cancellable (task), fetch_cb, item);
    }
  g_object_unref (task);
}

static void
key_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  CcRefresher *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *key = self->key_finish (result, &error);

  /* No key is not fatal here: each fetch then says that a key is needed, or, when the keyring
   * itself failed (missing, locked), why it could not give one. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("No API key from the keyring: %s", error->message);
      refresh->key_error = g_steal_pointer (&error);
    }
  if (key != NULL)
    cc_fetcher_set_api_key (self->fetcher, self->provider, key);
  cc_keys_free (key);
  start_fetches (task);
}

void
cc_refresher_refresh_async (CcRefresher         *self,
                            CcDataset           *dataset,
                            const char * const  *symbols,
                            CcDate               from,
                            CcDate               to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Refresh *refresh;

  g_return_if_fail (CC_IS_REFRESHER (self));
  g_return_if_fail (CC_IS_DATASET (dataset));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_refresher_refresh_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A refresh is already running"));
      return;
    }

  refresh = g_new0 (Refresh, 1);
  refresh->dataset = g_object_ref (dataset);
  refresh->total = symbols ? g_strv_length ((char **) symbols) : 0;
  g_task_set_task_data (task, refresh, refresh_free);

  if (refresh->total == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  refresh->symbols = g_strdupv ((char **) symbols);
  refresh->from = from;
  refresh->to = to;
  self->running = TRUE;
  g_signal_emit (self, signals[PROGRESS], 0, 0u, refresh->total);

  /* A keyed provider without a key yet: take the one the user stored in the keyring. */
  if (cc_provider_get (self->provider)->needs_api_key &&
      !cc_fetcher_has_api_key (self->fetcher, self->provider))
    {
      self->key_lookup (self->provider, cancellable, key_lookup_cb, g_steal_pointer (&task));
      return;
    }
  start_fetches (g_steal_pointer (&task));
}

gboolean
cc_refresher_refresh_finish (CcRefresher   *self,
                             GAsyncResult  *result,
                             guint         *n_updated,
                             GError       **error)
{
  Refresh *refresh;

  g_return_val_if_fail (CC_IS_REFRESHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  refresh = g_task_get_task_data (G_TASK (result));
  if (n_updated != NULL)
    *n_updated = refresh ? refresh->n_updated : 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}
