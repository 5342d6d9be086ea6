/* test-save.c: every file the app writes lands whole or not at all, on a full disk too.
 *
 * A full disk is made with a file size limit (RLIMIT_FSIZE, SIGXFSZ ignored): a write past the
 * limit fails with EFBIG, for root too, with no mount needed. Each writer (the chart's PNG, PDF
 * and SVG export, the events file, the CSV writer, `chipcycle export`) must then report an
 * error naming the file, leave an older file byte for byte as it was, create no file where
 * there was none and leave no temporary file behind.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "cc-bundled-dataset.h"
#include "cc-chart.h"
#include "cc-csv.h"
#include "cc-event.h"
#include "cc-events-file.h"
#include "cc-save-stream.h"

/* Small enough that no export, events file or CSV of the tests fits. */
#define FULL_DISK_BYTES 2048

typedef struct {
  struct rlimit old_limit;
  void        (*old_handler) (int);
} FullDisk;

static void
full_disk_begin (FullDisk *disk)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &disk->old_limit), ==, 0);
  limit = disk->old_limit;
  limit.rlim_cur = FULL_DISK_BYTES;
  disk->old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
full_disk_end (FullDisk *disk)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &disk->old_limit), ==, 0);
  signal (SIGXFSZ, disk->old_handler);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A writer under test: writes @path, returns FALSE with @error when it fails. */
typedef gboolean (*WriteFunc) (const char  *path,
                               gpointer     data,
                               GError     **error);

/* Runs @write on a full disk twice, onto a new name and over an older file, and checks that
 * nothing partial is left, the older file is intact and the error names the file. Then checks
 * that the same write succeeds with room to spare, and that its output would not have fitted. */
static void
check_full_disk (const char *name,
                 WriteFunc   write,
                 gpointer    data)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-save-XXXXXX", NULL);
  g_autofree char *new_path = g_build_filename (dir, name, NULL);
  g_autofree char *old_name = g_strconcat ("old-", name, NULL);
  g_autofree char *old_path = g_build_filename (dir, old_name, NULL);
  static const char old_text[] = "the user's older file, which must survive";
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected_listing = NULL;
  GStatBuf st;
  FullDisk disk;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (old_path, old_text, -1, NULL));

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? new_path : old_path;
      g_autofree char *display = g_filename_display_name (path);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      full_disk_begin (&disk);
      ok = write (path, data, &error);
      full_disk_end (&disk);

      g_assert_false (ok);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", name, error->message);
      /* One clear error, naming the file the user chose, not a temporary one. */
      g_assert_nonnull (strstr (error->message, display));
      g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
    }

  /* No new file, no temporary file; the older one as it was. */
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, old_name);
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, old_text);

  /* With room the same write works, and what it writes is larger than the full disk's room, so
   * the failure above was the disk's. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (write (new_path, data, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (new_path, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, FULL_DISK_BYTES);
    g_assert_true (write (old_path, data, &error));
    g_assert_no_error (error);
  }
  expected_listing = g_strcmp0 (name, old_name) < 0
                       ? g_strdup_printf ("%s %s", name, old_name)
                       : g_strdup_printf ("%s %s", old_name, name);
  g_free (listing);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, expected_listing);

  remove_dir (dir);
}

/* Writers */

typedef struct {
  CcChart        *chart;
  CcExportFormat  format;
} ChartData;

static gboolean
write_chart (const char  *path,
             gpointer     data,
             GError     **error)
{
  ChartData *chart = data;

  return cc_chart_export (chart->chart, path, chart->format, 640, 400, 1, error);
}

static gboolean
write_events (const char  *path,
              gpointer     data,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cc_events_save_file (data, file, NULL, error);
}

static gboolean
write_csv (const char  *path,
           gpointer     data,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cc_csv_export_file (data, CC_DATE_INVALID, CC_DATE_INVALID, file, NULL, error);
}

static CcDataset *
bundled_dataset (void)
{
  g_autoptr(GError) error = NULL;
  CcDataset *dataset = cc_bundled_dataset_new (&error);

  g_assert_no_error (error);
  return dataset;
}

static void
test_export_full_disk (gconstpointer user_data)
{
  g_autoptr(CcDataset) dataset = bundled_dataset ();
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  ChartData data = { chart, GPOINTER_TO_INT (user_data) };
  const char *names[] = { "chart.png", "chart.pdf", "chart.svg" };

  check_full_disk (names[data.format], write_chart, &data);
}

static void
test_events_full_disk (void)
{
  g_autoptr(CcDataset) dataset = bundled_dataset ();

  check_full_disk ("events.json", write_events, cc_dataset_get_events (dataset));
}

