/* test-portfolio-store.c: two Chip Cycle processes (two stores of one real portfolios file,
 * not shared as one process's windows share theirs), or a store and a file written by hand,
 * never lose each other's portfolios: a save finding the file changed since it was read merges
 * that version in by name, says so, and writes the whole; a save landing between another's
 * look at the file and its rename waits for that rename. */
#define G_LOG_DOMAIN "test-portfolio-store"

#include "config.h"

#include <glib/gstdio.h>

#include "cc-portfolio-file.h"
#include "cc-portfolio-store-private.h"

#define TWO_PORTFOLIOS \
  "{ \"format\": \"chipcycle-portfolios\", \"version\": 1, \"portfolios\": [\n" \
  "  { \"name\": \"Brokerage\", \"kind\": \"shares\", \"holdings\": [\n" \
  "    { \"ticker\": \"NVDA\", \"amount\": 10, \"cost\": 120.5 },\n" \
  "    { \"ticker\": \"META\", \"amount\": 3 } ] },\n" \
  "  { \"name\": \"Model\", \"kind\": \"weights\", \"holdings\": [\n" \
  "    { \"ticker\": \"MU\", \"amount\": 60 },\n" \
  "    { \"ticker\": \"KLAC\", \"amount\": 40 } ] } ] }\n"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("cc-portfolio-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "portfolios.json", NULL);
  g_assert_true (g_file_set_contents (f->path, TWO_PORTFOLIOS, -1, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CcPortfolio *
find (GPtrArray  *portfolios,
      const char *name)
{
  for (guint i = 0; i < portfolios->len; i++)
    if (g_str_equal (cc_portfolio_get_name (g_ptr_array_index (portfolios, i)), name))
      return g_ptr_array_index (portfolios, i);
  return NULL;
}

/* The amount held in @ticker by the portfolio @name of @portfolios; -1 when either is missing. */
static double
amount (GPtrArray  *portfolios,
        const char *name,
        const char *ticker)
{
  CcPortfolio *portfolio = find (portfolios, name);
  int index = portfolio ? cc_portfolio_find (portfolio, ticker) : -1;

  return index >= 0 ? cc_portfolio_get_holding (portfolio, (guint) index)->amount : -1;
}

static void
set (CcPortfolio *portfolio,
     const char  *ticker,
     double       shares)
{
  g_autoptr(CcHolding) holding = cc_holding_new (ticker, shares);

  cc_portfolio_set_holding (portfolio, holding);
}

/* What is on disk now, read as the next Chip Cycle would. */
static GPtrArray *
on_disk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GPtrArray *portfolios;

  g_assert_true (g_file_get_contents (f->path, &data, NULL, &error));
  g_assert_no_error (error);
  portfolios = cc_portfolios_from_json_data (data, -1, "portfolios.json", &error);
  g_assert_no_error (error);
  return portfolios;
}

static void
notice_cb (CcPortfolioStore *store,
           const char       *text,
           char            **notice)
{
  g_free (*notice);
  *notice = g_strdup (text);
}

static void
failed_cb (CcPortfolioStore *store,
           const char       *text,
           gpointer          data)
{
  g_error ("a save failed: %s", text);
}

static CcPortfolioStore *
open_store (Fixture  *f,
            char    **notice)
{
  CcPortfolioStore *store = _cc_portfolio_store_new_unshared (f->path);

  g_assert_null (cc_portfolio_store_get_problem (store));
  g_signal_connect (store, "notice", G_CALLBACK (notice_cb), notice);
  g_signal_connect (store, "save-failed", G_CALLBACK (failed_cb), NULL);
  return store;
}

static void
save (CcPortfolioStore *store)
{
  cc_portfolio_store_changed (store);
  _cc_portfolio_store_wait (store);
}

/* A adds a portfolio, B (which read the file before) edits another, A edits a third: each
 * save keeps the other's changes, each store ends with all of them, and the portfolio objects
 * a page has selected stay the same objects. */
static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *notice_a = NULL;
  g_autofree char *notice_b = NULL;
  g_autoptr(CcPortfolioStore) a = open_store (f, &notice_a);
  g_autoptr(CcPortfolioStore) b = open_store (f, &notice_b);
  GPtrArray *list_a = cc_portfolio_store_get_list (a);
  GPtrArray *list_b = cc_portfolio_store_get_list (b);
  g_autoptr(GPtrArray) disk = NULL;
  CcPortfolio *growth = cc_portfolio_new ("Growth", CC_HOLDING_WEIGHT);
  CcPortfolio *model_a = find (list_a, "Model");

  set (growth, "MU", 60);
  set (growth, "NVDA", 40);
  g_ptr_array_add (list_a, growth);
  save (a);
  g_assert_null (notice_a);

  /* B changes Model without having seen Growth: its save takes Growth in first. */
  set (find (list_b, "Model"), "MU", 70);
  save (b);
  g_assert_cmpstr (notice_b, ==, "Another Chip Cycle saved your portfolios meanwhile; its "
                                 "changes to “Growth” are merged in.");
  g_assert_cmpuint (list_b->len, ==, 3);
  g_assert_cmpfloat (amount (list_b, "Growth", "NVDA"), ==, 40);
  disk = on_disk (f);
  g_assert_cmpuint (disk->len, ==, 3);
  g_assert_cmpfloat (amount (disk, "Model", "MU"), ==, 70);
  g_assert_cmpfloat (amount (disk, "Growth", "MU"), ==, 60);
  g_clear_pointer (&disk, g_ptr_array_unref);

  /* A adds AMD to Brokerage without having seen B's Model: both stay. */
  set (find (list_a, "Brokerage"), "AMD", 5);
  save (a);
  g_assert_cmpstr (notice_a, ==, "Another Chip Cycle saved your portfolios meanwhile; its "
                                 "changes to “Model” are merged in.");
  g_assert_true (find (list_a, "Model") == model_a);
  g_assert_cmpfloat (amount (list_a, "Model", "MU"), ==, 70);
  g_assert_cmpfloat (amount (list_a, "Model", "KLAC"), ==, 40);
  disk = on_disk (f);
  g_assert_cmpuint (disk->len, ==, 3);
  g_assert_cmpfloat (amount (disk, "Brokerage", "AMD"), ==, 5);
  g_assert_cmpfloat (amount (disk, "Brokerage", "NVDA"), ==, 10);
  g_assert_cmpfloat (amount (disk, "Model", "MU"), ==, 70);
  g_assert_cmpfloat (amount (disk, "Growth", "NVDA"), ==, 40);
  g_assert_cmpstr (cc_portfolio_get_name (g_ptr_array_index (disk, 0)), ==, "Brokerage");
  g_assert_cmpstr (cc_portfolio_get_name (g_ptr_array_index (disk, 2)), ==, "Growth");
}

/* A removes Model and changes Brokerage's NVDA to 11; B, which saw neither, changes it to 12:
 * Model stays removed (B never touched it), and both versions of Brokerage are kept. */
static void
test_removed_and_conflict (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *notice_a = NULL;
  g_autofree char *notice_b = NULL;
  g_autoptr(CcPortfolioStore) a = open_store (f, &notice_a);
  g_autoptr(CcPortfolioStore) b = open_store (f, &notice_b);
  GPtrArray *list_a = cc_portfolio_store_get_list (a);
  GPtrArray *list_b = cc_portfolio_store_get_list (b);
  g_autoptr(GPtrArray) disk = NULL;

  g_ptr_array_remove (list_a, find (list_a, "Model"));
  set (find (list_a, "Brokerage"), "NVDA", 11);
  save (a);
  set (find (list_b, "Brokerage"), "NVDA", 12);
  save (b);
  g_assert_cmpstr (notice_b, ==, "Another Chip Cycle saved your portfolios meanwhile; its "
                                 "changes to “Model” are merged in, and its versions of "
                                 "portfolios you changed too are kept as “Brokerage (saved "
                                 "elsewhere)”.");
  disk = on_disk (f);
  g_assert_cmpuint (disk->len, ==, 2);
  g_assert_null (find (disk, "Model"));
  g_assert_cmpfloat (amount (disk, "Brokerage", "NVDA"), ==, 12);
  g_assert_cmpfloat (amount (disk, "Brokerage (saved elsewhere)", "NVDA"), ==, 11);
  g_assert_cmpfloat (amount (disk, "Brokerage (saved elsewhere)", "META"), ==, 3);
}

/* A file rewritten by hand (or by an older Chip Cycle) while the store is open: its new
 * portfolio survives the store's next save; a file left unreadable is set aside, not
 * overwritten, and the store says where it went. */
static void
test_written_by_hand (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *notice = NULL;
  g_autoptr(CcPortfolioStore) store = open_store (f, &notice);
  GPtrArray *list = cc_portfolio_store_get_list (store);
  g_autoptr(GPtrArray) disk = on_disk (f);
  g_autofree char *text = NULL;
  g_autofree char *aside = g_build_filename (f->dir, "portfolios.json.corrupt", NULL);
  g_autofree char *kept = NULL;
  CcPortfolio *manual = cc_portfolio_new ("Manual", CC_HOLDING_SHARES);

  set (manual, "AMD", 8);
  g_ptr_array_add (disk, manual);
  text = cc_portfolios_to_json_data (disk, NULL);
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  g_clear_pointer (&disk, g_ptr_array_unref);

  g_ptr_array_remove (list, find (list, "Brokerage"));
  save (store);
  g_assert_cmpstr (notice, ==, "Another Chip Cycle saved your portfolios meanwhile; its "
                               "changes to “Manual” are merged in.");
  disk = on_disk (f);
  g_assert_cmpuint (disk->len, ==, 2);
  g_assert_cmpfloat (amount (disk, "Manual", "AMD"), ==, 8);
  g_assert_nonnull (find (disk, "Model"));
  g_assert_null (find (disk, "Brokerage"));
  g_clear_pointer (&disk, g_ptr_array_unref);

  /* Broken by hand: set aside with what was wrong, and the store's list written anew. */
  g_assert_true (g_file_set_contents (f->path, "{ \"format\": \"chipcycle-portfolios\", ", -1,
                                      NULL));
  set (find (list, "Model"), "NVDA", 10);
  save (store);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "portfolios.json.corrupt"));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "{ \"format\": \"chipcycle-portfolios\", ");
  disk = on_disk (f);
  g_assert_cmpuint (disk->len, ==, 2);
  g_assert_cmpfloat (amount (disk, "Model", "NVDA"), ==, 10);
  g_assert_cmpfloat (amount (disk, "Manual", "AMD"), ==, 8);
}

