/* cc-edgar-store.c: each company's SEC filings for the chart, fetched off the main thread
 * with CcEdgarClient (rate limit, identity and disk cache live there) and kept in memory per
 * symbol as CcChartFiling records, so the chart never sees HTTP. */
#define G_LOG_DOMAIN "cc-edgar-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-chart.h"
#include "cc-data-error.h"
#include "cc-edgar-client.h"
#include "cc-edgar-store.h"

typedef struct {
  GPtrArray *filings;   /* CcChartFiling */
  CcDate     from;
} Entry;

struct _CcEdgarStore
{
  GObject     parent_instance;

  GSettings  *settings;
  char       *cache_dir;
  GHashTable *entries;   /* symbol -> Entry */
};

G_DEFINE_FINAL_TYPE (CcEdgarStore, cc_edgar_store, G_TYPE_OBJECT)

typedef struct {
  GStrv          symbols;
  CcDate         from;
  CcEdgarClient *client;    /* made on the main thread, used by the worker only */
  gboolean       refresh;
  GHashTable    *results;   /* symbol -> GPtrArray of CcChartFiling */
} Job;

static void
entry_free (gpointer p)
{
  Entry *entry = p;

  g_ptr_array_unref (entry->filings);
  g_free (entry);
}

static void
job_free (gpointer p)
{
  Job *job = p;

  g_strfreev (job->symbols);
  g_clear_object (&job->client);
  g_hash_table_unref (job->results);
  g_free (job);
}

gboolean
cc_edgar_store_can_fetch (const char *symbol)
{
  if (symbol == NULL || *symbol == '\0')
    return FALSE;
  for (const char *p = symbol; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  /* Listings abroad are numbered ("000660"); US tickers are letters. */
  return g_ascii_isalpha (symbol[0]);
}

static GPtrArray *
chart_filings (CcEdgarClient      *client,
               const char         *symbol,
               CcEdgarSubmissions *submissions)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_chart_filing_free);
  /* When the SEC sent what this answer rests on, cached or not: the age the key shows. */
  gint64 fetched_at = cc_edgar_client_get_fetched_at (client);

  for (guint i = 0; i < submissions->filings->len; i++)
    {
      CcEdgarFiling *f = g_ptr_array_index (submissions->filings, i);
      g_autofree char *items = NULL;
      g_autofree char *url = NULL;
      CcFilingKind kind;

      if (f->event_day == CC_DATE_INVALID ||
          !cc_filing_kind_classify (f->form, (const char * const *) f->items, &kind))
        continue;
      items = g_strjoinv (", ", f->items);
      url = submissions->cik != 0 ? cc_edgar_client_filing_url (client, submissions->cik, f)
                                  : NULL;
      CcChartFiling *record = cc_chart_filing_new (symbol, f->event_day, kind, f->form, items,
                                                   f->accepted_at, url);

      record->fetched_at = fetched_at > 0 ? fetched_at : G_MININT64;
      g_ptr_array_add (out, record);
    }
  return out;
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  CcEdgarClient *client = job->client;
  g_autoptr(GError) first_error = NULL;
  g_autofree char *failed = NULL;
  CcEdgarQuery query = { job->from, CC_DATE_INVALID, NULL, NULL };

  for (guint i = 0; job->symbols[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcEdgarSubmissions) submissions = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      submissions = cc_edgar_client_get_filings (client, job->symbols[i], &query, cancellable,
                                                 &error);
      if (submissions != NULL)
        g_hash_table_insert (job->results, g_strdup (job->symbols[i]),
                             chart_filings (client, job->symbols[i], submissions));
      else if (g_error_matches (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL))
        /* Not an SEC filer (a foreign company): nothing to mark, and nothing to ask again. */
        g_hash_table_insert (job->results, g_strdup (job->symbols[i]),
                             g_ptr_array_new_with_free_func ((GDestroyNotify) cc_chart_filing_free));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else if (first_error == NULL)
        first_error = g_steal_pointer (&error);
    }
  if (first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static char *
dup_setting (GSettings  *settings,
             const char *key)
{
  char *value = g_settings_get_string (settings, key);

  g_strstrip (value);
  return value;
}

CcEdgarClient *
cc_edgar_store_new_client (GSettings  *settings,
                           const char *cache_dir)
{
  CcEdgarClient *client = cc_edgar_client_new (cache_dir);
  g_autofree char *contact = dup_setting (settings, "edgar-contact");
  g_autofree char *data_url = dup_setting (settings, "edgar-data-url");
  g_autofree char *www_url = dup_setting (settings, "edgar-www-url");

  cc_edgar_client_set_contact (client, contact);
  cc_edgar_client_set_base_urls (client, data_url, www_url);
  return client;
}

gboolean
cc_edgar_store_has_contact (CcEdgarStore *self)
{
  g_autofree char *contact = NULL;

  g_return_val_if_fail (CC_IS_EDGAR_STORE (self), FALSE);

  contact = dup_setting (self->settings, "edgar-contact");
  return cc_edgar_contact_is_valid (contact);
}

GPtrArray *
cc_edgar_store_get_filings (CcEdgarStore *self,
                              const char     *symbol,
                              CcDate          from)
{
  Entry *entry;

  g_return_val_if_fail (CC_IS_EDGAR_STORE (self), NULL);

  entry = g_hash_table_lookup (self->entries, symbol);
  if (entry == NULL)
    return NULL;
  if (entry->from != CC_DATE_INVALID && (from == CC_DATE_INVALID || from < entry->from))
    return NULL;
  return entry->filings;
}

static void
start_fetch (CcEdgarStore        *self,
             const char * const  *symbols,
             CcDate               from,
             gboolean             refresh,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) wanted = g_strv_builder_new ();
  Job *job;

  g_return_if_fail (CC_IS_EDGAR_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_edgar_store_fetch_async);
  job = g_new0 (Job, 1);
  job->client = cc_edgar_store_new_client (self->settings, self->cache_dir);
  job->from = from;
  job->refresh = refresh;
  /* A refresh asks again for each list of filings, with its validators (a 304 when nothing
   * was filed); headers, the ticker list and older pages keep their cached ages. */
  if (refresh)
    cc_edgar_client_set_filings_max_age (job->client, 0);
  job->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; symbols != NULL && symbols[i] != NULL; i++)
    if (cc_edgar_store_can_fetch (symbols[i]) &&
        (refresh || cc_edgar_store_get_filings (self, symbols[i], from) == NULL))
      g_strv_builder_add (wanted, symbols[i]);
  job->symbols = g_strv_builder_end (wanted);
  g_task_set_task_data (task, job, job_free);

  /* The SEC asks for an identity; without one, no request at all. */
  if (!cc_edgar_store_has_contact (self))
    {
      g_task_return_new_error (task, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT,
                               _("SEC EDGAR needs a contact address before Chip Cycle may ask "
                                 "it for filings: set one in the main menu, under SEC EDGAR "
                                 "Contact."));
      return;
    }
  if (job->symbols[0] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_run_in_thread (task, fetch_thread);
}

