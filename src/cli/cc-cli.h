/* cc-cli.h: the `chipcycle COMMAND …` tool, which never initialises GTK. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @arg names a command (export, fetch, analyze, help) rather than an app option. */
gboolean cc_cli_handles (const char *arg);
/* Runs the command in argv[1]; returns the process exit status. */
int      cc_cli_run     (int         argc,
                         char      **argv);

/* Whether the command in @arg needs the network libraries, which only chipcycle-app links:
 * `chipcycle` then hands the whole command line over to it. */
gboolean cc_cli_needs_network (const char  *arg);
/* Runs such a command (in chipcycle-app); returns the process exit status. */
int      cc_cli_run_network   (int          argc,
                               char       **argv);

G_END_DECLS