static void
changed_cb (CcPortfolioStore *store,
            guint            *count)
{
  (*count)++;
}

/* B only shows the portfolios, changing nothing: A's save reaches it anyway, through the file
 * monitor, and B writes nothing back. */
static void
test_seen_without_saving (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *notice_a = NULL;
  g_autofree char *notice_b = NULL;
  g_autoptr(CcPortfolioStore) a = open_store (f, &notice_a);
  g_autoptr(CcPortfolioStore) b = open_store (f, &notice_b);
  GPtrArray *list_a = cc_portfolio_store_get_list (a);
  GPtrArray *list_b = cc_portfolio_store_get_list (b);
  CcPortfolio *model_b = find (list_b, "Model");
  gint64 deadline;
  guint changed = 0;

  g_signal_connect (b, "changed", G_CALLBACK (changed_cb), &changed);
  set (find (list_a, "Model"), "NVDA", 20);
  g_ptr_array_remove (list_a, find (list_a, "Brokerage"));
  save (a);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (changed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  _cc_portfolio_store_wait (b);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (notice_b, ==, "Another Chip Cycle saved your portfolios meanwhile; its "
                                 "changes to “Model”, “Brokerage” are merged in.");
  g_assert_cmpuint (list_b->len, ==, 1);
  g_assert_true (g_ptr_array_index (list_b, 0) == model_b);
  g_assert_cmpfloat (amount (list_b, "Model", "NVDA"), ==, 20);
}

/* A save landing in another's window, as a second Chip Cycle's can at any moment: A has checked
 * that the file is the version it read and is about to write, when B (which read that same
 * version, then changed Model) saves. */
typedef struct {
  CcPortfolioStore *rival;
  GMutex            mutex;
  GCond             cond;
  gboolean          started;        /* B's save was started from A's window */
  gboolean          rival_moved;    /* B found the lock busy, or wrote */
  gboolean          rival_waited;   /* B found the lock busy (it waits for A's rename) */
} Race;

static gboolean
start_rival_cb (gpointer user_data)
{
  Race *race = user_data;

  cc_portfolio_store_changed (race->rival);
  return G_SOURCE_REMOVE;
}

/* A's save thread, between its look at the file and its rename: starts B's save on the main
 * context (which the test runs while it waits for A), and holds A there until B either waits
 * for the lock or has written. No timing: each side waits for an event of the other. */
static void
window_hook (CcPortfolioStore          *store,
             CcPortfolioStoreHookPoint  point,
             gpointer                   user_data)
{
  Race *race = user_data;

  if (point != CC_PORTFOLIO_STORE_HOOK_CHECKED)
    return;
  g_mutex_lock (&race->mutex);
  if (!race->started)
    {
      race->started = TRUE;
      g_main_context_invoke (NULL, start_rival_cb, race);
      while (!race->rival_moved)
        g_cond_wait (&race->cond, &race->mutex);
    }
  g_mutex_unlock (&race->mutex);
}

static void
rival_hook (CcPortfolioStore          *store,
            CcPortfolioStoreHookPoint  point,
            gpointer                   user_data)
{
  Race *race = user_data;

  if (point == CC_PORTFOLIO_STORE_HOOK_CHECKED)
    return;
  g_mutex_lock (&race->mutex);
  if (race->started && !race->rival_moved)
    {
      race->rival_moved = TRUE;
      race->rival_waited = point == CC_PORTFOLIO_STORE_HOOK_LOCK_BUSY;
      g_cond_signal (&race->cond);
    }
  g_mutex_unlock (&race->mutex);
}

/* The save in the window waits for A's rename, then finds A's version and merges it in: both
 * A's new portfolio and B's edit end on disk. Without the lock B writes in the window and A's
 * rename drops B's edit. */
static void
test_save_in_the_window (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *notice_a = NULL;
  g_autofree char *notice_b = NULL;
  g_autofree char *lock_path = g_strconcat (f->path, ".lock", NULL);
  g_autoptr(CcPortfolioStore) a = open_store (f, &notice_a);
  g_autoptr(CcPortfolioStore) b = open_store (f, &notice_b);
  GPtrArray *list_a = cc_portfolio_store_get_list (a);
  GPtrArray *list_b = cc_portfolio_store_get_list (b);
  g_autoptr(GPtrArray) disk = NULL;
  CcPortfolio *growth = cc_portfolio_new ("Growth", CC_HOLDING_WEIGHT);
  /* Static: a look at the file the monitor starts after the test may still call the hooks
   * (they then do nothing). */
  static Race race;

  race.rival = b;
  _cc_portfolio_store_set_test_hook (a, window_hook, &race);
  _cc_portfolio_store_set_test_hook (b, rival_hook, &race);

  set (growth, "MU", 60);
  g_ptr_array_add (list_a, growth);
  set (find (list_b, "Model"), "MU", 70);
  save (a);
  _cc_portfolio_store_wait (b);
  g_assert_true (race.started);

  disk = on_disk (f);
  g_assert_cmpuint (disk->len, ==, 3);
  g_assert_cmpfloat (amount (disk, "Growth", "MU"), ==, 60);
  g_assert_cmpfloat (amount (disk, "Model", "MU"), ==, 70);
  g_assert_cmpfloat (amount (disk, "Brokerage", "NVDA"), ==, 10);
  g_assert_true (race.rival_waited);
  g_assert_cmpstr (notice_b, ==, "Another Chip Cycle saved your portfolios meanwhile; its "
                                 "changes to “Growth” are merged in.");
  g_assert_cmpuint (list_b->len, ==, 3);
  /* Left in place for the next save to lock. */
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));
}

