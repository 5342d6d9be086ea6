/* main-app.c: the graphical application; `chipcycle` hands over to it when given no command. */
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
  /* CHIPCYCLE_LOCALEDIR lets `build-aux/dev run` use the catalogues of the build tree. */
  const char *localedir = g_getenv ("CHIPCYCLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* X11 window managers match the window to the desktop file by this name. */
  g_set_prgname ("chipcycle");

  /* `chipcycle fetch …`, handed over by chipcycle: it needs libsoup, which only this binary
   * links. It runs without GTK, as every command does. */
  if (argc > 1 && cc_cli_needs_network (argv[1]))
    return cc_cli_run_network (argc, argv);

  app = cc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
