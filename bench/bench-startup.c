/* bench-startup.c: exec-to-first-frame and quit time of the window, over several runs.
 *
 *     BUILD/bench/bench-startup BUILD/src/chipcycle [RUNS] [QUIT_AFTER_MS]
 *
 * Needs a display (bench/startup.sh starts Xvfb and a D-Bus session when there is none). Each
 * run starts `chipcycle` as a user would (the launcher execs chipcycle-app) with
 * CHIPCYCLE_BENCH_TIMING set, so the app prints when it reaches each phase (src/ui/cc-timing.c),
 * on CLOCK_MONOTONIC like this program. QUIT_AFTER_MS after its first frame the app activates
 * app.quit, as Ctrl+Q does; the run ends when the process has exited. Each run has a fresh,
 * empty home (the bundled data only, no cache, no user events) and the settings in memory.
 * Prints, per phase, the median, minimum and maximum in milliseconds after exec, then the quit
 * time: from app.quit to the main loop's end and to the process's exit.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static const char * const phases[] = {
  "main", "startup", "activate", "window-created", "realized", "first-frame",
};

typedef struct {
  GArray *values[G_N_ELEMENTS (phases)];
  GArray *cpu[G_N_ELEMENTS (phases)];
  GArray *quit_to_return;
  GArray *quit_to_atexit;
  GArray *quit_to_exit;
  GArray *quit_cpu;
} Samples;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_row (const char *label,
           GArray     *values)
{
  if (values->len == 0)
    {
      printf ("%-34s %10s\n", label, "-");
      return;
    }
  g_array_sort (values, compare_doubles);
  printf ("%-34s %8.1f ms %8.1f ms %8.1f ms\n", label,
          g_array_index (values, double, values->len / 2),
          g_array_index (values, double, 0),
          g_array_index (values, double, values->len - 1));
}

static void
remove_tree (const char *path)
{
  const char *rm[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

static gboolean
run_once (const char *chipcycle,
          const char *shader_cache,
          const char *schema_dir,
          int         quit_ms,
          Samples    *samples)
{
  g_autofree char *home = g_dir_make_tmp ("cc-bench-home-XXXXXX", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *quit = g_strdup_printf ("%d", quit_ms);
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { chipcycle, NULL };
  g_autoptr(GError) error = NULL;
  gint64 t0, t_quit = 0, t_return = 0, t_exit;
  gint64 at[G_N_ELEMENTS (phases)] = { 0 };
  gint64 cpu_at[G_N_ELEMENTS (phases)] = { 0 };
  gint64 t_atexit = 0, cpu_quit = 0, cpu_exit = 0;
  GPid pid;
  int out_fd, status;
  FILE *out;
  char line[256];

  envp = g_environ_setenv (envp, "CHIPCYCLE_BENCH_TIMING", "1", TRUE);
  envp = g_environ_setenv (envp, "CHIPCYCLE_BENCH_QUIT_MS", quit, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  /* Mesa keeps the shaders it compiled under XDG_CACHE_HOME, fresh for every run here: give it
   * one folder for all runs, which the uncounted first run fills, as a user's second start
   * would find it. With a GPU driver or the cairo renderer it changes nothing. */
  envp = g_environ_setenv (envp, "MESA_SHADER_CACHE_DIR", shader_cache, TRUE);

  t0 = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("Could not start %s: %s\n", chipcycle, error->message);
      return FALSE;
    }
  out = fdopen (out_fd, "r");
  while (fgets (line, sizeof line, out) != NULL)
    {
      char phase[64];
      gint64 when, cpu;

      if (sscanf (line, "chipcycle-timing %63s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, phase,
                  &when, &cpu) != 3)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
        if (strcmp (phase, phases[i]) == 0 && at[i] == 0)
          {
            at[i] = when;
            cpu_at[i] = cpu;
          }
      if (strcmp (phase, "quit") == 0)
        {
          t_quit = when;
          cpu_quit = cpu;
        }
      else if (strcmp (phase, "run-returned") == 0)
        t_return = when;
      else if (strcmp (phase, "exit") == 0)
        {
          t_atexit = when;
          cpu_exit = cpu;
        }
    }
  fclose (out);
  waitpid (pid, &status, 0);
  t_exit = g_get_monotonic_time ();
  g_spawn_close_pid (pid);

  remove_tree (home);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || at[G_N_ELEMENTS (phases) - 1] == 0)
    {
      g_printerr ("A run failed (status %d, first frame %s)\n", status,
                  at[G_N_ELEMENTS (phases) - 1] ? "seen" : "never seen");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (at[i] != 0)
      {
        double ms = (at[i] - t0) / 1000.0;
        double cpu_ms = cpu_at[i] / 1000.0;

        g_array_append_val (samples->values[i], ms);
        g_array_append_val (samples->cpu[i], cpu_ms);
      }
  if (t_quit != 0)
    {
      double to_return = t_return ? (t_return - t_quit) / 1000.0 : -1;
      double to_exit = (t_exit - t_quit) / 1000.0;

      if (t_return)
        g_array_append_val (samples->quit_to_return, to_return);
      if (t_atexit)
        {
          double to_atexit = (t_atexit - t_quit) / 1000.0;
          double cpu_ms = (cpu_exit - cpu_quit) / 1000.0;

          g_array_append_val (samples->quit_to_atexit, to_atexit);
          g_array_append_val (samples->quit_cpu, cpu_ms);
        }
      g_array_append_val (samples->quit_to_exit, to_exit);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *chipcycle = argc > 1 ? argv[1] : "src/chipcycle";
  int runs = argc > 2 ? atoi (argv[2]) : 15;
  int quit_ms = argc > 3 ? atoi (argv[3]) : 1000;
  g_autofree char *build = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *shader_cache = g_dir_make_tmp ("cc-bench-shaders-XXXXXX", NULL);
  Samples samples;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run bench/startup.sh, which starts Xvfb\n");
      return 77;
    }
  /* BUILD/src/chipcycle -> BUILD/data holds the compiled settings schema. */
  {
    g_autofree char *src = g_path_get_dirname (chipcycle);

    build = g_path_get_dirname (src);
    schema_dir = g_build_filename (build, "data", NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      samples.values[i] = g_array_new (FALSE, FALSE, sizeof (double));
      samples.cpu[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  samples.quit_to_return = g_array_new (FALSE, FALSE, sizeof (double));
  samples.quit_to_atexit = g_array_new (FALSE, FALSE, sizeof (double));
  samples.quit_to_exit = g_array_new (FALSE, FALSE, sizeof (double));
  samples.quit_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  /* One run first, not counted: it fills the page cache and fontconfig's cache. */
  if (!run_once (chipcycle, shader_cache, schema_dir, quit_ms, &samples))
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_array_set_size (samples.values[i], 0);
      g_array_set_size (samples.cpu[i], 0);
    }
  g_array_set_size (samples.quit_to_return, 0);
  g_array_set_size (samples.quit_to_atexit, 0);
  g_array_set_size (samples.quit_to_exit, 0);
  g_array_set_size (samples.quit_cpu, 0);

  for (int i = 0; i < runs; i++)
    if (!run_once (chipcycle, shader_cache, schema_dir, quit_ms, &samples))
      return 1;

  printf ("%d runs of %s, quit %d ms after the first frame\n", runs, chipcycle, quit_ms);
  printf ("%-34s %11s %11s %11s\n", "wall time after exec", "median", "min", "max");
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    print_row (phases[i], samples.values[i]);
  printf ("%-34s %11s %11s %11s\n", "CPU time of chipcycle-app at", "median", "min", "max");
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    print_row (phases[i], samples.cpu[i]);
  printf ("%-34s %11s %11s %11s\n", "wall time after app.quit", "median", "min", "max");
  print_row ("main loop ended", samples.quit_to_return);
  print_row ("exit handlers reached", samples.quit_to_atexit);
  print_row ("process exited", samples.quit_to_exit);
  print_row ("CPU time, quit to exit handlers", samples.quit_cpu);
  remove_tree (shader_cache);
  return 0;
}
