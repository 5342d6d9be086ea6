/* main-app.c: the graphical application; `chipcycle` hands over to it when given no command. */
#define G_LOG_DOMAIN "chipcycle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cc-application.h"
#include "cc-cli.h"
#include "cc-timing.h"

/* g_settings_new() aborts the process when its schema is missing, as it is when chipcycle-app
 * runs from a build tree without GSETTINGS_SCHEMA_DIR; check first and say so instead. */
static gboolean
settings_schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CcApplication) app = NULL;
  /* CHIPCYCLE_LOCALEDIR lets `build-aux/dev run` use the catalogues of the build tree. */
  const char *localedir = g_getenv ("CHIPCYCLE_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* X11 window managers match the window to the desktop file by this name. */
  g_set_prgname ("chipcycle");

  /* `chipcycle fetch …`, handed over by chipcycle: it needs libsoup, which only this binary
   * links. It runs without GTK, as every command does. */
  if (argc > 1 && cc_cli_needs_network (argc, argv))
    return cc_cli_run_network (argc, argv);
  if (argc > 1 && cc_cli_handles (argv[1]))
    return cc_cli_run (argc, argv);
  if (!settings_schema_installed ())
    {
      /* Translators: %s is the settings schema ID. */
      fprintf (stderr, _("chipcycle: the settings schema “%s” is not installed: install Chip "
                         "Cycle, or run it from the build tree with “build-aux/dev run” (or "
                         "GSETTINGS_SCHEMA_DIR set to the build’s data folder)\n"),
               BASE_APPLICATION_ID);
      return 1;
    }
  /* `chipcycle` checks these before it starts this program; this is for a direct start. */
  if (!cc_cli_check_app_arguments (argc, argv))
    return 2;

  cc_timing_mark ("main");
  app = cc_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  cc_timing_mark ("run-returned");
  return status;
}
