/* cc-cli.c: dispatches `chipcycle COMMAND …` to the command's own file. */
#define G_LOG_DOMAIN "cc-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cc-cli.h"
#include "cc-cli-private.h"
#include "cc-json-builder.h"

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
  { "compare", cc_cli_compare, N_("Line up an item around several events, or the chip cycles") },
  { "export", cc_cli_export, N_("Draw a chart to a PNG, PDF or SVG file") },
  { "facts", NULL, N_("Print a figure a company reported to the SEC, as filed or per quarter") },
  { "fetch", NULL, N_("Fetch daily closes from a provider and write them as CSV") },
  { "filings", NULL, N_("List a company’s SEC filings with their event days") },
  { "monitors", NULL, N_("Print the monitors fed by figures companies reported to the SEC") },
};

char **
_cc_cli_split_list (const char *text)
{
  g_auto(GStrv) parts = NULL;
  GPtrArray *out;

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, ",", -1);
  out = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (*part != '\0')
        g_ptr_array_add (out, g_strdup (part));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

void
_cc_cli_print_json (JsonNode *root)
{
  g_autofree char *text = cc_json_to_pretty_text (root);

  fputs (text, stdout);
}

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
  fprintf (out, "%s\n  chipcycle [--gapplication-service]\n  chipcycle COMMAND [OPTION…]\n\n",
           _("Usage:"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “chipcycle COMMAND --help” for a command’s options. Without a "
                           "command, Chip Cycle opens its window."));
  return CC_CLI_EXIT_OK;
}

/* What chipcycle-app accepts without a command: GApplication's own options (the application
 * adds none). tests/cli/test-dispatch.c checks this against `chipcycle-app --help-all`. */
static const char * const app_options[] = {
  "-h", "--help", "--help-all", "--help-gapplication", "--gapplication-service",
};

/* Edit distance with adjacent transpositions ("exprot" is one step from "export"). */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = g_new0 (guint, (la + 1) * (lb + 1));

#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (la, lb);
#undef D
}

/* The command or option nearest to @arg, if near enough to be a typing slip; else NULL. */
static const char *
nearest (const char *arg)
{
  const char *stripped = arg;
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint limit;

  while (*stripped == '-')
    stripped++;
  /* A slip is a small part of the word: two edits in "exprot", one in "fech". */
  limit = MAX (1, MIN (3, (guint) strlen (stripped) / 3));

  /* An option first: "--hepl" is nearer "--help" than the command "help". */
  if (*arg == '-')
    for (guint i = 0; i < G_N_ELEMENTS (app_options); i++)
      {
        guint distance = edit_distance (arg, app_options[i]);

        if (distance < best_distance)
          best = app_options[i], best_distance = distance;
      }
  for (guint i = 0; i <= G_N_ELEMENTS (commands); i++)
    {
      const char *name = i < G_N_ELEMENTS (commands) ? commands[i].name : "help";
      guint distance = edit_distance (stripped, name);

      if (distance < best_distance)
        best = name, best_distance = distance;
    }
  return best_distance <= limit ? best : NULL;
}

gboolean
cc_cli_check_app_arguments (int    argc,
                            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      gboolean known = FALSE;
      const char *suggestion;
      g_autoptr(GString) names = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (app_options); j++)
        known = known || g_str_equal (argv[i], app_options[j]);
      if (known)
        continue;

      suggestion = nearest (argv[i]);
      if (argv[i][0] == '-' && suggestion != NULL)
        /* Translators: %s are an option the user typed and what they may have meant. */
        fprintf (stderr, _("chipcycle: unknown option “%s”; did you mean “%s”?\n"), argv[i],
                 suggestion);
      else if (argv[i][0] == '-')
        /* Translators: %s is an option the user typed. */
        fprintf (stderr, _("chipcycle: unknown option “%s”; run “chipcycle help” for the "
                           "commands and “chipcycle --help” for the options\n"), argv[i]);
      else if (suggestion != NULL)
        /* Translators: %s are what the user typed and the command they may have meant. */
        fprintf (stderr, _("chipcycle: unknown command “%s”; did you mean “%s”?\n"), argv[i],
                 suggestion);
      else
        {
          names = g_string_new (NULL);
          for (guint j = 0; j < G_N_ELEMENTS (commands); j++)
            g_string_append_printf (names, "%s, ", commands[j].name);
          g_string_append (names, "help");
          /* Translators: the first %s is what the user typed, the second the list of commands
           * ("analyze, export, fetch, help"). */
          fprintf (stderr, _("chipcycle: unknown command “%s”; the commands are: %s\n"),
                   argv[i], names->str);
        }
      return FALSE;
    }
  return TRUE;
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

const char *
_cc_cli_edgar_cache_dir (void)
{
  static char *dir;

  if (dir == NULL)
    dir = g_build_filename (g_get_user_cache_dir (), "chipcycle", "edgar", NULL);
  return dir;
}

GSettings *
_cc_cli_open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts without its schema, as when run from a build tree without
   * GSETTINGS_SCHEMA_DIR: the command then works as if nothing were saved. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "edgar-contact"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

char *
_cc_cli_edgar_contact (void)
{
  g_autofree char *variable = g_strdup (g_getenv ("CHIPCYCLE_EDGAR_CONTACT"));
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *saved = NULL;

  /* The variable overrides the window's setting; set but empty, it does not. */
  if (variable != NULL && *g_strstrip (variable) != '\0')
    return g_steal_pointer (&variable);
  settings = _cc_cli_open_settings ();
  if (settings == NULL)
    return NULL;
  /* Trimmed, as the window reads it (cc-edgar-store.c). */
  saved = g_strstrip (g_settings_get_string (settings, "edgar-contact"));
  return *saved != '\0' ? g_steal_pointer (&saved) : NULL;
}

/* Whether a command that can use the monitors fed by SEC EDGAR will: with a contact (the
 * variable's or the one saved in the window) they are fetched, and without one they are read
 * from the cache when there is one. */
static gboolean
edgar_monitors_wanted (void)
{
  g_autofree char *contact = _cc_cli_edgar_contact ();

  return contact != NULL || g_file_test (_cc_cli_edgar_cache_dir (), G_FILE_TEST_IS_DIR);
}

gboolean
cc_cli_needs_network (int    argc,
                      char **argv)
{
  const char *arg = argc > 1 ? argv[1] : NULL;

  if (arg == NULL)
    return FALSE;
  /* `analyze --filings` and `export --filings` read the filings from SEC EDGAR. */
  if (g_str_equal (arg, "analyze") || g_str_equal (arg, "export"))
    for (int i = 2; i < argc; i++)
      if (g_str_equal (argv[i], "--filings") || g_str_has_prefix (argv[i], "--filings="))
        return TRUE;
  /* `analyze` and `export --analysis` read the monitors from SEC EDGAR when a contact is set
   * or their replies are cached (unless --no-edgar). */
  if (g_str_equal (arg, "analyze") || g_str_equal (arg, "export"))
    {
      gboolean report = g_str_equal (arg, "analyze");

      for (int i = 2; i < argc; i++)
        {
          if (g_str_equal (argv[i], "--no-edgar"))
            return FALSE;
          if (g_str_equal (argv[i], "--analysis"))
            report = TRUE;
        }
      return report && edgar_monitors_wanted ();
    }
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

  if (cc_cli_check_app_arguments (2, argv))
    _cc_cli_error (argv[1], _("unknown command; run “chipcycle help” for the list"));
  return CC_CLI_EXIT_USAGE;
}
