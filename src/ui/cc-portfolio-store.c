/* cc-portfolio-store.c: the application's portfolios (see cc-portfolio-store.h). */
#define G_LOG_DOMAIN "cc-portfolio-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cc-events-file.h"
#include "cc-portfolio-file.h"
#include "cc-portfolio-store-private.h"
#include "cc-portfolio-store.h"
#include "cc-save-stream.h"

struct _CcPortfolioStore
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *portfolios;     /* CcPortfolio */
  char      *problem;
  /* The file as this store last read or wrote it: its stamp (see file_stamp(), NULL when there
   * was no file) and its portfolios, what another process's changes are told apart from ours
   * by. */
  char      *stamp;
  GPtrArray *base;           /* CcPortfolio */
  gboolean   saving;         /* a save or check is running: the next one waits for it */
  gboolean   save_again;     /* a change came while it ran: save once more after it */
  gboolean   check_again;    /* the file changed while it ran: look at it after it */
  GFileMonitor *monitor;     /* the file, for another process's saves */
  /* Called from the save thread at each CcPortfolioStoreHookPoint (tests only). */
  CcPortfolioStoreHook hook;
  gpointer             hook_data;
};

G_DEFINE_FINAL_TYPE (CcPortfolioStore, cc_portfolio_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  SAVE_FAILED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* path -> CcPortfolioStore, not owned: a store leaves when its last user drops it. */
static GHashTable *open_stores;

/* What identifies one version of the file: its etag (the modification time to the
 * microsecond), inode and size. A save by anyone renames a new file into place, so even a
 * rewrite within the same microsecond changes the inode. */
#define STAMP_ATTRIBUTES \
  G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_UNIX_INODE "," G_FILE_ATTRIBUTE_STANDARD_SIZE

static char *
info_stamp (GFileInfo *info)
{
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%" G_GOFFSET_FORMAT,
                          g_file_info_get_etag (info) ? g_file_info_get_etag (info) : "",
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_size (info));
}

/* The stamp of the file at @file's path now; NULL when there is no file. */
static char *
file_stamp (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, STAMP_ATTRIBUTES,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? info_stamp (info) : NULL;
}

/* Reads @file with the stamp of the very version read (taken from the open file, not the
 * path): a save landing between the read and a second look at the path would otherwise pair
 * its stamp with the older portfolios, and the next save here would overwrite it unmerged. */
static gboolean
load_with_stamp (GFile   *file,
                 char   **contents,
                 gsize   *length,
                 char   **stamp,
                 GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  guint8 buffer[8192];
  gssize got;

  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, STAMP_ATTRIBUTES, NULL, error);
  if (info == NULL)
    return FALSE;
  bytes = g_byte_array_new ();
  while ((got = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL,
                                     error)) > 0)
    g_byte_array_append (bytes, buffer, (guint) got);
  if (got < 0)
    return FALSE;
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  *stamp = info_stamp (info);
  return TRUE;
}

static GPtrArray *
copy_list (GPtrArray *portfolios)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < portfolios->len; i++)
    g_ptr_array_add (copies, cc_portfolio_copy (g_ptr_array_index (portfolios, i)));
  return copies;
}

typedef struct {
  gboolean   check_only;     /* only read what another process saved, if it did */
  gboolean   wrote;          /* out: the list was written */
  GPtrArray *copies;         /* the list to write */
  char      *stamp;          /* the version of the file it was made from */
  /* Out: the new version, and when the file had changed, what it held (nothing was written) */
  char      *new_stamp;
  GPtrArray *theirs;
  char      *problem;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_ptr_array_unref (data->copies);
  g_free (data->stamp);
  g_free (data->new_stamp);
  g_clear_pointer (&data->theirs, g_ptr_array_unref);
  g_free (data->problem);
  g_free (data);
}

static void
call_hook (CcPortfolioStore          *self,
           CcPortfolioStoreHookPoint  point)
{
  if (self->hook != NULL)
    self->hook (self, point, self->hook_data);
}