static void
test_csv_full_disk (void)
{
  g_autoptr(CcDataset) dataset = bundled_dataset ();
  g_autoptr(GPtrArray) series = g_ptr_array_new ();

  g_ptr_array_add (series, cc_dataset_get_series (dataset, "MU"));
  g_ptr_array_add (series, cc_dataset_get_series (dataset, CC_SYMBOL_SOX));
  check_full_disk ("prices.csv", write_csv, series);
}

/* `chipcycle export` on a full disk: status 1, one line naming the file, nothing left. */
static void
full_disk_child_setup (gpointer user_data)
{
  struct rlimit limit;

  signal (SIGXFSZ, SIG_IGN);
  getrlimit (RLIMIT_FSIZE, &limit);
  limit.rlim_cur = FULL_DISK_BYTES;
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_cli_full_disk (void)
{
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  g_autofree char *dir = g_dir_make_tmp ("cc-save-cli-XXXXXX", NULL);
  const char *names[] = { "cli.png", "cli.pdf", "cli.svg" };

  if (bin == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      const char *argv[] = { bin, "export", "--output", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *listing = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                                   full_disk_child_setup, NULL, &out, &err, &status, &error));
      g_assert_no_error (error);
      g_test_message ("%s", err);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_nonnull (strstr (err, path));
      g_assert_nonnull (strstr (err, g_strerror (EFBIG)));
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "");
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The stream itself */

static void
test_abort_and_drop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kept.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  /* Aborted, closed without a commit, or dropped: the old file stays. */
  for (guint i = 0; i < 3; i++)
    {
      CcSaveStream *stream = cc_save_stream_new (path, CC_SAVE_MODE_DEFAULT, &error);

      g_assert_no_error (error);
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (stream), "new", 3, NULL, NULL,
                                                &error));
      /* Nothing is on disk before the first bytes must go there. */
      g_free (listing);
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "kept.txt");
      g_assert_true (g_output_stream_flush (G_OUTPUT_STREAM (stream), NULL, &error));
      g_free (listing);
      listing = list_dir (dir);
      /* Then the temporary file is beside the target while the stream is open. */
      g_assert_true (g_str_has_prefix (listing, ".kept.txt."));
      if (i == 0)
        cc_save_stream_abort (stream);
      else if (i == 1)
        g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL));
      g_object_unref (stream);
      g_free (listing);
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "kept.txt");
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old");
      g_clear_pointer (&contents, g_free);
    }

  remove_dir (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(CcDataset) dataset = bundled_dataset ();
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CcSaveStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_cancellable_cancel (cancellable);
  for (CcExportFormat format = CC_EXPORT_PNG; format <= CC_EXPORT_SVG; format++)
    {
      g_assert_false (cc_chart_export_full (chart, path, format, 320, 200, 1, cancellable,
                                            &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }

  stream = cc_save_stream_new (path, CC_SAVE_MODE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (stream), "x", 1, NULL, NULL,
                                            &error));
  g_assert_false (cc_save_stream_commit (stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  remove_dir (dir);
}

/* A replaced file keeps its permissions and a link keeps pointing at the file it saves to. */
static void
test_mode_and_link (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *read_link = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (symlink ("target.json", link), ==, 0);

  g_assert_true (cc_save_contents (file, "new", 3, CC_SAVE_MODE_DEFAULT, NULL, &error));
  g_assert_no_error (error);
  read_link = g_file_read_link (link, NULL);
  g_assert_cmpstr (read_link, ==, "target.json");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  remove_dir (dir);
}

static void
test_missing_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "x.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (cc_save_contents (file, "x", 1, CC_SAVE_MODE_DEFAULT, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/save/full-disk/png", GINT_TO_POINTER (CC_EXPORT_PNG),
                        test_export_full_disk);
  g_test_add_data_func ("/save/full-disk/pdf", GINT_TO_POINTER (CC_EXPORT_PDF),
                        test_export_full_disk);
  g_test_add_data_func ("/save/full-disk/svg", GINT_TO_POINTER (CC_EXPORT_SVG),
                        test_export_full_disk);
  g_test_add_func ("/save/full-disk/events", test_events_full_disk);
  g_test_add_func ("/save/full-disk/csv", test_csv_full_disk);
  g_test_add_func ("/save/full-disk/cli-export", test_cli_full_disk);
  g_test_add_func ("/save/abort-and-drop", test_abort_and_drop);
  g_test_add_func ("/save/cancelled", test_cancelled);
  g_test_add_func ("/save/mode-and-link", test_mode_and_link);
  g_test_add_func ("/save/missing-folder", test_missing_folder);

  return g_test_run ();
}
