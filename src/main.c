/* main.c: dispatches to the command line tool before GTK is touched, else runs the app. */
#define G_LOG_DOMAIN "chipcycle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CcApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && cc_cli_handles (argv[1]))
    return cc_cli_run (argc, argv);

  app = cc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