/* A file written by hand (which takes no lock) just after a store read another process's
 * save: the store must remember the version it read, not the one now on disk, or its next
 * save overwrites the hand-written change without merging it. */
typedef struct {
  CcPortfolioStoreHookPoint  point;   /* when to write */
  const char                *path;
  const char                *text;
  gint                       fired;
} HandWrite;

static void
hand_write_hook (CcPortfolioStore          *store,
                 CcPortfolioStoreHookPoint  point,
                 gpointer                   user_data)
{
  HandWrite *write = user_data;

  if (point == write->point
      && g_atomic_int_compare_and_exchange (&write->fired, 0, 1))
    g_assert_true (g_file_set_contents (write->path, write->text, -1, NULL));
}

/* Arms @write to put @disk's portfolios in place of the file, as a hand edit would, at @point
 * of @store's next save; returns their text, which must outlive the save. */
static char *
arm_hand_write (Fixture                   *f,
                CcPortfolioStore          *store,
                HandWrite                 *write,
                CcPortfolioStoreHookPoint  point,
                GPtrArray                 *disk)
{
  char *text = cc_portfolios_to_json_data (disk, NULL);

  write->point = point;
  write->path = f->path;
  write->text = text;
  _cc_portfolio_store_set_test_hook (store, hand_write_hook, write);
  return text;
}

