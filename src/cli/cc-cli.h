/* cc-cli.h: the `chipcycle COMMAND …` tool, which never initialises GTK. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @arg names a command (export, fetch, analyze, help) rather than an app option. */
gboolean cc_cli_handles (const char *arg);
/* Runs the command in argv[1]; returns the process exit status. */
int      cc_cli_run     (int         argc,
                         char      **argv);

/* Checks a command line that names no command (it opens the window): every argument must be
 * one of the application's options. If one is not, prints one line naming it (with the
 * command or option it is nearest to, or the list of commands) and returns FALSE; the caller
 * then exits with status 2. */
gboolean cc_cli_check_app_arguments (int    argc,
                                     char **argv);

/* Whether the command line (a command in argv[1]) needs the network libraries, which only
 * chipcycle-app links: `chipcycle` then hands the whole command line over to it. */
gboolean cc_cli_needs_network (int          argc,
                               char       **argv);
/* Runs such a command (in chipcycle-app); returns the process exit status. */
int      cc_cli_run_network   (int          argc,
                               char       **argv);

G_END_DECLS