/* The file changed since @data->stamp: reads it into @data->theirs (and its stamp into
 * @data->new_stamp) for the store to merge. FALSE with @error when it cannot be read; TRUE with
 * nothing read when there is nothing to merge: the file is gone, or it is unreadable and then
 * (with @set_aside) moved aside, which @data->problem says, so the list can be written as it
 * is. Without @set_aside an unreadable file is left where it is. */
static gboolean
read_theirs (CcPortfolioStore  *self,
             GFile             *file,
             SaveData          *data,
             gboolean           set_aside,
             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) aside = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *aside_name = NULL;
  g_autofree char *stamp = NULL;
  gsize length;

  if (!load_with_stamp (file, &contents, &length, &stamp, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  call_hook (self, CC_PORTFOLIO_STORE_HOOK_READ);
  data->theirs = cc_portfolios_from_json_data (contents, (gssize) length, "portfolios.json",
                                               &local_error);
  if (data->theirs != NULL)
    {
      g_free (data->new_stamp);
      data->new_stamp = g_steal_pointer (&stamp);
      return TRUE;
    }
  if (!set_aside)
    return TRUE;
  /* Set aside, never overwritten; and not merged, for it holds nothing to merge. */
  aside = cc_events_keep_aside (file, error);
  if (aside == NULL)
    return FALSE;
  aside_name = g_file_get_basename (aside);
  /* TRANSLATORS: what is wrong with the file, then the name of the copy it was moved to */
  data->problem = g_strdup_printf (_("Your portfolios file was changed elsewhere and cannot be "
                                     "read (%s). It was kept as %s, and the portfolios shown "
                                     "here were saved in its place."),
                                   local_error->message, aside_name);
  return TRUE;
}

/* Takes the lock that makes a save's look at the file and its rename one step for every Chip
 * Cycle: an exclusive flock() on "portfolios.json.lock" beside the file (the folder is made
 * if missing). flock() locks belong to the open file, so two stores in one process exclude
 * each other as two processes do; and the lock file sits in the data folder, which the Flatpak
 * sandbox shares with every instance of the app. The file is never removed: a save that
 * removed it could leave the next two locking different files. Returns the descriptor to pass
 * to unlock(), or -1 when there is no lock to take (a file system without locks, a folder that
 * cannot be written): the save then goes on as before there were locks, which can lose a save
 * landing at the same moment but never blocks the user. */
static int
lock (CcPortfolioStore *self,
      GFile            *file)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  int saved_errno;
  int fd;
  int rc;

  if (parent != NULL)
    g_file_make_directory_with_parents (parent, NULL, NULL);
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_debug ("Saving %s unlocked: cannot open %s: %s", self->path, lock_path,
               g_strerror (saved_errno));
      return -1;
    }
  rc = flock (fd, LOCK_EX | LOCK_NB);
  if (rc != 0 && errno == EWOULDBLOCK)
    {
      /* Another save holds it for the few milliseconds of a write: wait, in this thread. */
      call_hook (self, CC_PORTFOLIO_STORE_HOOK_LOCK_BUSY);
      do
        rc = flock (fd, LOCK_EX);
      while (rc != 0 && errno == EINTR);
    }
  if (rc == 0)
    return fd;
  saved_errno = errno;
  g_debug ("Saving %s unlocked: cannot lock %s: %s", self->path, lock_path,
           g_strerror (saved_errno));
  close (fd);
  return -1;
}