static void
test_written_after_read (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *notice_a = NULL;
  g_autofree char *notice_b = NULL;
  g_autoptr(CcPortfolioStore) a = open_store (f, &notice_a);
  g_autoptr(CcPortfolioStore) b = open_store (f, &notice_b);
  g_autoptr(GPtrArray) disk = on_disk (f);
  g_autofree char *text = NULL;
  CcPortfolio *growth = cc_portfolio_new ("Growth", CC_HOLDING_WEIGHT);
  CcPortfolio *manual = cc_portfolio_new ("Manual", CC_HOLDING_SHARES);
  /* Static: a later look at the file by the monitor may call the hook (which then does
   * nothing). */
  static HandWrite write;

  set (growth, "MU", 60);
  set (manual, "AMD", 8);
  g_ptr_array_add (disk, cc_portfolio_copy (growth));
  g_ptr_array_add (disk, manual);
  text = arm_hand_write (f, b, &write, CC_PORTFOLIO_STORE_HOOK_READ, disk);
  g_clear_pointer (&disk, g_ptr_array_unref);

  /* A adds Growth; B reads that (through its monitor or its next save), and the hand-written
   * version with Manual too lands just after that read. */
  g_ptr_array_add (cc_portfolio_store_get_list (a), growth);
  save (a);
  set (find (cc_portfolio_store_get_list (b), "Model"), "MU", 70);
  save (b);
  g_assert_cmpint (g_atomic_int_get (&write.fired), ==, 1);

  disk = on_disk (f);
  g_assert_cmpfloat (amount (disk, "Manual", "AMD"), ==, 8);
  g_assert_cmpfloat (amount (disk, "Growth", "MU"), ==, 60);
  g_assert_cmpfloat (amount (disk, "Model", "MU"), ==, 70);
  g_assert_cmpuint (disk->len, ==, 4);
}

