/* cc-test-cli.h: running the built `chipcycle` the way a script does, for the tests of every
 * suite: no display, English messages and '.' decimals whatever the tester's locale, standard
 * output and standard error captured, the exit status returned. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

/* Runs CHIPCYCLE_BIN (set by meson test) with @args (NULL-terminated) in @dir (NULL: here),
 * with @env ("NAME=VALUE" strings overriding the environment; NULL for none). What *@out and
 * *@err held is freed before they receive the new output; either may be NULL to drop it.
 * Returns the exit status; fails the test if the program did not exit normally. */
static inline int
cc_test_run_chipcycle (const char         *dir,
                       const char * const *env,
                       char              **out,
                       char              **err,
                       const char * const *args)
{
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (bin == NULL)
    g_error ("CHIPCYCLE_BIN is not set (run through meson test)");
  g_ptr_array_add (argv, (char *) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *equals = strchr (env[i], '=');
      g_autofree char *name = NULL;

      g_assert_nonnull (equals);
      name = g_strndup (env[i], equals - env[i]);
      envp = g_environ_setenv (envp, name, equals + 1, TRUE);
    }

  g_assert_true (g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out_text, &err_text, &status, &error));
  g_assert_no_error (error);
  if (out != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&out_text);
    }
  if (err != NULL)
    {
      g_free (*err);
      *err = g_steal_pointer (&err_text);
    }
  if (!WIFEXITED (status))
    g_error ("%s %s did not exit normally (wait status %d)", bin,
             args[0] != NULL ? args[0] : "", status);
  return WEXITSTATUS (status);
}

/* Runs `chipcycle COMMAND ARGS… --json` (see cc_test_run_chipcycle()), asserts that it exits 0
 * and returns its output parsed. */
static inline JsonNode *
cc_test_run_chipcycle_json (const char         *command,
                            const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (char *) command);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "--json");
  g_ptr_array_add (argv, NULL);
  g_assert_cmpint (cc_test_run_chipcycle (NULL, NULL, &out, &err,
                                          (const char * const *) argv->pdata), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}
