/* cc-cli.c: dispatches `chipcycle COMMAND …` to the command's own file. */
#define G_LOG_DOMAIN "cc-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cc-cli.h"
#include "cc-cli-private.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} CcCliCommand;

/* Each engineer adds their command here; keep the list sorted. A command without a function
 * needs the network libraries (libsoup, libsecret): `chipcycle` hands it to `chipcycle-app`,
 * which links them, so that every other command starts without loading them. */
static const CcCliCommand commands[] = {
  { "analyze", cc_cli_analyze, N_("Print an event study and the cycle assessment") },
  { "export", cc_cli_export, N_("Draw a chart to a PNG, PDF or SVG file") },
  { "fetch", NULL, N_("Fetch daily closes from a provider and write them as CSV") },
};

void
_cc_cli_error (const char *command,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, always: a multi-line error would break scripts that read the first line. */
  g_strdelimit (message, "\n\r", ' ');
  fprintf (stderr, "chipcycle %s: %s\n", command, message);
}

static int
print_help (FILE *out)
{
  fprintf (out, "%s\n  chipcycle [--gapplication-service | FILE…]\n  chipcycle COMMAND [OPTION…]\n\n",
           _("Usage:"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “chipcycle COMMAND --help” for a command’s options. Without a "
                           "command, Chip Cycle opens its window."));
  return CC_CLI_EXIT_OK;
}

gboolean
cc_cli_handles (const char *arg)
{
  if (arg == NULL)
    return FALSE;
  if (g_str_equal (arg, "help") || g_str_equal (arg, "--help-commands"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (arg, commands[i].name))
      return TRUE;
  return FALSE;
}

gboolean
cc_cli_needs_network (const char *arg)
{
  if (arg == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (arg, commands[i].name))
      return commands[i].run == NULL;
  return FALSE;
}

int
cc_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc > 1, CC_CLI_EXIT_USAGE);

  if (g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--help-commands"))
    return print_help (stdout);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* Commands parse "chipcycle COMMAND --opts" as their own argv[0..]. */
        g_autofree char *prgname = g_strdup_printf ("chipcycle %s", commands[i].name);
        g_set_prgname (prgname);
        if (commands[i].run == NULL)
          {
            _cc_cli_error (argv[1], _("this program cannot run the command; run it through "
                                      "“chipcycle”"));
            return CC_CLI_EXIT_FAILURE;
          }
        return commands[i].run (argc - 1, argv + 1);
      }

  _cc_cli_error (argv[1], _("unknown command; run “chipcycle help” for the list"));
  return CC_CLI_EXIT_USAGE;
}