/* The same just after a store's own save: the store must keep the stamp of what it wrote, not
 * of the hand-written version, so that it merges that version in. */
static void
test_written_after_write (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *notice = NULL;
  g_autoptr(CcPortfolioStore) store = open_store (f, &notice);
  GPtrArray *list = cc_portfolio_store_get_list (store);
  g_autoptr(GPtrArray) disk = on_disk (f);
  g_autofree char *text = NULL;
  CcPortfolio *manual = cc_portfolio_new ("Manual", CC_HOLDING_SHARES);
  static HandWrite write;

  set (manual, "AMD", 8);
  set (find (disk, "Model"), "MU", 70);
  g_ptr_array_add (disk, manual);
  text = arm_hand_write (f, store, &write, CC_PORTFOLIO_STORE_HOOK_WRITTEN, disk);
  g_clear_pointer (&disk, g_ptr_array_unref);

  /* The store's save (MU 70 in Model) is followed at once by the hand-written version, which
   * adds Manual; the store's next save (NVDA 11 in Brokerage) keeps it. */
  set (find (list, "Model"), "MU", 70);
  save (store);
  g_assert_cmpint (g_atomic_int_get (&write.fired), ==, 1);
  set (find (list, "Brokerage"), "NVDA", 11);
  save (store);

  disk = on_disk (f);
  g_assert_cmpfloat (amount (disk, "Manual", "AMD"), ==, 8);
  g_assert_cmpfloat (amount (disk, "Brokerage", "NVDA"), ==, 11);
  g_assert_cmpfloat (amount (disk, "Model", "MU"), ==, 70);
  g_assert_cmpuint (disk->len, ==, 3);
}

