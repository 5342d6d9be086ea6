/* test-count.c: the closing line of `build-aux/dev test`, "N passed, N failed, N skipped",
 * counts what really happened. Its counting (`build-aux/dev count`) reads meson's JSON test
 * logs; here it reads logs built from the real TAP output of this very binary, run again as a
 * child with subtests that pass, skip (g_test_skip), fail (g_test_fail) and are incomplete
 * (g_test_incomplete), next to tests without TAP output and tests that crashed. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The child's subtests, registered only in the child. */
static void
child_pass (void)
{
  g_assert_cmpint (1 + 1, ==, 2);
}

static void
child_skip (void)
{
  g_test_skip ("no such device here");
}

static void
child_fail (void)
{
  g_test_fail ();
}

static void
child_incomplete (void)
{
  g_test_incomplete ("not written yet");
}

/* This binary's TAP output for @paths (NULL: every child subtest). */
static char *
child_tap (const char * const *paths)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CC_COUNT_CHILD", "1", TRUE);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (self);
  g_ptr_array_add (argv, self);
  g_ptr_array_add (argv, "--tap");
  /* Go on after a failure, as GLib otherwise bails out of the remaining subtests. */
  g_ptr_array_add (argv, "--keep-going");
  for (guint i = 0; paths && paths[i]; i++)
    {
      g_ptr_array_add (argv, "-p");
      g_ptr_array_add (argv, (gpointer) paths[i]);
    }
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

/* One line of meson's testlog.json, as meson 1.0 writes it. */
static void
append_entry (GString    *log,
              const char *name,
              const char *result,
              const char *stdout_text)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "stdout");
  json_builder_add_string_value (b, stdout_text);
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, result);
  json_builder_set_member_name (b, "returncode");
  json_builder_add_int_value (b, g_str_equal (result, "OK") ? 0 : 1);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  line = json_generator_to_data (gen, NULL);
  g_string_append_printf (log, "%s\n", line);
}

/* Runs `build-aux/dev count` on @log; returns its last line, and its exit status in @ok. */
static char *
count (GString  *log,
       gboolean *ok,
       char    **all_output)
{
  const char *root = g_getenv ("CHIPCYCLE_SOURCE_ROOT");
  g_autofree char *dev = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cc-count-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  guint n;

  g_assert_nonnull (root);
  g_assert_nonnull (dir);
  dev = g_build_filename (root, "build-aux", "dev", NULL);
  path = g_build_filename (dir, "testlog.json", NULL);
  g_assert_true (g_file_set_contents (path, log->str, -1, NULL));
  {
    const char *argv[] = { "bash", dev, "count", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_unlink (path);
  g_rmdir (dir);
  *ok = g_spawn_check_wait_status (status, NULL);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  g_test_message ("build-aux/dev count:\n%s", out);
  if (all_output)
    *all_output = g_strdup (out);
  return g_strdup (lines[n - 1]);
}

/* A GLib test binary whose subtests pass and skip: meson calls it OK; the line must not. */
static void
test_skip (void)
{
  const char * const paths[] = { "/child/pass", "/child/skip", NULL };
  g_autofree char *tap = child_tap (paths);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *line = NULL;
  gboolean ok;

  g_assert_nonnull (strstr (tap, "# SKIP"));
  append_entry (log, "test-child", "OK", tap);
  line = count (log, &ok, NULL);
  g_assert_cmpstr (line, ==, "1 passed, 0 failed, 1 skipped");
  g_assert_true (ok);
}

/* Every kind at once, across several tests. */
static void
test_mixed (void)
{
  g_autofree char *tap = child_tap (NULL);
  g_autofree char *crashed = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *line = NULL;
  const char * const pass_only[] = { "/child/pass", NULL };
  gboolean ok;

  /* The child: pass, skip, fail, incomplete; meson calls it FAIL. */
  append_entry (log, "test-child", "FAIL", tap);
  /* Tests without TAP output count as one each. */
  append_entry (log, "validate-desktop", "OK", "");
  append_entry (log, "validate-metainfo", "SKIP", "");
  append_entry (log, "validate-schema", "FAIL", "some error\n");
  /* A TAP test that passed one subtest and then crashed: one failure of its own. */
  crashed = child_tap (pass_only);
  append_entry (log, "test-crashed", "ERROR", crashed);
  /* A TAP test that skipped as a whole. */
  append_entry (log, "test-no-display", "SKIP", "1..0 # SKIP no display\n");

  line = count (log, &ok, &output);
  /* passed: child pass, desktop, crashed's pass; failed: child fail, schema, the crash;
   * skipped: child skip, child incomplete, metainfo, no display. */
  g_assert_cmpstr (line, ==, "3 passed, 3 failed, 4 skipped");
  g_assert_false (ok);
  /* The failures are named. */
  g_assert_nonnull (strstr (output, "test-child /child/fail"));
  g_assert_nonnull (strstr (output, "validate-schema (FAIL)"));
  g_assert_nonnull (strstr (output, "test-crashed (ERROR, after 1 subtests)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("CC_COUNT_CHILD"))
    {
      g_test_add_func ("/child/pass", child_pass);
      g_test_add_func ("/child/skip", child_skip);
      g_test_add_func ("/child/fail", child_fail);
      g_test_add_func ("/child/incomplete", child_incomplete);
      return g_test_run ();
    }
  g_test_add_func ("/count/skip", test_skip);
  g_test_add_func ("/count/mixed", test_mixed);
  return g_test_run ();
}
