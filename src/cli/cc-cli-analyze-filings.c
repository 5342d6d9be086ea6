/* cc-cli-analyze-filings.c: `chipcycle analyze --filings SYMBOL`: the event study over the
 * event days of a company's filings read from SEC EDGAR (its results days with --items 2.02),
 * the average CAR across them with its t, and one row per event. */
#define G_LOG_DOMAIN "cc-cli-analyze-filings"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-data-error.h"
#include "cc-edgar-client.h"
#include "cc-filing-study.h"

#define COMMAND "analyze"

int
_cc_cli_analyze_filings_run (CcDataset  *dataset,
                             const char *symbol,
                             const char *forms_text,
                             const char *items_text,
                             const char *kind_text,
                             int         last,
                             CcDate      as_of,
                             gboolean    json)
{
  g_autoptr(CcEdgarClient) client = _cc_cli_new_edgar_client ();
  g_autoptr(CcEdgarSubmissions) filings = NULL;
  g_autoptr(CcFilingStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) forms = _cc_cli_split_list (forms_text);
  g_auto(GStrv) items = _cc_cli_split_list (items_text);
  g_autofree char *upper = g_ascii_strup (symbol, -1);
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, NULL };

  query.forms = (const char **) forms;
  query.items = (const char **) items;
  filings = cc_edgar_client_get_filings (client, symbol, &query, NULL, &error);
  if (filings == NULL)
    {
      _cc_cli_error (COMMAND, "--filings: %s", error->message);
      return error->domain == CC_DATA_ERROR && error->code == CC_DATA_ERROR_NEEDS_CONTACT
               ? CC_CLI_EXIT_USAGE : CC_CLI_EXIT_FAILURE;
    }
  if (kind_text != NULL)
    {
      CcFilingKind wanted, kind;

      /* cc_cli_analyze() checked the name. */
      if (!cc_filing_kind_from_name (kind_text, &wanted))
        return CC_CLI_EXIT_USAGE;
      /* The kind the chart's marker shows (cc_filing_kind_classify), so the panel's study of
       * "results" and this one take the same filings. */
      for (guint i = 0; i < filings->filings->len;)
        {
          CcEdgarFiling *f = g_ptr_array_index (filings->filings, i);

          if (cc_filing_kind_classify (f->form, (const char * const *) f->items, &kind) &&
              kind == wanted)
            i++;
          else
            g_ptr_array_remove_index (filings->filings, i);
        }
    }
  if (filings->filings->len == 0)
    {
      _cc_cli_error (COMMAND, _("--filings: SEC EDGAR lists no filing of %s matching the "
                                "forms and items asked for"), upper);
      return CC_CLI_EXIT_FAILURE;
    }
  study = cc_filing_study_new (dataset, upper, filings->filings, (guint) last, as_of, &error);
  if (study == NULL)
    {
      _cc_cli_error (COMMAND, "--filings: %s", error->message);
      return CC_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = cc_filing_study_to_json (study);

      _cc_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = cc_filing_study_to_text (study);

      fputs (text, stdout);
    }
  return fflush (stdout) == 0 ? CC_CLI_EXIT_OK : CC_CLI_EXIT_FAILURE;
}