void
cc_edgar_store_fetch_async (CcEdgarStore        *self,
                            const char * const  *symbols,
                            CcDate               from,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  start_fetch (self, symbols, from, FALSE, cancellable, callback, user_data);
}

void
cc_edgar_store_refresh_async (CcEdgarStore        *self,
                              const char * const  *symbols,
                              CcDate               from,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  start_fetch (self, symbols, from, TRUE, cancellable, callback, user_data);
}

GStrv
cc_edgar_store_fetch_finish (CcEdgarStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GStrvBuilder) fetched = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == cc_edgar_store_fetch_async, NULL);

  /* What arrived is kept, even when another symbol failed. */
  g_hash_table_iter_init (&iter, job->results);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->filings = g_ptr_array_ref (value);
      entry->from = job->from;
      g_hash_table_replace (self->entries, g_strdup (key), entry);
      g_strv_builder_add (fetched, key);
    }
  ok = g_task_propagate_boolean (task, error);
  return ok ? g_strv_builder_end (fetched) : NULL;
}

void
cc_edgar_store_reset (CcEdgarStore *self)
{
  g_return_if_fail (CC_IS_EDGAR_STORE (self));

  g_hash_table_remove_all (self->entries);
}

static void
cc_edgar_store_finalize (GObject *object)
{
  CcEdgarStore *self = CC_EDGAR_STORE (object);

  g_clear_object (&self->settings);
  g_free (self->cache_dir);
  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (cc_edgar_store_parent_class)->finalize (object);
}

static void
cc_edgar_store_class_init (CcEdgarStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_edgar_store_finalize;
}

static void
cc_edgar_store_init (CcEdgarStore *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

CcEdgarStore *
cc_edgar_store_new (GSettings  *settings,
                      const char *cache_dir)
{
  CcEdgarStore *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CC_TYPE_EDGAR_STORE, NULL);
  self->settings = g_object_ref (settings);
  self->cache_dir = g_strdup (cache_dir);
  return self;
}
