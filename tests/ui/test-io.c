/* test-io.c: the window never waits on a file. A large export runs while the frame clock keeps
 * ticking, can be cancelled from its toast, is cancelled by closing the window (quit) and
 * leaves nothing behind; a failed export says why; the side panel reads the rules once and
 * follows changes to the user's rules file.
 */
#define G_LOG_DOMAIN "test-io"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "cc-application.h"
#include "cc-csv.h"
#include "cc-events-file.h"
#include "cc-rules.h"
#include "cc-save-stream.h"
#include "cc-side-panel.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"

/* A PNG this large takes the export thread a second or more: long enough to watch. */
#define LARGE_WIDTH  4500
#define LARGE_HEIGHT 4500

static CcApplication *app;

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_string_append_printf (names, "%s%s", names->len ? " " : "", name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_export_keeps_ticking (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("cc-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint ticks = 0, iterations = 0, tick_id;
  gboolean saw_progress = FALSE;
  GStatBuf st;

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_tick_cb, &ticks, NULL);
  _cc_window_export_async (window, CC_EXPORT_KIND_PNG, file, LARGE_WIDTH, LARGE_HEIGHT, 1,
                           FALSE);
  /* Started, not done: the call returned at once. */
  g_assert_true (_cc_window_is_exporting (window));
  while (_cc_window_is_exporting (window))
    {
      g_main_context_iteration (NULL, TRUE);
      iterations++;
      saw_progress = saw_progress ||
                     cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Exporting “large.png”");
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
  g_test_message ("%u frames and %u main-loop iterations during the export", ticks, iterations);

  /* The frame clock went on while the thread drew: a synchronous export would have held the
   * main loop for the whole time, giving one frame at most. Not more than two are asked for:
   * under Xvfb a frame is painted by software OpenGL, which on a loaded two-core machine took
   * long enough that a CI run saw only four frames in the export's time. */
  g_assert_cmpuint (ticks, >=, 2);
  /* It took long enough to show its progress with a Cancel button. */
  g_assert_true (saw_progress);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Exported “large.png”"));
  g_assert_cmpstr (list_dir (dir), ==, "large.png");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export_cancel (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("cc-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cancelled.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "cancelled.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "older", -1, NULL));

  _cc_window_export_async (window, CC_EXPORT_KIND_PNG, file, LARGE_WIDTH, LARGE_HEIGHT, 1,
                           FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-export", NULL));
  while (_cc_window_is_exporting (window))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Export cancelled"));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "cancelled.pdf");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One export of @older's file, cancelled from its toast's button as soon as the button shows.
 * Returns TRUE if the cancel won. An export can finish between the button appearing and the
 * press on a fast machine: then the toast must say it was exported and the new file must be
 * whole, so either way what the user is told matches what is on disk. */
static gboolean
export_and_press_cancel (CcWindow   *window,
                         const char *dir,
                         const char *older)
{
  g_autoptr(GFile) file = g_file_new_for_path (older);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  gsize length = 0;
  GtkWidget *cancel = NULL;
  gboolean cancelled;
  guint ticks = 0, tick_id;

  g_assert_true (g_file_set_contents (older, "older", -1, NULL));
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_tick_cb, &ticks, NULL);
  /* Twice the large size, so the press usually comes while rows are still being written. */
  _cc_window_export_async (window, CC_EXPORT_KIND_PNG, file, LARGE_WIDTH, LARGE_HEIGHT, 2,
                           FALSE);
  while (_cc_window_is_exporting (window) &&
         (cancel = cc_ui_test_find_button (GTK_WIDGET (window->toast_overlay), "_Cancel")) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (cancel == NULL)
    {
      /* Finished before the progress toast was due: told so, and the file is a PNG. */
      gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
      g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Exported “button.png”"));
      g_assert_true (g_file_get_contents (older, &contents, &length, NULL));
      g_assert_true (length > 8 && memcmp (contents, "\211PNG", 4) == 0);
      return FALSE;
    }
  g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Exporting “button.png”"));
  g_assert_true (gtk_widget_activate (cancel));
  while (_cc_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);

  /* Still responsive: frames kept coming, and they still do. */
  g_test_message ("%u frames until the export ended", ticks);
  g_assert_cmpuint (ticks, >=, 3);
  ticks = 0;
  cc_ui_test_iterate (500);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
  g_assert_cmpuint (ticks, >=, 3);
  /* The progress toast has gone with its button. */
  g_assert_null (cc_ui_test_find_button (GTK_WIDGET (window->toast_overlay), "_Cancel"));

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "button.png");
  g_assert_true (g_file_get_contents (older, &contents, &length, NULL));
  cancelled = cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Export cancelled");
  if (cancelled)
    g_assert_cmpstr (contents, ==, "older");
  else
    {
      g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Exported “button.png”"));
      g_assert_true (length > 8 && memcmp (contents, "\211PNG", 4) == 0);
    }
  return cancelled;
}

/* As a user does: waits for the export's progress toast and presses its Cancel button. The
 * window keeps drawing all along and afterwards; no file is left and an older one is kept.
 * The press races the export's last rows, so a lost race is retried (a few times at most). */
static void
test_export_cancel_from_toast (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("cc-io-XXXXXX", NULL);
  g_autofree char *older = g_build_filename (dir, "button.png", NULL);
  gboolean won = FALSE;

  for (guint attempt = 0; attempt < 6 && !won; attempt++)
    {
      won = export_and_press_cancel (window, dir, older);
      if (!won)
        g_test_message ("attempt %u: the export finished before Cancel took effect", attempt + 1);
    }
  g_assert_true (won);
  g_assert_cmpint (g_unlink (older), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A price import cancelled changes nothing, even if its thread had read the file already. */
static void
test_import_cancel (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  CcDataset *dataset = cc_application_get_dataset (app);
  g_autofree char *path = g_build_filename (g_getenv ("CHIPCYCLE_SOURCE_ROOT"), "tests", "data",
                                            "layouts", "quoted_thousands_nvda_sox_2018-10.csv",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) expected = cc_csv_import_file (file, NULL, NULL, NULL);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_nonnull (expected);
  for (guint i = 0; i < expected->len; i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset,
                                                cc_series_get_symbol (g_ptr_array_index (expected,
                                                                                         i)));
      g_ptr_array_add (before, series ? g_object_ref (series) : NULL);
    }

  _cc_window_import_file_async (window, file);
  g_assert_true (_cc_window_is_busy (window));
  _cc_window_cancel_work (window);
  while (_cc_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Import cancelled"));
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (cc_dataset_get_series (dataset,
                                          cc_series_get_symbol (g_ptr_array_index (expected,
                                                                                   i))) ==
                   g_ptr_array_index (before, i));

  /* Not cancelled, the same file comes in. */
  _cc_window_import_file_async (window, file);
  while (_cc_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (cc_series_get_origin (cc_dataset_get_series (
                       dataset, cc_series_get_symbol (g_ptr_array_index (expected, i)))), ==,
                     CC_ORIGIN_IMPORTED);
  /* The later tests see the bundled data again. */
  for (guint i = 0; i < before->len; i++)
    if (g_ptr_array_index (before, i) != NULL)
      cc_dataset_set_series (dataset, g_ptr_array_index (before, i));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Exporting the events runs in a thread too, and writes a file the events reader takes back. */
static void
test_export_events (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("cc-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  _cc_window_export_events_async (window, file);
  g_assert_true (_cc_window_is_busy (window));
  while (_cc_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->toast_overlay), "Exported “events.json”"));
  events = cc_events_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==,
                    cc_dataset_get_events (cc_application_get_dataset (app))->len);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Quitting closes the window; the export in flight is cancelled at once, its thread ends and
 * drops the window, and no file is left. */
static void
test_quit_cancels_export (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("cc-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "quit.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *listing = NULL;

  _cc_window_export_async (window, CC_EXPORT_KIND_PNG, file, LARGE_WIDTH, LARGE_HEIGHT, 1,
                           FALSE);
  cancellable = g_object_ref (window->export_cancellable);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (g_cancellable_is_cancelled (cancellable));

  /* The export's task holds the window until its thread has finished. */
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* An export onto a full disk (a file size limit) reports the error naming the file. */
static void
test_export_error_shown (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  g_autofree char *dir = g_dir_make_tmp ("cc-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "full.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *listing = NULL;
  g_autofree char *expected = g_strdup_printf ("Could not write “%s”: %s", path,
                                               g_strerror (EFBIG));
  struct rlimit old_limit, limit;
  void (*old_handler) (int);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 2048;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  _cc_window_export_async (window, CC_EXPORT_KIND_SVG, file, 800, 450, 1, FALSE);
  while (_cc_window_is_exporting (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  /* The toast says what failed; its Details button shows this whole message. */
  g_assert_nonnull (window->last_error);
  g_assert_nonnull (strstr (window->last_error, expected));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rules the panel's current analysis used. */
static CcRules *
panel_rules (CcSidePanel *panel)
{
  CcAnalysis *analysis = cc_side_panel_get_analysis (panel);

  g_assert_nonnull (analysis);
  return analysis->rules;
}

/* Waits (the file monitor and the reading thread) until the panel's rules are not @old. */
static void
wait_for_new_rules (CcSidePanel *panel,
                    CcRules     *old)
{
  for (guint i = 0; i < 400 && panel_rules (panel) == old; i++)
    cc_ui_test_iterate (25);
  g_assert_true (panel_rules (panel) != old);
}

static void
write_rules (const char *path,
             const char *text)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  /* As an editor saves: a new file renamed over the old one. */
  g_assert_true (cc_save_contents (file, text, strlen (text), CC_SAVE_MODE_DEFAULT, NULL,
                                   &error));
  g_assert_no_error (error);
}

static void
test_rules_read_once_and_followed (void)
{
  CcWindow *window = cc_ui_test_new_window (app, 1280, 800);
  CcSidePanel *panel = window->side_panel;
  g_autofree char *path = cc_rules_get_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *shown = NULL;
  CcRules *builtin, *mine;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  builtin = panel_rules (panel);
  g_assert_true (cc_rules_is_builtin (builtin));

  /* Updating again (a new as-of date, a new event…) does not read the rules again. */
  cc_side_panel_update_now (panel);
  cc_side_panel_update_now (panel);
  g_assert_true (panel_rules (panel) == builtin);

  /* The user's own file is picked up when it appears, without touching the panel. */
  write_rules (path, "{\"format\": \"chipcycle-rules\", \"version\": 1, \"rules\": [{\"id\": "
                     "\"x\", \"indicator\": \"sox_drawdown\", \"min\": 5, \"evidence\": "
                     "{\"bear\": 9}}]}");
  wait_for_new_rules (panel, builtin);
  mine = panel_rules (panel);
  g_assert_false (cc_rules_is_builtin (mine));
  shown = cc_side_panel_dup_shown_text (panel, "context");
  g_assert_nonnull (strstr (shown, "your rules"));
  g_clear_pointer (&shown, g_free);
  shown = cc_side_panel_dup_shown_text (panel, "leading-scenario");
  g_assert_nonnull (strstr (shown, "Bear case leads"));
  g_clear_pointer (&shown, g_free);
  cc_side_panel_update_now (panel);
  g_assert_true (panel_rules (panel) == mine);

  /* A broken edit: the built-in rules, and the panel says why. */
  write_rules (path, "{\"format\": \"chipcycle-rules\", \"version\": 1, \"rules\": [");
  wait_for_new_rules (panel, mine);
  g_assert_true (cc_rules_is_builtin (panel_rules (panel)));
  shown = cc_side_panel_dup_shown_text (panel, "rules-error");
  g_assert_nonnull (shown);
  g_clear_pointer (&shown, g_free);

  /* Removed: the built-in rules, no complaint. */
  {
    CcRules *broken = panel_rules (panel);

    g_assert_cmpint (g_unlink (path), ==, 0);
    wait_for_new_rules (panel, broken);
    g_assert_true (cc_rules_is_builtin (panel_rules (panel)));
    g_assert_null (cc_side_panel_dup_shown_text (panel, "rules-error"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *config_dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  home = cc_ui_test_make_home ("cc-io-home-XXXXXX");
  config_dir = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  if (!cc_ui_test_open_display ())
    return 77;

  app = cc_ui_test_new_app ();

  g_test_add_func ("/io/export/keeps-ticking", test_export_keeps_ticking);
  g_test_add_func ("/io/export/cancel", test_export_cancel);
  g_test_add_func ("/io/export/cancel-from-toast", test_export_cancel_from_toast);
  g_test_add_func ("/io/import/cancel", test_import_cancel);
  g_test_add_func ("/io/export/events", test_export_events);
  g_test_add_func ("/io/export/error-shown", test_export_error_shown);
  g_test_add_func ("/io/rules/read-once-and-followed", test_rules_read_once_and_followed);
  g_test_add_func ("/io/export/quit-cancels", test_quit_cancels_export);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
