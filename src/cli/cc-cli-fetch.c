/* cc-cli-fetch.c: `chipcycle fetch SYMBOL…`: daily closes from a provider, written as CSV.
 * Runs the same fetcher as the window in a main loop of its own, with no display. */
#define G_LOG_DOMAIN "cc-cli-fetch"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cc-cli.h"
#include "cc-cli-private.h"
#include "cc-csv.h"
#include "cc-data-error.h"
#include "cc-fetcher.h"
#include "cc-keys.h"

#define COMMAND "fetch"

typedef struct {
  GMainLoop *loop;
  GPtrArray *series;      /* CcSeries or NULL, in argument order */
  GError    *error;       /* the first failure */
  guint      pending;
} FetchState;

typedef struct {
  FetchState *state;
  guint       index;
} FetchItem;

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static gboolean
parse_date_option (const char *option,
                   const char *text,
                   CcDate     *date)
{
  if (text == NULL)
    return TRUE;
  if (!cc_date_parse (text, TRUE, date))
    {
      _cc_cli_error (COMMAND, _("%s: “%s” is not a date (use YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  return TRUE;
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FetchItem *item = user_data;
  FetchState *state = item->state;
  GError *error = NULL;
  CcSeries *series;

  series = cc_fetcher_fetch_finish (CC_FETCHER (object), result, &error);
  if (series != NULL)
    g_ptr_array_index (state->series, item->index) = series;
  else if (state->error == NULL)
    state->error = error;
  else
    g_error_free (error);

  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
  g_free (item);
}

/* The key comes from the environment (for scripts) or the keyring; never from the command
 * line, where other users could read it in the process list. */
static char *
find_api_key (const CcProvider *provider)
{
  g_autofree char *env_name = NULL;
  g_autoptr(GError) error = NULL;
  const char *env;
  char *key;

  if (!provider->needs_api_key)
    return NULL;
  env_name = g_strdup_printf ("CHIPCYCLE_%s_KEY", provider->key);
  for (char *p = env_name; *p; p++)
    *p = g_ascii_toupper (*p);
  env = g_getenv (env_name);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  key = cc_keys_lookup_sync (provider->id, NULL, &error);
  if (error != NULL)
    g_debug ("No key in the keyring for %s: %s", provider->name, error->message);
  return key;
}

int
cc_cli_fetch (int    argc,
              char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *provider_text = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day (default: a year before the last day)"), N_("DATE") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to_text, N_("Last day (default: today)"),
      N_("DATE") },
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &provider_text,
      N_("Where to fetch from: yahoo (default), stooq, alphavantage, tiingo or twelvedata"),
      N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the CSV to this file instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcFetcher) fetcher = NULL;
  g_autoptr(GMainContext) main_context = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autofree char *csv = NULL;
  char *api_key = NULL;
  const CcProvider *provider = cc_provider_get (CC_PROVIDER_YAHOO);
  FetchState state = { NULL, };
  CcDate from = CC_DATE_INVALID, to = CC_DATE_INVALID;
  gsize length;

  context = g_option_context_new (_("SYMBOL…"));
  g_option_context_set_summary (context, _("Fetch daily closes and write them as CSV "
                                           "(Date,Symbol,Close,Provenance,Flags,Source). Keys "
                                           "for the other providers come from "
                                           "CHIPCYCLE_STOOQ_KEY, CHIPCYCLE_ALPHAVANTAGE_KEY, "
                                           "CHIPCYCLE_TIINGO_KEY, CHIPCYCLE_TWELVEDATA_KEY or "
                                           "the keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      return CC_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      _cc_cli_error (COMMAND, _("name at least one symbol, e.g. “chipcycle fetch ^SOX NVDA”"));
      return CC_CLI_EXIT_USAGE;
    }
  if (provider_text != NULL && (provider = cc_provider_lookup (provider_text)) == NULL)
    {
      _cc_cli_error (COMMAND, _("unknown provider “%s” (use yahoo, stooq, alphavantage, tiingo "
                                "or twelvedata)"), provider_text);
      return CC_CLI_EXIT_USAGE;
    }
  if (!parse_date_option ("--from", from_text, &from) ||
      !parse_date_option ("--to", to_text, &to))
    return CC_CLI_EXIT_USAGE;
  if (to == CC_DATE_INVALID)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      to = cc_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                             g_date_time_get_day_of_month (now));
    }
  if (from == CC_DATE_INVALID)
    from = cc_date_add_months (to, -12);
  if (from > to)
    {
      _cc_cli_error (COMMAND, _("--from is after --to"));
      return CC_CLI_EXIT_USAGE;
    }

  main_context = g_main_context_new ();
  g_main_context_push_thread_default (main_context);

  /* The session must be made inside the context it will run in. */
  fetcher = cc_fetcher_new ();
  api_key = find_api_key (provider);
  cc_fetcher_set_api_key (fetcher, provider->id, api_key);
  cc_keys_free (api_key);

  state.loop = g_main_loop_new (main_context, FALSE);
  state.series = g_ptr_array_new_with_free_func (unref_if_set);
  g_ptr_array_set_size (state.series, argc - 1);
  state.pending = argc - 1;
  for (int i = 1; i < argc; i++)
    {
      FetchItem *item = g_new0 (FetchItem, 1);

      item->state = &state;
      item->index = i - 1;
      cc_fetcher_fetch_async (fetcher, provider->id, argv[i], from, to, NULL, fetch_cb, item);
    }
  if (state.pending > 0)
    g_main_loop_run (state.loop);

  g_clear_object (&fetcher);
  /* Let libsoup finish closing its connections in this context before it goes away. */
  while (g_main_context_iteration (main_context, FALSE))
    ;
  g_main_context_pop_thread_default (main_context);
  g_main_loop_unref (state.loop);
  series = g_steal_pointer (&state.series);

  if (state.error != NULL)
    {
      _cc_cli_error (COMMAND, "%s", state.error->message);
      g_error_free (state.error);
      return CC_CLI_EXIT_FAILURE;
    }

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!cc_csv_export_file (series, from, to, file, NULL, &error))
        {
          _cc_cli_error (COMMAND, _("could not write %s: %s"), output, error->message);
          return CC_CLI_EXIT_FAILURE;
        }
      return CC_CLI_EXIT_OK;
    }

  csv = cc_csv_export (series, from, to, &length);
  if (fwrite (csv, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      _cc_cli_error (COMMAND, _("could not write to standard output"));
      return CC_CLI_EXIT_FAILURE;
    }
  return CC_CLI_EXIT_OK;
}

int
cc_cli_run_network (int    argc,
                    char **argv)
{
  g_return_val_if_fail (argc > 1, CC_CLI_EXIT_USAGE);

  if (g_str_equal (argv[1], "fetch"))
    {
      g_set_prgname ("chipcycle fetch");
      return cc_cli_fetch (argc - 1, argv + 1);
    }
  if (g_str_equal (argv[1], "filings"))
    {
      g_set_prgname ("chipcycle filings");
      return cc_cli_filings (argc - 1, argv + 1);
    }
  _cc_cli_analyze_filings = _cc_cli_analyze_filings_run;
  _cc_cli_export_filings = _cc_cli_export_filings_fetch;
  _cc_cli_load_monitors = _cc_cli_load_monitors_run;
  if (g_str_equal (argv[1], "monitors"))
    {
      g_set_prgname ("chipcycle monitors");
      return cc_cli_monitors (argc - 1, argv + 1);
    }
  if (g_str_equal (argv[1], "facts"))
    {
      g_set_prgname ("chipcycle facts");
      return cc_cli_facts (argc - 1, argv + 1);
    }
  return cc_cli_run (argc, argv);
}