/* Where no lock can be taken (here its name is taken by a folder; a file system without locks
 * alike), the save goes on unlocked, as before there were locks, and the user sees no error. */
static void
test_without_lock (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *notice = NULL;
  g_autofree char *lock_path = g_strconcat (f->path, ".lock", NULL);
  g_autoptr(CcPortfolioStore) store = open_store (f, &notice);
  g_autoptr(GPtrArray) disk = NULL;

  g_assert_cmpint (g_mkdir (lock_path, 0700), ==, 0);
  set (find (cc_portfolio_store_get_list (store), "Model"), "MU", 55);
  save (store);
  g_assert_null (notice);
  disk = on_disk (f);
  g_assert_cmpfloat (amount (disk, "Model", "MU"), ==, 55);
  g_assert_cmpint (g_rmdir (lock_path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add ("/portfolio-store/two-processes", Fixture, NULL, fixture_setup,
              test_two_processes, fixture_teardown);
  g_test_add ("/portfolio-store/removed-and-conflict", Fixture, NULL, fixture_setup,
              test_removed_and_conflict, fixture_teardown);
  g_test_add ("/portfolio-store/written-by-hand", Fixture, NULL, fixture_setup,
              test_written_by_hand, fixture_teardown);
  g_test_add ("/portfolio-store/seen-without-saving", Fixture, NULL, fixture_setup,
              test_seen_without_saving, fixture_teardown);
  g_test_add ("/portfolio-store/save-in-the-window", Fixture, NULL, fixture_setup,
              test_save_in_the_window, fixture_teardown);
  g_test_add ("/portfolio-store/written-after-read", Fixture, NULL, fixture_setup,
              test_written_after_read, fixture_teardown);
  g_test_add ("/portfolio-store/written-after-write", Fixture, NULL, fixture_setup,
              test_written_after_write, fixture_teardown);
  g_test_add ("/portfolio-store/without-lock", Fixture, NULL, fixture_setup,
              test_without_lock, fixture_teardown);
  return g_test_run ();
}
