/* cc-portfolio-store.c: the application's portfolios (see cc-portfolio-store.h). */
#define G_LOG_DOMAIN "cc-portfolio-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-portfolio-file.h"
#include "cc-portfolio-store.h"

struct _CcPortfolioStore
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *portfolios;     /* CcPortfolio */
  char      *problem;
  gboolean   saving;         /* a save is running: the next one waits for it */
  gboolean   save_again;     /* a change came while it ran: save once more after it */
};

G_DEFINE_FINAL_TYPE (CcPortfolioStore, cc_portfolio_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* path -> CcPortfolioStore, not owned: a store leaves when its last user drops it. */
static GHashTable *open_stores;

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GPtrArray *copies = data;
  CcPortfolioStore *self = source;
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  GError *error = NULL;

  if (parent != NULL)
    g_file_make_directory_with_parents (parent, NULL, NULL);
  if (cc_portfolios_save_file (copies, file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void save (CcPortfolioStore *self);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CcPortfolioStore *self = CC_PORTFOLIO_STORE (source);
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Your portfolios could not be saved: %s"),
                                               error->message);

      g_signal_emit (self, signals[SAVE_FAILED], 0, text);
    }
  if (self->save_again)
    {
      self->save_again = FALSE;
      save (self);
    }
  if (app != NULL)
    g_application_release (app);
}

/* One save at a time, so an older list can never land after a newer one; and none is
 * cancelled: a change made just before the last window closes is still written (the task
 * keeps the store, the hold keeps the application). */
static void
save (CcPortfolioStore *self)
{
  g_autoptr(GTask) task = NULL;
  GApplication *app = g_application_get_default ();
  GPtrArray *copies;

  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }
  self->saving = TRUE;
  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->portfolios->len; i++)
    g_ptr_array_add (copies, cc_portfolio_copy (g_ptr_array_index (self->portfolios, i)));
  if (app != NULL)
    g_application_hold (app);
  task = g_task_new (self, NULL, save_done_cb, app ? g_object_ref (app) : NULL);
  g_task_set_source_tag (task, save);
  g_task_set_task_data (task, copies, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, save_thread);
}

void
cc_portfolio_store_changed (CcPortfolioStore *self)
{
  g_return_if_fail (CC_IS_PORTFOLIO_STORE (self));

  save (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GPtrArray *
cc_portfolio_store_get_list (CcPortfolioStore *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_STORE (self), NULL);
  return self->portfolios;
}

const char *
cc_portfolio_store_get_problem (CcPortfolioStore *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_STORE (self), NULL);
  return self->problem;
}

static void
cc_portfolio_store_finalize (GObject *object)
{
  CcPortfolioStore *self = CC_PORTFOLIO_STORE (object);

  if (open_stores != NULL && g_hash_table_lookup (open_stores, self->path) == self)
    g_hash_table_remove (open_stores, self->path);
  g_free (self->path);
  g_ptr_array_unref (self->portfolios);
  g_free (self->problem);
  G_OBJECT_CLASS (cc_portfolio_store_parent_class)->finalize (object);
}

static void
cc_portfolio_store_class_init (CcPortfolioStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cc_portfolio_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);
}

static void
cc_portfolio_store_init (CcPortfolioStore *self)
{
}

CcPortfolioStore *
cc_portfolio_store_get (const char *path)
{
  g_autofree char *own_path = path ? g_strdup (path) : cc_portfolios_get_user_path ();
  g_autoptr(GFile) file = NULL;
  CcPortfolioStore *self;

  if (open_stores == NULL)
    open_stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self = g_hash_table_lookup (open_stores, own_path);
  if (self != NULL)
    return g_object_ref (self);

  self = g_object_new (CC_TYPE_PORTFOLIO_STORE, NULL);
  self->path = g_steal_pointer (&own_path);
  /* A few hundred bytes the user wrote; the window reads its other small files alike. */
  file = g_file_new_for_path (self->path);
  self->portfolios = cc_portfolios_load_user (file, &self->problem);
  g_hash_table_insert (open_stores, g_strdup (self->path), self);
  return self;
}
