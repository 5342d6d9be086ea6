/* cc-cli-monitors.c: `chipcycle monitors`: the four monitors fed by reported numbers from SEC
 * EDGAR (hyperscaler capex, Micron's gross margin, NVIDIA's revenue growth, the miners'
 * material agreements), as text or JSON, without a display. */
#define G_LOG_DOMAIN "cc-cli-monitors"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cc-cli-private.h"
#include "cc-data-error.h"
#include "cc-edgar-monitors.h"

#define COMMAND "monitors"

CcReportedMonitors *
_cc_cli_load_monitors_run (const char *command)
{
  g_autoptr(CcEdgarClient) client = _cc_cli_new_edgar_client ();
  g_autoptr(GError) error = NULL;
  CcReportedMonitors *monitors;
  gboolean cache_only = !cc_edgar_client_has_contact (client);

  /* Without a contact nothing is ever sent: whatever the cache holds is used, however old. */
  if (cache_only)
    cc_edgar_client_set_max_age (client, G_MAXINT64);
  monitors = cc_edgar_fetch_monitors (client, CC_DATE_INVALID, NULL, &error);
  if (monitors == NULL)
    {
      if (cache_only && g_error_matches (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT))
        {
          /* Nothing, or not all, was cached (the cache may hold only filings): the offline
           * assessment, as without any cache. */
          return NULL;
        }
      _cc_cli_error (command, _("the SEC EDGAR monitors are left out: %s"), error->message);
      return NULL;
    }
  for (guint i = 0; i < monitors->problems->len; i++)
    _cc_cli_error (command, "%s", (const char *) g_ptr_array_index (monitors->problems, i));
  return monitors;
}

int
cc_cli_monitors (int    argc,
                 char **argv)
{
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 'a', 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Count filings up to this day (default: today)"), N_("DATE") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarClient) client = NULL;
  g_autoptr(CcReportedMonitors) monitors = NULL;
  CcDate as_of = CC_DATE_INVALID;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the monitors fed by reported numbers from SEC "
                                           "EDGAR: hyperscaler capex, Micron’s gross margin, "
                                           "NVIDIA’s revenue growth and the miners’ material "
                                           "agreements. Set CHIPCYCLE_EDGAR_CONTACT to your "
                                           "e-mail address."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      return CC_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      _cc_cli_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
      return CC_CLI_EXIT_USAGE;
    }
  if (as_of_text != NULL && !cc_date_parse_iso (as_of_text, &as_of))
    {
      _cc_cli_error (COMMAND, _("%s: “%s” is not a date (use YYYY-MM-DD)"), "--as-of",
                     as_of_text);
      return CC_CLI_EXIT_USAGE;
    }

  client = _cc_cli_new_edgar_client ();
  monitors = cc_edgar_fetch_monitors (client, as_of, NULL, &error);
  if (monitors == NULL)
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      return error->domain == CC_DATA_ERROR && error->code == CC_DATA_ERROR_NEEDS_CONTACT
               ? CC_CLI_EXIT_USAGE : CC_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < monitors->problems->len; i++)
    _cc_cli_error (COMMAND, "%s", (const char *) g_ptr_array_index (monitors->problems, i));

  if (json)
    {
      g_autoptr(JsonNode) root = cc_reported_monitors_to_json (monitors);

      _cc_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = cc_reported_monitors_to_text (monitors);

      fputs (text, stdout);
    }
  return fflush (stdout) == 0 ? CC_CLI_EXIT_OK : CC_CLI_EXIT_FAILURE;
}
