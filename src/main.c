/* main.c: `chipcycle COMMAND …` runs the command line tool, which never loads GTK; anything else
 * starts the graphical application in its own binary. Keeping GTK out of this process makes a
 * headless `chipcycle export` start several times faster. The network libraries stay out too:
 * `chipcycle fetch` is handed to the application's binary, which links them. */
#define G_LOG_DOMAIN "chipcycle"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cc-cli.h"

#define APP_BINARY "chipcycle-app"

/* Next to this binary in a build tree, else where meson installs it. */
static char *
find_app_binary (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, APP_BINARY, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, APP_BINARY, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app = NULL;
  /* CHIPCYCLE_LOCALEDIR lets `build-aux/dev run` use the catalogues of the build tree. */
  const char *localedir = g_getenv ("CHIPCYCLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && cc_cli_handles (argv[1]) && !cc_cli_needs_network (argv[1]))
    return cc_cli_run (argc, argv);

  app = find_app_binary ();
  argv[0] = app;
  execv (app, argv);

  /* Translators: %s is a file path, the second %s the system's reason. */
  fprintf (stderr, _("chipcycle: cannot start the application %s: %s\n"), app,
           g_strerror (errno));
  return 1;
}
