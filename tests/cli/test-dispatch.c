/* test-dispatch.c: what `chipcycle` does with a command line that names no command it knows,
 * run as a user would (the built binaries): an unknown command or option is named in one line
 * with exit status 2 and never reaches the window program, and the window program without its
 * settings schema says so instead of aborting. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>


typedef struct {
  int   status;     /* the exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
app_binary (void)
{
  g_autofree char *dir = g_path_get_dirname (g_getenv ("CHIPCYCLE_BIN"));

  return g_build_filename (dir, "chipcycle-app", NULL);
}

/* Runs @binary with @args; @schema_dir NULL keeps the build's compiled schemas. No display
 * and no session bus: nothing here may need either. */
static void
run_binary (Run                *run,
            const char         *binary,
            const char * const *args,
            const char         *schema_dir)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  if (schema_dir != NULL)
    {
      /* Neither the build's schemas nor any installed copy. */
      envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
      envp = g_environ_setenv (envp, "XDG_DATA_DIRS", schema_dir, TRUE);
      envp = g_environ_setenv (envp, "XDG_DATA_HOME", schema_dir, TRUE);
    }

  memset (run, 0, sizeof *run);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("%s %s: status %d, stderr: %s", binary, args[0] ? args[0] : "",
                  run->status, run->err);
}

/* Without a settings schema, so that the window program, if it were started, would fail
 * differently (exit 1, "settings schema … is not installed"): what comes back is `chipcycle`'s
 * own answer. */
static void
run_chipcycle (Run                *run,
               const char * const *args)
{
  g_autofree char *empty = g_dir_make_tmp ("cc-no-schema-XXXXXX", NULL);

  g_assert_nonnull (empty);
  run_binary (run, g_getenv ("CHIPCYCLE_BIN"), args, empty);
  g_assert_null (strstr (run->err, "settings schema"));
  g_rmdir (empty);
}

/* Exactly one line on stderr, nothing on stdout. */
static void
assert_one_line (const Run *run)
{
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_assert_true (g_str_has_prefix (run->err, "chipcycle: "));
}

static void
test_unknown_command (void)
{
  Run run;

  run_chipcycle (&run, (const char * const[]) { "nosuchcmd", NULL });
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line (&run);
  g_assert_nonnull (strstr (run.err, "unknown command “nosuchcmd”"));
  /* Nothing near it: the commands are listed instead. */
  g_assert_nonnull (strstr (run.err, "analyze, compare, export, facts, fetch, filings, monitors, "
                                     "help"));
  run_clear (&run);

  /* A slip of the keyboard: the command meant. */
  run_chipcycle (&run, (const char * const[]) { "exprot", "--output", "x.png", NULL });
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line (&run);
  g_assert_nonnull (strstr (run.err, "unknown command “exprot”; did you mean “export”?"));
  run_clear (&run);

  run_chipcycle (&run, (const char * const[]) { "fech", "MU", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "did you mean “fetch”?"));
  run_clear (&run);

  run_chipcycle (&run, (const char * const[]) { "analyse", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "did you mean “analyze”?"));
  run_clear (&run);

  /* The window program refuses it the same way when run on its own. */
  {
    g_autofree char *app = app_binary ();

    run_binary (&run, app, (const char * const[]) { "nosuchcmd", NULL }, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line (&run);
    g_assert_nonnull (strstr (run.err, "unknown command “nosuchcmd”"));
    run_clear (&run);
  }
}

static void
test_unknown_option (void)
{
  Run run;

  run_chipcycle (&run, (const char * const[]) { "--bogus", NULL });
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line (&run);
  g_assert_nonnull (strstr (run.err, "unknown option “--bogus”"));
  g_assert_nonnull (strstr (run.err, "chipcycle help"));
  run_clear (&run);

  run_chipcycle (&run, (const char * const[]) { "--hepl", NULL });
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line (&run);
  g_assert_nonnull (strstr (run.err, "unknown option “--hepl”; did you mean “--help”?"));
  run_clear (&run);

  /* A command written as an option. */
  run_chipcycle (&run, (const char * const[]) { "--export", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "did you mean “export”?"));
  run_clear (&run);

  /* A good option does not carry a bad argument through. */
  run_chipcycle (&run, (const char * const[]) { "--help", "stray", NULL });
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line (&run);
  g_assert_nonnull (strstr (run.err, "“stray”"));
  run_clear (&run);
}

/* The options `chipcycle` lets through to the window program are the ones it has: what
 * `chipcycle-app --help-all` lists. Each help option then works through `chipcycle`. */
static void
test_app_options (void)
{
  g_autofree char *app = app_binary ();
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  Run run;

  run_binary (&run, app, (const char * const[]) { "--help-all", NULL }, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "  -"))
        continue;
      words = g_strsplit_set (g_strstrip (lines[i]), ", ", -1);
      /* "-h, --help   Show help options": the words before the description. */
      for (guint j = 0; words[j] && (words[j][0] == '-' || words[j][0] == '\0'); j++)
        if (words[j][0] == '-')
          g_ptr_array_add (listed, g_strdup (words[j]));
    }
  run_clear (&run);

  /* Five today; a new one must be added to app_options in src/cli/cc-cli.c. */
  g_assert_cmpuint (listed->len, ==, 5);
  for (guint i = 0; i < listed->len; i++)
    {
      const char *option = g_ptr_array_index (listed, i);

      /* Service mode would wait for D-Bus activation; the list check above covers it. */
      if (g_str_equal (option, "--gapplication-service"))
        continue;
      run_binary (&run, g_getenv ("CHIPCYCLE_BIN"), (const char * const[]) { option, NULL },
                  NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, "Usage:"));
      run_clear (&run);
    }
}

static void
test_missing_schema (void)
{
  g_autofree char *empty = g_dir_make_tmp ("cc-no-schema-XXXXXX", NULL);
  g_autofree char *app = app_binary ();
  const char *binaries[] = { g_getenv ("CHIPCYCLE_BIN"), app };

  g_assert_nonnull (empty);
  for (guint i = 0; i < G_N_ELEMENTS (binaries); i++)
    {
      /* With no argument (the window) and with --help: both build the application first. */
      const char * const *cases[] = {
        (const char * const[]) { NULL },
        (const char * const[]) { "--help", NULL },
      };

      for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
        {
          Run run;

          run_binary (&run, binaries[i], cases[j], empty);
          /* An exit with a status, not an abort (SIGTRAP) in g_settings_new(). */
          g_assert_cmpint (run.status, ==, 1);
          assert_one_line (&run);
          g_assert_nonnull (strstr (run.err, "settings schema “" BASE_APPLICATION_ID "”"));
          g_assert_nonnull (strstr (run.err, "not installed"));
          g_assert_nonnull (strstr (run.err, "GSETTINGS_SCHEMA_DIR"));
          run_clear (&run);
        }
    }

  /* Commands need no settings schema. */
  {
    Run run;

    run_binary (&run, g_getenv ("CHIPCYCLE_BIN"), (const char * const[]) { "help", NULL },
                empty);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }
  g_rmdir (empty);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_printerr ("CHIPCYCLE_BIN is not set: run through meson test\n");
      return 1;
    }

  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/app-options", test_app_options);
  g_test_add_func ("/cli/missing-schema", test_missing_schema);

  return g_test_run ();
}