static void
unlock (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* The file's stamp is compared with @data->stamp, and the list written only when they match:
 * run with the lock held, so no other Chip Cycle's save lands between the two. */
static gboolean
check_and_write (CcPortfolioStore  *self,
                 GFile             *file,
                 SaveData          *data,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autofree char *stamp = file_stamp (file);
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *written_stamp = NULL;
  gsize length;
  gsize written_length;

  /* Another process (a second Chip Cycle) saved since this store last read or wrote the file:
   * writing now would drop its changes. Read them instead; the store merges and saves again. */
  if (g_strcmp0 (stamp, data->stamp) != 0)
    {
      if (!read_theirs (self, file, data, TRUE, error))
        return FALSE;
      if (data->theirs != NULL)
        return TRUE;
    }
  else if (data->check_only)
    return TRUE;
  /* A file removed elsewhere is written again at the next change, not on a mere look. */
  if (data->check_only && data->problem == NULL)
    return TRUE;
  call_hook (self, CC_PORTFOLIO_STORE_HOOK_CHECKED);
  text = cc_portfolios_to_json_data (data->copies, &length);
  if (!cc_save_contents (file, text, length, CC_SAVE_MODE_DEFAULT, cancellable, error))
    return FALSE;
  data->wrote = TRUE;
  call_hook (self, CC_PORTFOLIO_STORE_HOOK_WRITTEN);
  /* The stamp of what was written, read back: a writer that takes no lock (a hand edit, an
   * older Chip Cycle) may have renamed its version in since, and taking that one's stamp would
   * let the next save overwrite it unmerged. Then the stamp is one no file has, so the next
   * look merges whatever is there. */
  if (load_with_stamp (file, &written, &written_length, &written_stamp, NULL)
      && written_length == length && memcmp (written, text, length) == 0)
    data->new_stamp = g_steal_pointer (&written_stamp);
  else
    data->new_stamp = g_strdup ("");
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  CcPortfolioStore *self = source;
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  GError *error = NULL;
  gboolean ok;
  int fd;

  /* A look after another process's save only reads, and needs no lock: unless the file is
   * unreadable, when it is set aside and the list written, which is done locked below. */
  if (data->check_only)
    {
      g_autofree char *stamp = file_stamp (file);

      if (g_strcmp0 (stamp, data->stamp) == 0)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (!read_theirs (self, file, data, FALSE, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (data->theirs != NULL || !g_file_query_exists (file, NULL))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  fd = lock (self, file);
  ok = check_and_write (self, file, data, cancellable, &error);
  unlock (fd);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static CcPortfolio *
find_named (GPtrArray  *portfolios,
            const char *name)
{
  for (guint i = 0; i < portfolios->len; i++)
    if (g_str_equal (cc_portfolio_get_name (g_ptr_array_index (portfolios, i)), name))
      return g_ptr_array_index (portfolios, i);
  return NULL;
}

/* Makes @portfolio hold what @other holds, keeping the object a page may have selected. */
static void
assign (CcPortfolio *portfolio,
        CcPortfolio *other)
{
  while (cc_portfolio_get_n_holdings (portfolio) > 0)
    cc_portfolio_remove_holding (portfolio, cc_portfolio_get_holding (portfolio, 0)->ticker);
  cc_portfolio_set_kind (portfolio, cc_portfolio_get_kind (other));
  for (guint h = 0; h < cc_portfolio_get_n_holdings (other); h++)
    cc_portfolio_set_holding (portfolio, cc_portfolio_get_holding (other, h));
}

/* A name for the other process's version of @name that no portfolio has. */
static char *
other_copy_name (GPtrArray  *portfolios,
                 const char *name)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = n == 1
        /* TRANSLATORS: the name given to the version of portfolio %s that another Chip Cycle
         * saved, when this one changed it too */
        ? g_strdup_printf (_("%s (saved elsewhere)"), name)
        /* TRANSLATORS: the same, when that name is taken: a portfolio name, then a number */
        : g_strdup_printf (_("%s (saved elsewhere %u)"), name, n);

      if (find_named (portfolios, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}

static gboolean
lists_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!cc_portfolio_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Brings into the list what another process saved (@theirs) since @self->base, by portfolio
 * name: their new portfolios are added, their edits and removals of ones this process left
 * alone are taken, and where both changed one, ours stays and theirs is added beside it under
 * another name. Nothing either side wrote is lost without a word: returns the sentence saying
 * what came in (translated), or NULL when nothing did. */
static char *
merge (CcPortfolioStore *self,
       GPtrArray        *theirs)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) kept = g_string_new (NULL);
  GPtrArray *mine = self->portfolios;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

#define NAME_TO(list, text) G_STMT_START { \
    if ((list)->len > 0) g_string_append (list, ", "); \
    g_string_append_printf (list, "“%s”", text); \
  } G_STMT_END

  for (guint i = mine->len; i-- > 0;)
    {
      CcPortfolio *p = g_ptr_array_index (mine, i);
      const char *name = cc_portfolio_get_name (p);
      CcPortfolio *t = find_named (theirs, name);
      CcPortfolio *b = find_named (self->base, name);

      if (t == NULL)
        {
          /* Removed there, unchanged here: removed. Changed here: kept. */
          if (b != NULL && cc_portfolio_equal (p, b))
            {
              NAME_TO (names, name);
              g_ptr_array_remove_index (mine, i);
            }
        }
      else if (cc_portfolio_equal (p, t))
        ;
      else if (b != NULL && cc_portfolio_equal (p, b))
        {
          NAME_TO (names, name);
          assign (p, t);
        }
      else if (b == NULL || !cc_portfolio_equal (t, b))
        {
          /* Both changed it (or both made one of that name): keep both. */
          g_autofree char *other = other_copy_name (mine, name);
          CcPortfolio *copy = cc_portfolio_copy (t);

          cc_portfolio_set_name (copy, other);
          NAME_TO (kept, other);
          g_ptr_array_add (added, copy);
        }
    }
  for (guint i = 0; i < theirs->len; i++)
    {
      CcPortfolio *t = g_ptr_array_index (theirs, i);
      const char *name = cc_portfolio_get_name (t);
      CcPortfolio *b = find_named (self->base, name);

      /* Made there, or changed there after this process removed it. */
      if (find_named (mine, name) == NULL && (b == NULL || !cc_portfolio_equal (t, b)))
        {
          NAME_TO (names, name);
          g_ptr_array_add (mine, cc_portfolio_copy (t));
        }
    }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (mine, g_object_ref (g_ptr_array_index (added, i)));
#undef NAME_TO

  if (names->len == 0 && kept->len == 0)
    return NULL;
  if (kept->len == 0)
    /* TRANSLATORS: %s lists portfolio names in quotes */
    return g_strdup_printf (_("Another Chip Cycle saved your portfolios meanwhile; its changes "
                              "to %s are merged in."), names->str);
  if (names->len == 0)
    /* TRANSLATORS: %s lists portfolio names in quotes */
    return g_strdup_printf (_("Another Chip Cycle changed portfolios you changed too; its "
                              "versions are kept as %s."), kept->str);
  /* TRANSLATORS: both %s list portfolio names in quotes */
  return g_strdup_printf (_("Another Chip Cycle saved your portfolios meanwhile; its changes "
                            "to %s are merged in, and its versions of portfolios you changed "
                            "too are kept as %s."), names->str, kept->str);
}

static void run (CcPortfolioStore *self,
                 gboolean          check_only);

static void
save (CcPortfolioStore *self)
{
  run (self, FALSE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CcPortfolioStore *self = CC_PORTFOLIO_STORE (source);
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;
  SaveData *data = g_task_get_task_data (G_TASK (result));

  self->saving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Your portfolios could not be saved: %s"),
                                               error->message);

      g_signal_emit (self, signals[SAVE_FAILED], 0, text);
    }
  else if (data->theirs != NULL)
    {
      g_autofree char *notice = merge (self, data->theirs);

      g_clear_pointer (&self->base, g_ptr_array_unref);
      self->base = g_steal_pointer (&data->theirs);
      g_free (self->stamp);
      self->stamp = g_steal_pointer (&data->new_stamp);
      /* Written against the version just read, so the other process's changes stay; not at
       * all when the merged list is what the file holds. */
      if (!lists_equal (self->portfolios, self->base))
        self->save_again = TRUE;
      if (notice != NULL)
        {
          g_signal_emit (self, signals[CHANGED], 0);
          g_signal_emit (self, signals[NOTICE], 0, notice);
        }
    }
  else if (data->wrote)
    {
      g_clear_pointer (&self->base, g_ptr_array_unref);
      self->base = g_steal_pointer (&data->copies);
      data->copies = g_ptr_array_new ();
      g_free (self->stamp);
      self->stamp = g_steal_pointer (&data->new_stamp);
      if (data->problem != NULL)
        g_signal_emit (self, signals[NOTICE], 0, data->problem);
    }
  if (self->save_again)
    {
      self->save_again = FALSE;
      self->check_again = FALSE;
      save (self);
    }
  else if (self->check_again)
    {
      self->check_again = FALSE;
      run (self, TRUE);
    }
  if (app != NULL)
    g_application_release (app);
}

/* One save at a time, so an older list can never land after a newer one; and none is
 * cancelled: a change made just before the last window closes is still written (the task
 * keeps the store, the hold keeps the application). */
static void
run (CcPortfolioStore *self,
     gboolean          check_only)
{
  g_autoptr(GTask) task = NULL;
  GApplication *app = g_application_get_default ();
  SaveData *data;

  if (self->saving)
    {
      if (check_only)
        self->check_again = TRUE;
      else
        self->save_again = TRUE;
      return;
    }
  self->saving = TRUE;
  data = g_new0 (SaveData, 1);
  data->check_only = check_only;
  data->copies = copy_list (self->portfolios);
  data->stamp = g_strdup (self->stamp);
  if (app != NULL)
    g_application_hold (app);
  task = g_task_new (self, NULL, save_done_cb, app ? g_object_ref (app) : NULL);
  g_task_set_source_tag (task, run);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
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

/* Another process saved (or removed) the file: take its changes in now, not at the next save,
 * so that this process shows them. Our own saves come here too and find nothing new. */
static void
file_changed_cb (CcPortfolioStore  *self,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      run (self, TRUE);
      break;
    default:
      break;
    }
}

static void
cc_portfolio_store_dispose (GObject *object)
{
  CcPortfolioStore *self = CC_PORTFOLIO_STORE (object);

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }
  G_OBJECT_CLASS (cc_portfolio_store_parent_class)->dispose (object);
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
  g_free (self->stamp);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  G_OBJECT_CLASS (cc_portfolio_store_parent_class)->finalize (object);
}

static void
cc_portfolio_store_class_init (CcPortfolioStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_portfolio_store_dispose;
  object_class->finalize = cc_portfolio_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cc_portfolio_store_init (CcPortfolioStore *self)
{
}

static CcPortfolioStore *
store_new (char *path)
{
  CcPortfolioStore *self = g_object_new (CC_TYPE_PORTFOLIO_STORE, NULL);
  g_autoptr(GFile) file = NULL;

  self->path = path;
  /* A few hundred bytes the user wrote; the window reads its other small files alike. */
  file = g_file_new_for_path (self->path);
  /* The stamp first: a save landing during the read then only makes the next save merge a
   * version it already holds, where the other order could overwrite that save unmerged. */
  self->stamp = file_stamp (file);
  self->portfolios = cc_portfolios_load_user (file, &self->problem);
  self->base = copy_list (self->portfolios);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (file_changed_cb), self);
  return self;
}

CcPortfolioStore *
cc_portfolio_store_get (const char *path)
{
  g_autofree char *own_path = path ? g_strdup (path) : cc_portfolios_get_user_path ();
  CcPortfolioStore *self;

  if (open_stores == NULL)
    open_stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self = g_hash_table_lookup (open_stores, own_path);
  if (self != NULL)
    return g_object_ref (self);

  self = store_new (g_steal_pointer (&own_path));
  g_hash_table_insert (open_stores, g_strdup (self->path), self);
  return self;
}

CcPortfolioStore *
_cc_portfolio_store_new_unshared (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return store_new (g_strdup (path));
}

void
_cc_portfolio_store_wait (CcPortfolioStore *self)
{
  g_return_if_fail (CC_IS_PORTFOLIO_STORE (self));

  while (self->saving || self->save_again || self->check_again)
    g_main_context_iteration (NULL, TRUE);
}

void
_cc_portfolio_store_set_test_hook (CcPortfolioStore     *self,
                                   CcPortfolioStoreHook  hook,
                                   gpointer              user_data)
{
  g_return_if_fail (CC_IS_PORTFOLIO_STORE (self));
  g_return_if_fail (!self->saving);

  self->hook = hook;
  self->hook_data = user_data;
}
